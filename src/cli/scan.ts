// `keyhound scan [paths..]`: options → scan() → report.

import { reporters } from '../report/index.js';
import { ruleMeta } from '../report/rules.js';
import { scan } from '../scan.js';
import { defaultThreads } from '../scan-pool.js';
import type { Args, RunIO, RunResult } from './index.js';
import { EXIT_CLEAN, EXIT_FINDINGS, STDIN_ARG, UsageError, emit, parseSize } from './index.js';
import { TOOL } from './tool.js';
import { ruleBudget } from './common.js';
import { baselineLines, colorEnabled, configWarnings, cutShortLines, verboseLines } from './output.js';

export async function scanCommand(args: Args, io: RunIO): Promise<RunResult> {
  const a = args as Args & Record<string, unknown>;
  const result = await scan({
    paths: ((a.paths as string[] | undefined) ?? ['.']).map((p) => (p === STDIN_ARG ? '-' : p)),
    stdin: io.stdin,
    stdinFilename: a['stdin-filename'] as string | undefined,
    configPath: a.config as string | undefined,
    gitignore: !a['no-gitignore'],
    maxFileSize: parseSize(a['max-file-size'] ?? '64M'),
    redact: !a['no-redact'],
    baseline: a.baseline as string | undefined,
    honorGitleaksAllow: Boolean(a['honor-gitleaks-allow']),
    threads: a.threads === undefined ? defaultThreads() : parseThreads(a.threads),
    ...ruleBudget(a),
  });
  const format = String(a.format ?? 'text');
  const report = reporters[format]!(result.findings, {
    tool: TOOL,
    stats: result.stats,
    color: format === 'text' && !a.output && colorEnabled(a, io),
    rules: result.ruleSet.rules.map(ruleMeta),
  });
  const quiet = Boolean(a.quiet) && result.findings.length === 0;
  const stderr =
    configWarnings(result.config) +
    cutShortLines(result.cutShort) +
    (a.verbose ? verboseLines(result.skipped, result.dropped) + baselineLines(result.baseline) : '');
  return {
    exitCode: result.findings.length ? EXIT_FINDINGS : EXIT_CLEAN,
    stdout: quiet ? '' : emit(report, a),
    stderr,
  };
}

/** `--threads N`: a whole number of at least 1. */
function parseThreads(value: unknown): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new UsageError(`--threads must be a whole number from 1 to 256 (got "${String(value)}")`);
  return n;
}
