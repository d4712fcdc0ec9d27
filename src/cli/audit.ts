// `keyhound history --repos FILE`: an audit of many repositories (paths or clone URLs), optionally one shard of the
// list (`--shard I/N`) and resumable (`--state DIR`), into one report grouped by repository.
// Exit codes: 0 nothing found, 1 secrets found, 3 some repositories could not be scanned (the report covers the
// others), 2 nothing could be scanned at all, or a usage or configuration error.

import { availableParallelism } from 'node:os';
import { audit, type RepoOutcome } from '../audit/audit.js';
import { defaultCacheDir } from '../audit/mirror.js';
import { maskCredentials, parseRepoList, parseShard, shardOf } from '../audit/repos.js';
import { reporters } from '../report/index.js';
import { ruleMeta } from '../report/rules.js';
import { escapeControl } from '../report/escape.js';
import { readBoundedText } from '../util/files.js';
import { commonScanArgs, emit, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, reportFormat, UsageError, type RunIO, type RunResult } from './common.js';
import { historyRevisions } from './history.js';
import { reportColor } from './color.js';
import { configWarnings, cutShortLines, noRulesMessage, rulesLine, verboseLines } from './output.js';
import { ProgressBar } from './progress.js';
import { TOOL } from './tool.js';
import { verifyStep, wantsVerify } from './verify.js';

/** Some repositories could not be cloned or read; the report covers the others. */
export const EXIT_PARTIAL = 3;

function jobsOption(value: unknown): number {
  if (value === undefined) return Math.max(1, Math.min(4, availableParallelism()));
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--jobs must be a whole number from 1 to 64 (got "${String(value)}")`);
  return n;
}

export async function auditCommand(a: Record<string, unknown>, io: RunIO): Promise<RunResult> {
  if (a.repo !== undefined && a.repo !== '.') throw new UsageError('name either a repository or --repos FILE, not both');
  const listFile = String(a.repos);
  let text: string;
  try {
    text = readBoundedText(listFile);
  } catch (err) {
    throw new UsageError(`cannot read the repository list ${listFile}: ${(err as Error).message}`);
  }
  const list = parseRepoList(text);
  if (list.entries.length === 0 && list.errors.length === 0) throw new UsageError(`the repository list ${listFile} names no repository`);
  let shard: { index: number; count: number } | null = null;
  if (a.shard !== undefined) {
    try {
      shard = parseShard(String(a.shard));
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  }
  const entries = shard ? list.entries.filter((e) => shardOf(e.key, shard.count) === shard.index) : list.entries;
  // A line that names no readable repository fails like a repository that cannot be cloned (in shard 1 only, so a
  // matrix reports it once).
  const listErrors: RepoOutcome[] =
    !shard || shard.index === 1
      ? list.errors.map((e) => ({ name: `line ${e.line}`, url: maskCredentials(e.spec), status: 'failed', error: e.message, findings: 0 }))
      : [];

  const revisions = historyRevisions(a);
  const jobs = jobsOption(a.jobs);
  const env = io.env ?? process.env;
  const bar = io.progress && !a.quiet && entries.length > 0 ? new ProgressBar(io.progress) : null;
  // --verify: each repository's keys are checked as it finishes, so the state folder never holds a whole secret.
  const verifyNotes = new Set<string>();
  const verifying = wantsVerify(a);
  let result;
  try {
    bar?.update({ done: 0, total: entries.length, unit: 'repositories', detail: 'starting', bytes: 0 }, true);
    let bytes = 0;
    result = await audit({
      ...commonScanArgs(a),
      ...(verifying ? { redact: false } : {}),
      entries,
      cacheDir: typeof a.cache === 'string' && a.cache ? a.cache : defaultCacheDir(env),
      jobs,
      ...(typeof a.state === 'string' && a.state ? { stateDir: a.state } : {}),
      revisions,
      env,
      ...(verifying
        ? {
            finishRepository: async (found, ruleSet) => {
              const verified = await verifyStep(found, a, io, ruleSet);
              if (verified.note) verifyNotes.add(verified.note.trimEnd());
              return verified.findings;
            },
          }
        : {}),
      onRepository: bar
        ? (o, done, total) => {
            bytes += o.stats?.bytes ?? 0;
            bar.update({ done, total, unit: 'repositories', detail: `last: ${o.name} (${o.status})`, bytes }, true);
          }
        : undefined,
    });
  } finally {
    bar?.done();
  }

  const noRules = noRulesMessage(result.ruleSet, a);
  if (noRules) return { exitCode: EXIT_ERROR, stdout: '', stderr: configWarnings(result.config) + noRules };
  const repositories = [...listErrors, ...result.repositories];
  const format = reportFormat(a);
  const report = reporters[format]!(result.findings, {
    tool: TOOL,
    stats: result.stats,
    color: await reportColor(a, io, format),
    rules: result.ruleSet.rules.map(ruleMeta),
    repositories,
  });

  const failed = repositories.filter((r) => r.status === 'failed');
  const read = repositories.length - failed.length;
  const lines: string[] = [];
  for (const r of repositories) {
    if (r.status === 'failed') lines.push(`keyhound: error: ${r.name} (${r.url}): ${r.error ?? 'failed'}`);
    for (const w of r.warnings ?? []) lines.push(`keyhound: warning: ${r.name}: ${w}`);
  }
  const resumed = repositories.filter((r) => r.status === 'resumed').length;
  const where = shard ? ` (shard ${shard.index}/${shard.count} of ${list.entries.length + list.errors.length})` : '';
  lines.push(
    `keyhound: ${repositories.length} repositor${repositories.length === 1 ? 'y' : 'ies'}${where}: ${read} scanned` +
      `${resumed ? ` (${resumed} from the state folder)` : ''}, ${failed.length} failed; ${result.findings.length} finding(s)`,
  );
  const stderr =
    configWarnings(result.config) +
    lines.map((l) => `${escapeControl(l)}\n`).join('') +
    [...verifyNotes].map((n) => `${n}\n`).join('') +
    cutShortLines(result.cutShort) +
    (a.verbose ? rulesLine() + verboseLines(result.skipped, result.dropped) : '');
  const quiet = Boolean(a.quiet) && result.findings.length === 0 && failed.length === 0;
  const exitCode =
    repositories.length > 0 && read === 0 ? EXIT_ERROR : failed.length > 0 ? EXIT_PARTIAL : result.findings.length ? EXIT_FINDINGS : EXIT_CLEAN;
  return { exitCode, stdout: quiet ? '' : emit(report, a as { output?: string }), stderr: quiet ? '' : stderr };
}
