// RE2 (gitleaks) regexes translated to keyhound's regex syntax.

import { describe, expect, it } from 'vitest';
import { compileRegex } from '../../src/config/compile.js';
import { translateRe2 } from '../../src/config/re2.js';

const js = (src: string, group = 0) => {
  const t = translateRe2(src, group);
  return compileRegex(t.source, t.flags, { field: 'regex' });
};

describe('translateRe2', () => {
  it('turns a leading (?i) into a case-insensitive group, and (?s)/(?m) into flags', () => {
    expect(translateRe2('(?i)key_[a-f]{4}').source).toBe('(?i:key_[a-f]{4})');
    expect(js('(?i)key_[a-f]{4}').test('KEY_ABCD')).toBe(true);
    expect(translateRe2('(?is)a.b')).toMatchObject({ source: '(?i:a.b)', flags: 's' });
  });

  it('scopes a mid-pattern (?i) to the rest of its group, across alternatives', () => {
    const re = js('x(?:a(?i)b|c)y');
    expect(['xaBy', 'xCy', 'xaby'].map((s) => re.test(s))).toEqual([true, true, true]);
    expect(re.test('XaBy')).toBe(false);
    expect(re.test('xABy')).toBe(false);
  });

  it('maps \\z, \\A, \\Q…\\E, (?P<name>), POSIX classes and \\x{…}', () => {
    expect(js('abc\\z').test('abc')).toBe(true);
    expect(js('abc\\z').test('abc\n')).toBe(false);
    expect(js('\\Aabc').test('xabc')).toBe(false);
    expect(js('\\Qa.b*\\E').test('a.b*')).toBe(true);
    expect(js('\\Qa.b*\\E').test('axbb')).toBe(false);
    expect(translateRe2('(?P<tok>[[:alnum:]_]+)').source).toBe('(?<tok>[0-9A-Za-z_]+)');
    expect(js('\\x{41}').test('A')).toBe(true);
  });

  it('names the secretGroup-th capturing group "secret", counting named groups too', () => {
    expect(translateRe2('(a)(?:b)(?P<n>c)(d)', 2).source).toBe('(a)(?:b)(?<secret>c)(d)');
    expect(translateRe2('(a)(b)', 0).groups).toBe(2);
    expect(() => translateRe2('(a)', 2)).toThrow(/secretGroup 2 but the regex has 1/);
  });

  it('refuses what JavaScript would read differently, with the reason', () => {
    expect(() => translateRe2('\\p{Greek}')).toThrow(/unicode mode/);
    expect(() => translateRe2('a(?U)b')).toThrow(/flag group/);
    expect(() => translateRe2('[[:^alpha:]]')).toThrow(/negated POSIX/);
    expect(() => translateRe2('\\1')).toThrow(/back-reference/);
  });
});
