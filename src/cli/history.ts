// `keyhound history [repo]`: options → scanHistory() → report, with a progress bar on a terminal.

import { scanHistory } from '../scan-history.js';
import type { HistoryRevisions } from '../sources/history.js';
import type { Args } from './index.js';
import { commonScanArgs, UsageError, type RunIO, type RunResult } from './common.js';
import { finishScan } from './finish.js';
import { ProgressBar } from './progress.js';
import { verifyStep, wantsVerify } from './verify.js';

/** `--branch`, `--range`, `--since` and `--max-commits` as revisions; throws UsageError on a bad value (the Action too). */
export function historyRevisions(a: Record<string, unknown>): HistoryRevisions {
  const out: HistoryRevisions = {};
  for (const [flag, key] of [
    ['branch', 'branch'],
    ['range', 'range'],
    ['since', 'since'],
  ] as const) {
    const v = a[flag];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`--${flag} needs a value`);
    out[key] = v;
  }
  if (out.branch && out.range) throw new UsageError('--branch and --range cannot be used together (a range names its own ends)');
  if (a['max-commits'] !== undefined) {
    const n = Number(a['max-commits']);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--max-commits must be a positive whole number, not "${String(a['max-commits'])}"`);
    out.maxCommits = n;
  }
  return out;
}

export async function historyCommand(args: Args | Record<string, unknown>, io: RunIO): Promise<RunResult> {
  const a = args as Args & Record<string, unknown>;
  if (a.repos !== undefined) return await (await import('./audit.js')).auditCommand(a, io);
  for (const flag of ['shard', 'state', 'cache', 'jobs']) {
    if (a[flag] !== undefined) throw new UsageError(`--${flag} goes with --repos FILE (an audit of many repositories)`);
  }
  const bar = io.progress && !a.quiet ? new ProgressBar(io.progress) : null;
  let result;
  try {
    result = await scanHistory({
      repo: (a.repo as string | undefined) ?? '.',
      revisions: historyRevisions(a),
      ...commonScanArgs(a),
      ...(wantsVerify(a) ? { redact: false } : {}),
      onProgress: bar
        ? (p) =>
            bar.update({
              done: p.commits,
              total: p.totalCommits,
              unit: 'commits',
              detail: `${p.blobs.toLocaleString('en-US')} blobs`,
              bytes: p.bytes,
            })
        : undefined,
    });
  } finally {
    bar?.done();
  }
  const verified = await verifyStep(result.findings, a, io, result.ruleSet);
  result = { ...result, findings: verified.findings };
  const quiet = Boolean(a.quiet) && result.findings.length === 0;
  const notes: string[] = [];
  if (result.repository.shallow) {
    notes.push(
      'keyhound: warning: shallow clone: history is partial — commits before the shallow boundary are not scanned, ' +
        'and what the boundary commits contain is attributed to them (run `git fetch --unshallow` for a full audit)',
    );
  }
  if (result.missingBlobs > 0) {
    notes.push(
      `keyhound: warning: partial clone: ${result.missingBlobs} blob${result.missingBlobs === 1 ? ' is' : 's are'} not in this repository and ` +
        `${result.missingBlobs === 1 ? 'was' : 'were'} not scanned (keyhound fetches nothing; clone without --filter for a full audit, --verbose lists them)`,
    );
  }
  if (result.repository.empty && !quiet) notes.push('keyhound: the repository has no commits yet: nothing to scan');
  if (verified.note) notes.push(verified.note.trimEnd());
  return finishScan(result, a, io, notes.length ? `${notes.join('\n')}\n` : '');
}
