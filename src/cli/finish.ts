// The common ending of the scanning commands (scan, diff, history): the report on stdout (or in --output), warnings,
// cut-short rules and the --verbose lists on stderr, and exit code 0 or 1.

import { reporters } from '../report/index.js';
import { ruleMeta } from '../report/rules.js';
import type { ScanResult } from '../scan.js';
import { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, emit, reportFormat, type RunIO, type RunResult } from './common.js';
import { reportColor } from './color.js';
import { baselineLines, rulesLine, configWarnings, cutShortLines, noRulesMessage, nothingScannedLine, reportSummaryLine, verboseLines } from './output.js';
import { TOOL } from './tool.js';

/** `notes` come first on stderr (e.g. history's shallow-clone warning). */
export async function finishScan(result: ScanResult, args: Record<string, unknown>, io: RunIO, notes = ''): Promise<RunResult> {
  const noRules = noRulesMessage(result.ruleSet, args);
  if (noRules) return { exitCode: EXIT_ERROR, stdout: '', stderr: notes + configWarnings(result.config) + noRules };
  const format = reportFormat(args);
  const quiet = Boolean(args.quiet) && result.findings.length === 0;
  const report = reporters[format]!(result.findings, {
    tool: TOOL,
    stats: result.stats,
    color: await reportColor(args, io, format, !quiet),
    rules: result.ruleSet.rules.map(ruleMeta),
  });
  const stderr =
    notes +
    configWarnings(result.config) +
    cutShortLines(result.cutShort) +
    nothingScannedLine(result.stats) +
    (args.verbose ? rulesLine() + verboseLines(result.skipped, result.dropped) + baselineLines(result.baseline) : '') +
    (args.output && !quiet ? reportSummaryLine(result.findings.length, result.stats, String(args.output), format) : '');
  return {
    exitCode: result.findings.length ? EXIT_FINDINGS : EXIT_CLEAN,
    stdout: quiet ? '' : emit(report, args as { output?: string }),
    stderr,
  };
}
