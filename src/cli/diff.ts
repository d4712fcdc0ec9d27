// `keyhound diff <range> [repo]`: only the lines a range of commits adds — a pull request (`main...feature`) or a
// push (`OLD..NEW`) — so a key already in the base does not count again.

import { scanDiff } from '../scan-diff.js';
import { MissingCommitError, parseRange } from '../sources/range.js';
import type { Args, RunIO, RunResult } from './index.js';
import { EXIT_ERROR, UsageError } from './index.js';
import { commonScanArgs } from './common.js';
import { finishScan } from './finish.js';

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
  return finishScan(result, a, io);
}
