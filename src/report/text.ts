// The human report: findings grouped by file, each with position, severity, rule and the redacted secret, then a
// summary and the ways out (rotate, remove, allow). Colour only when asked for.

import type { Finding, Severity, Verification } from '../model/types.js';
import { ansiStyles, type Styles } from './ansi.js';
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

export function textReport(findings: readonly Finding[], meta: ReportMeta): string {
  const c = ansiStyles(meta.color);
  const sev: Record<Severity, (s: string) => string> = {
    critical: (s) => c.redBold(s),
    high: (s) => c.red(s),
    medium: (s) => c.yellow(s),
    low: (s) => c.gray(s),
  };
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
        out.push(`  ${`${f.line}:${f.column}`.padEnd(9)} ${sev[f.severity](f.severity.padEnd(8))} ${c.bold(escapeControl(f.ruleId))}  ${escapeControl(f.description)}  ${c.dim(escapeControl(f.secret))}`);
        if (f.verification) out.push(`            ${verificationLine(f.verification, c)}`);
        if (f.decoded) out.push(`            ${c.dim(`decoded from ${f.decoded.join(' → ')}: the position is the encoded text's`)}`);
        if (f.commit) out.push(`            ${c.dim(escapeControl(`commit ${f.commit.sha.slice(0, 12)} by ${f.commit.author} on ${f.commit.date}`))}`);
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
  } else {
    out.push(c.green(`✔ no secrets found (${scanned})`));
  }
  if (meta.repositories) out.push(...repositoryLines(meta.repositories, c));
  return `${out.join('\n')}\n`;
}

/** The audit's last lines: how many repositories were scanned, and each one that failed, with why. */
function repositoryLines(repos: readonly RepositoryStatus[], c: ReturnType<typeof ansiStyles>): string[] {
  const count = (status: RepositoryStatus['status']): number => repos.filter((r) => r.status === status).length;
  const failed = repos.filter((r) => r.status === 'failed');
  const resumed = count('resumed');
  const parts = [`${count('scanned') + resumed} scanned${resumed ? ` (${resumed} from the state folder)` : ''}`, `${failed.length} failed`];
  const out = [`${plural(repos.length, 'repository').replace(/ys$/, 'ies')}: ${parts.join(', ')}`];
  for (const r of failed) out.push(c.red(escapeControl(`  ✖ ${r.name} (${r.url}): ${r.error ?? 'failed'}`)));
  return out;
}
