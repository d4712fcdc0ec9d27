// The history orchestrator: repository → history source → engine → first-seen filter → sorted, redacted findings.
// Like scan.ts, it is where a source, the engine and the filters meet; the CLI turns the result into a report.

import { detectDecoded } from './decode/detect.js';
import { withSnippets } from './filters/snippet.js';
import { decodeDepth } from './decode/layers.js';
import { DEFAULT_MAX_ARCHIVE_DEPTH } from './decode/archive.js';
import { FirstSeen } from './filters/first-seen.js';
import { redact as redactFindings } from './filters/redact.js';
import { sortFindings } from './filters/sort.js';
import type { CutShort, DropReason, Skip } from './model/types.js';
import { baselineStep, gitleaksIgnoreStep, resolveBaseline } from './baseline.js';
import { loadRuleSetCached } from './config/cache.js';
import { DEFAULT_MAX_FILE_SIZE, wallClock } from './scan-fragments.js';
import type { CommonScanOptions, ScanResult } from './scan.js';
import { countCommits, historySource, PARTIAL_CLONE_SKIP, type HistoryProgress, type HistoryRevisions } from './sources/history.js';
import { openRepository, type RepositoryInfo } from './sources/repository.js';

export interface HistoryScanOptions extends CommonScanOptions {
  /** The repository: any folder in its work tree, or a bare repository. Default: the current directory. */
  repo?: string;
  revisions?: HistoryRevisions;
  /** Asked for progress: then the commits are counted first, for a total. */
  onProgress?: (progress: HistoryProgress & { totalCommits: number }) => void;
}

export interface HistoryScanResult extends ScanResult {
  repository: RepositoryInfo;
  /** Blobs a partial clone lacks: never fetched, so not scanned (each is also in `skipped`). */
  missingBlobs: number;
  /** Commit messages scanned (not counted in `stats.files`). */
  messages: number;
}

/**
 * Scans every unique blob of the selected history once and reports each leak once per path, with the commit that
 * introduced it. Throws PathNotFoundError, NotARepositoryError, ConfigError or GitError.
 */
export async function scanHistory(options: HistoryScanOptions = {}): Promise<HistoryScanResult> {
  const started = performance.now();
  const repository = await openRepository(options.repo ?? '.');
  const skipped: Skip[] = [];
  const dropped = new Map<DropReason, number>();
  const kept = new FirstSeen();
  let files = 0;
  let bytes = 0;
  let messages = 0;
  const cutShort: CutShort[] = [];

  const onProgress = options.onProgress;
  // Settled again once the config is loaded (its maxArchiveDepth); the source reads it at each archive it meets.
  const archives = { maxDepth: options.maxArchiveDepth ?? DEFAULT_MAX_ARCHIVE_DEPTH };
  const totalCommits = onProgress && !repository.empty ? await countCommits(repository.gitDir, options.revisions) : 0;
  // Start git (its log walk, which with --reverse reads every commit before it writes one, and the first blobs)
  // before loading the rules, so the two overlap: the rules load once git log runs, or the source has failed.
  let gitStarted = (): void => undefined;
  const gitRunning = new Promise<void>((resolveStarted) => (gitStarted = resolveStarted));
  const source = repository.empty
    ? null
    : historySource({
        repo: repository.gitDir,
        revisions: options.revisions,
        maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
        onSkip: (s) => void skipped.push(s),
        onProgress: onProgress ? (p) => onProgress({ ...p, totalCommits }) : undefined,
        archives,
        messages: true,
        onStarted: () => gitStarted(),
      });
  const first = source?.next();
  if (first) await Promise.race([gitRunning, first.then(() => undefined, () => undefined)]);
  // The cached rule set (config/cache.ts): the YAML parser and schema validator load only for a user config.
  let loaded: Awaited<ReturnType<typeof loadRuleSetCached>>;
  try {
    loaded = await loadRuleSetCached(repository.root, options.configPath);
  } catch (err) {
    await first?.catch(() => undefined);
    await source?.return(undefined);
    throw err;
  }
  const { ruleSet, config } = loaded;
  let baseline: ReturnType<typeof resolveBaseline>;
  try {
    baseline = resolveBaseline(options.baseline, config, repository.root);
  } catch (err) {
    await first?.catch(() => undefined);
    await source?.return(undefined);
    throw err;
  }

  const maxDecodeDepth = decodeDepth(options, config);
  archives.maxDepth = options.maxArchiveDepth ?? config.maxArchiveDepth ?? DEFAULT_MAX_ARCHIVE_DEPTH;
  const detectOptions = {
    honorGitleaksAllow: options.honorGitleaksAllow,
    now: wallClock,
    ...(options.ruleBudgetMs !== undefined ? { ruleBudgetMs: options.ruleBudgetMs } : {}),
  };
  if (source && first) {
    // Commits come oldest first (topologically), so the order a commit is first met in ranks it.
    const rank = new Map<string, number>();
    for (let next = await first; !next.done; next = await source.next()) {
      const fragment = next.value;
      if (fragment.message) messages += 1;
      else {
        files += 1;
        bytes += fragment.bytes ?? fragment.text.length;
      }
      const sha = fragment.commit?.sha ?? '';
      let r = rank.get(sha);
      if (r === undefined) rank.set(sha, (r = rank.size));
      const result = detectDecoded(ruleSet, fragment, detectOptions, maxDecodeDepth);
      if (result.cutShort) cutShort.push(...result.cutShort);
      for (const f of withSnippets(result.findings, fragment)) kept.add(f, r);
      for (const [k, v] of result.dropped) dropped.set(k, (dropped.get(k) ?? 0) + v);
    }
  }

  const baselined = baselineStep(gitleaksIgnoreStep(sortFindings(kept.findings()), repository.root), baseline);
  const findings = options.redact === false ? baselined.findings : redactFindings(baselined.findings);
  return {
    findings,
    stats: { files, bytes, skipped: skipped.length, durationMs: Math.round(performance.now() - started) },
    skipped,
    dropped: Object.fromEntries(dropped),
    cutShort,
    ruleSet,
    config,
    root: repository.root,
    repository,
    missingBlobs: skipped.filter((s) => s.reason.startsWith(PARTIAL_CLONE_SKIP)).length,
    messages,
    ...(baselined.outcome ? { baseline: baselined.outcome } : {}),
  };
}
