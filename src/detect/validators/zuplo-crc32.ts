import { fail, OK, type ValidatorResult } from './types.js';
import { crc32 } from './util/crc32.js';
import { hex32 } from './util/radix.js';

/** `zpka_<32 lower hex>_<8 lower hex>` where the 8 hex = CRC32 of the 32-hex body (KEY-FORMATS.md). */
export function zuploCrc32(secret: string): ValidatorResult {
  const m = /^zpka_([0-9a-f]{32})_([0-9a-f]{8})$/.exec(secret);
  if (m === null) return fail('not zpka_<32hex>_<8hex>');
  const [, body, sum] = m as unknown as [string, string, string];
  if (hex32(crc32(body)) !== sum) return fail('CRC32 checksum mismatch');
  return OK;
}
