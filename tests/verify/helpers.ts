// Shared by the verifier tests: fake credentials and findings, and running verification against a stand-in.

import { ALPHABETS, randChars } from '../../src/fakes/index.js';
import type { Finding } from '../../src/model/types.js';
import { endpointIds, verifyFindings, type VerifyOptions } from '../../src/verify/index.js';
import { endpointsFor, type StandIn } from './stand-in.js';

/** A fresh fake value of `n` characters of `alphabet`. */
export const fake = (n: number, alphabet: keyof typeof ALPHABETS = 'alnum'): string => randChars(ALPHABETS[alphabet], n);

/** A finding of `provider` with these parts (the first is the reported value). */
export function findingOf(provider: string, parts: Record<string, string>, ruleId = `${provider}-test`): Finding {
  const values = Object.values(parts);
  return {
    ruleId,
    description: `${provider} credential`,
    severity: 'critical',
    path: 'config.env',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: values[0]!.length,
    secret: values[0]!,
    fingerprint: `fp-${values[0]!.slice(0, 8)}`,
    provider,
    ...(values.length > 1 ? { parts } : {}),
  };
}

/** Fast limits for tests: no pacing, short backoff and timeout. */
export const TEST_LIMITS = { minIntervalMs: 0, backoffMs: 10, timeoutMs: 2000, maxRetries: 2 };

/**
 * Verifies `findings` with every endpoint id in `ids` pointed at the stand-in — and every other endpoint id too, so
 * that no test can reach a real provider (the stand-in answers 404 for a prefix it does not serve).
 */
export async function verifyAgainst(s: StandIn, ids: readonly string[], findings: Finding[], options: VerifyOptions = {}) {
  const all = [...new Set([...ids, ...endpointIds()])];
  return verifyFindings(findings, { env: { KEYHOUND_VERIFY_ENDPOINTS: endpointsFor(s, all) }, limits: TEST_LIMITS, ...options });
}

/** Every value of every finding: none may appear in a message. */
export function secretsOf(findings: readonly Finding[]): string[] {
  return findings.flatMap((f) => [f.secret, ...Object.values(f.parts ?? {})]);
}
