// LinearRegExp (src/config/linear-regex.ts): user and imported regexes on RE2's linear-time engine behave as the
// engine expects a RegExp to (global and sticky exec, lastIndex, named groups and their indices), agree with V8 on
// what both can run, and refuse what needs backtracking.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LinearRegExp, LinearRegexError } from '../../src/config/linear-regex.js';

function all(re: RegExp, text: string): [number, string, string | undefined, [number, number] | undefined][] {
  const out: [number, string, string | undefined, [number, number] | undefined][] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push([m.index, m[0], m.groups?.secret, m.indices?.groups?.secret]);
    if (m[0].length === 0) re.lastIndex += 1;
  }
  return out;
}

describe('LinearRegExp', () => {
  it('finds every match with its named group and indices, in UTF-16 offsets like V8', () => {
    const text = 'é k=abc; 🙂 K=def k=';
    for (const flags of ['gd', 'gdi']) {
      expect(all(new LinearRegExp('k=(?<secret>[a-z]+)', flags), text)).toEqual(all(new RegExp('k=(?<secret>[a-z]+)', flags), text));
    }
  });

  it('is sticky through its own constructor (the engine tries it at chosen places)', () => {
    const base = new LinearRegExp('k=(?<secret>[a-z]+)', 'gd');
    const sticky = new (base.constructor as RegExpConstructor)(base, 'dy');
    expect(sticky).toBeInstanceOf(LinearRegExp);
    const text = 'xx k=abc k=de';
    for (const at of [0, 2, 3, 4, 9, 10, 13]) {
      sticky.lastIndex = at;
      const v8 = new RegExp('k=(?<secret>[a-z]+)', 'dy');
      v8.lastIndex = at;
      expect(sticky.exec(text)?.[0], `at ${at}`).toBe(v8.exec(text)?.[0]);
    }
  });

  it('works with test, replace, split and ^/$ flags', () => {
    expect(new LinearRegExp('^b$', 'm').test('a\nb')).toBe(true);
    expect(new LinearRegExp('^b$').test('a\nb')).toBe(false);
    expect('xAxa'.replace(new LinearRegExp('a', 'gi'), '_')).toBe('x_x_');
    expect('a-b-c'.split(new LinearRegExp('-'))).toEqual(['a', 'b', 'c']);
  });

  it('runs what backtracks catastrophically in V8 in linear time (issue 18 case 1)', () => {
    for (const source of ['(a+){1,32}b', '(x?a|a)*b', '(?:[a-z0-9]+\\.?){1,20}@', '(a+)+b', '(?:\\.[A-Za-z]\\w+)+!']) {
      expect(new LinearRegExp(source, 'gd').exec(`${'a.'.repeat(5000)}${'a'.repeat(50_000)}`)).toBeNull();
    }
  });

  it('refuses lookarounds and back-references, saying they need backtracking', () => {
    for (const source of ['a(?=b)', 'a(?!b)', '(?<!b)a', '(?<=b)a', '(a)\\1', '(?<n>a)\\k<n>']) {
      expect(() => new LinearRegExp(source), source).toThrow(LinearRegexError);
      try {
        new LinearRegExp(source);
      } catch (err) {
        expect((err as LinearRegexError).backtracking, source).toBe(true);
      }
    }
    try {
      new LinearRegExp('((a{1,32}){1,32}){1,32}b');
    } catch (err) {
      expect((err as LinearRegexError).backtracking).toBe(false);
    }
  });

  it('agrees with V8 on random inputs for regexes both can run', () => {
    const sources = ['[a-c]+', 'a(?<secret>b+)c?', '(?:ab|a)c', '\\bab\\w*', 'b{2,3}', '[^a]c', 'a|(?<secret>bc)', '(?:a|b)*c$'];
    fc.assert(
      fc.property(fc.constantFrom(...sources), fc.stringMatching(/^[abc \n]{0,40}$/), (source, text) => {
        expect(all(new LinearRegExp(source, 'gd'), text)).toEqual(all(new RegExp(source, 'gd'), text));
      }),
      { seed: 18, numRuns: 400 },
    );
  });
});
