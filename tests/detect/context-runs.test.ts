// The run test behind a context rule's presence check (Bindings.holds): whether a line holds a run of at least `min`
// characters of a family, read at every min-th character, against reading every character.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasRun } from '../../src/detect/context.js';

// The families' bits, as context.ts numbers them: alphanumerics, base64's characters, value characters.
const ALNUM = 1;
const BASE64 = 2;
const VALUE = 4;
const NOT_VALUE = ' \t\r\n"\'`,;()[]{}<>|&#^';
const inFamily = (ch: string, bit: number): boolean => {
  if (bit === ALNUM) return /^[A-Za-z0-9]$/.test(ch);
  if (bit === BASE64) return /^[A-Za-z0-9+/=_\-\\%]$/.test(ch);
  return !NOT_VALUE.includes(ch);
};

/** The longest run of the family in text[from, to), read character by character. */
function longest(text: string, from: number, to: number, bit: number): number {
  let best = 0;
  let run = 0;
  for (let i = from; i < to; i++) {
    run = inFamily(text[i]!, bit) ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

describe('hasRun', () => {
  it('agrees with the longest run read character by character (fuzzed)', () => {
    const pieces = ['a', 'Z', '7', '+', '/', '=', '-', '_', '%', '\\', ' ', '\t', '"', ',', ':', '.', '@', 'é', '😀', 'AbC123', 'xyz/+=', '    '];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 80 }),
        fc.integer({ min: 0, max: 40 }),
        fc.constantFrom(ALNUM, BASE64, VALUE),
        fc.nat(10),
        fc.nat(10),
        (parts, min, bit, cutFrom, cutTo) => {
          const text = parts.join('');
          const from = Math.min(cutFrom, text.length);
          const to = Math.max(from, text.length - cutTo);
          expect(hasRun(text, from, to, min, bit)).toBe(longest(text, from, to, bit) >= min);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('finds a run exactly as long as asked for, at either end of the line, and not one a character short', () => {
    const key = `${'Ab3'.repeat(13)}x`; // 40 alphanumerics
    for (const line of [key, `x = "${key}"`, `${key} # end`, `"${key}"`]) {
      expect(hasRun(line, 0, line.length, 40, ALNUM)).toBe(true);
      expect(hasRun(line, 0, line.length, 41, ALNUM)).toBe(false);
    }
    // Only within [from, to): the same run cut by the range is too short.
    const line = `k=${key}`;
    expect(hasRun(line, 0, line.length - 1, 40, ALNUM)).toBe(false);
    expect(hasRun(line, 3, line.length, 40, ALNUM)).toBe(false);
  });
});
