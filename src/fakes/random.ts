// Random strings for fake secrets. Tests and `keyhound rules check` expand rule examples with these, so no real-looking
// key ever needs to be committed.

import { randomInt } from 'node:crypto';

export type Rng = (maxExclusive: number) => number;

export const defaultRng: Rng = (max) => randomInt(max);

export const ALPHABETS = {
  hex: '0123456789abcdef',
  HEX: '0123456789ABCDEF',
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  ALNUM: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  lalnum: 'abcdefghijklmnopqrstuvwxyz0123456789',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digits: '0123456789',
  base64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  b64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-',
  base58: '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz',
  base36: '0123456789abcdefghijklmnopqrstuvwxyz',
} as const;

export function randomString(alphabet: string, length: number, rng: Rng = defaultRng): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[rng(alphabet.length)];
  return s;
}

export function randomBytes(n: number, rng: Rng = defaultRng): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = rng(256);
  return b;
}
