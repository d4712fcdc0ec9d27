import { fail, OK, type ValidatorResult } from './types.js';

/**
 * Groq API keys: `gsk_` + 52 alphanumerics, with `WGdyb3FY` (base64 of "Groq") at body offset 20, i.e. 20 chars,
 * the marker, then 24 chars. Observed in keys published in public code (no provider documentation).
 * NOTE: KEY-FORMATS.md says "offset 24"; every observed key has 20 chars before the marker and 24 after it.
 */
export const GROQ_MARKER = 'WGdyb3FY';
export const GROQ_MARKER_OFFSET = 20;

export function groqMarker(secret: string): ValidatorResult {
  if (!/^gsk_[A-Za-z0-9]{52}$/.test(secret)) return fail('not gsk_ + 52 alphanumerics');
  const body = secret.slice(4);
  if (body.slice(GROQ_MARKER_OFFSET, GROQ_MARKER_OFFSET + 8) !== GROQ_MARKER) {
    return fail(`no ${GROQ_MARKER} marker at body offset ${GROQ_MARKER_OFFSET}`);
  }
  return OK;
}
