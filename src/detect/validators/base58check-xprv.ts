import { fail, OK, type ValidatorResult } from './types.js';
import { base58CheckDecode } from './util/base58.js';
import { bytesToBigInt } from './util/hash.js';
import { isValidSecp256k1Scalar } from './util/secp256k1.js';
import { isPublicSecp256k1Key } from './public-test-values.js';

/** Version bytes of BIP-32 extended PRIVATE keys (SLIP-0132 registry). The matching `…pub` versions are public. */
export const XPRV_VERSIONS: Readonly<Record<string, number>> = {
  xprv: 0x0488ade4, // BIP-32 mainnet (BIP-44)
  tprv: 0x04358394, // testnet
  yprv: 0x049d7878, // BIP-49 P2WPKH-in-P2SH
  zprv: 0x04b2430c, // BIP-84 P2WPKH
  Yprv: 0x0295b005, // multisig P2WSH-in-P2SH
  Zprv: 0x02aa7a99, // multisig P2WSH
  uprv: 0x044a4e28, // testnet BIP-49
  vprv: 0x045f18bc, // testnet BIP-84
};
const VERSION_SET = new Set(Object.values(XPRV_VERSIONS));

/**
 * BIP-32 serialized extended private key: base58check of 78 bytes =
 * version(4) ‖ depth(1) ‖ parent fingerprint(4) ‖ child number(4) ‖ chain code(32) ‖ 0x00 ‖ key(32).
 */
export function base58checkXprv(secret: string): ValidatorResult {
  if (secret.length !== 111) return fail('extended key is 111 characters');
  const d = base58CheckDecode(secret);
  if ('error' in d) return fail(d.error);
  const p = d.payload;
  if (p.length !== 78) return fail(`payload is ${p.length} bytes (need 78)`);
  const version = ((p[0] as number) << 24) | ((p[1] as number) << 16) | ((p[2] as number) << 8) | (p[3] as number);
  if (!VERSION_SET.has(version >>> 0)) return fail('version bytes are not an extended private key version');
  if (p[45] !== 0x00) return fail('byte 45 is not 0x00');
  const depth = p[4] as number;
  const parentAndChildZero = p.subarray(5, 13).every((b) => b === 0);
  if (depth === 0 && !parentAndChildZero) return fail('depth 0 with non-zero parent fingerprint or child number');
  const key = bytesToBigInt(p.subarray(46, 78));
  if (!isValidSecp256k1Scalar(key)) return fail('key is not in [1, n)');
  if (isPublicSecp256k1Key(p.subarray(46, 78))) return fail('published test key (BIP-32/BIP-39 vectors, dev-tool defaults)');
  return OK;
}
