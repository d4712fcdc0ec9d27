// The baseline in force for a command: where it is, loading it, and the filter step that applies it. Shared by
// scan, staged and history (kept apart from scan.ts so the start-up-sensitive staged path loads only this).

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { BoundedReadError, readBoundedText } from './util/files.js';
import type { UserConfig } from './config/ruleset.js';
import { ConfigError } from './config/errors.js';
import { applyBaseline, BaselineError, DEFAULT_BASELINE_FILE, parseBaseline, type Baseline, type BaselineOutcome } from './filters/baseline.js';
import { applyGitleaksIgnore, GITLEAKSIGNORE_FILE, parseGitleaksIgnore } from './filters/gitleaksignore.js';
import type { Finding } from './model/types.js';

/** Reads a baseline file. Throws ConfigError when it is missing or malformed. */
export function loadBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readBoundedText(file);
  } catch (err) {
    const code = err instanceof BoundedReadError ? err.code : undefined;
    throw new ConfigError(code === 'ENOENT' ? 'baseline file not found' : `cannot read baseline: ${(err as Error).message}`, file);
  }
  try {
    return parseBaseline(text, file);
  } catch (err) {
    if (err instanceof BaselineError) throw new ConfigError(err.message);
    throw err;
  }
}

/** `--baseline none`: no baseline, not even the default file. */
export const NO_BASELINE = 'none';

/**
 * The baseline in force: an explicit path (relative to the current directory), else the config's `baseline` key
 * (relative to the config file), else `.keyhound-baseline.json` in `root` (the scan root, or the repository's top
 * for staged, diff and history) when it exists — where `keyhound baseline` writes it, so that the blocked commit's
 * advice works without a config. `false` or `--baseline none`: none.
 */
export function baselinePath(explicit: string | false | undefined, config: UserConfig, root: string): string | undefined {
  if (explicit === false || explicit === NO_BASELINE) return undefined;
  if (explicit) return resolve(explicit);
  if (config.baseline === NO_BASELINE) return undefined;
  if (config.baseline) return resolve(config.file ? dirname(config.file) : root, config.baseline);
  const standard = join(root, DEFAULT_BASELINE_FILE);
  return existsSync(standard) ? standard : undefined;
}

/**
 * The baseline filter step for any command: drops findings a live entry covers. Needs raw secrets, so it runs
 * before redaction. Returns the findings unchanged when no baseline is in force.
 */
export function baselineStep(
  findings: Finding[],
  baseline: { file: string; data: Baseline } | undefined,
  now: Date = new Date(),
): { findings: Finding[]; outcome?: BaselineOutcome & { file: string } } {
  if (!baseline) return { findings };
  const outcome = applyBaseline(findings, baseline.data, now);
  return { findings: outcome.findings, outcome: { ...outcome, file: baseline.file } };
}

/** Loads the baseline a command should apply, or undefined when none is in force. */
export function resolveBaseline(explicit: string | false | undefined, config: UserConfig, root: string): { file: string; data: Baseline } | undefined {
  const file = baselinePath(explicit, config, root);
  return file ? { file, data: loadBaseline(file) } : undefined;
}

/**
 * Drops the findings that `.gitleaksignore` at `root` (the scan root, or the repository top) names, for teams coming
 * from gitleaks. Throws ConfigError on a line that is not a gitleaks fingerprint.
 */
export function gitleaksIgnoreStep(findings: Finding[], root: string): Finding[] {
  const file = join(root, GITLEAKSIGNORE_FILE);
  if (findings.length === 0 || !existsSync(file)) return findings;
  let text: string;
  try {
    text = readBoundedText(file);
  } catch (err) {
    throw new ConfigError(`cannot read ${GITLEAKSIGNORE_FILE}: ${(err as Error).message}`, file);
  }
  const { entries, invalid } = parseGitleaksIgnore(text);
  if (invalid.length) throw new ConfigError(`line ${invalid.join(', ')}: not a gitleaks fingerprint (path:rule:line or commit:path:rule:line)`, file);
  return applyGitleaksIgnore(findings, entries).findings;
}
