// GitHub Actions workflow commands: one `::error` (critical, high) or `::warning` (medium, low) annotation per
// finding, shown on the pull request's diff. Escaping as in @actions/core: `%`, CR and LF everywhere, and `:` and `,`
// in properties. https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands

import type { Finding } from '../model/types.js';
import { escapeControl } from './escape.js';
import { nothingToScan } from './text.js';
import type { ReportMeta } from './types.js';

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotation(f: Finding): string {
  const command = f.severity === 'critical' || f.severity === 'high' ? 'error' : 'warning';
  const props: [string, string | number][] = [
    ['file', escapeControl(f.path)],
    ['line', f.line],
    ['endLine', f.endLine],
  ];
  // GitHub honours columns only on single-line annotations.
  if (f.line === f.endLine) props.push(['col', f.column], ['endColumn', f.endColumn]);
  // A description comes from a config (maybe the repository's own): no escape sequence reaches the log.
  props.push(['title', escapeControl(`${f.description} (${f.ruleId})`)]);
  const where = f.commit ? escapeControl(` in commit ${f.commit.sha.slice(0, 12)} by ${f.commit.author} on ${f.commit.date}`) : '';
  const v = f.verification;
  const live = v?.status === 'live' ? `LIVE key${v.permissions?.length ? ` (can ${v.permissions.join(', ')})` : ''}${v.ipRestricted === false ? ', no IP allow-list' : ''}. ` : '';
  const message =
    `${live}Found ${escapeControl(f.secret)} (${f.severity})${where}. Rotate it at the provider first, then remove it from the code.\n` +
    'A test value: add a keyhound:allow comment on its line. An accepted old leak: add it to the baseline.';
  const rendered = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${command} ${rendered}::${escapeData(message)}`;
}

export function githubReport(findings: readonly Finding[], meta: ReportMeta): string {
  const out = findings.map(annotation);
  const s = meta.stats;
  out.push(
    findings.length
      ? `keyhound: ${findings.length} secret${findings.length === 1 ? '' : 's'} found (${s.files} files scanned, ${s.skipped} skipped)`
      : nothingToScan(s)
        ? 'keyhound: nothing to scan (0 files, 0 skipped)'
        : `keyhound: no secrets found (${s.files} files scanned, ${s.skipped} skipped)`,
  );
  return `${out.join('\n')}\n`;
}
