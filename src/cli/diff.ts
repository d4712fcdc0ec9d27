// `keyhound diff <range> [repo]`: only the lines a range of commits adds — a pull request (`main...feature`) or a
// push (`OLD..NEW`) — so a key already in the base does not count again.

import { reporters } from '../report/index.js';
import { ruleMeta } from '../report/rules.js';
import { scanDiff } from '../scan-diff.js';
import { MissingCommitError, parseRange } from '../sources/range.js';
import type { Args, RunIO, RunResult } from './index.js';
import { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UsageError, emit, parseSize } from './index.js';
import { ruleBudget } from './common.js';
import { baselineLines, colorEnabled, configWarnings, cutShortLines, verboseLines } from './output.js';
import { TOOL } from './tool.js';

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
      configPath: a.config as string | undefined,
      maxFileSize: parseSize(a['max-file-size'] ?? '64M'),
      redact: !a['no-redact'],
      baseline: a.baseline as string | undefined,
      honorGitleaksAllow: Boolean(a['honor-gitleaks-allow']),
      ...ruleBudget(a),
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
  const format = String(a.format ?? 'text');
  const report = reporters[format]!(result.findings, {
    tool: TOOL,
    stats: result.stats,
    color: format === 'text' && !a.output && colorEnabled(a, io),
    rules: result.ruleSet.rules.map(ruleMeta),
  });
  const quiet = Boolean(a.quiet) && result.findings.length === 0;
  const stderr =
    configWarnings(result.config) + cutShortLines(result.cutShort) + (a.verbose ? verboseLines(result.skipped, result.dropped) + baselineLines(result.baseline) : '');
  return {
    exitCode: result.findings.length ? EXIT_FINDINGS : EXIT_CLEAN,
    stdout: quiet ? '' : emit(report, a),
    stderr,
  };
}
