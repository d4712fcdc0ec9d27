import { bip39 } from './bip39.js';
import { fail, type ValidatorResult } from './types.js';

/**
 * BIP-39 mnemonic written as a list (numbered lines, one word per line, comma-separated, a JSON array): the
 * lower-case words are taken in order, ignoring numbering and punctuation, and checked as a mnemonic.
 */
export function bip39List(secret: string): ValidatorResult {
  const words = secret.match(/[a-z]+/g) ?? [];
  if (![12, 15, 18, 21, 24].includes(words.length)) return fail(`${words.length} words, not 12/15/18/21/24`);
  return bip39(words.join(' '));
}
