// Structural gates: cheap necessary conditions, checked in code, for rules whose keywords cannot gate them (a seed
// phrase or a base58 key needs no keyword nearby) or whose keywords occur in almost every source file. A rule names
// its gate (`gate:` in its spec); the engine runs the rule's regex only on text for which the gate holds. Every gate
// is a superset of what its rule can report: it only rules out text the regex (plus its validator) cannot match, so
// recall is unchanged. A gate needs a run of some minimum length, so it looks at every n-th character only.

import { BIP39_INDEX } from './validators/util/bip39-words.js';

/** Bits of one pass's verdict. */
const WIF_RUN = 1; // a maximal [A-Za-z0-9] run of 51–52 characters, all base58
const B58_64 = 2; // a maximal [A-Za-z0-9] run of 86–88 characters, all base58 (64 bytes in base58)
const BYTE_ARRAY = 4; // 63 or more consecutive `\s*\d{1,3}\s*,` items (a JSON array of 64 bytes)
const HEX_64 = 8; // 64 or more consecutive hex digits
const HEX_24 = 32; // 24 or more consecutive hex digits
const HEX_32 = 64; // 32 or more consecutive hex digits
const WORDS_12 = 16; // 12 or more BIP-39 English words (lower case, each a whole letter run), single spaces apart
const WORDS_LIST = 128; // 12 or more BIP-39 English words in a row, apart by list separators (see chainThrough)

/** Gate name → the verdict bits of which at least one must be set. */
export const GATES: Readonly<Record<string, number>> = {
  /** Bitcoin WIF private keys: a whole base58 token of 51 or 52 characters. */
  'base58-wif': WIF_RUN,
  /** Solana-style 64-byte secret keys: a whole base58 token of 86–88 characters, or a list of 64 small numbers. */
  'base58-64-bytes': B58_64 | BYTE_ARRAY,
  /** Hex secrets of 12, 16 or 32 bytes: a run of at least 24, 32 or 64 hex digits. */
  'hex-24': HEX_24,
  'hex-32': HEX_32,
  'hex-64': HEX_64,
  /** BIP-39 seed phrases: at least 12 words of the BIP-39 English list in a row, one space apart. */
  'bip39-words': WORDS_12,
  /** BIP-39 seed phrases written as a list (numbered, one per line, comma-separated, a JSON array). */
  'bip39-list': WORDS_LIST,
};

export const gateNames: ReadonlySet<string> = new Set(Object.keys(GATES));


// Character classes for ASCII, as bit sets.
const ALNUM = 1;
const B58 = 2;
const HEX = 4;
const LOWER = 8;
const UPPER = 16;
const DIGIT = 32;
const SPACE = 64;
const COMMA = 128;
const LOWER_OR_SPACE = 256;
const LIST = 512; // what a written-out word list is made of, besides white space: [a-z0-9] and , " . ) :
const CLASS = new Uint16Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  let k = 0;
  if (/[A-Za-z0-9]/.test(ch)) k |= ALNUM;
  if (/[1-9A-HJ-NP-Za-km-z]/.test(ch)) k |= B58;
  if (/[0-9a-fA-F]/.test(ch)) k |= HEX;
  if (/[a-z]/.test(ch)) k |= LOWER;
  if (/[A-Z]/.test(ch)) k |= UPPER;
  if (/[0-9]/.test(ch)) k |= DIGIT;
  if (/\s/.test(ch)) k |= SPACE;
  if (ch === ',') k |= COMMA;
  if (/[a-z ]/.test(ch)) k |= LOWER_OR_SPACE;
  if (/[a-z0-9,".):]/.test(ch)) k |= LIST;
  CLASS[c] = k;
}

/** `\s` beyond ASCII (JavaScript's definition), so a byte array spaced with NBSP still counts. */
const UNICODE_SPACES = [0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff];

// The class bits of every UTF-16 code unit, so the loops below look a character up without a branch.
const CLASS16 = new Uint16Array(0x10000);
CLASS16.set(CLASS);
for (const c of UNICODE_SPACES) CLASS16[c] = SPACE;

/**
 * Calls `test(from, to)` on every maximal run of class `k` at least `min` long (within text[from, to) when given),
 * until it returns true. Looks at few
 * characters: from a position in the class it reads backwards only, to where the run starts (at most `min` back);
 * a run starting there that is long enough reaches `min - 1` further on, so that is the next position to look at
 * (or `min` on from a position outside the class). Every run at least `min` long is met, and read whole once.
 */
function someRunText(text: string, min: number, k: number, test: (from: number, to: number) => boolean, from = 0, to = text.length): boolean {
  const n = to;
  for (let i = from + min - 1; i < n; ) {
    if ((CLASS16[text.charCodeAt(i)]! & k) === 0) {
      i += min;
      continue;
    }
    const stop = i - min + 1;
    let a = i;
    while (a > stop && (CLASS16[text.charCodeAt(a - 1)]! & k) !== 0) a -= 1;
    if (a > stop) {
      // The run holding i starts at a, less than `min` back: look where a run from a would have to reach.
      i = a + min - 1;
      continue;
    }
    while (a > from && (CLASS16[text.charCodeAt(a - 1)]! & k) !== 0) a -= 1;
    let b = i + 1;
    while (b < n && (CLASS16[text.charCodeAt(b)]! & k) !== 0) b += 1;
    if (test(a, b)) return true;
    i = b + min;
  }
  return false;
}

// The class bits of every byte, for texts whose UTF-8 bytes are their characters (ASCII): bytes from 0x80 on are in
// no class.
const CLASS8 = new Uint16Array(256);
CLASS8.set(CLASS);

/**
 * {@link someRunText} over the bytes of an ASCII text (each byte is the character at the same offset): reading a byte
 * array is about twice as fast as reading a string, and this loop reads a large part of every file.
 */
function someRunBytes(bytes: Uint8Array, min: number, k: number, test: (from: number, to: number) => boolean, from = 0, to = bytes.length): boolean {
  const n = to;
  for (let i = from + min - 1; i < n; ) {
    if ((CLASS8[bytes[i]!]! & k) === 0) {
      i += min;
      continue;
    }
    const stop = i - min + 1;
    let a = i;
    while (a > stop && (CLASS8[bytes[a - 1]!]! & k) !== 0) a -= 1;
    if (a > stop) {
      i = a + min - 1;
      continue;
    }
    while (a > from && (CLASS8[bytes[a - 1]!]! & k) !== 0) a -= 1;
    let b = i + 1;
    while (b < n && (CLASS8[bytes[b]!]! & k) !== 0) b += 1;
    if (test(a, b)) return true;
    i = b + min;
  }
  return false;
}

/** Longest gap between two listed words the list rule allows (its separators plus numbering), with room to spare. */
const MAX_GAP = 40;

const isLower = (c: number): boolean => c >= 97 && c <= 122;

// A 16-bit hash of each BIP-39 word, as a bit set: most words that are not on the list are turned away by one
// table look-up, without cutting the word out of the text.
const wordHash = (text: string, s: number, e: number): number => {
  let h = 0;
  for (let i = s; i < e; i++) h = (h * 31 + text.charCodeAt(i)) & 0xffff;
  return h;
};
const BIP39_HASHES = new Uint8Array(0x10000);
for (const w of BIP39_INDEX.keys()) BIP39_HASHES[wordHash(w, 0, w.length)] = 1;

/** Whether text[s, e) is a BIP-39 English word. */
function bip39Word(text: string, s: number, e: number): boolean {
  return e - s >= 3 && e - s <= 8 && BIP39_HASHES[wordHash(text, s, e)] === 1 && BIP39_INDEX.has(text.slice(s, e));
}

// The scans of chainThrough, as plain functions rather than closures made at each call (it is called at every 47th
// character of every long enough run, so those allocations showed in profiles). Each stops after MAX_GAP + 1
// characters (a gap) or 9 (a word): what a longer one means (no chain here) is known by then, and a long stretch of
// blanks or digits is not read again at each of its test positions.

/** The first lower-case letter from i on (within `to`, at most MAX_GAP + 1 characters on). */
function gapEnd(text: string, to: number, i: number): number {
  const stop = Math.min(to, i + MAX_GAP + 1);
  while (i < stop && !isLower(text.charCodeAt(i))) i += 1;
  return i;
}

/** Where the gap ending at i starts (within `from`, at most MAX_GAP + 1 characters back). */
function gapStart(text: string, from: number, i: number): number {
  const stop = Math.max(from, i - MAX_GAP - 1);
  while (i > stop && !isLower(text.charCodeAt(i - 1))) i -= 1;
  return i;
}

/** Where the word holding i ends (at most 9 characters on). */
function wordEnd(text: string, to: number, i: number): number {
  const stop = Math.min(to, i + 9);
  while (i < stop && isLower(text.charCodeAt(i))) i += 1;
  return i;
}

/** Where the word ending at i starts (at most 9 characters back). */
function wordStart(text: string, from: number, i: number): number {
  const stop = Math.max(from, i - 9);
  while (i > stop && isLower(text.charCodeAt(i - 1))) i -= 1;
  return i;
}

/**
 * Whether text[a, b) is a gap between two words inside text[from, to): one space, or (in a list, `oneSpace` false) a
 * gap holding a comma, a line break or a digit, as every separator the list rule accepts does (a bare space only
 * before a number).
 */
function gapOk(text: string, from: number, to: number, a: number, b: number, oneSpace: boolean): boolean {
  if (a <= from || b >= to || b - a > MAX_GAP || !isLower(text.charCodeAt(b)) || !isLower(text.charCodeAt(a - 1))) return false;
  if (oneSpace) return b - a === 1 && text.charCodeAt(a) === 32;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 10 || (c >= 48 && c <= 57)) return true;
  }
  return false;
}

/**
 * Whether 12 or more BIP-39 words in a row, each a whole run of lower-case letters inside text[from, to), pass
 * through position p. With `oneSpace`, words must be exactly one space apart; otherwise any gap holding a comma, a
 * line break or a digit may separate them.
 */
function chainThrough(text: string, from: number, to: number, p: number, oneSpace: boolean): boolean {
  // [s, e): the word p is in, or the two words around p (and the gap between) when p is between words.
  let s: number;
  let e: number;
  let words: number;
  if (isLower(text.charCodeAt(p))) {
    s = wordStart(text, from, p);
    e = wordEnd(text, to, p);
    if (!bip39Word(text, s, e)) return false;
    words = 1;
  } else {
    const g0 = gapStart(text, from, p);
    const g1 = gapEnd(text, to, p);
    if (!gapOk(text, from, to, g0, g1, oneSpace)) return false;
    s = wordStart(text, from, g0);
    e = wordEnd(text, to, g1);
    if (!bip39Word(text, s, g0) || !bip39Word(text, g1, e)) return false;
    words = 2;
  }
  // Rightwards from e, then leftwards from s, one gap and one word at a time.
  for (let i = e; words < 12; ) {
    const j = gapEnd(text, to, i);
    if (!gapOk(text, from, to, i, j, oneSpace)) break;
    const k = wordEnd(text, to, j);
    if (!bip39Word(text, j, k)) break;
    words += 1;
    i = k;
  }
  for (let i = s; words < 12; ) {
    const j = gapStart(text, from, i);
    if (!gapOk(text, from, to, j, i, oneSpace)) break;
    const k = wordStart(text, from, j);
    if (!bip39Word(text, k, j)) break;
    words += 1;
    i = k;
  }
  return words >= 12;
}

/**
 * Whether the run text[from, to) holds 12 BIP-39 words in a row (see {@link chainThrough}). Such a chain is at least
 * `min` characters long, so it covers one of the positions from + min - 1, from + 2·min - 1, …: testing those finds
 * every chain while reading only the words around them.
 */
function wordChain(text: string, from: number, to: number, min: number, oneSpace: boolean): boolean {
  for (let p = from + min - 1; p < to; p += min) if (chainThrough(text, from, to, p, oneSpace)) return true;
  return false;
}

/** Whether text[from, to) holds 63 or more `\s*\d{1,3}\s*,` items in a row (see BYTE_ARRAY). */
function byteItems(text: string, from: number, to: number): boolean {
  let state = 0; // 0 expecting an item, 1 in its digits, 2 after its digits, 3 broken until the next comma
  let digits = 0;
  let items = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (state === 0) {
        state = 1;
        digits = 1;
      } else if (state === 1) {
        if (++digits > 3) state = 3;
      } else state = 3;
    } else if (c === 44) {
      if (state === 1 || state === 2) {
        if (++items >= 63) return true;
      } else items = 0;
      state = 0;
    } else if (state === 1) state = 2; // whitespace: the run holds nothing else
  }
  return false;
}

/** The base58 gate a whole alphanumeric run of this length would pass, by length alone: WIF_RUN, B58_64 or 0. */
function base58Bit(len: number): number {
  return len === 51 || len === 52 ? WIF_RUN : len >= 86 && len <= 88 ? B58_64 : 0;
}

/** Whether every character of text[a, b) is base58. */
function allBase58(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (!(CLASS16[text.charCodeAt(i)]! & B58)) return false;
  return true;
}

/**
 * The gates decided by one test of each long enough run: bit, shortest run, character class, test of a run. Where
 * they hold, for {@link gateWindows}, which needs each gate's own runs; {@link gateScan} decides all three in one pass.
 */
const RUN_TESTS: readonly { bit: number; min: number; k: number; test: (text: string, a: number, b: number) => boolean }[] = [
  // 12 words of 3+ letters and 11 spaces: at least 47 characters of [a-z ].
  { bit: WORDS_12, min: 47, k: LOWER_OR_SPACE, test: (t, a, b) => wordChain(t, a, b, 47, true) },
  // The same 12 words written as a list: at least 47 characters of list characters and white space.
  { bit: WORDS_LIST, min: 47, k: LIST | SPACE, test: (t, a, b) => wordChain(t, a, b, 47, false) },
  // 64 items of at least a digit and a comma, less the last comma: at least 127 characters of [0-9,\s].
  { bit: BYTE_ARRAY, min: 127, k: DIGIT | SPACE | COMMA, test: byteItems },
];

/**
 * Which of the verdict bits in `want` hold for `text`. Each looks only at every n-th character (n: the shortest
 * run that can hold a match) and inspects the runs found there. Exported for tests; the engine uses {@link gatePasses}.
 */
export function gateScan(text: string, want: number, utf8?: Uint8Array): number {
  let found = 0;
  // Runs are found in the bytes when they are the characters (an ASCII text), and tested in the text at the same offsets.
  const bytes = utf8 && utf8.length === text.length ? utf8 : null;
  const someRun = (min: number, k: number, test: (from: number, to: number) => boolean, from?: number, to?: number): boolean =>
    bytes ? someRunBytes(bytes, min, k, test, from, to) : someRunText(text, min, k, test, from, to);
  if (want & (WIF_RUN | B58_64)) {
    someRun(51, ALNUM, (a, b) => {
      const bit = base58Bit(b - a);
      if (!(bit & want) || found & bit || !allBase58(text, a, b)) return false;
      found |= bit;
      return (found & want & (WIF_RUN | B58_64)) === (want & (WIF_RUN | B58_64));
    });
  }
  if (want & (HEX_24 | HEX_32 | HEX_64)) {
    const hexWant = want & (HEX_24 | HEX_32 | HEX_64);
    const min = want & HEX_24 ? 24 : want & HEX_32 ? 32 : 64;
    someRun(min, HEX, (a, b) => {
      const len = b - a;
      found |= (len >= 24 ? HEX_24 : 0) | (len >= 32 ? HEX_32 : 0) | (len >= 64 ? HEX_64 : 0);
      return (found & hexWant) === hexWant;
    });
  }
  // With the list gate, the word and byte-array gates in one pass: their classes ([a-z ], list characters, [0-9,\s])
  // all lie within list characters and white space, so each of their runs lies in a run of that class at least as
  // long, and only those runs (47 characters or more) need a closer look: the word chains are looked for in them
  // directly, the byte arrays in their runs of [0-9,\s] of 127 or more. Without it (the list rule has keywords, so
  // most files do not ask for it), each in its own narrower class: source code is full of runs of list characters
  // (lower-case code, with digits and punctuation) but has few runs of [a-z ] 47 long, or of [0-9,\s] 127 long.
  const listWant = want & (WORDS_12 | WORDS_LIST | BYTE_ARRAY);
  if (listWant && !(listWant & WORDS_LIST)) {
    if (listWant & WORDS_12 && someRun(47, LOWER_OR_SPACE, (a, b) => wordChain(text, a, b, 47, true))) found |= WORDS_12;
    if (listWant & BYTE_ARRAY && someRun(127, DIGIT | SPACE | COMMA, (a, b) => byteItems(text, a, b))) found |= BYTE_ARRAY;
  } else if (listWant) {
    someRun(47, LIST | SPACE, (a, b) => {
      const open = listWant & ~found;
      if (open & WORDS_LIST && wordChain(text, a, b, 47, false)) found |= WORDS_LIST;
      if (open & WORDS_12 && wordChain(text, a, b, 47, true)) found |= WORDS_12;
      if (open & BYTE_ARRAY && b - a >= 127 && someRun(127, DIGIT | SPACE | COMMA, (x, y) => byteItems(text, x, y), a, b)) found |= BYTE_ARRAY;
      return (found & listWant) === listWant;
    });
  }
  return found;
}

/**
 * Where the named gate holds: every run that passes it (a whole base58 token of the right length, a run of list
 * characters holding 12 BIP-39 words, …), as [from, to) offsets, ascending. A match of the gate's rule lies inside
 * one of these runs but for a character or so at either end (the brackets of a byte array), so the rule need only
 * be looked for there. An empty list for gates that give no places (the hex gates, whose rules are found through
 * their keywords).
 */
export function gateWindows(text: string, name: string): [number, number][] {
  const bits = GATES[name] ?? 0;
  const out: [number, number][] = [];
  const keep =
    (pass: (a: number, b: number) => boolean) =>
    (a: number, b: number): boolean => {
      if (pass(a, b)) out.push([a, b]);
      return false; // go on: every run, not just the first
    };
  if (bits & (WIF_RUN | B58_64)) someRunText(text, 51, ALNUM, keep((a, b) => (base58Bit(b - a) & bits) !== 0 && allBase58(text, a, b)));
  for (const g of RUN_TESTS) if (bits & g.bit) someRunText(text, g.min, g.k, keep((a, b) => g.test(text, a, b)));
  return out.sort((x, y) => x[0] - y[0]);
}

/** Whether `text` passes the named gate. Unknown names pass (compile time rejects them). */
export function gatePasses(name: string, verdict: number): boolean {
  const bits = GATES[name];
  return bits === undefined || (verdict & bits) !== 0;
}

/** The verdict bits the given gate names need looked at. */
export function gateBits(names: Iterable<string>): number {
  let bits = 0;
  for (const name of names) bits |= GATES[name] ?? 0;
  return bits;
}
