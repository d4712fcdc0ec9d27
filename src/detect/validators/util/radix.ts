/** Fixed-width positional encodings of small unsigned integers (CRC32 values). */

export const BASE62_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const BASE36_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Encode `value` (a non-negative integer) in `alphabet`, most significant digit first, left-padded with the zero digit. */
export function encodeFixed(value: number, alphabet: string, width: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`bad value ${value}`);
  const base = alphabet.length;
  let out = '';
  let v = value;
  while (v > 0) {
    out = alphabet[v % base] + out;
    v = Math.floor(v / base);
  }
  return out.padStart(width, alphabet[0]);
}

/** 6-char base62 (0-9A-Za-z) of a 32-bit value, as used by GitHub and npm token checksums. */
export function base62Crc(value: number): string {
  return encodeFixed(value >>> 0, BASE62_ALPHABET, 6);
}

/** 7-char lower-case base36 of a 32-bit value, as Ruby's `n.to_s(36).rjust(7, "0")` (GitLab routable tokens). */
export function base36Crc(value: number): string {
  return encodeFixed(value >>> 0, BASE36_ALPHABET, 7);
}

/** 8-char lower-case hex of a 32-bit value. */
export function hex32(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}
