// The decoders alone: each undoes its encoding, and refuses what is not readable text.

import { describe, expect, it } from 'vitest';
import { decodeBase64, decodeEscapes, decodeHex, decodeHtml, decodePercent, readable } from '../../src/decode/text.js';
import { spans } from '../../src/decode/spans.js';
import { decodeLayers } from '../../src/decode/layers.js';

describe('decoders', () => {
  it('base64: standard, URL-safe, padded or not, wrapped; never mixed alphabets or binary', () => {
    expect(decodeBase64(Buffer.from('hello, world: 1+1?').toString('base64'))).toBe('hello, world: 1+1?');
    expect(decodeBase64(Buffer.from('a>>b??c~~d').toString('base64url'))).toBe('a>>b??c~~d');
    expect(decodeBase64('aGVsbG8gd29ybGQ')).toBe('hello world');
    expect(decodeBase64('aGVsbG8g\nd29ybGQ=')).toBe('hello world');
    expect(decodeBase64('ab+c_def')).toBeNull();
    expect(decodeBase64(Buffer.from([0, 1, 2, 250, 251]).toString('base64'))).toBeNull();
  });

  it('hex, percent, escapes and HTML entities', () => {
    expect(decodeHex(Buffer.from('key=value').toString('hex'))).toBe('key=value');
    expect(decodeHex('00ff00ff')).toBeNull();
    expect(decodePercent('a%3Db%20c%22d%E2%9C%93')).toBe('a=b c"d✓');
    expect(decodePercent('plain')).toBeNull();
    expect(decodeEscapes('a\\nb\\"c\\/d\\u0041\\x42\\\\')).toBe('a\nb"c/dAB\\');
    expect(decodeEscapes('no escapes')).toBeNull();
    expect(decodeHtml('&quot;k&#61;&#x2F;v&amp;&unknown;')).toBe('"k=/v&&unknown;');
  });

  it('readable: UTF-8 text without control characters', () => {
    expect(readable(Buffer.from('tab\tand\nlines'))).toBe('tab\tand\nlines');
    expect(readable(Buffer.from([0x41, 0x00]))).toBeNull();
    expect(readable(Buffer.from([0xc3, 0x28]))).toBeNull();
  });
});

describe('candidate spans', () => {
  it('tries only runs long enough to hold a key, and strings with escapes', () => {
    expect(spans(`short: ${Buffer.from('hi there').toString('base64')} and "a\\nb"`)).toEqual([]);
    const long = Buffer.from('this is a sentence long enough').toString('base64');
    expect(spans(`x: ${long}\n`)).toEqual([{ start: 3, end: 3 + long.length, encoding: 'base64', text: 'this is a sentence long enough' }]);
  });

  it('layers keep the outermost span and the chain, and stop at the depth', () => {
    const inner = Buffer.from('a secret sentence of some length').toString('base64');
    const outer = Buffer.from(inner).toString('base64');
    const text = `v = ${outer}`;
    const pieces = decodeLayers(text, 2);
    expect(pieces.map((p) => [p.start, p.end, p.chain])).toEqual([
      [4, text.length, ['base64']],
      [4, text.length, ['base64', 'base64']],
    ]);
    expect(decodeLayers(text, 1)).toHaveLength(1);
    expect(decodeLayers(text, 0)).toHaveLength(0);
  });
});
