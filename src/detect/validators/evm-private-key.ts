import { fail, OK, type ValidatorResult } from './types.js';
import { isShortPeriodic, distinctCount } from './util/patterns.js';
import { isValidSecp256k1Scalar } from './util/secp256k1.js';
import { isPublicSecp256k1Key } from './public-test-values.js';

/**
 * EVM (secp256k1) private key: 64 hex with optional 0x, value in [1, n), not a short repeating pattern, and not a
 * well-known public development key (Hardhat/Anvil/Ganache default accounts).
 */
export function evmPrivateKey(secret: string): ValidatorResult {
  const hex = secret.startsWith('0x') || secret.startsWith('0X') ? secret.slice(2) : secret;
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return fail('not 64 hex characters');
  const lower = hex.toLowerCase();
  if (!isValidSecp256k1Scalar(BigInt('0x' + lower))) return fail('value is not in [1, n) for secp256k1');
  if (isShortPeriodic(lower)) return fail('short repeating pattern, not a random key');
  // A uniformly random 64-hex string uses at least 8 distinct digits with overwhelming probability (> 1 - 1e-17).
  if (distinctCount(lower) < 8) return fail('too few distinct hex digits for a random key');
  if (isPublicSecp256k1Key(lower)) return fail('well-known public key (Hardhat/Anvil/Ganache defaults, BIP-32/BIP-39 vectors)');
  return OK;
}
