import { fail, OK, type ValidatorResult } from './types.js';
import { checkMnemonicChecksum } from './util/bip39-words.js';
import { bytesToHex } from './util/hash.js';
import { BIP39_VECTOR_ENTROPIES, PUBLIC_MNEMONICS } from './public-test-values.js';

const PUBLIC_SET = new Set(PUBLIC_MNEMONICS);
const VECTOR_SET = new Set(BIP39_VECTOR_ENTROPIES);

/** Why a checksum-valid mnemonic is still not a secret (public test value or obviously synthetic), or null. */
export function publicMnemonicReason(words: readonly string[], entropy: Uint8Array): string | null {
  if (PUBLIC_SET.has(words.join(' '))) return 'well-known public test mnemonic';
  const hex = bytesToHex(entropy);
  if (VECTOR_SET.has(hex)) return 'BIP-39 published test vector';
  if (entropy.every((b) => b === entropy[0])) return 'entropy is one repeated byte (test vector style)';
  if (new Set(words).size * 2 < words.length) return 'fewer than half the words are distinct';
  return null;
}

/** BIP-39 mnemonic: 12/15/18/21/24 English words, valid checksum, and not a public test mnemonic. */
export function bip39(secret: string): ValidatorResult {
  const r = checkMnemonicChecksum(secret);
  if (!r.ok) return fail(r.reason);
  const pub = publicMnemonicReason(r.words, r.entropy);
  return pub === null ? OK : fail(pub);
}
