import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GATES, gatePasses, gateScan } from '../../src/detect/gates.js';
import { BIP39_WORDS } from '../../src/detect/validators/util/bip39-words.js';

const ALL = Object.values(GATES).reduce((a, b) => a | b, 0);
const passes = (name: string, text: string): boolean => gatePasses(name, gateScan(text, ALL));

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const pick = (alphabet: string, n: number, seed: number): string =>
  Array.from({ length: n }, (_, i) => alphabet[(seed * 31 + i * 17 + ((seed >> 3) ^ i)) % alphabet.length]).join('');

// The regexes the gates stand in front of (rules/wallets.yaml), without their keyword context.
const WIF = /(?<![A-Za-z0-9])(5[HJK][1-9A-HJ-NP-Za-km-z]{49}|[KLc][1-9A-HJ-NP-Za-km-z]{51}|9[1-9A-HJ-NP-Za-km-z]{50})(?![A-Za-z0-9])/;
const SOL = /(?<![A-Za-z0-9])([1-9A-HJ-NP-Za-km-z]{86,88}|\[(?:\s{0,20}\d{1,3}\s{0,20},){63}\s{0,20}\d{1,3}\s{0,20},?\s{0,20}\])(?![A-Za-z0-9])/;
const HEX = /[0-9a-fA-F]{64}(?![0-9A-Za-z])/;
const LIST =
  /(?<![A-Za-z])((?:\d{1,2}[.):][ \t]{0,3})?[a-z]{3,8}(?=[ \t]{0,3}(?:[,"\r\n]|$)|[ \t]{1,3}\d)(?:(?:[ \t]{0,3},[ \t]{0,3}(?:\r?\n[ \t]{0,20})?|[ \t]{0,3}\r?\n[ \t]{0,20}|[ \t]{1,3}(?=\d)|"[ \t]{0,3},\s{0,20}")(?:\d{1,2}[.):][ \t]{0,3})?[a-z]{3,8}(?=[ \t]{0,3}(?:[,"\r\n]|$)|[ \t]{1,3}\d)){11,23})/;
const SEED = /(?<![A-Za-z])(?<!(?<![A-Za-z])[a-z]{3,8} )([a-z]{3,8}(?: [a-z]{3,8}){11,23})(?![A-Za-z])(?! [a-z]{3,8}(?![A-Za-z]))/;

describe('structural gates', () => {
  it('pass the text their rules match', () => {
    const wif = `key: 5K${pick(B58, 49, 7)}\n`;
    expect(WIF.test(wif)).toBe(true);
    expect(passes('base58-wif', wif)).toBe(true);
    const sol = `"${pick(B58, 87, 3)}"`;
    expect(SOL.test(sol)).toBe(true);
    expect(passes('base58-64-bytes', sol)).toBe(true);
    const bytes = `[${Array.from({ length: 64 }, (_, i) => (i * 37) % 256).join(',\u00a0')}]`;
    expect(SOL.test(bytes)).toBe(true);
    expect(passes('base58-64-bytes', bytes)).toBe(true);
    const hex = `pk = 0x${'a1b2c3d4'.repeat(8)};`;
    expect(passes('hex-64', hex)).toBe(true);
    expect(passes('hex-32', `k="${'a1b2'.repeat(8)}"`)).toBe(true);
    expect(passes('hex-24', `t-${'a1b2'.repeat(6)}-`)).toBe(true);
    const seed = `x ${BIP39_WORDS.slice(100, 112).join(' ')}.`;
    expect(SEED.test(seed)).toBe(true);
    expect(passes('bip39-words', seed)).toBe(true);
    const words = BIP39_WORDS.slice(200, 212);
    for (const list of [
      words.map((w, i) => `${i + 1}. ${w}`).join('\n'),
      words.map((w, i) => `${i + 1}) ${w}`).join('\r\n'),
      words.join(', '),
      `["${words.join('",\u00a0"')}"]`,
      words.map((w) => `  ${w}`).join('\n'),
    ]) {
      expect(LIST.test(list)).toBe(true);
      expect(passes('bip39-list', list)).toBe(true);
    }
  });

  it('find a phrase or a byte array inside a longer run of list characters (one pass decides all three)', () => {
    // The single-spaced phrase and the byte array share their run with digits, commas, quotes and dots around them.
    const seed = `"0x1",2,"a.b": ${BIP39_WORDS.slice(300, 312).join(' ')} ,"c".d) 9`;
    expect(SEED.test(seed)).toBe(true);
    expect(passes('bip39-words', seed)).toBe(true);
    const bytes = `"k": "a.b, c", ${Array.from({ length: 64 }, (_, i) => (i * 41) % 256).join(', ')} "z",`;
    expect(passes('base58-64-bytes', bytes)).toBe(true);
    // Each gate on its own and all at once give the same verdicts.
    for (const text of [seed, bytes, `${seed}\n${bytes}`]) {
      const all = gateScan(text, ALL);
      for (const bit of Object.values(GATES)) expect(gateScan(text, bit) & bit).toBe(all & bit);
    }
  });

  it('give the same verdicts from the bytes of an ASCII text as from the text, and read a UTF-8 text itself', () => {
    const seed = `words: ${BIP39_WORDS.slice(100, 112).join(' ')}\n`;
    const bytes = `[${Array.from({ length: 64 }, (_, i) => (i * 7) % 256).join(',')}]`;
    const code = 'const a = b + c; // nothing here\n'.repeat(20);
    for (const text of [seed, bytes, code, `${code}${seed}${code}`, `${'ab'.repeat(40)} ${pick(B58, 51, 3)}`]) {
      const all = gateScan(text, ALL);
      expect(gateScan(text, ALL, Buffer.from(text))).toBe(all);
    }
    expect(gateScan(seed, ALL) & GATES['bip39-words']!).not.toBe(0);
    // A UTF-8 text's bytes are more than its characters, so their offsets differ: the text itself is read.
    const utf8 = `é ${seed}`;
    expect(gateScan(utf8, ALL, Buffer.from(utf8))).toBe(gateScan(utf8, ALL));
  });

  it('give the same verdicts, gate by gate, when given the UTF-8 bytes of a text that is not ASCII', () => {
    // Pieces that pass or nearly pass each gate, among characters of two, three and four bytes and Unicode spaces
    // (which count as white space in byte arrays and lists, and in no run of base58, hex or [a-z ]). A byte path
    // for such texts was tried (2026-12-07: the base58 and hex gates' runs are the same in bytes, at other offsets)
    // and left out for want of a gain; this keeps any later one honest.
    const pieces = [
      BIP39_WORDS.slice(40, 52).join(' '),
      BIP39_WORDS.slice(40, 51).join(' '),
      BIP39_WORDS.slice(7, 19).join(',\n'),
      `5K${pick(B58, 49, 5)}`,
      pick(B58, 87, 9),
      pick(B58, 50, 2),
      'c0ffee'.repeat(11),
      `[${Array.from({ length: 64 }, (_, i) => (i * 13) % 256).join(',\u00a0')}]`,
      'é', '€', '𝔘', '\u00a0', '\ufeff', '\u3000', ' ', '\n', ',', 'a', 'Z', '7', '0', 'O', 'abandon ', 'zoo',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        const bytes = Buffer.from(text);
        for (const bit of [...Object.values(GATES), ALL]) expect(gateScan(text, bit, bytes) & bit).toBe(gateScan(text, bit) & bit);
      }),
      { numRuns: 400 },
    );
  });

  it('rule out ordinary code and prose', () => {
    const code = 'export function add(a, b) {\n  return a + b; // the quick brown fox jumps over the lazy dog again and again\n}\n'.repeat(200);
    for (const name of Object.keys(GATES)) expect(passes(name, code)).toBe(false);
    expect(passes('base58-wif', `x ${pick(B58, 50, 1)} y`)).toBe(false); // one short
    expect(passes('hex-64', `${'ab'.repeat(31)}a`)).toBe(false);
    expect(passes('hex-32', `${'ab'.repeat(15)}a`)).toBe(false);
    expect(passes('hex-24', `x-${'ab'.repeat(11)}a-`)).toBe(false);
    expect(passes('bip39-words', BIP39_WORDS.slice(0, 11).join(' '))).toBe(false);
    expect(passes('bip39-list', BIP39_WORDS.slice(0, 11).join(',\n'))).toBe(false);
    expect(passes('bip39-list', ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'omega'].join(', '))).toBe(false);
  });

  it('never rule out text a rule matches (random text around planted runs)', () => {
    const filler = fc.string({ unit: fc.constantFrom('a', 'Z', '1', ' ', ',', '\n', '[', 'x', '-', '\u00a0', 'é'), maxLength: 120 });
    const word = fc.constantFrom(...BIP39_WORDS.slice(0, 64), 'the', 'of', 'Word');
    const sep = fc.constantFrom(' ', ', ', ',', '\n', '\r\n', '",\n  "', '", "', ' 7. ', '\n12) ', ' ,\t');
    const core = fc.oneof(
      fc.array(word, { minLength: 10, maxLength: 26 }).map((w) => w.join(' ')),
      fc.tuple(fc.array(word, { minLength: 10, maxLength: 26 }), sep).map(([w, s]) => w.join(s)),
      fc.integer({ min: 48, max: 92 }).chain((n) => fc.string({ unit: fc.constantFrom(...B58, '0', 'l'), minLength: n, maxLength: n })),
      fc.integer({ min: 20, max: 70 }).chain((n) => fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF', 'g'), minLength: n, maxLength: n })),
      fc.array(fc.integer({ min: 0, max: 999 }), { minLength: 60, maxLength: 70 }).chain((xs) =>
        fc.constantFrom(' ', '', '\n  ').map((sep) => `[${xs.join(`,${sep}`)}]`),
      ),
    );
    fc.assert(
      fc.property(filler, core, filler, (before, mid, after) => {
        const text = before + mid + after;
        if (WIF.test(text)) expect(passes('base58-wif', text)).toBe(true);
        if (SOL.test(text)) expect(passes('base58-64-bytes', text)).toBe(true);
        if (HEX.test(text)) expect(passes('hex-64', text)).toBe(true);
        if (/[0-9a-f]{32}/i.test(text)) expect(passes('hex-32', text)).toBe(true);
        if (/[0-9a-f]{24}/i.test(text)) expect(passes('hex-24', text)).toBe(true);
        const m = SEED.exec(text);
        if (m && m[1]!.split(' ').every((w) => BIP39_WORDS.includes(w))) expect(passes('bip39-words', text)).toBe(true);
        // (About 200 of the 3000 runs hold a list the rule matches.)
        const l = LIST.exec(text);
        const listWords = l?.[1]!.match(/[a-z]+/g) ?? [];
        if (listWords.length >= 12 && listWords.every((w) => BIP39_WORDS.includes(w))) expect(passes('bip39-list', text)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('gate character classes', () => {
  it('count as white space exactly what JavaScript\'s \\s does', () => {
    // A 64-item byte array spaced with each candidate character passes the base58-64-bytes gate only when the
    // character is white space (or one of the digits and commas of the array itself).
    const spaced = (ch: string): string => `[${Array.from({ length: 64 }, (_, i) => (i * 37) % 256).join(`,${ch}${ch}`)}]`;
    for (let c = 128; c < 0x10000; c += c < 0x3100 ? 1 : 97) {
      const ch = String.fromCharCode(c);
      expect(passes('base58-64-bytes', spaced(ch)), `U+${c.toString(16)}`).toBe(/\s/.test(ch));
    }
  });
});
