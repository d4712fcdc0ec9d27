import { sha256 } from './hash.js';

/** Bitcoin base58 alphabet (no 0, O, I, l). */
export const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

const INDEX: Int8Array = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < BASE58_ALPHABET.length; i++) t[BASE58_ALPHABET.charCodeAt(i)] = i;
  return t;
})();

/** Decode base58; returns null on a character outside the alphabet. */
export function base58Decode(text: string): Uint8Array | null {
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;
  // little-endian base-256 accumulator
  const acc: number[] = [];
  for (let i = zeros; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const digit = code < 128 ? (INDEX[code] as number) : -1;
    if (digit < 0) return null;
    let carry = digit;
    for (let j = 0; j < acc.length; j++) {
      carry += (acc[j] as number) * 58;
      acc[j] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      acc.push(carry & 0xff);
      carry >>= 8;
    }
  }
  const out = new Uint8Array(zeros + acc.length);
  for (let i = 0; i < acc.length; i++) out[out.length - 1 - i] = acc[i] as number;
  return out;
}

export function base58Encode(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  const digits: number[] = []; // little-endian base-58
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i] as number;
    for (let j = 0; j < digits.length; j++) {
      carry += (digits[j] as number) << 8;
      digits[j] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = Math.floor(carry / 58);
    }
  }
  let out = '1'.repeat(zeros);
  for (let i = digits.length - 1; i >= 0; i--) out += BASE58_ALPHABET[digits[i] as number];
  return out;
}

/** First 4 bytes of SHA-256(SHA-256(payload)). */
export function checksum4(payload: Uint8Array): Uint8Array {
  return sha256(sha256(payload)).subarray(0, 4);
}

export function base58CheckEncode(payload: Uint8Array): string {
  const full = new Uint8Array(payload.length + 4);
  full.set(payload);
  full.set(checksum4(payload), payload.length);
  return base58Encode(full);
}

/** Decode base58check: returns the payload (checksum stripped), or a reason string on failure. */
export function base58CheckDecode(text: string): { payload: Uint8Array } | { error: string } {
  const raw = base58Decode(text);
  if (raw === null) return { error: 'not base58' };
  if (raw.length < 5) return { error: 'too short for base58check' };
  const payload = raw.subarray(0, raw.length - 4);
  const sum = raw.subarray(raw.length - 4);
  const want = checksum4(payload);
  for (let i = 0; i < 4; i++) if (sum[i] !== want[i]) return { error: 'base58check checksum mismatch' };
  return { payload };
}
