import { fail, OK, type ValidatorResult } from './types.js';
import { base58Decode } from './util/base58.js';
import { ed25519PublicFromSeed } from './util/ed25519.js';
import { equalBytes } from './util/hash.js';

/** Parse `[n, n, …]` (JSON array of byte values) or base58 into bytes; null when neither. */
export function parseSolanaSecret(secret: string): Uint8Array | null {
  const t = secret.trim();
  if (t.startsWith('[')) {
    if (!/^\[\s*\d{1,3}(?:\s*,\s*\d{1,3})*\s*,?\s*\]$/.test(t)) return null;
    const nums = t
      .slice(1, -1)
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0)
      .map(Number);
    if (nums.some((n) => n > 255)) return null;
    return Uint8Array.from(nums);
  }
  return base58Decode(t);
}

/**
 * Solana keypair (solana-keygen id.json, Phantom export): 64 bytes = Ed25519 seed (32) ‖ public key (32).
 * Valid when bytes 32..63 equal the Ed25519 public key derived from bytes 0..31.
 */
export function solanaKeypair(secret: string): ValidatorResult {
  const bytes = parseSolanaSecret(secret);
  if (bytes === null) return fail('neither base58 nor a JSON array of bytes');
  if (bytes.length !== 64) return fail(`${bytes.length} bytes (need 64)`);
  const seed = bytes.subarray(0, 32);
  if (seed.every((b) => b === seed[0])) return fail('seed is one repeated byte');
  if (!equalBytes(ed25519PublicFromSeed(seed), bytes.subarray(32))) {
    return fail('bytes 32..63 are not the Ed25519 public key of bytes 0..31');
  }
  return OK;
}
