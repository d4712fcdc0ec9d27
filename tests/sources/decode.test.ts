// File bytes to text: UTF-16 without a byte-order mark is recognised by its NUL bytes and decoded, not skipped.

import { describe, expect, it } from 'vitest';
import { decode } from '../../src/sources/decode.js';

describe('decode', () => {
  const text = 'API_KEY=ghp_example\r\nname = "value"\r\n';

  it('reads UTF-16 LE and BE without a BOM', () => {
    expect(decode(Buffer.from(text, 'utf16le'))).toEqual({ text });
    expect(decode(Buffer.from(text, 'utf16le').swap16())).toEqual({ text });
  });

  it('still calls binary files binary', () => {
    expect(decode(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]))).toEqual({ binary: true });
    // NULs every other byte, but control characters between them: not text.
    expect(decode(Buffer.from([1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0]))).toEqual({ binary: true });
  });
});
