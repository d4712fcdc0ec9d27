// The diff orchestrator: what a range of commits adds (a pull request, a push) → engine → baseline → attribution →
// redaction. Like scan.ts, it is where a source, the engine and the filters meet; the CLI and the Action report.

import { redact as redactFindings } from './filters/redact.js';
import type { Finding, Skip } from './model/types.js';
import { baselineStep, resolveBaseline } from './baseline.js';
import { DEFAULT_MAX_FILE_SIZE, loadRuleSet, type CommonScanOptions, type ScanResult } from './scan.js';
import { scanFragments } from './scan-fragments.js';
import { blameLine } from './sources/blame.js';
import { openRepository } from './sources/repository.js';
import { emptyTree, resolveRange, type ResolvedRange, type RevisionRange } from './sources/range.js';
import { diffSource } from './sources/staged.js';

/** Findings beyond this many are not attributed to commits (one `git blame` each). */
export const ATTRIBUTION_LIMIT = 200;

export interface DiffScanOptions extends CommonScanOptions {
  /** Any folder in the repository's work tree. Default: the current directory. */
  repo?: string;
  range: RevisionRange;
  /** Name the commit of the range that added each finding (`git blame`). Default true. */
  attribute?: boolean;
  now?: Date;
}

export interface DiffScanResult extends ScanResult {
  range: ResolvedRange;
}

/**
 * Scans only the lines `range` adds. Throws NotARepositoryError, MissingCommitError (a commit or the merge base is
 * not in the repository), ConfigError or GitError.
 */
export async function scanDiff(options: DiffScanOptions): Promise<DiffScanResult> {
  const started = performance.now();
  const repository = await openRepository(options.repo ?? '.');
  const cwd = repository.root;
  const range = await resolveRange(cwd, options.range);
  const { ruleSet, config } = loadRuleSet(cwd, options.configPath);
  const baseline = resolveBaseline(options.baseline, config, cwd);
  const skipped: Skip[] = [];
  const source = diffSource({
    cwd,
    from: range.from ?? (await emptyTree(cwd)),
    to: range.to,
    maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    onSkip: (s) => void skipped.push(s),
  });
  const result = await scanFragments(ruleSet, source, {
    honorGitleaksAllow: options.honorGitleaksAllow,
    ...(options.ruleBudgetMs !== undefined ? { ruleBudgetMs: options.ruleBudgetMs } : {}),
  });
  const baselined = baselineStep(result.findings, baseline, options.now);
  let findings: Finding[] = baselined.findings;
  if (options.attribute !== false && findings.length <= ATTRIBUTION_LIMIT) {
    findings = await Promise.all(
      findings.map(async (f) => {
        const commit = await blameLine(cwd, range.to, range.boundary, f.path, f.line);
        return commit ? { ...f, commit } : f;
      }),
    );
  }
  if (options.redact !== false) findings = redactFindings(findings);
  return {
    findings,
    stats: { files: result.files, bytes: result.bytes, skipped: skipped.length, durationMs: Math.round(performance.now() - started) },
    skipped,
    dropped: result.dropped,
    cutShort: result.cutShort,
    ruleSet,
    config,
    root: cwd,
    range,
    ...(baselined.outcome ? { baseline: baselined.outcome } : {}),
  };
}
