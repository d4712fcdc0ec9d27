import { fail, OK, type ValidatorResult } from './types.js';
import { CLAIM_MARKERS, markerWord } from './util/typed.js';

/** A base64url segment decoded as a JSON object, or null. */
function jsonObject(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The first marker word (`EXAMPLE…`, `fake`, see util/typed) in the string claims of a payload, or null. */
function sampleClaim(claims: Record<string, unknown>): string | null {
  for (const value of Object.values(claims)) {
    const word = typeof value === 'string' ? markerWord(value, CLAIM_MARKERS) : null;
    if (word) return word;
  }
  return null;
}

/**
 * A JWT's header and payload are base64url-encoded JSON objects (RFC 7519 §3, RFC 7515 §3). A run of `eyJ…` text
 * that does not decode so is a look-alike or a cut-off token. A token whose claims say it is a sample
 * (`"sts:identity_context": "EXAMPLEIDENTITYCONTEXT"`, `"iss": "https://auth.example.com"`) is documentation.
 */
export function jwtStructure(secret: string): ValidatorResult {
  const [header, payload] = secret.split('.');
  if (header === undefined || !jsonObject(header)) return fail('header is not a JSON object');
  const claims = payload === undefined ? null : jsonObject(payload);
  if (!claims) return fail('payload is not a JSON object');
  const word = sampleClaim(claims);
  return word ? fail(`a sample token: a claim holds the marker word "${word}"`) : OK;
}
