// Turns file bytes into text: UTF-8 (invalid bytes become U+FFFD, so line numbers stay right), UTF-16 with a BOM or
// without one (recognised by its NUL bytes: every other byte of mostly-ASCII text), and a verdict of "binary" for
// other content with NUL bytes near the start.

import { isAscii, isUtf8 } from 'node:buffer';

/** The text, and the bytes themselves when they are valid UTF-8 without a BOM (see Fragment.utf8). */
export type Decoded = { text: string; utf8?: Uint8Array } | { binary: true };

const SNIFF = 8000;

export function decode(buf: Buffer): Decoded {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { text: buf.subarray(2).toString('utf16le') };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    // Big-endian: swap each byte pair (a trailing odd byte is dropped) and decode as little-endian.
    const body = Buffer.from(buf.subarray(2, 2 + ((buf.length - 2) & ~1)));
    return { text: body.swap16().toString('utf16le') };
  }
  const start = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const nul = buf.indexOf(0, start);
  if (nul !== -1 && nul < start + SNIFF) {
    const order = start === 0 ? utf16Order(buf) : null;
    if (order === 'le') return { text: buf.toString('utf16le', 0, buf.length & ~1) };
    if (order === 'be') return { text: Buffer.from(buf.subarray(0, buf.length & ~1)).swap16().toString('utf16le') };
    return { binary: true };
  }
  return start === 0 ? decodeUtf8(buf) : { text: buf.toString('utf8', start) };
}

/**
 * UTF-16 without a byte-order mark (as some Windows editors and PowerShell write): in the first bytes, the high byte
 * of nearly every code unit is 0 (ASCII) and the low byte nearly never is, and no unit is a control character
 * other than tab and line breaks. Null for anything else (binary files have NULs at both places, or controls).
 */
export function utf16Order(buf: Buffer): 'le' | 'be' | null {
  const n = Math.min(buf.length, SNIFF) & ~1;
  if (n < 8) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenNul++;
    if (buf[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  const order = oddNul >= pairs * 0.7 && evenNul === 0 ? 'le' : evenNul >= pairs * 0.7 && oddNul === 0 ? 'be' : null;
  if (!order) return null;
  for (let i = 0; i < n; i += 2) {
    const unit = order === 'le' ? buf[i]! | (buf[i + 1]! << 8) : (buf[i]! << 8) | buf[i + 1]!;
    if ((unit < 0x20 && unit !== 9 && unit !== 10 && unit !== 13) || unit === 0x7f) return null;
  }
  return order;
}

/** UTF-8 bytes (no BOM) as text; with the bytes themselves when they are valid UTF-8. ASCII decodes faster as Latin-1. */
export function decodeUtf8(buf: Buffer): { text: string; utf8?: Uint8Array } {
  if (isAscii(buf)) return { text: buf.toString('latin1'), utf8: buf };
  if (isUtf8(buf)) return { text: buf.toString('utf8'), utf8: buf };
  return { text: buf.toString('utf8') };
}
