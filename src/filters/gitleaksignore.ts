// .gitleaksignore, read for teams coming from gitleaks: one gitleaks fingerprint a line, `path:rule:line` for a file
// finding or `commit:path:rule:line` for one in history; blank lines and `#` comments are skipped. gitleaks' rule ids
// are not keyhound's (aws-access-token / aws-access-key-id), so an entry suppresses whatever keyhound finds at its
// place: that path and line (and that commit, when it names one). Pure: parsing and matching only.

import type { Finding } from '../model/types.js';

export const GITLEAKSIGNORE_FILE = '.gitleaksignore';

export interface GitleaksIgnoreEntry {
  commit?: string;
  path: string;
  rule: string;
  line: number;
}

/** Parses the file's text; lines that are not fingerprints are returned in `invalid` (1-based numbers). */
export function parseGitleaksIgnore(text: string): { entries: GitleaksIgnoreEntry[]; invalid: number[] } {
  const entries: GitleaksIgnoreEntry[] = [];
  const invalid: number[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const parts = line.split(':');
    const n = Number(parts.at(-1));
    if (parts.length < 3 || !Number.isInteger(n) || n < 1) return void invalid.push(i + 1);
    const rule = parts.at(-2)!;
    let rest = parts.slice(0, -2);
    let commit: string | undefined;
    if (rest.length > 1 && /^[0-9a-f]{7,64}$/i.test(rest[0]!)) {
      commit = rest[0]!.toLowerCase();
      rest = rest.slice(1);
    }
    entries.push({ ...(commit ? { commit } : {}), path: rest.join(':'), rule, line: n });
  });
  return { entries, invalid };
}

/** Drops the findings an entry names by place. */
export function applyGitleaksIgnore(findings: readonly Finding[], entries: readonly GitleaksIgnoreEntry[]): { findings: Finding[]; suppressed: number } {
  if (entries.length === 0) return { findings: [...findings], suppressed: 0 };
  const kept = findings.filter(
    (f) => !entries.some((e) => e.path === f.path && e.line === f.line && (!e.commit || (f.commit?.sha ?? '').toLowerCase().startsWith(e.commit))),
  );
  return { findings: kept, suppressed: findings.length - kept.length };
}
