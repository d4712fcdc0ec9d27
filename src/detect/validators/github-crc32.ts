import { fail, OK, type ValidatorResult } from './types.js';
import { crc32 } from './util/crc32.js';
import { base62Crc } from './util/radix.js';

/**
 * GitHub tokens `ghp_` `gho_` `ghu_` `ghs_` + 36 base62 chars: the last 6 are the CRC32 (IEEE) of the
 * first 30, written in base62 (0-9A-Za-z), most significant digit first, left-padded with '0'.
 * Source: GitHub blog "Behind GitHub's new authentication token formats" (2021); alphabet/payload per KEY-FORMATS.md.
 */
export const GITHUB_PREFIXES = ['ghp_', 'gho_', 'ghu_', 'ghs_'] as const;

export function checkCrc32Base62Body(body: string): ValidatorResult {
  if (!/^[A-Za-z0-9]{36}$/.test(body)) return fail('body is not 36 base62 characters');
  const payload = body.slice(0, 30);
  const want = base62Crc(crc32(payload));
  if (body.slice(30) !== want) return fail('CRC32-base62 checksum mismatch');
  return OK;
}

export function githubCrc32(secret: string): ValidatorResult {
  const prefix = GITHUB_PREFIXES.find((p) => secret.startsWith(p));
  if (prefix === undefined) return fail('not a ghp_/gho_/ghu_/ghs_ token');
  return checkCrc32Base62Body(secret.slice(prefix.length));
}
