// Opt-in verification (`--verify`): each distinct credential of a run is checked once, by its provider's verifier,
// with bounded concurrency and a per-host pace, and every finding of it gets the answer as `verification`. This is
// the only part of keyhound that talks to the network, and only when asked. It counts what it sent, per provider,
// for the note on stderr.

import { createHash } from 'node:crypto';
import type { Finding, RuleSet, Verification } from '../model/types.js';
import { ENDPOINTS_ENV, parseEndpointOverrides } from './endpoints.js';
import { CredentialHttp, DEFAULT_LIMITS, HostPacer, type HttpContext, type HttpLimits } from './http.js';
import { pairedNote, pairings, partNamer, type PartSource } from './pairing.js';
import { VERIFIERS } from './registry.js';
import type { Credential, Verifier, VerifyAnswer } from './types.js';
import { VerifyUnknown } from './types.js';

export { VerifyConfigError } from './types.js';
export { VERIFIERS } from './registry.js';

export interface VerifyOptions {
  /** Where KEYHOUND_VERIFY_ENDPOINTS is read from (default process.env). Never from a repository's configuration. */
  env?: NodeJS.ProcessEnv;
  /** Credentials checked at once. Default 4. */
  concurrency?: number;
  limits?: Partial<HttpLimits>;
  /** For tests: the fetch to use and the clock to sign with. */
  fetch?: typeof fetch;
  now?: () => number;
  /**
   * The run's rules, to tell which part a finding of one value is (an AWS access key id is a `key`), so that parts
   * reported by different rules can be paired. Without it, findings of one value are checked alone.
   */
  ruleSet?: RuleSet;
}

export interface VerifyRun {
  /** The findings, in order, each with `verification`. */
  findings: Finding[];
  /** Credentials sent, per provider id (a credential that never left, e.g. a missing part, is not counted). */
  sent: Map<string, number>;
}

/** Verifiers by provider id. */
export const verifierFor: ReadonlyMap<string, Verifier> = new Map(VERIFIERS.map((v) => [v.provider, v]));

/** Every endpoint id a KEYHOUND_VERIFY_ENDPOINTS entry may name. */
export function endpointIds(): Set<string> {
  return new Set(VERIFIERS.flatMap((v) => Object.keys(v.endpoints)));
}

/** The identity of a credential within a run: its provider and its parts (hashed, so the key holds no secret). */
function identity(c: Credential): string {
  const parts = Object.keys(c.parts).length ? Object.entries(c.parts).sort(([a], [b]) => a.localeCompare(b)) : [['', c.secret]];
  return createHash('sha256').update(JSON.stringify([c.provider, parts])).digest('hex');
}

/** `message` with every value of the credential masked: a last guard, since no message should hold one anyway. */
function withoutSecrets(message: string, c: Credential): string {
  let out = message;
  for (const v of [c.secret, ...Object.values(c.parts)]) if (v.length >= 4) out = out.split(v).join(`${v.slice(0, 2)}…`);
  return out;
}

/** The answer for `c`, and the value the provider said it does not know at all (see VerifyAnswer.unknownPart). */
async function check(v: Verifier | undefined, c: Credential, http: CredentialHttp, ctxNow: () => number): Promise<{ verification: Verification; unknownValue?: string }> {
  const stamp = (a: VerifyAnswer): { verification: Verification; unknownValue?: string } => ({
    verification: stamped(a),
    ...(a.unknownPart && c.parts[a.unknownPart] ? { unknownValue: c.parts[a.unknownPart] } : {}),
  });
  const stamped = (a: VerifyAnswer): Verification => ({
    status: a.status,
    provider: c.provider,
    checkedAt: new Date(ctxNow()).toISOString(),
    message: withoutSecrets(a.message, c),
    ...(a.permissions ? { permissions: a.permissions } : {}),
    ...(a.ipRestricted !== undefined ? { ipRestricted: a.ipRestricted } : {}),
    ...(a.account ? { account: a.account } : {}),
  });
  if (!v) {
    return stamp({ status: 'unknown', message: c.provider ? `no verifier: keyhound cannot check ${c.provider} credentials yet` : 'no verifier: the rule names no provider' });
  }
  try {
    return stamp(await v.verify(c, http));
  } catch (err) {
    if (err instanceof VerifyUnknown) return stamp({ status: 'unknown', message: err.message });
    // A bug in a verifier: say so without its message, which could quote what it was handling.
    return stamp({ status: 'unknown', message: `verifier error: the ${v.provider} verifier failed (${(err as Error).name ?? 'Error'})` });
  }
}

/**
 * Verifies the credentials behind `findings` (raw, not redacted). Throws VerifyConfigError on a bad
 * KEYHOUND_VERIFY_ENDPOINTS before anything is sent.
 */
export async function verifyFindings(findings: readonly Finding[], options: VerifyOptions = {}): Promise<VerifyRun> {
  const env = options.env ?? process.env;
  const overrides = parseEndpointOverrides(env[ENDPOINTS_ENV], endpointIds());
  const limits: HttpLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const ctx: HttpContext = {
    base(endpoint) {
      const own = VERIFIERS.find((v) => endpoint in v.endpoints)?.endpoints[endpoint];
      const base = overrides.get(endpoint) ?? own;
      if (!base) throw new VerifyUnknown('unexpected answer', `no endpoint "${endpoint}"`);
      return base;
    },
    limits,
    pacer: new HostPacer(limits.minIntervalMs),
    fetch: options.fetch ?? fetch,
    now,
  };

  // Each finding's credential: itself, or, when a rule reported one part of it, combinations with other findings
  // nearby that supply the rest (src/verify/pairing.ts), the nearest first.
  const plans = pairings(findings, (p) => verifierFor.get(p), partNamer(options.ruleSet));
  const tries: { credential: Credential; from: PartSource[] }[][] = findings.map((f, i) => {
    const own: Credential = { provider: f.provider ?? '', ruleId: f.ruleId, parts: f.parts ?? {}, secret: f.secret };
    return plans[i]!.length ? plans[i]!.map((c) => ({ credential: { ...own, parts: c.parts }, from: c.from })) : [{ credential: own, from: [] }];
  });

  // One check per distinct credential, shared by every finding of it.
  const sent = new Map<string, number>();
  const answers = new Map<string, Verification>();
  // Values a provider said it does not know at all (an unknown AWS access key id), per provider: no other
  // combination with one of them is tried.
  const unknownValues = new Set<string>();
  const known = (c: Credential): boolean => !Object.values(c.parts).some((v) => unknownValues.has(`${c.provider}\0${v}`));
  const checkAll = async (credentials: readonly Credential[]): Promise<void> => {
    const queue = new Map<string, Credential>();
    for (const c of credentials) if (!answers.has(identity(c)) && known(c)) queue.set(identity(c), c);
    const todo = [...queue.entries()];
    const worker = async (): Promise<void> => {
      for (let next = todo.shift(); next; next = todo.shift()) {
        const [id, credential] = next;
        const http = new CredentialHttp(ctx);
        const { verification, unknownValue } = await check(verifierFor.get(credential.provider), credential, http, now);
        answers.set(id, verification);
        if (unknownValue) unknownValues.add(`${credential.provider}\0${unknownValue}`);
        if (http.sent) sent.set(credential.provider, (sent.get(credential.provider) ?? 0) + 1);
      }
    };
    const concurrency = Math.max(1, Math.min(options.concurrency ?? 4, 16));
    await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, worker));
  };
  // First each finding's nearest combination; then farther ones only for findings that are not live yet, so that a
  // file of well-ordered pairs costs one request per pair.
  await checkAll(tries.map((t) => t[0]!.credential));
  await checkAll(tries.filter((t) => answers.get(identity(t[0]!.credential))?.status !== 'live').flatMap((t) => t.slice(1).map((x) => x.credential)));

  return {
    findings: findings.map((f, i) => {
      const tried = tries[i]!.map((t) => ({ ...t, answer: answers.get(identity(t.credential))! })).filter((t) => t.answer);
      // Live if any combination is; else unknown if any could not be told (it might have been the live one); else
      // the nearest's answer.
      const pick = tried.find((t) => t.answer.status === 'live') ?? tried.find((t) => t.answer.status === 'unknown') ?? tried[0]!;
      if (!pick.from.length) return { ...f, verification: pick.answer };
      const others = pick.answer.status !== 'live' && tried.length > 1 ? `; ${tried.length} combinations nearby were tried` : '';
      return { ...f, verification: { ...pick.answer, message: `${pick.answer.message}${pairedNote(pick.from)}${others}`, pairedWith: pick.from } };
    }),
    sent,
  };
}

/** The stderr note: "sent 4 credentials to: binance (3), openai (1)", or that nothing was sent. */
export function sentNote(sent: ReadonlyMap<string, number>): string {
  const total = [...sent.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return 'keyhound: --verify: no credential was sent to any provider\n';
  const list = [...sent.entries()]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([p, n]) => `${p} (${n})`)
    .join(', ');
  return `keyhound: --verify: sent ${total} credential${total === 1 ? '' : 's'} to: ${list}\n`;
}

/** Live first, then unknown, then invalid; the order otherwise kept. */
export function liveFirst<T extends { verification?: Verification }>(findings: readonly T[]): T[] {
  const rank = (f: T): number => (f.verification?.status === 'live' ? 0 : f.verification?.status === 'unknown' ? 1 : f.verification ? 2 : 1);
  return findings
    .map((f, i) => [f, i] as const)
    .sort(([a, i], [b, j]) => rank(a) - rank(b) || i - j)
    .map(([f]) => f);
}
