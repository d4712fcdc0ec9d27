// `keyhound baseline [paths..]`: accepts what is found now. Writes (or updates) the baseline file with a salted hash
// of each finding, keeping existing entries with their reason and expiry; `--prune` drops entries that match nothing.

import { existsSync } from 'node:fs';
import { writeFileReplacing } from '../util/files.js';
import { join, relative } from 'node:path';
import { DEFAULT_BASELINE_FILE, newBaseline, serializeBaseline, updateBaseline } from '../filters/baseline.js';
import { baselinePath, loadBaseline, scan } from '../scan.js';
import { scanHistory } from '../scan-history.js';
import type { Args, RunResult } from './index.js';
import { EXIT_CLEAN, STDIN_ARG, UsageError } from './index.js';
import { commonScanArgs } from './common.js';
import { configWarnings, cutShortLines, printablePath, verboseLines } from './output.js';

export async function baselineCommand(args: Args): Promise<RunResult> {
  const a = args as Args & Record<string, unknown>;
  const paths = ((a.paths as string[] | undefined) ?? ['.']).map((p) => (p === STDIN_ARG ? '-' : p));
  if (paths.includes('-')) throw new UsageError('baseline cannot read standard input: name files or folders');
  if (a.history && paths.length > 1) throw new UsageError('baseline --history takes one repository');
  // The baseline hashes raw secrets (redact: false); they are never printed or written. No baseline filters the
  // scan that builds one.
  const common = { ...commonScanArgs(a), redact: false, baseline: false as const };
  const result = a.history
    ? await scanHistory({ ...common, repo: paths[0] })
    : await scan({ ...common, paths, gitignore: !a['no-gitignore'] });
  const file =
    (a.output as string | undefined) ??
    baselinePath(a.baseline as string | undefined, result.config, result.root) ??
    join(result.root, DEFAULT_BASELINE_FILE);
  const previous = existsSync(file) ? loadBaseline(file) : newBaseline();
  const update = updateBaseline(previous, result.findings, { prune: Boolean(a.prune), now: new Date() });
  // A committed (even dangling) link at the baseline's path is replaced, never followed out of the tree.
  writeFileReplacing(file, serializeBaseline(update.baseline));

  const shown = relative(process.cwd(), file) || file;
  const out = [
    `wrote ${shown}: ${update.baseline.entries.length} entries (${update.added} added${a.prune ? `, ${update.pruned.length} pruned` : ''})`,
    file === join(result.root, DEFAULT_BASELINE_FILE)
      ? 'keyhound reads it from there by default (--baseline none to ignore it); commit it to share it'
      : `use it with --baseline ${shown}, or "baseline: ${shown}" in .keyhound.yaml`,
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
