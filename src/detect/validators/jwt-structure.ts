import { fail, OK, type ValidatorResult } from './types.js';

/** A base64url segment decoded as a JSON object, or null. */
function jsonObject(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * A JWT's header and payload are base64url-encoded JSON objects (RFC 7519 §3, RFC 7515 §3). A run of `eyJ…` text
 * that does not decode so is a look-alike or a cut-off token.
 */
export function jwtStructure(secret: string): ValidatorResult {
  const [header, payload] = secret.split('.');
  if (header === undefined || !jsonObject(header)) return fail('header is not a JSON object');
  if (payload === undefined || !jsonObject(payload)) return fail('payload is not a JSON object');
  return OK;
}
