// The step summary: a markdown table of findings (rule, where, commit, redacted secret, how to fix) for
// $GITHUB_STEP_SUMMARY. Pure: findings in, markdown out.

import type { Finding } from '../model/types.js';

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
}

/** Escapes a table cell: pipes, backticks, angle brackets and line breaks would break the table or inject markup. */
export function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/`/g, "'").replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/[\r\n]+/g, ' ');
}

const FIX = 'Rotate it at the provider, then remove it from the code. A test value: `keyhound:allow` comment. An accepted old leak: baseline.';

export function summaryMarkdown(findings: readonly Finding[], meta: SummaryMeta): string {
  const out: string[] = ['## keyhound', ''];
  const scanned = `${meta.files} file${meta.files === 1 ? '' : 's'} scanned, ${meta.skipped} skipped${meta.suppressed ? `, ${meta.suppressed} suppressed by the baseline` : ''}`;
  out.push(`Scope: ${cell(meta.scope)} (${scanned}).`, '');
  if (!findings.length) {
    out.push(':white_check_mark: No secrets found.', '');
    return `${out.join('\n')}\n`;
  }
  const icon = meta.failed ? ':x:' : ':warning:';
  out.push(`${icon} **${findings.length} secret${findings.length === 1 ? '' : 's'} found.**`, '');
  out.push('| Rule | File:line | Commit | Secret | How to fix |', '| --- | --- | --- | --- | --- |');
  for (const f of findings) {
    const where = `${f.path}:${f.line}`;
    const at = f.commit?.sha ?? meta.sha;
    const file =
      meta.repoUrl && at
        ? `[${cell(where)}](${meta.repoUrl}/blob/${at}/${f.path.split('/').map(encodeURIComponent).join('/')}#L${f.line})`
        : cell(where);
    const commit = f.commit ? `${f.commit.sha.slice(0, 12)} (${cell(f.commit.author)})` : '';
    out.push(`| \`${cell(f.ruleId)}\` (${f.severity}) | ${file} | ${commit} | \`${cell(f.secret)}\` | ${FIX} |`);
  }
  out.push(
    '',
    'Rotate first: a key that reached a pushed commit may already have been copied. ' +
      'Removing it in a later commit does not remove it from the history.',
    '',
  );
  return `${out.join('\n')}\n`;
}
