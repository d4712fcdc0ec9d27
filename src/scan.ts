// The orchestrator: the only place where configuration, sources, the engine, filters and (through the CLI)
// reporters meet. Sources and reporters know nothing of each other.

import { lstatSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { readRulesCache } from './config/cache.js';
import { buildConfiguredRuleSet, loadRulePacks, loadUserConfig, type UserConfig } from './config/load.js';
import { validatorNames } from './detect/validators/index.js';
import type { BaselineOutcome } from './filters/baseline.js';
import { baselineStep, gitleaksIgnoreStep, resolveBaseline } from './baseline.js';
import { redact as redactFindings } from './filters/redact.js';
import type { CutShort, Finding, Fragment, RuleSet, ScanStats, Skip } from './model/types.js';
import { DEFAULT_MAX_ARCHIVE_DEPTH } from './decode/archive.js';
import { decodeDepth } from './decode/layers.js';
import { DEFAULT_MAX_FILE_SIZE, scanFragments } from './scan-fragments.js';
import { scanFiles, type ScanProgress } from './scan-pool.js';
import { fsSource, type GlobWalk, type PathFilter } from './sources/fs.js';
import { stdinSource } from './sources/stdin.js';

export { scanFragments, type FragmentScanResult } from './scan-fragments.js';
export { baselinePath, baselineStep, loadBaseline } from './baseline.js';

export { DEFAULT_MAX_FILE_SIZE };

/** The options the scan, diff and history orchestrators share. */
export interface CommonScanOptions {
  /** Explicit config file; default `.keyhound.yaml` in the scan root or at the top of the work tree, when present. */
  configPath?: string;
  /** Skip files (or blobs) larger than this many bytes. Default {@link DEFAULT_MAX_FILE_SIZE}. */
  maxFileSize?: number;
  /** Mask secrets in the result. Default true. */
  redact?: boolean;
  /** Baseline file whose entries suppress findings; default: the config's `baseline` key, if any; `false`: none. */
  baseline?: string | false;
  /** Also treat `gitleaks:allow` comments as inline allows. Default false. */
  honorGitleaksAllow?: boolean;
  /** Most milliseconds one rule may spend on one file before it is cut short (and reported). Default 10 000. */
  ruleBudgetMs?: number;
  /**
   * Levels of decoding to look through for keys (base64, hex, percent, string escapes, HTML entities, concatenated
   * strings); 0 turns decoding off. Default: the config's `maxDecodeDepth`, else {@link DEFAULT_MAX_DECODE_DEPTH}.
   */
  maxDecodeDepth?: number;
  /**
   * Levels of archives (zip, jar, tar, tar.gz, gz…) to open; 0 skips them as binary. Default: the config's
   * `maxArchiveDepth`, else {@link DEFAULT_MAX_ARCHIVE_DEPTH}.
   */
  maxArchiveDepth?: number;
}

export interface ScanOptions extends CommonScanOptions {
  /** Files or folders to scan; `-` reads standard input. Default: `.`. */
  paths?: string[];
  /** Folder that reported paths are relative to and where `.keyhound.yaml` is looked up. Default: the single folder given, else the current directory. */
  root?: string;
  /** Standard input, for `-`. */
  stdin?: Readable;
  /** Path reported for standard input. Default: `stdin`. */
  stdinFilename?: string;
  /** Honour .gitignore files. Default true. */
  gitignore?: boolean;
  /**
   * Scan only files matching one of these globs (paths relative to the root; a pattern without a slash matches a
   * name at any depth). Default: every file.
   */
  include?: string[];
  /** Skip (and report) files and folders matching one of these globs, as `include` reads them. Default: none. */
  exclude?: string[];
  /** The moment baseline expiry is judged against. Default: now. */
  now?: Date;
  /** Threads for large directory scans (see scan-pool.ts): the main one and threads - 1 workers; 1 scans on the main thread only. Default 1. */
  threads?: number;
  /** The clock for the rule time budget, in milliseconds. Default: the wall clock. For tests. */
  clock?: () => number;
  /** Running totals of the files (and archive members) scanned, for a progress line; not for standard input. */
  onProgress?: (progress: ScanProgress) => void;
}

export interface ScanResult {
  findings: Finding[];
  stats: ScanStats;
  skipped: Skip[];
  /** Candidates the engine dropped, by reason (entropy, allowlist, validator:NAME, inline-allow). */
  dropped: Record<string, number>;
  ruleSet: RuleSet;
  config: UserConfig;
  root: string;
  /** What the baseline did, when one was in force. */
  baseline?: BaselineOutcome & { file: string };
  /** Rules cut short by their time budget, and where. */
  cutShort: CutShort[];
}

/**
 * Glob operands and `--include` / `--exclude`, read by sources/globs.ts, which is loaded only when a run has one of
 * them. An operand that names an existing path is that path, as always (even `[id].tsx`); any other is a glob when
 * fast-glob reads it as one, else left for the walk's "path not found".
 */
async function walkPlan(paths: string[], options: ScanOptions): Promise<{ paths: (string | GlobWalk)[]; filter: PathFilter | null }> {
  const include = options.include ?? [];
  const exclude = options.exclude ?? [];
  const missing = (p: string): boolean => {
    try {
      lstatSync(p);
      return false;
    } catch {
      return true;
    }
  };
  if (!include.length && !exclude.length && !paths.some(missing)) return { paths, filter: null };
  const globs = await import('./sources/globs.js');
  const cwd = process.cwd();
  return {
    paths: paths.map((p) => (missing(p) && globs.isGlob(p) ? globs.globWalk(p, cwd) : p)),
    filter: globs.pathFilter(include, exclude),
  };
}

function defaultRoot(paths: string[]): string {
  if (paths.length === 1 && paths[0] !== '-') {
    try {
      if (statSync(paths[0]!).isDirectory()) return resolve(paths[0]!);
    } catch {
      // A missing path is reported by the source with its own clear error.
    }
  }
  return process.cwd();
}

/** Loads the configuration for `root` and compiles the rule set. Throws ConfigError on bad configuration. */
export function loadRuleSet(root: string, configPath?: string): { ruleSet: RuleSet; config: UserConfig } {
  const config = loadUserConfig(root, configPath);
  // The built-in packs come from the build-time cache when it is fresh (no YAML parsing or schema validation at
  // start-up, which cost a few hundred milliseconds per run and per worker); otherwise from rules/*.yaml.
  const packs = config.extends === 'none' ? [] : (readRulesCache() ?? loadRulePacks());
  return { ruleSet: buildConfiguredRuleSet(config, validatorNames, packs), config };
}

/** Scans files, folders or standard input. Throws ConfigError or PathNotFoundError on bad input. */
export async function scan(options: ScanOptions = {}): Promise<ScanResult> {
  const started = performance.now();
  const paths = options.paths?.length ? options.paths : ['.'];
  const root = options.root ? resolve(options.root) : defaultRoot(paths);
  const { ruleSet, config } = loadRuleSet(root, options.configPath);
  // Loaded before scanning, so a bad baseline fails fast.
  const baseline = resolveBaseline(options.baseline, config, root);
  const skipped: Skip[] = [];
  const onSkip = (s: Skip): void => void skipped.push(s);
  const maxArchiveDepth = options.maxArchiveDepth ?? config.maxArchiveDepth ?? DEFAULT_MAX_ARCHIVE_DEPTH;

  const plan = await walkPlan(paths.filter((p) => p !== '-'), options);

  async function* fragments(): AsyncGenerator<Fragment> {
    const fsPaths = plan.paths;
    if (paths.includes('-')) {
      yield* stdinSource(options.stdin ?? process.stdin, options.stdinFilename ?? 'stdin', onSkip, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
    }
    if (fsPaths.length) {
      yield* fsSource({
        root,
        paths: fsPaths,
        filter: plan.filter,
        gitignore: options.gitignore,
        maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
        maxArchiveDepth,
        onSkip,
      });
    }
  }

  const budget = {
    ...(options.ruleBudgetMs !== undefined ? { ruleBudgetMs: options.ruleBudgetMs } : {}),
    maxDecodeDepth: decodeDepth(options, config),
  };
  const result = paths.includes('-')
    ? await scanFragments(ruleSet, fragments(), {
        honorGitleaksAllow: options.honorGitleaksAllow,
        ...budget,
        ...(options.clock ? { now: options.clock } : {}),
      })
    : await scanFiles(ruleSet, {
        root,
        paths: plan.paths,
        filter: plan.filter,
        gitignore: options.gitignore,
        maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
        onSkip,
        maxArchiveDepth,
        threads: options.threads ?? 1,
        ...(options.configPath ? { configPath: options.configPath } : {}),
        honorGitleaksAllow: options.honorGitleaksAllow ?? false,
        ...budget,
        ...(options.clock ? { clock: options.clock } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
  const baselined = baselineStep(gitleaksIgnoreStep(result.findings, root), baseline, options.now);
  const findings = options.redact === false ? baselined.findings : redactFindings(baselined.findings);
  return {
    findings,
    stats: {
      files: result.files,
      bytes: result.bytes,
      skipped: skipped.length,
      durationMs: Math.round(performance.now() - started),
    },
    skipped,
    dropped: result.dropped,
    cutShort: result.cutShort,
    ruleSet,
    config,
    root,
    ...(baselined.outcome ? { baseline: baselined.outcome } : {}),
  };
}
