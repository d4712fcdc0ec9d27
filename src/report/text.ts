// The human report: findings grouped by file, each with position, severity, rule, the redacted secret and its line
// (masked), in aligned columns, then a summary and the ways out (rotate, remove, allow). Colour only when given styles.

import type { Finding, ScanStats, Severity, Snippet, Verification } from '../model/types.js';
import { PLAIN, type Styles } from './styles.js';
import { escapeControl, escapeLine } from './escape.js';
import type { ReportMeta, RepositoryStatus } from './types.js';

export function humanBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export const FIX_HINT =
  'To fix: rotate the key at its provider first (it may already be copied elsewhere), then remove it from the code. ' +
  'A test value: add a `keyhound:allow` comment on its line. An accepted old one: add it to the baseline.';

/** The `--verify` line under a finding: LIVE with its rights (withdrawal first), invalid, or unknown and why. */
export function verificationLine(v: Verification, c: Styles): string {
  const message = escapeControl(v.message);
  if (v.status === 'live') {
    const rights = v.permissions?.length ? `can ${v.permissions.map(escapeControl).join(', ')}` : 'rights not reported';
    const ip = v.ipRestricted === false ? '; no IP allow-list' : v.ipRestricted ? '; IP allow-list' : '';
    const account = v.account ? `; ${Object.entries(v.account).map(([k, x]) => escapeControl(`${k} ${String(x)}`)).join(', ')}` : '';
    return c.redBold(`LIVE (${escapeControl(v.provider)}): ${rights}${ip}`) + c.dim(`${account} — ${message}`);
  }
  if (v.status === 'invalid') return c.green(`invalid (${escapeControl(v.provider || 'no provider')}): ${message}`);
  return c.yellow(`not verified: ${message}`);
}

/** Widest column values are padded to, past which a value overflows its column (a full secret with --no-redact). */
const SECRET_COLUMN_MAX = 24;

/**
 * A run with no file to read and none skipped (an empty folder, a filter that leaves nothing): the reports say
 * "nothing to scan" then, since "no secrets found" would claim a look that was not taken.
 */
export function nothingToScan(stats: Pick<ScanStats, 'files' | 'skipped'>): boolean {
  return stats.files === 0 && stats.skipped === 0;
}

/** The finding's line under it: the match highlighted, tabs as spaces, control characters escaped. */
function snippetLine(snippet: Snippet, c: Styles): string {
  const show = (s: string): string => escapeControl(s.replace(/\t/g, ' '));
  const { text, start, end } = snippet;
  return `${c.dim('│')} ${show(text.slice(0, start))}${c.redBold(show(text.slice(start, end)))}${show(text.slice(end))}`;
}

export function textReport(findings: readonly Finding[], meta: ReportMeta): string {
  const c = meta.color || PLAIN;
  const sev: Record<Severity, (s: string) => string> = {
    critical: (s) => c.redBold(s),
    high: (s) => c.red(s),
    medium: (s) => c.yellow(s),
    low: (s) => c.gray(s),
  };
  // Columns are as wide as their widest value in the whole report, so they line up across files and repositories.
  const position = (f: Finding): string => `${f.line}:${f.column}`;
  const posWidth = Math.max(0, ...findings.map((f) => position(f).length));
  const ruleWidth = Math.max(0, ...findings.map((f) => escapeControl(f.ruleId).length));
  const secretWidth = Math.min(SECRET_COLUMN_MAX, Math.max(0, ...findings.map((f) => escapeControl(f.secret).length)));
  const indent = ' '.repeat(2 + posWidth + 2);
  const out: string[] = [];
  let files = 0;
  const fileBlocks = (list: readonly Finding[]): void => {
    const byFile = new Map<string, Finding[]>();
    for (const f of list) {
      // The file heads its group at the start of a line: a name like `::error::…` must not read as a workflow command.
      const path = escapeLine(f.path);
      const key = f.commit ? `${path} @ ${f.commit.sha.slice(0, 12)}` : path;
      const group = byFile.get(key) ?? [];
      group.push(f);
      byFile.set(key, group);
    }
    files += byFile.size;
    for (const [file, group] of byFile) {
      out.push(c.underline(file));
      for (const f of group) {
        const cells = [
          position(f).padEnd(posWidth),
          sev[f.severity](f.severity.padEnd(8)),
          c.bold(escapeControl(f.ruleId).padEnd(ruleWidth)),
          c.dim(escapeControl(f.secret).padEnd(secretWidth)),
          escapeControl(f.description),
        ];
        out.push(`  ${cells.join('  ')}`);
        if (f.snippet) out.push(indent + snippetLine(f.snippet, c));
        if (f.verification) out.push(indent + verificationLine(f.verification, c));
        if (f.decoded) out.push(indent + c.dim(`decoded from ${f.decoded.join(' → ')}: the position is the encoded text's`));
        if (f.commit) out.push(indent + c.dim(escapeControl(`commit ${f.commit.sha.slice(0, 12)} by ${f.commit.author} on ${f.commit.date}`)));
      }
      out.push('');
    }
  };
  const audit = meta.repositories !== undefined || findings.some((f) => f.repository);
  if (audit) {
    // An audit of many repositories: findings grouped by repository first, then by file.
    const byRepo = new Map<string, { name: string; url: string; list: Finding[] }>();
    for (const f of findings) {
      const r = f.repository ?? { name: '(no repository)', url: '' };
      const key = `${r.name}\0${r.url}`;
      const group = byRepo.get(key) ?? { ...r, list: [] };
      group.list.push(f);
      byRepo.set(key, group);
    }
    for (const r of byRepo.values()) {
      out.push(c.bold(escapeLine(`■ ${r.name}`)) + (r.url && r.url !== r.name ? `  ${c.dim(escapeControl(r.url))}` : ''));
      out.push('');
      fileBlocks(r.list);
    }
  } else {
    fileBlocks(findings);
  }
  const s = meta.stats;
  const scanned = `scanned ${plural(s.files, 'file')}, ${humanBytes(s.bytes)}, ${s.skipped} skipped, in ${s.durationMs} ms`;
  if (findings.length) {
    const live = findings.filter((f) => f.verification?.status === 'live').length;
    const verified = findings.some((f) => f.verification) ? `, ${live} LIVE` : '';
    out.push(c.red(`✖ ${plural(findings.length, 'secret')} found in ${plural(files, 'file')}${verified} (${scanned})`));
    out.push(meta.hint ?? FIX_HINT);
  } else if (nothingToScan(s)) {
    out.push(c.yellow(`✔ nothing to scan: no file to read (${scanned})`));
  } else {
    out.push(c.green(`✔ no secrets found (${scanned})`));
  }
  if (meta.repositories) out.push(...repositoryLines(meta.repositories, c));
  return `${out.join('\n')}\n`;
}

/** The audit's last lines: how many repositories were scanned, and each one that failed, with why. */
function repositoryLines(repos: readonly RepositoryStatus[], c: Styles): string[] {
  const count = (status: RepositoryStatus['status']): number => repos.filter((r) => r.status === status).length;
  const failed = repos.filter((r) => r.status === 'failed');
  const resumed = count('resumed');
  const parts = [`${count('scanned') + resumed} scanned${resumed ? ` (${resumed} from the state folder)` : ''}`, `${failed.length} failed`];
  const out = [`${plural(repos.length, 'repository').replace(/ys$/, 'ies')}: ${parts.join(', ')}`];
  for (const r of failed) out.push(c.red(escapeControl(`  ✖ ${r.name} (${r.url}): ${r.error ?? 'failed'}`)));
  return out;
}
