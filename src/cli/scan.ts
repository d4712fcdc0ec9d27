// `keyhound scan [paths..]`: options → scan() → report.

import { scan } from '../scan.js';
import { defaultThreads } from '../scan-pool.js';
import type { Args, RunIO, RunResult } from './index.js';
import { STDIN_ARG, UsageError } from './index.js';
import { commonScanArgs } from './common.js';
import { finishScan } from './finish.js';
import { ProgressBar } from './progress.js';
import { verifyStep, wantsVerify } from './verify.js';

export async function scanCommand(args: Args, io: RunIO): Promise<RunResult> {
  const a = args as Args & Record<string, unknown>;
  // On a terminal (io.progress is stderr only then), a scan that takes more than a second shows what it has read.
  const bar = io.progress && !a.quiet ? new ProgressBar(io.progress) : null;
  let result;
  try {
    result = await scan({
      paths: ((a.paths as string[] | undefined) ?? ['.']).map((p) => (p === STDIN_ARG ? '-' : p)),
      stdin: io.stdin,
      stdinFilename: a['stdin-filename'] as string | undefined,
      ...commonScanArgs(a),
      ...(wantsVerify(a) ? { redact: false } : {}),
      gitignore: !a['no-gitignore'],
      include: patterns(a.include),
      exclude: patterns(a.exclude),
      threads: a.threads === undefined ? defaultThreads() : parseThreads(a.threads),
      onProgress: bar
        ? (p) => bar.update({ done: p.files, total: 0, unit: 'files', detail: `${(p.bytes / 1024 / 1024).toFixed(1)} MB`, bytes: p.bytes })
        : undefined,
    });
  } finally {
    bar?.done();
  }
  const verified = await verifyStep(result.findings, a, io, result.ruleSet);
  return finishScan({ ...result, findings: verified.findings }, a, io, verified.note);
}

/** `--threads N`: a whole number of at least 1. */
function parseThreads(value: unknown): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new UsageError(`--threads must be a whole number from 1 to 256 (got "${String(value)}")`);
  return n;
}

/** A repeatable pattern flag's values (`--exclude a --exclude b`; yargs gives a string for one, an array for more). */
function patterns(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}
