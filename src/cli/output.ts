// Small output decisions shared by commands: the --verbose lists and warnings on stderr (colour: see color.ts).

import { rulesCacheNote } from '../config/cache.js';
import type { UserConfig } from '../config/load.js';
import type { BaselineOutcome } from '../filters/baseline.js';
import type { CutShort, RuleSet, ScanStats, Skip } from '../model/types.js';
import { escapeControl } from '../report/escape.js';
import { humanBytes, nothingToScan, plural } from '../report/text.js';

/** What --verbose says first: where the built-in rules came from (the build's cache, or the YAML when it is stale). */
export function rulesLine(): string {
  const note = rulesCacheNote();
  return note ? `${note}\n` : '';
}

/** What --verbose adds on stderr: every skipped path with its reason, and dropped candidates by reason. */
export function verboseLines(skipped: readonly Skip[], dropped: Record<string, number>): string {
  const out: string[] = [];
  out.push(`skipped ${skipped.length}:`);
  for (const s of skipped) out.push(`  ${printablePath(s.path)}: ${escapeControl(s.reason)}`);
  const reasons = Object.entries(dropped).sort(([a], [b]) => a.localeCompare(b));
  out.push(`candidates dropped ${reasons.reduce((n, [, v]) => n + v, 0)}:`);
  for (const [reason, n] of reasons) out.push(`  ${reason}: ${n}`);
  return `${out.join('\n')}\n`;
}

/** What --verbose adds about the baseline: suppressed findings, expired entries, and entries that matched nothing. */
export function baselineLines(outcome: (BaselineOutcome & { file: string }) | undefined): string {
  if (!outcome) return '';
  const entry = (e: { ruleId: string; path: string; expires?: string }): string =>
    `  ${e.ruleId} ${JSON.stringify(e.path).slice(1, -1)}${e.expires ? ` (expires ${e.expires})` : ''}`;
  const out = [`baseline ${outcome.file}: ${outcome.suppressed} suppressed`];
  out.push(`baseline entries expired (their findings count again) ${outcome.expired.length}:`, ...outcome.expired.map(entry));
  out.push(`baseline entries that matched nothing ${outcome.unmatched.length} (remove with keyhound baseline --prune):`, ...outcome.unmatched.map(entry));
  return `${out.join('\n')}\n`;
}

/** Warnings from loading the configuration (e.g. what a gitleaks config import could not map), always on stderr. */
export function configWarnings(config: UserConfig): string {
  const warnings = config.warnings ?? [];
  return warnings.length ? warnings.map((w) => `keyhound: warning: ${w}\n`).join('') : '';
}

/** Escapes control characters (a newline in a file name) so one path stays on one line of a log. */
export function printablePath(path: string): string {
  return escapeControl(path);
}

/**
 * Rules that ran out of their time budget, by id and where: always on stderr (not only with --verbose), because
 * their findings there may be incomplete.
 */
export function cutShortLines(cutShort: readonly CutShort[]): string {
  if (cutShort.length === 0) return '';
  const out = [`keyhound: warning: ${cutShort.length} rule run(s) exceeded the rule time budget (--rule-budget) and were cut short; findings there may be incomplete:`];
  for (const c of cutShort) out.push(`  ${c.ruleId} on ${printablePath(c.path)}${c.commit ? ` @ ${c.commit.slice(0, 12)}` : ''}`);
  return `${out.join('\n')}\n`;
}

/**
 * A run with no active rule finds nothing whatever it reads, so "no secrets found" would be a lie: an error (exit 2)
 * unless the user asked for it with --allow-no-rules. Null when rules are active or allowed to be none.
 */
export function noRulesMessage(ruleSet: RuleSet, args: Record<string, unknown>): string | null {
  if (ruleSet.rules.length > 0 || args['allow-no-rules']) return null;
  return (
    'keyhound: no rule is active (the configuration says `extends: none` and defines no rule of its own, or disables ' +
    'every rule), so nothing could be found. Fix the configuration, or pass --allow-no-rules if that is what you want.\n'
  );
}

/** A result that rests on nothing: files were skipped and none was read. Always on stderr. */
export function nothingScannedLine(stats: ScanStats): string {
  if (stats.files > 0 || stats.skipped === 0) return '';
  return `keyhound: warning: nothing was scanned: ${stats.skipped} path(s) skipped and no file read (--verbose lists them and why)\n`;
}

/**
 * The one line on stderr when the report went to a file (`-o`): otherwise nothing at all would appear on the terminal
 * at the end of a run (issue 21).
 */
export function reportSummaryLine(findings: number, stats: ScanStats, file: string, format: string): string {
  const what = findings ? `${plural(findings, 'secret')} found` : nothingToScan(stats) ? 'nothing to scan' : 'no secrets found';
  return `keyhound: ${what} (scanned ${plural(stats.files, 'file')}, ${humanBytes(stats.bytes)}, in ${stats.durationMs} ms); ${format} report written to ${printablePath(file)}\n`;
}
