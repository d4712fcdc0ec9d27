// Masks secrets for output: a few leading characters, then "…". Never reveals more than a quarter of the secret,
// and at most four characters, so a short secret is not guessable from its prefix. Free text that travels with a
// finding (a commit subject: "rotate key AKIA…") is scrubbed too: the run's own secrets, and anything key-shaped.

import type { Finding, Snippet } from '../model/types.js';

export const REDACTED_PREFIX_MAX = 4;

export function redactSecret(secret: string): string {
  const keep = Math.min(REDACTED_PREFIX_MAX, Math.floor(secret.length / 4));
  return `${secret.slice(0, keep)}…`;
}

/** Bits per character (the engine's measure; repeated here so filters stay independent of detect). */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const c of counts.values()) bits -= (c / s.length) * Math.log2(c / s.length);
  return bits;
}

// A run of 20+ key characters with letters and digits and high entropy: what a key looks like in free text.
const KEY_SHAPED = /[A-Za-z0-9_+/=-]{20,}/g;

/** `text` with each of `secrets` and every key-shaped token masked by {@link redactSecret}. */
export function scrubText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of [...new Set(secrets)].filter((x) => x.length >= 4).sort((a, b) => b.length - a.length)) {
    out = out.split(s).join(redactSecret(s));
  }
  return out.replace(KEY_SHAPED, (t) => (/[0-9]/.test(t) && /[A-Za-z]/.test(t) && entropy(t) >= 3 ? redactSecret(t) : t));
}

/**
 * A finding's line with its match masked as the secret is (a decoded finding's match, the encoded text, wholly), and
 * the rest scrubbed like free text: the run's other secrets and paired parts on the same line, and anything key-shaped.
 */
export function redactSnippet(snippet: Snippet, f: Finding, secrets: readonly string[]): Snippet {
  const before = scrubText(snippet.text.slice(0, snippet.start), secrets);
  const match = f.decoded ? '…' : redactSecret(f.secret);
  const after = scrubText(snippet.text.slice(snippet.end), secrets);
  return { text: before + match + after, start: before.length, end: before.length + match.length };
}

export function redact(findings: readonly Finding[]): Finding[] {
  const secrets = findings.flatMap((f) => [f.secret, ...Object.values(f.parts ?? {})]);
  return findings.map((f) => ({
    ...f,
    secret: redactSecret(f.secret),
    ...(f.parts ? { parts: Object.fromEntries(Object.entries(f.parts).map(([k, v]) => [k, redactSecret(v)])) } : {}),
    ...(f.commit ? { commit: { ...f.commit, message: scrubText(f.commit.message, secrets) } } : {}),
    ...(f.snippet ? { snippet: redactSnippet(f.snippet, f, secrets) } : {}),
  }));
}
