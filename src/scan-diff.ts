// The range orchestrator: what a range of commits adds (a pull request, a push), commit by commit → engine → keys a
// parent already held dropped → first commit kept → baseline → redaction. Like scan.ts, it is where a source, the
// engine and the filters meet; the CLI and the Action report.
//
// Never a net diff: a key added in one commit and removed in the next is in the pushed history for good, so it is
// reported, with the commit that added it. The history source reads each blob of the range once (range mode:
// merges compared with all their parents, renames followed, parents' versions at hand).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectDecoded } from './decode/detect.js';
import { withSnippets } from './filters/snippet.js';
import { decodeDepth } from './decode/layers.js';
import { DEFAULT_MAX_ARCHIVE_DEPTH } from './decode/archive.js';
import { FirstSeen } from './filters/first-seen.js';
import { redact as redactFindings } from './filters/redact.js';
import { sortFindings } from './filters/sort.js';
import type { CutShort, DropReason, Finding, Skip } from './model/types.js';
import { baselineStep, gitleaksIgnoreStep, resolveBaseline } from './baseline.js';
import { loadRuleSetCached } from './config/cache.js';
import { DEFAULT_MAX_FILE_SIZE, wallClock } from './scan-fragments.js';
import type { CommonScanOptions, ScanResult } from './scan.js';
import { historySource, type HistoryRevisions } from './sources/history.js';
import { openRepository } from './sources/repository.js';
import { resolveRange, type ResolvedRange, type RevisionRange } from './sources/range.js';
import { git } from './util/git.js';

export interface DiffScanOptions extends CommonScanOptions {
  /** Any folder in the repository's work tree. Default: the current directory. */
  repo?: string;
  /** The range: `base...head`, `old..new` or `base`. */
  range?: RevisionRange;
  /**
   * Instead of `range`: the commits reachable from `head` and from none of `exclude` (a new branch: every other
   * branch the remote had; none: the whole history of `head`).
   */
  commits?: { head: string; exclude: string[] };
  /** Name the commit of the range that added each finding. Default true. */
  attribute?: boolean;
  now?: Date;
}

export interface DiffScanResult extends ScanResult {
  range: ResolvedRange;
  /** Commits of the range scanned (each against its parents). */
  commits: number;
  /**
   * Commits of the range at the edge of a shallow clone: their parents are missing, so everything they hold counts
   * as added by them (a key their parents already had may be reported and attributed to them).
   */
  unattributed: string[];
}

/** Where a key a parent already had: its secret is in one of the parents' versions of the file. */
function inPrevious(finding: Finding, previous: readonly Buffer[] | undefined): boolean {
  if (!previous?.length) return false;
  return previous.some((buf) => buf.includes(finding.secret));
}

/**
 * Scans every commit of the range, the lines each adds over its parents. Throws NotARepositoryError,
 * MissingCommitError (a commit or the merge base is not in the repository), ConfigError or GitError.
 */
export async function scanDiff(options: DiffScanOptions): Promise<DiffScanResult> {
  const started = performance.now();
  const repository = await openRepository(options.repo ?? '.');
  const cwd = repository.root;
  let range: ResolvedRange;
  let revisions: HistoryRevisions;
  if (options.range) {
    range = await resolveRange(cwd, options.range);
    revisions = { branch: range.to, ...(range.from ? { exclude: [range.from] } : {}) };
  } else if (options.commits) {
    range = { from: null, to: options.commits.head, boundary: null };
    revisions = { branch: options.commits.head, exclude: options.commits.exclude };
  } else {
    throw new Error('scanDiff needs a range or commits');
  }
  const skipped: Skip[] = [];
  const dropped = new Map<DropReason | 'in-parent', number>();
  const cutShort: CutShort[] = [];
  const kept = new FirstSeen();
  let files = 0;
  let bytes = 0;
  let commits = 0;
  // Settled again once the config is loaded (its maxArchiveDepth); the source reads it at each archive it meets.
  const archives = { maxDepth: options.maxArchiveDepth ?? DEFAULT_MAX_ARCHIVE_DEPTH };
  const source = historySource({
    repo: repository.gitDir,
    revisions,
    addedOnly: true,
    maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    onSkip: (s) => void skipped.push(s),
    // The last call counts every commit of the range (also those that change no blob).
    onProgress: (p) => void (commits = p.commits),
    archives,
    // A pushed commit's message is in the history for good, like its files.
    messages: true,
  });
  // Start git before compiling the rules, so the two overlap.
  const first = source.next();
  let loaded: Awaited<ReturnType<typeof loadRuleSetCached>>;
  let baseline: ReturnType<typeof resolveBaseline>;
  try {
    loaded = await loadRuleSetCached(cwd, options.configPath);
    baseline = resolveBaseline(options.baseline, loaded.config, cwd);
  } catch (err) {
    await first.catch(() => undefined);
    await source.return(undefined);
    throw err;
  }
  const { ruleSet, config } = loaded;
  archives.maxDepth = options.maxArchiveDepth ?? config.maxArchiveDepth ?? DEFAULT_MAX_ARCHIVE_DEPTH;
  const unattributed = await shallowEdge(repository.gitDir, repository.shallow, revisions);
  const rank = new Map<string, number>();
  for (let next = await first; !next.done; next = await source.next()) {
    const fragment = next.value;
    if (!fragment.message) {
      files += 1;
      bytes += fragment.bytes ?? fragment.text.length;
    }
    const sha = fragment.commit?.sha ?? '';
    let r = rank.get(sha);
    if (r === undefined) rank.set(sha, (r = rank.size));
    const result = detectDecoded(
      ruleSet,
      fragment,
      {
        honorGitleaksAllow: options.honorGitleaksAllow,
        now: wallClock,
        ...(options.ruleBudgetMs !== undefined ? { ruleBudgetMs: options.ruleBudgetMs } : {}),
      },
      decodeDepth(options, config),
    );
    if (result.cutShort) cutShort.push(...result.cutShort);
    for (const f of withSnippets(result.findings, fragment)) {
      if (inPrevious(f, fragment.previous)) dropped.set('in-parent', (dropped.get('in-parent') ?? 0) + 1);
      else kept.add(f, r);
    }
    for (const [k, v] of result.dropped) dropped.set(k, (dropped.get(k) ?? 0) + v);
  }
  const baselined = baselineStep(gitleaksIgnoreStep(sortFindings(kept.findings()), cwd), baseline, options.now);
  let findings: Finding[] = baselined.findings;
  if (options.attribute === false) findings = findings.map(({ commit: _commit, ...f }) => f);
  if (options.redact !== false) findings = redactFindings(findings);
  return {
    findings,
    stats: { files, bytes, skipped: skipped.length, durationMs: Math.round(performance.now() - started) },
    skipped,
    dropped: Object.fromEntries(dropped),
    cutShort,
    ruleSet,
    config,
    root: cwd,
    range,
    commits,
    unattributed,
    ...(baselined.outcome ? { baseline: baselined.outcome } : {}),
  };
}

function revListArgs(revisions: HistoryRevisions): string[] {
  return ['--end-of-options', ...(revisions.branch ? [revisions.branch] : []), ...(revisions.exclude ?? []).map((id) => `^${id}`)];
}

/** The commits of the range whose parents a shallow clone lacks (git's `shallow` file lists them). */
async function shallowEdge(gitDir: string, shallow: boolean, revisions: HistoryRevisions): Promise<string[]> {
  if (!shallow) return [];
  let edge: Set<string>;
  try {
    edge = new Set(readFileSync(join(gitDir, 'shallow'), 'utf8').split('\n').filter(Boolean));
  } catch {
    return [];
  }
  const inRange = (await git(['rev-list', ...revListArgs(revisions)], { cwd: gitDir })).toString('utf8').split('\n');
  return inRange.filter((sha) => edge.has(sha));
}
