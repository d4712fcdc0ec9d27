// `keyhound merge REPORT.json…`: the JSON reports of an audit's shards (or of any runs) as one report in any format.
// A finding is kept once per fingerprint and repository; statistics add up; each repository is listed once, a
// successful scan of it winning over a failed one. Exit codes as for `history --repos`.

import { redactSecret } from '../filters/redact.js';
import { sortFindings } from '../filters/sort.js';
import { loadRuleSetCached } from '../config/cache.js';
import type { Finding, ScanStats } from '../model/types.js';
import { reporters } from '../report/index.js';
import { readJsonReport, ReportFormatError } from '../report/read-json.js';
import { ruleMeta } from '../report/rules.js';
import type { RepositoryStatus } from '../report/types.js';
import { byCodePoint } from '../util/compare.js';
import { readBoundedText } from '../util/files.js';
import { EXIT_PARTIAL } from './audit.js';
import { emit, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, reportFormat, UsageError, type RunResult } from './common.js';
import { TOOL } from './tool.js';

/** Reports of up to this size are read (a report of a few hundred thousand findings). */
const MAX_REPORT_BYTES = 1024 * 1024 * 1024;

export interface Merged {
  findings: Finding[];
  stats: ScanStats;
  repositories?: RepositoryStatus[];
}

const repoKey = (r: { name: string; url: string } | undefined): string => (r ? `${r.name}\0${r.url}` : '');

/** Merges read reports: pure, for tests. */
export function mergeReports(reports: readonly { findings: readonly Finding[]; stats: ScanStats; repositories?: RepositoryStatus[] }[]): Merged {
  const seen = new Set<string>();
  const findings: Finding[] = [];
  const stats: ScanStats = { files: 0, bytes: 0, skipped: 0, durationMs: 0 };
  const repos = new Map<string, RepositoryStatus>();
  let anyRepos = false;
  for (const r of reports) {
    for (const f of r.findings) {
      const key = `${f.fingerprint}\0${repoKey(f.repository)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(f);
    }
    stats.files += r.stats.files;
    stats.bytes += r.stats.bytes;
    stats.skipped += r.stats.skipped;
    stats.durationMs += r.stats.durationMs;
    if (!r.repositories) continue;
    anyRepos = true;
    for (const repo of r.repositories) {
      const key = repoKey(repo);
      const had = repos.get(key);
      if (!had || (had.status === 'failed' && repo.status !== 'failed')) repos.set(key, repo);
    }
  }
  // Grouped by repository (by name, then URL), each group in the usual order; the same whatever the order of reports.
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = repoKey(f.repository);
    const list = groups.get(key) ?? [];
    list.push(f);
    groups.set(key, list);
  }
  const ordered = [...groups.keys()].sort(byCodePoint).flatMap((k) => sortFindings(groups.get(k)!));
  const repositories = [...repos.values()].sort((a, b) => byCodePoint(repoKey(a), repoKey(b)));
  return { findings: ordered, stats, ...(anyRepos ? { repositories } : {}) };
}

const redactOnce = (s: string): string => (s.endsWith('…') ? s : redactSecret(s));

function redactAgain(f: Finding): Finding {
  return {
    ...f,
    secret: redactOnce(f.secret),
    ...(f.parts ? { parts: Object.fromEntries(Object.entries(f.parts).map(([k, v]) => [k, redactOnce(v)])) } : {}),
  };
}

export async function mergeCommand(a: Record<string, unknown>): Promise<RunResult> {
  const files = (a.reports as string[] | undefined) ?? [];
  if (files.length === 0) throw new UsageError('name one or more JSON reports to merge');
  const reports = files.map((file) => {
    let text: string;
    try {
      text = readBoundedText(file, MAX_REPORT_BYTES);
    } catch (err) {
      throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
    }
    try {
      return readJsonReport(text);
    } catch (err) {
      if (err instanceof ReportFormatError) throw new UsageError(`${file}: ${err.message}`);
      throw err;
    }
  });
  const merged = mergeReports(reports);
  // Reports are redacted when written; one written with --no-redact is redacted here unless --no-redact is given again.
  if (!a['no-redact']) merged.findings = merged.findings.map(redactAgain);
  const format = reportFormat(a);
  const { ruleSet } = await loadRuleSetCached(process.cwd(), a.config as string | undefined);
  const report = reporters[format]!(merged.findings, {
    tool: TOOL,
    stats: merged.stats,
    color: false,
    rules: ruleSet.rules.map(ruleMeta),
    ...(merged.repositories ? { repositories: merged.repositories } : {}),
  });
  const failed = merged.repositories?.filter((r) => r.status === 'failed').length ?? 0;
  const total = merged.repositories?.length ?? 0;
  const exitCode = total > 0 && failed === total ? EXIT_ERROR : failed > 0 ? EXIT_PARTIAL : merged.findings.length ? EXIT_FINDINGS : EXIT_CLEAN;
  const summary = `keyhound: merged ${files.length} report(s): ${merged.findings.length} finding(s)${total ? ` in ${total} repositor${total === 1 ? 'y' : 'ies'}, ${failed} failed` : ''}\n`;
  return { exitCode, stdout: emit(report, a as { output?: string }), stderr: a.quiet ? '' : summary };
}
