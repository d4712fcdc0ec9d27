// The audit orchestrator (`keyhound history --repos`): for each listed repository, a bare mirror (URLs) or the
// folder itself (paths), then the history scan, `jobs` repositories at a time. Each repository's scan holds only its
// own blob set and is done before its memory is let go; what the audit keeps is its findings. A repository that
// cannot be cloned or read is recorded with the reason and the audit goes on.

import { loadRuleSetCached, primeDefaultRuleSet } from '../config/cache.js';
import type { UserConfig } from '../config/load.js';
import type { CutShort, Finding, RuleSet, ScanStats, Skip } from '../model/types.js';
import { scanHistory } from '../scan-history.js';
import type { RepositoryStatus } from '../report/types.js';
import type { CommonScanOptions } from '../scan.js';
import type { HistoryRevisions } from '../sources/history.js';
import { gitReason, mirror } from './mirror.js';
import type { RepoEntry } from './repos.js';
import { readState, writeState } from './state.js';

/** How one repository of the audit went. */
export type RepoOutcome = RepositoryStatus;

export interface AuditOptions extends CommonScanOptions {
  entries: RepoEntry[];
  /** Where URLs are mirrored. */
  cacheDir: string;
  /** Repositories scanned at once. Default 2. */
  jobs?: number;
  /** Folder keeping finished repositories' results, for resuming a killed run. */
  stateDir?: string;
  revisions?: HistoryRevisions;
  env?: NodeJS.ProcessEnv;
  /**
   * Run on each repository's findings before they are kept (and written to the state folder): verification, which
   * needs the secrets whole (the scan is then asked for `redact: false`) and redacts them after; `ruleSet` is the
   * scan's (verification pairs parts found by different rules with it).
   */
  finishRepository?: (findings: Finding[], ruleSet: RuleSet) => Promise<Finding[]>;
  /** Called as each repository finishes (progress). */
  onRepository?: (outcome: RepoOutcome, done: number, total: number) => void;
}

export interface AuditResult {
  findings: Finding[];
  /** In list order. */
  repositories: RepoOutcome[];
  stats: ScanStats;
  skipped: Skip[];
  dropped: Record<string, number>;
  cutShort: CutShort[];
  /** The rules in force for reporting (the built-in set, or `--config`'s). */
  ruleSet: RuleSet;
  config: UserConfig;
}

/** Audits every entry; throws only for what would fail them all (a bad `--config`). */
export async function audit(options: AuditOptions): Promise<AuditResult> {
  const started = performance.now();
  // The built-in rule set is compiled once for the whole audit (each scan would otherwise compile its own), and a bad
  // --config stops the audit before anything is cloned.
  primeDefaultRuleSet();
  const { ruleSet, config } = await loadRuleSetCached(process.cwd(), options.configPath);

  const entries = options.entries;
  const outcomes: RepoOutcome[] = new Array(entries.length);
  const perRepo: Finding[][] = new Array(entries.length);
  const skipped: Skip[] = [];
  const dropped: Record<string, number> = {};
  const cutShort: CutShort[] = [];
  let done = 0;

  const one = async (i: number): Promise<void> => {
    const entry = entries[i]!;
    const repository = { name: entry.name, url: entry.url };
    const base = { name: entry.name, url: entry.url };
    const saved = options.stateDir ? readState(options.stateDir, entry) : null;
    if (saved) {
      perRepo[i] = saved.findings;
      outcomes[i] = { ...base, status: 'resumed', findings: saved.findings.length, stats: saved.stats, ...(saved.warnings.length ? { warnings: saved.warnings } : {}) };
      return;
    }
    const warnings: string[] = [];
    try {
      let dir = entry.spec;
      if (entry.kind === 'url') {
        const m = await mirror(entry, options.cacheDir, options.env);
        if (m.state === 'stale') warnings.push(`could not update the cached mirror (${m.warning}); scanned the copy from an earlier run`);
        dir = m.dir;
      }
      const result = await scanHistory({
        ...options,
        repo: dir,
        revisions: options.revisions,
        onProgress: undefined,
      });
      if (result.repository.shallow) warnings.push('shallow clone: history is partial');
      if (result.repository.empty) warnings.push('no commits: nothing to scan');
      const found = result.findings.map((f) => ({ ...f, repository }));
      const findings = options.finishRepository ? await options.finishRepository(found, result.ruleSet) : found;
      for (const s of result.skipped) skipped.push({ path: `${entry.name}: ${s.path}`, reason: s.reason });
      for (const [k, v] of Object.entries(result.dropped)) dropped[k] = (dropped[k] ?? 0) + v;
      for (const c of result.cutShort) cutShort.push({ ...c, path: `${entry.name}: ${c.path}` });
      if (options.stateDir) writeState(options.stateDir, entry, { findings, stats: result.stats, warnings });
      perRepo[i] = findings;
      outcomes[i] = { ...base, status: 'scanned', findings: findings.length, stats: result.stats, ...(warnings.length ? { warnings } : {}) };
    } catch (err) {
      perRepo[i] = [];
      outcomes[i] = { ...base, status: 'failed', error: gitReason(err), findings: 0, ...(warnings.length ? { warnings } : {}) };
    }
  };

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < entries.length) {
      const i = next++;
      await one(i);
      done += 1;
      options.onRepository?.(outcomes[i]!, done, entries.length);
    }
  };
  const jobs = Math.max(1, Math.min(options.jobs ?? 2, entries.length || 1));
  await Promise.all(Array.from({ length: jobs }, worker));

  const stats: ScanStats = { files: 0, bytes: 0, skipped: 0, durationMs: 0 };
  for (const o of outcomes) {
    if (!o.stats) continue;
    stats.files += o.stats.files;
    stats.bytes += o.stats.bytes;
    stats.skipped += o.stats.skipped;
  }
  stats.durationMs = Math.round(performance.now() - started);
  return { findings: perRepo.flat(), repositories: outcomes, stats, skipped, dropped, cutShort, ruleSet, config };
}
