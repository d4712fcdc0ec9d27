// The baseline in force for a command: where it is, loading it, and the filter step that applies it. Shared by
// scan, staged and history (kept apart from scan.ts so the start-up-sensitive staged path loads only this).

import { BoundedReadError, readBoundedText } from './util/files.js';
import { dirname, resolve } from 'node:path';
import type { UserConfig } from './config/ruleset.js';
import { ConfigError } from './config/errors.js';
import { applyBaseline, BaselineError, parseBaseline, type Baseline, type BaselineOutcome } from './filters/baseline.js';
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

/** The baseline in force: an explicit path (relative to the current directory), else the config's `baseline` key (relative to the config file). */
export function baselinePath(explicit: string | false | undefined, config: UserConfig, root: string): string | undefined {
  if (explicit === false) return undefined;
  if (explicit) return resolve(explicit);
  if (!config.baseline) return undefined;
  return resolve(config.file ? dirname(config.file) : root, config.baseline);
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
