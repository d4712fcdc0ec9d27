import { wordlist } from '@scure/bip39/wordlists/english.js';
import { sha256 } from './hash.js';

/** The 2048-word BIP-39 English list (from @scure/bip39) and a word → index map. */
export const BIP39_WORDS: readonly string[] = wordlist;
if (BIP39_WORDS.length !== 2048) throw new Error('BIP-39 English word list must have 2048 words');

export const BIP39_INDEX: ReadonlyMap<string, number> = new Map(BIP39_WORDS.map((w, i) => [w, i]));

export const BIP39_WORD_COUNTS = [12, 15, 18, 21, 24] as const;

/** Split a candidate into words: any run of whitespace (or commas) separates; NFKD + lower-case. */
export function splitMnemonic(text: string): string[] {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .split(/[\s,]+/)
    .filter((w) => w.length > 0);
}

/** Word indices → entropy bytes and the checksum bits as stored, or null when the count is not 12/15/18/21/24. */
function unpack(indices: readonly number[]): { entropy: Uint8Array; stored: number; csBits: number } | null {
  const totalBits = indices.length * 11;
  if (!(BIP39_WORD_COUNTS as readonly number[]).includes(indices.length)) return null;
  const csBits = totalBits / 33; // ENT/32 where ENT = totalBits * 32/33
  const entBits = totalBits - csBits;
  let bits = 0n;
  for (const i of indices) bits = (bits << 11n) | BigInt(i);
  const stored = Number(bits & ((1n << BigInt(csBits)) - 1n));
  const ent = bits >> BigInt(csBits);
  const entropy = new Uint8Array(entBits / 8);
  let e = ent;
  for (let k = entropy.length - 1; k >= 0; k--) {
    entropy[k] = Number(e & 0xffn);
    e >>= 8n;
  }
  return { entropy, stored, csBits };
}

function checksumBits(entropy: Uint8Array, csBits: number): number {
  const h = sha256(entropy)[0] as number; // csBits ≤ 8
  return h >> (8 - csBits);
}

export type MnemonicCheck =
  | { ok: true; entropy: Uint8Array; words: string[] }
  | { ok: false; reason: string };

/** The pure BIP-39 structure check: word count, every word in the list, and the SHA-256 checksum bits. */
export function checkMnemonicChecksum(text: string): MnemonicCheck {
  const words = splitMnemonic(text);
  if (!(BIP39_WORD_COUNTS as readonly number[]).includes(words.length)) {
    return { ok: false, reason: `${words.length} words (need 12/15/18/21/24)` };
  }
  const indices: number[] = [];
  for (const w of words) {
    const i = BIP39_INDEX.get(w);
    if (i === undefined) return { ok: false, reason: `word not in the BIP-39 English list: ${w.slice(0, 2)}…` };
    indices.push(i);
  }
  const u = unpack(indices);
  if (u === null) return { ok: false, reason: 'bad word count' };
  if (checksumBits(u.entropy, u.csBits) !== u.stored) return { ok: false, reason: 'BIP-39 checksum mismatch' };
  return { ok: true, entropy: u.entropy, words };
}

/** Entropy (16/20/24/28/32 bytes) → mnemonic words (used by the fake generators and tests). */
export function entropyToMnemonic(entropy: Uint8Array): string[] {
  if (![16, 20, 24, 28, 32].includes(entropy.length)) throw new RangeError('entropy must be 16..32 bytes, step 4');
  const csBits = entropy.length / 4;
  let bits = 0n;
  for (const b of entropy) bits = (bits << 8n) | BigInt(b);
  bits = (bits << BigInt(csBits)) | BigInt(checksumBits(entropy, csBits));
  const count = ((entropy.length * 8 + csBits) / 11) | 0;
  const words: string[] = [];
  for (let k = count - 1; k >= 0; k--) words.push(BIP39_WORDS[Number((bits >> BigInt(11 * k)) & 0x7ffn)] as string);
  return words;
}
