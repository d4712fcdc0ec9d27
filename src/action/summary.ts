// The step summary: a markdown table of findings (rule, where, commit, redacted secret, how to fix) for
// $GITHUB_STEP_SUMMARY. Pure: findings in, markdown out.

import type { Finding, Verification } from '../model/types.js';
import { wellFormed } from '../report/escape.js';

export interface SummaryMeta {
  /** What was scanned, in words (e.g. "pull request: what abc adds over …"). */
  scope: string;
  files: number;
  skipped: number;
  /** Findings the baseline suppressed. */
  suppressed?: number;
  failed: boolean;
  /** `https://github.com/owner/repo` and the commit to link files at; no links without them. */
  repoUrl?: string;
  sha?: string;
  /** Warnings to show above the result (nothing scanned, commits a shallow clone could not attribute…). */
  notes?: string[];
  /** A pull request that changes keyhound's own configuration or baseline. */
  gate?: GateChange;
}

/** What a pull request's own configuration would weaken, and which configuration judged it. */
export interface GateChange {
  /** The configuration the findings were judged under: the base's (default) or the head's (`config-from: head`). */
  judgedBy: 'base' | 'head';
  changed: string[];
  rulesDisabled: string[];
  allowlistsAdded: string[];
  baselineAdded: string[];
  /** Why the pull request's own configuration or baseline could not be read (then nothing above is known). */
  headError?: string;
}

const LIST_MAX = 20;

function listed(title: string, items: readonly string[]): string[] {
  if (!items.length) return [];
  const shown = items.slice(0, LIST_MAX).map((i) => `  - ${code(i)}`);
  return [`- ${title} (${items.length}):`, ...shown, ...(items.length > LIST_MAX ? [`  - … and ${items.length - LIST_MAX} more`] : [])];
}

/** The section on a pull request that changes keyhound's configuration or baseline. */
export function gateMarkdown(gate: GateChange): string[] {
  const out = ['### This pull request changes keyhound\'s configuration', ''];
  out.push(`Changed: ${gate.changed.map(code).join(', ')}.`);
  out.push(
    gate.judgedBy === 'base'
      ? 'Its findings are judged under the **base** branch\'s configuration and baseline (`config-from: base`): a change cannot weaken its own gate.'
      : ':warning: Its findings are judged under **its own** configuration and baseline (`config-from: head`).',
    '',
  );
  const weaker = [
    ...listed('Rules it disables', gate.rulesDisabled),
    ...listed('Allowlist entries it adds', gate.allowlistsAdded),
    ...listed('Baseline entries it adds', gate.baselineAdded),
  ];
  if (gate.headError) out.push(`:warning: Its own configuration or baseline does not load: ${cell(gate.headError)}`, '');
  else out.push(...(weaker.length ? [':warning: **What it would weaken** (review before merging):', '', ...weaker] : ['Nothing in it weakens the gate.']), '');
  return out;
}

/** The summary of a run that failed before it had a result. */
export function errorMarkdown(message: string): string {
  return `## keyhound\n\n:x: **The run failed**: ${cell(message)}\n\nNo scan result: the SARIF file holds no results and the \`findings\` output is empty.\n`;
}

/**
 * Plain text for a table cell or a line: a file name, an author or a message shows as written and never makes a
 * link or an image (brackets escaped), HTML or an autolink (angle brackets), code (backticks become quotes) or a
 * new table cell (pipes escaped, line breaks joined).
 */
export function cell(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/[|[\]]/g, '\\$&')
    .replace(/`/g, "'")
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\r\n]+/g, ' ');
}

/** A code span for a table cell: shown verbatim (no Markdown inside); pipes escaped for the table, no backtick. */
export function code(s: string): string {
  return `\`${s.replace(/[\r\n]+/g, ' ').replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
}

/** A path segment for a link's URL: also `(`, `)` and the other characters encodeURIComponent keeps, which could end it. */
function urlSegment(s: string): string {
  return encodeURIComponent(wellFormed(s)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The Verified cell: LIVE with rights (withdrawal first) and the IP allow-list, invalid, or unknown and why. */
export function verifiedCell(v: Verification | undefined): string {
  if (!v) return '';
  if (v.status === 'live') {
    const rights = v.permissions?.length ? `: ${v.permissions.join(', ')}` : '';
    const ip = v.ipRestricted === false ? '; no IP allow-list' : v.ipRestricted ? '; IP allow-list' : '';
    return `:rotating_light: **LIVE**${cell(rights + ip)}`;
  }
  return v.status === 'invalid' ? `invalid` : `unknown: ${cell(v.message)}`;
}

const FIX = 'Rotate it at the provider, then remove it from the code. A test value: `keyhound:allow` comment. An accepted old leak: baseline.';

export function summaryMarkdown(findings: readonly Finding[], meta: SummaryMeta): string {
  const out: string[] = ['## keyhound', ''];
  const scanned = `${meta.files} file${meta.files === 1 ? '' : 's'} scanned, ${meta.skipped} skipped${meta.suppressed ? `, ${meta.suppressed} suppressed by the baseline` : ''}`;
  out.push(`Scope: ${cell(meta.scope)} (${scanned}).`, '');
  for (const note of meta.notes ?? []) out.push(`> :warning: ${cell(note)}`, '');
  if (meta.gate) out.push(...gateMarkdown(meta.gate));
  if (!findings.length) {
    out.push(':white_check_mark: No secrets found.', '');
    return `${out.join('\n')}\n`;
  }
  const icon = meta.failed ? ':x:' : ':warning:';
  const verified = findings.some((f) => f.verification);
  const live = findings.filter((f) => f.verification?.status === 'live').length;
  out.push(`${icon} **${findings.length} secret${findings.length === 1 ? '' : 's'} found${verified ? `, ${live} verified live` : ''}.**`, '');
  out.push(
    `| Rule | File:line | Commit | Secret |${verified ? ' Verified |' : ''} How to fix |`,
    `| --- | --- | --- | --- |${verified ? ' --- |' : ''} --- |`,
  );
  // Live keys first: they are the emergencies.
  const rank = (f: Finding): number => (f.verification?.status === 'live' ? 0 : f.verification?.status === 'invalid' ? 2 : 1);
  const ordered = verified ? findings.map((f, i) => [f, i] as const).sort(([a, i], [b, j]) => rank(a) - rank(b) || i - j).map(([f]) => f) : findings;
  for (const f of ordered) {
    const where = `${f.path}:${f.line}`;
    const at = f.commit?.sha ?? meta.sha;
    const file =
      meta.repoUrl && at
        ? `[${cell(where)}](${meta.repoUrl}/blob/${at}/${f.path.split('/').map(urlSegment).join('/')}#L${f.line})`
        : cell(where);
    const commit = f.commit ? `${f.commit.sha.slice(0, 12)} (${cell(f.commit.author)})` : '';
    out.push(`| ${code(f.ruleId)} (${f.severity}) | ${file} | ${commit} | ${code(f.secret)} |${verified ? ` ${verifiedCell(f.verification)} |` : ''} ${FIX} |`);
  }
  out.push(
    '',
    'Rotate first: a key that reached a pushed commit may already have been copied. ' +
      'Removing it in a later commit does not remove it from the history.',
    '',
  );
  return `${out.join('\n')}\n`;
}
