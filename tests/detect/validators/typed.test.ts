// util/typed: values a person typed as a sample, told from random keys. The typed values are built here from their
// shape (alphabet runs, keyboard rows, interleaving, repeats, marker words, host names) around fresh random filler.

import { describe, expect, it } from 'vitest';
import { hasRepeatedStretch, markerWord, typedRuns, typedValue } from '../../../src/detect/validators/util/typed.js';
import { validators } from '../../../src/detect/validators/index.js';
import * as F from '../../../src/fakes/index.js';
import { seededRng } from '../../helpers/crypto/rng.js';

const rng = seededRng(20261204);
const some = (kind: F.AlphabetKind, n: number): string => F.randChars(F.ALPHABETS[kind], n, rng);
/** `n` characters along `seq` from a random start, forward or backward. */
const along = (seq: string, n: number): string => {
  const start = F.randInt(seq.length - n + 1, rng);
  const run = seq.slice(start, start + n);
  return rng() < 0.5 ? run : [...run].reverse().join('');
};

describe('typedRuns', () => {
  it('measures runs along the alphabet, the digits (wrapping) and the keyboard rows, either way, in any case', () => {
    expect(typedRuns('abcdef')).toEqual([6]);
    expect(typedRuns('FEDcba')).toEqual([6]);
    expect(typedRuns('7890123')).toEqual([7]);
    expect(typedRuns('qwerty')).toEqual([6]);
    expect(typedRuns('x9').length).toBe(0);
    expect(Math.max(...typedRuns('zxcv0987mnbv'))).toBe(4);
  });
});

describe('typedValue', () => {
  it.each([
    ['a run of six along the alphabet', () => `${some('lalnum', 8)}${along('abcdefghijklmnopqrstuvwxyz', 6)}${some('lalnum', 10)}`],
    ['a run of six along the digits', () => `${some('alnum', 8)}x${along('0123456789', 6)}x${some('alnum', 10)}`],
    ['a keyboard row', () => `${along('qwertyuiop', 6)}${some('lalnum', 20)}`],
    ['two runs of four', () => `${along('asdfghjkl', 4)}${some('digits', 1)}x${along('zxcvbnm', 4)}${some('lalnum', 16)}`],
    ['letters and digits interleaved', () => [...'abcdefghij'].map((c, i) => `${rng() < 0.5 ? c : c.toUpperCase()}${(i + 1) % 10}`).join('')],
    ['a repeated stretch', () => { const u = some('alnum', 12); return `${u}${u}${some('alnum', 4)}`; }],
    ['a marker word set off', () => `${some('alnum', 12)}-fake-${some('alnum', 12)}`],
    ['a marker word twice', () => `${some('upper', 6)}FAKE${some('upper', 6)}FAKE${some('alnum', 8)}`],
    ['a long marker word anywhere', () => `${some('alnum', 12)}Sample${some('alnum', 12)}`],
    ['a host name', () => `${some('lalnum', 6)}.${some('lower', 10)}.net`],
  ])('takes %s for typed', (_what, make) => {
    for (let i = 0; i < 20; i++) {
      const v = make();
      expect(typedValue(v), v).not.toBeNull();
    }
  });

  // 2,000 seeded random values per alphabet and length: none is taken for typed (measured unseeded on 50,000 per
  // cell: at most 60 in a million, so a seeded draw of this size passing is the expected case, not luck).
  it.each(['hex', 'HEX', 'alnum', 'lalnum', 'ALNUM', 'base64', 'b64url'] as const)('keeps random %s values', (kind) => {
    for (const len of [20, 32, 40, 64]) {
      for (let i = 0; i < 2000; i++) {
        const v = some(kind, len);
        expect(typedValue(v), v).toBeNull();
      }
    }
  });

  it('keeps a hex key with short runs that hex has by chance', () => {
    expect(typedValue('3456f0a9c1e2d7b8789af01b2c3d4e5f')).toBeNull();
  });

  it('reads a UUID as hex: two runs of four are chance there (`56787657-…`)', () => {
    const uuid = `56787657-${some('hex', 4)}-4${some('hex', 3)}-a${some('hex', 3)}-${some('hex', 12)}`;
    expect(typedValue(uuid)).toBeNull();
    expect(typedValue(`12345678-${some('hex', 4)}-4${some('hex', 3)}-a${some('hex', 3)}-${some('hex', 12)}`)).not.toBeNull();
  });

  it('keeps passwords people choose', () => {
    for (const p of ['Sup3rS3cr3tPassw0rd12', 'correct-horse-battery-staple-42', 'Tr0ub4dor&3xyz9', 'hunter2hunter3x']) expect(typedValue(p), p).toBeNull();
  });
});

describe('markerWord and hasRepeatedStretch', () => {
  it('takes a short word only when set off or repeated, and not `test` (live prefixes carry it)', () => {
    expect(markerWord('k3J9xqfakezQ7w1')).toBeNull();
    expect(markerWord('k3J9xQFAKEZq7w1')).toBeNull();
    expect(markerWord('k3J9x8-fake-Q7w1')).toBe('fake');
    expect(markerWord('k3J9x8FAKEq7w1')).toBe('fake');
    expect(markerWord('test_pub_7d719334f85bd6816b08ec6f815630d')).toBeNull();
  });
  it('finds a stretch of ten that occurs twice', () => {
    const u = some('alnum', 10);
    expect(hasRepeatedStretch(`${some('alnum', 5)}${u}${some('alnum', 5)}${u}`)).toBe(true);
    expect(hasRepeatedStretch(some('alnum', 64))).toBe(false);
  });
  // Twitter's app-only bearer tokens open with 22 `A`s: padding, not a typed stretch, or the generic rules would drop
  // a real token that only they see.
  it('does not take padding for a repeated stretch', () => {
    const bearer = `${'A'.repeat(22)}${some('alnum', 8)}%3D${some('alnum', 50)}`;
    expect(hasRepeatedStretch(bearer)).toBe(false);
    expect(typedValue(`${'A'.repeat(22)}${some('alnum', 60)}`)).toBeNull();
  });
});

// The bench's outside measure: the generic rules alarmed on TruffleHog's hand-typed negatives (`qwerty12345…`,
// `asdf0987mnbv1234…`, `A1B2C3D4E5F6A1B2…`) and on gitleaks' `dapi1234567890…g5` (a Databricks look-alike).
describe('generic-secret and not-typed', () => {
  const generic = validators['generic-secret']!;
  const notTyped = validators['not-typed']!;
  it('drop typed samples and keep random keys', () => {
    const typed = `${along('qwertyuiop', 6)}${some('digits', 5)}${some('lalnum', 20)}`;
    expect(generic(typed).ok).toBe(false);
    expect(notTyped(`AIzaSy${along('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 10)}${some('b64url', 23)}`).ok).toBe(false);
    for (let i = 0; i < 200; i++) {
      const key = `${some('alnum', 30)}${some('digits', 2)}`;
      expect(generic(key).ok, key).toBe(true);
      const google = `AIzaSy${some('b64url', 33)}`;
      expect(notTyped(google).ok, google).toBe(true);
    }
  });
});
