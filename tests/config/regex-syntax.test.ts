import { describe, expect, it } from 'vitest';
import { expandCaseInsensitiveGroups } from '../../src/config/regex-syntax.js';
import { findNestedQuantifier } from '../../src/config/regex-safety.js';

describe('(?i:...) groups', () => {
  const re = (src: string): RegExp => new RegExp(expandCaseInsensitiveGroups(src));

  it('match either case inside the group and stay case-sensitive outside', () => {
    const r = re('(?i:binance)_(?<secret>[A-F]{4})');
    expect(r.test('BiNaNcE_ABCD')).toBe(true);
    expect(r.test('binance_abcd')).toBe(false);
  });

  it('fold character classes and ranges, and keep escapes and group names intact', () => {
    const r = re('(?i:[a-c]x\\d\\x41(?<n>k))');
    expect(r.test('BX1Ak')).toBe(true);
    expect(r.test('bx1aK')).toBe(false); // \x41 stays an upper-case A
    expect(r.exec('cX9AK')?.groups?.n).toBe('K');
  });

  it('leaves patterns without the group untouched and rejects an unterminated one', () => {
    expect(expandCaseInsensitiveGroups('a(b)c')).toBe('a(b)c');
    expect(() => expandCaseInsensitiveGroups('(?i:abc')).toThrow(/unterminated/);
  });
});

describe('nested quantifier guard', () => {
  it.each(['(a+)+b', '(a*)*', '(?:x+y?)+', '(a|b+){2,}', '(a|ab)+', '(\\w|_)*c', '(a|a){0,1000}b', '(.|x)+'])('rejects %s', (src) => {
    expect(findNestedQuantifier(src)).toMatch(/backtrack catastrophically/);
  });
  it.each([
    '(a+)b',
    '(?:[a-z]{3,8} ){11,23}',
    '[a-z]+(?:[._][a-z]+){1,8}',
    '\\(+',
    '[(+]+',
    '(?:ab|cd)+',
    '(?:[A-Za-z0-9+/=\\s:,.\\-]|\\\\[nr]){64,16384}?',
    '(a|b){1,8}',
  ])('accepts %s', (src) => {
    expect(findNestedQuantifier(src)).toBeNull();
  });
});
