// The baseline: findings a team has accepted once, suppressed afterwards wherever they move. An entry is a salted hash
// of (rule, path, secret), so the file never holds the secret nor the unsalted fingerprint that reports print, and the
// same leak keeps matching when lines move or commits are rebased. Pure: parsing, matching and updating only; the
// CLI reads and writes the file.

import { createHash, randomBytes } from 'node:crypto';
import type { Finding } from '../model/types.js';

export const BASELINE_VERSION = 1;
export const DEFAULT_BASELINE_FILE = '.keyhound-baseline.json';
const DOMAIN = 'keyhound:baseline:v1';

export interface BaselineEntry {
  ruleId: string;
  path: string;
  /** sha256 of (salt, rule, path, secret), hex. */
  fingerprint: string;
  /** Why the finding was accepted (free text, for reviewers). */
  reason?: string;
  /** ISO date or date-time; from then on the entry no longer suppresses its finding. */
  expires?: string;
}

export interface Baseline {
  version: number;
  /** Random per file, so the same leak hashes differently in different baselines. */
  salt: string;
  entries: BaselineEntry[];
}

export class BaselineError extends Error {
  override name = 'BaselineError';
  constructor(message: string, readonly file: string) {
    super(`${file}: ${message}`);
  }
}

export function newBaseline(salt: string = randomBytes(16).toString('hex')): Baseline {
  return { version: BASELINE_VERSION, salt, entries: [] };
}

export function baselineHash(salt: string, ruleId: string, path: string, secret: string): string {
  return createHash('sha256').update(`${DOMAIN}\0${salt}\0${ruleId}\0${path}\0${secret}`).digest('hex');
}

/** Parses and checks a baseline file's text; `file` names it in errors. */
export function parseBaseline(text: string, file: string): Baseline {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    // Only the position: V8's JSON messages quote the text around the error.
    const at = /position (\d+)/.exec((err as Error).message)?.[1];
    throw new BaselineError(`invalid JSON${at ? ` at position ${at}` : ''}`, file);
  }
  const d = doc as Partial<Baseline> | null;
  if (!d || typeof d !== 'object') throw new BaselineError('not a keyhound baseline (expected an object)', file);
  if (d.version !== BASELINE_VERSION) throw new BaselineError(`unsupported version ${String(d.version)} (expected ${BASELINE_VERSION})`, file);
  if (typeof d.salt !== 'string' || d.salt.length < 16) throw new BaselineError('missing or short "salt"', file);
  if (!Array.isArray(d.entries)) throw new BaselineError('missing "entries" array', file);
  d.entries.forEach((e: Partial<BaselineEntry>, i) => {
    const where = `entries[${i}]`;
    for (const key of ['ruleId', 'path', 'fingerprint'] as const) {
      if (typeof e?.[key] !== 'string' || !e[key]) throw new BaselineError(`${where}: missing "${key}"`, file);
    }
    if (!/^[0-9a-f]{64}$/.test(e.fingerprint!)) throw new BaselineError(`${where}: "fingerprint" must be 64 hex digits`, file);
    if (e.reason !== undefined && typeof e.reason !== 'string') throw new BaselineError(`${where}: "reason" must be a string`, file);
    if (e.expires !== undefined && (typeof e.expires !== 'string' || Number.isNaN(Date.parse(e.expires)))) {
      throw new BaselineError(`${where}: "expires" must be an ISO date such as 2026-12-31`, file);
    }
  });
  return { version: d.version, salt: d.salt, entries: d.entries };
}

export function serializeBaseline(b: Baseline): string {
  const entries = [...b.entries].sort(
    (x, y) => x.path.localeCompare(y.path) || x.ruleId.localeCompare(y.ruleId) || x.fingerprint.localeCompare(y.fingerprint),
  );
  return `${JSON.stringify({ version: b.version, salt: b.salt, entries }, null, 2)}\n`;
}

export function isExpired(entry: BaselineEntry, now: Date): boolean {
  return entry.expires !== undefined && Date.parse(entry.expires) <= now.getTime();
}

function entryKey(e: Pick<BaselineEntry, 'ruleId' | 'path' | 'fingerprint'>): string {
  return `${e.ruleId}\0${e.path}\0${e.fingerprint}`;
}

function findingKey(b: Baseline, f: Finding): string {
  return entryKey({ ruleId: f.ruleId, path: f.path, fingerprint: baselineHash(b.salt, f.ruleId, f.path, f.secret) });
}

export interface BaselineOutcome {
  /** Findings the baseline does not cover (or covers with an expired entry). */
  findings: Finding[];
  /** How many findings a live entry suppressed. */
  suppressed: number;
  /** Expired entries that still match a finding: those findings count again. */
  expired: BaselineEntry[];
  /** Entries that matched no finding in this scan (stale, or outside the scanned paths). */
  unmatched: BaselineEntry[];
}

/**
 * Drops the findings a live baseline entry covers. Needs raw secrets: apply it before redaction.
 * @param now the moment expiry is judged against
 */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline, now: Date): BaselineOutcome {
  const byKey = new Map(baseline.entries.map((e) => [entryKey(e), e]));
  const matched = new Set<BaselineEntry>();
  const kept: Finding[] = [];
  let suppressed = 0;
  for (const f of findings) {
    const entry = byKey.get(findingKey(baseline, f));
    if (entry) matched.add(entry);
    if (entry && !isExpired(entry, now)) suppressed += 1;
    else kept.push(f);
  }
  return {
    findings: kept,
    suppressed,
    expired: baseline.entries.filter((e) => matched.has(e) && isExpired(e, now)),
    unmatched: baseline.entries.filter((e) => !matched.has(e)),
  };
}

export interface BaselineUpdate {
  baseline: Baseline;
  added: number;
  /** Entries dropped because they matched nothing (only with `prune`). */
  pruned: BaselineEntry[];
  /** Expired entries that still match: left as they are, so that accepting everything again never renews them. */
  expired: BaselineEntry[];
}

/**
 * Accepts every finding: adds an entry for each finding no entry covers yet, keeping existing entries (with their
 * reason and expiry) unchanged. With `prune`, drops the entries that match no finding.
 */
export function updateBaseline(previous: Baseline, findings: readonly Finding[], options: { prune: boolean; now: Date }): BaselineUpdate {
  const outcome = applyBaseline(findings, previous, options.now);
  const unmatched = new Set(outcome.unmatched);
  const entries = options.prune ? previous.entries.filter((e) => !unmatched.has(e)) : [...previous.entries];
  const present = new Set(entries.map(entryKey));
  let added = 0;
  for (const f of findings) {
    const fingerprint = baselineHash(previous.salt, f.ruleId, f.path, f.secret);
    const key = entryKey({ ruleId: f.ruleId, path: f.path, fingerprint });
    if (present.has(key)) continue;
    present.add(key);
    entries.push({ ruleId: f.ruleId, path: f.path, fingerprint });
    added += 1;
  }
  return {
    baseline: { version: BASELINE_VERSION, salt: previous.salt, entries },
    added,
    pruned: options.prune ? outcome.unmatched : [],
    expired: outcome.expired,
  };
}
