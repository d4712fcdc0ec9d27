import { isPublicGoogleApiKey, isPublicSecp256k1Key } from './public-test-values.js';
import { fail, OK, type ValidatorResult } from './types.js';

/**
 * For rules that accept any random-looking value (the generic assignment): drops the published development keys
 * (Hardhat/Anvil/Ganache accounts, BIP-32/BIP-39 vector keys) that the specific EVM rule already refuses, so a
 * `PRIVATE_KEY=0x<Hardhat account #0>` line stays quiet instead of falling through to the generic rule; and the Google
 * API keys Google publishes in its Firebase SDKs' tests (public-test-values.ts), for the Google key rule too.
 */
export function notPublicTestValue(secret: string): ValidatorResult {
  const hex = /^(?:0[xX])?([0-9a-fA-F]{64})$/.exec(secret)?.[1];
  if (hex !== undefined && isPublicSecp256k1Key(hex.toLowerCase())) return fail('well-known public development key');
  if (isPublicGoogleApiKey(secret)) return fail('a Google API key published in Google\'s own Firebase SDK tests');
  return OK;
}
