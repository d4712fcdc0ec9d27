import { checkCrc32Base62Body } from './github-crc32.js';
import { fail, type ValidatorResult } from './types.js';

/** npm access tokens `npm_` + 36 base62: same CRC32-base62 scheme as GitHub's (KEY-FORMATS.md). */
export function npmCrc32(secret: string): ValidatorResult {
  if (!secret.startsWith('npm_')) return fail('not an npm_ token');
  return checkCrc32Base62Body(secret.slice(4));
}
