import { fail, OK, type ValidatorResult } from './types.js';
import { base58CheckDecode } from './util/base58.js';
import { bytesToBigInt } from './util/hash.js';
import { isValidSecp256k1Scalar } from './util/secp256k1.js';
import { isPublicSecp256k1Key } from './public-test-values.js';

/** WIF version bytes: 0x80 mainnet, 0xEF testnet/regtest. */
export const WIF_VERSIONS: ReadonlySet<number> = new Set([0x80, 0xef]);

/**
 * Bitcoin Wallet Import Format: base58check(version ‖ 32-byte key [‖ 0x01 if compressed]), checksum = first 4
 * bytes of SHA-256(SHA-256(payload)); the key must be a valid secp256k1 scalar.
 */
export function base58checkWif(secret: string): ValidatorResult {
  if (secret.length < 50 || secret.length > 53) return fail('WIF is 51 or 52 characters');
  const d = base58CheckDecode(secret);
  if ('error' in d) return fail(d.error);
  const p = d.payload;
  if (p.length !== 33 && p.length !== 34) return fail(`payload is ${p.length} bytes (need 33 or 34)`);
  if (!WIF_VERSIONS.has(p[0] as number)) return fail('unknown WIF version byte');
  if (p.length === 34 && p[33] !== 0x01) return fail('compression flag is not 0x01');
  const key = bytesToBigInt(p.subarray(1, 33));
  if (!isValidSecp256k1Scalar(key)) return fail('key is not in [1, n)');
  if (isPublicSecp256k1Key(p.subarray(1, 33))) return fail('published test key (BIP-32/BIP-39 vectors, dev-tool defaults)');
  return OK;
}
