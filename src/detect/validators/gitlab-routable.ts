import { fail, OK, type ValidatorResult } from './types.js';
import { crc32 } from './util/crc32.js';
import { base36Crc } from './util/radix.js';

/**
 * GitLab routable tokens (GitLab 17.x+, e.g. new `glpat-` personal access tokens):
 *
 *   <prefix><base64url(random16 ‖ payload ‖ len(payload))>.<version: 2 base36>.<len(base64): 2 base36><crc: 7 base36>
 *
 * where crc = Zlib.crc32(everything before it, prefix included).to_s(36).rjust(7, "0").
 * Source: gitlab-org/gitlab lib/authn/token_field/generator/routable_token.rb (TOKEN_VERSION = 1 → "01",
 * RANDOM_BYTES_LENGTH = 16, payload ≤ 159 bytes, routing keys c/g/o/p/u/t with "o" required).
 * An instance-wide custom prefix sits in front of the marker and is also inside the CRC input, so the validator
 * needs the whole token as matched (prefix included).
 */
const TAIL = /\.([0-9a-z]{2})\.([0-9a-z]{2})([0-9a-z]{7})$/;

export function gitlabRoutable(secret: string): ValidatorResult {
  const m = TAIL.exec(secret);
  if (m === null) return fail('no .<version>.<length><crc> routable tail');
  const version = m[1] as string;
  const b64Len = parseInt(m[2] as string, 36);
  const crcField = m[3] as string;
  if (version !== '01') return fail(`unknown routable token version ${version}`);
  const head = secret.slice(0, m.index);
  if (b64Len < 27 || b64Len > head.length - 1) return fail('base64 payload length field out of range');
  const prefix = head.slice(0, head.length - b64Len);
  const b64 = head.slice(head.length - b64Len);
  if (!/^[A-Za-z0-9_-]+$/.test(b64)) return fail('payload is not base64url');
  if (!/^[A-Za-z0-9_-]*-$/.test(prefix)) return fail('no token prefix such as glpat-');
  if (base36Crc(crc32(secret.slice(0, secret.length - 7))) !== crcField) return fail('base36 CRC32 mismatch');
  // Decoded: 16 random bytes, then the routing payload, then one byte holding the payload's length.
  const raw = Buffer.from(b64, 'base64url');
  if (raw.length < 18) return fail('decoded payload too short');
  const n = raw[raw.length - 1] as number;
  if (raw.length !== 16 + n + 1) return fail('decoded payload length byte mismatch');
  return OK;
}
