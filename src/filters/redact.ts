// Masks secrets for output: a few leading characters, then "…". Never reveals more than a quarter of the secret,
// and at most four characters, so a short secret is not guessable from its prefix.

import type { Finding } from '../model/types.js';

export const REDACTED_PREFIX_MAX = 4;

export function redactSecret(secret: string): string {
  const keep = Math.min(REDACTED_PREFIX_MAX, Math.floor(secret.length / 4));
  return `${secret.slice(0, keep)}…`;
}

export function redact(findings: readonly Finding[]): Finding[] {
  return findings.map((f) => ({ ...f, secret: redactSecret(f.secret) }));
}
