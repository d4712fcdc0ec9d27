// Turns file bytes into text: UTF-8 (invalid bytes become U+FFFD, so line numbers stay right), UTF-16 with a BOM,
// and a verdict of "binary" for content with NUL bytes near the start.

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
  if (nul !== -1 && nul < start + SNIFF) return { binary: true };
  return start === 0 ? decodeUtf8(buf) : { text: buf.toString('utf8', start) };
}

/** UTF-8 bytes (no BOM) as text; with the bytes themselves when they are valid UTF-8. ASCII decodes faster as Latin-1. */
export function decodeUtf8(buf: Buffer): { text: string; utf8?: Uint8Array } {
  if (isAscii(buf)) return { text: buf.toString('latin1'), utf8: buf };
  if (isUtf8(buf)) return { text: buf.toString('utf8'), utf8: buf };
  return { text: buf.toString('utf8') };
}
