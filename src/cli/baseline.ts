// `keyhound baseline [paths..]`: accepts what is found now. Writes (or updates) the baseline file with a salted hash
// of each finding, keeping existing entries with their reason and expiry; `--prune` drops entries that match nothing.

import { existsSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_BASELINE_FILE, newBaseline, serializeBaseline, updateBaseline } from '../filters/baseline.js';
import { baselinePath, loadBaseline, scan } from '../scan.js';
import type { Args, RunResult } from './index.js';
import { EXIT_CLEAN, parseSize, STDIN_ARG, UsageError } from './index.js';
import { ruleBudget } from './common.js';
import { configWarnings, cutShortLines, printablePath, verboseLines } from './output.js';

export async function baselineCommand(args: Args): Promise<RunResult> {
  const a = args as Args & Record<string, unknown>;
  if (a.history) {
    throw new UsageError('baseline --history is not available yet: it needs the git history source (keyhound history), which this build does not have');
  }
  const paths = ((a.paths as string[] | undefined) ?? ['.']).map((p) => (p === STDIN_ARG ? '-' : p));
  if (paths.includes('-')) throw new UsageError('baseline cannot read standard input: name files or folders');
  const result = await scan({
    paths,
    configPath: a.config as string | undefined,
    gitignore: !a['no-gitignore'],
    maxFileSize: parseSize(a['max-file-size'] ?? '64M'),
    redact: false, // the baseline hashes raw secrets; they are never printed or written
    baseline: false,
    honorGitleaksAllow: Boolean(a['honor-gitleaks-allow']),
    ...ruleBudget(a),
  });
  const file =
    (a.output as string | undefined) ??
    baselinePath(a.baseline as string | undefined, result.config, result.root) ??
    join(result.root, DEFAULT_BASELINE_FILE);
  const previous = existsSync(file) ? loadBaseline(file) : newBaseline();
  const update = updateBaseline(previous, result.findings, { prune: Boolean(a.prune), now: new Date() });
  writeFileSync(file, serializeBaseline(update.baseline));

  const shown = relative(process.cwd(), file) || file;
  const out = [
    `wrote ${shown}: ${update.baseline.entries.length} entries (${update.added} added${a.prune ? `, ${update.pruned.length} pruned` : ''})`,
    `use it with --baseline ${shown}, or "baseline: ${shown}" in .keyhound.yaml`,
  ];
  let stderr = configWarnings(result.config) + cutShortLines(result.cutShort);
  if (update.expired.length) {
    stderr += `keyhound: ${update.expired.length} expired entries still match a finding and stay expired (edit or remove their "expires"):\n`;
    stderr += update.expired.map((e) => `  ${e.ruleId} ${printablePath(e.path)} (expired ${e.expires})\n`).join('');
  }
  if (a.verbose) {
    stderr += verboseLines(result.skipped, result.dropped);
    if (update.pruned.length) stderr += `pruned ${update.pruned.length}:\n${update.pruned.map((e) => `  ${e.ruleId} ${printablePath(e.path)}\n`).join('')}`;
  }
  return { exitCode: EXIT_CLEAN, stdout: a.quiet ? '' : `${out.join('\n')}\n`, stderr };
}
