// `keyhound diff <range> [repo]`: what each commit of a range adds — a pull request (`main...feature`) or a push
// (`OLD..NEW`) — so a key already in the base does not count again, and a key added then removed still does.

import { scanDiff } from '../scan-diff.js';
import { MissingCommitError, parseRange } from '../sources/range.js';
import type { Args, RunIO, RunResult } from './index.js';
import { EXIT_ERROR, UsageError } from './index.js';
import { commonScanArgs } from './common.js';
import { finishScan } from './finish.js';
import { verifyStep, wantsVerify } from './verify.js';

export async function diffCommand(args: Args, io: RunIO): Promise<RunResult> {
  const a = args as Args & Record<string, unknown>;
  let range;
  try {
    range = parseRange(String(a.range ?? ''));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  let result;
  try {
    result = await scanDiff({
      repo: (a.repo as string | undefined) ?? io.cwd ?? '.',
      range,
      ...commonScanArgs(a),
      ...(wantsVerify(a) ? { redact: false } : {}),
      attribute: !a['no-attribution'],
    });
  } catch (err) {
    if (err instanceof MissingCommitError) {
      return {
        exitCode: EXIT_ERROR,
        stdout: '',
        stderr: `keyhound diff: ${err.message}\n(in a shallow clone, fetch more history: git fetch --deepen=N, or git fetch --unshallow)\n`,
      };
    }
    throw err;
  }
  const verified = await verifyStep(result.findings, a, io, result.ruleSet);
  result = { ...result, findings: verified.findings };
  const notes: string[] = [];
  if (result.unattributed.length) notes.push(unattributedNote(result.unattributed));
  if (verified.note) notes.push(verified.note.trimEnd());
  return finishScan(result, a, io, notes.length ? `${notes.join('\n')}\n` : '');
}

/** The shallow-clone warning: which commits of the range could not be compared with their parents. */
export function unattributedNote(commits: readonly string[]): string {
  const shown = commits.slice(0, 10).map((c) => c.slice(0, 12));
  return (
    `keyhound: warning: shallow clone: ${commits.length} commit(s) of the range have no parents here (${shown.join(', ')}` +
    `${commits.length > shown.length ? ', …' : ''}), so everything they hold is reported as theirs, and keys they did not ` +
    'add may be attributed to them (fetch more history: git fetch --deepen=N, or git fetch --unshallow)'
  );
}
