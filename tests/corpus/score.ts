// Scores findings against the planted secrets: recall per family and overall, precision per reporting family.

import type { Finding } from '../../src/model/types.js';
import type { Planted } from './builder.js';

export interface Score {
  rows: { family: string; planted: number; found: number; exact: number; findings: number; truePositives: number }[];
  misses: Planted[];
  falseAlarms: Finding[];
  /** Findings that hit a planted secret but from a rule not in its accept list. */
  wrongRule: { finding: Finding; planted: Planted }[];
}

function accepts(p: Planted, ruleId: string, family: string): boolean {
  return p.accept.some((a) => (a.endsWith('*') ? ruleId.startsWith(a.slice(0, -1)) : a === ruleId || a === family));
}

/** A finding covers a planted secret when it is in the same file, spans its line and one secret contains the other. */
function covers(f: Finding, p: Planted): boolean {
  if (f.path !== p.path || p.line < f.line || p.line > f.endLine) return false;
  if (f.secret.includes(p.secret) || (f.secret.length >= 8 && p.secret.includes(f.secret))) return true;
  // A finding in decoded text (a PEM inside a base64 Kubernetes secret) covers the encoded value it was found in.
  return f.decoded?.includes('base64') === true && f.secret.length >= 8 && Buffer.from(p.secret, 'base64').toString('latin1').includes(f.secret);
}

export function score(planted: Planted[], findings: Finding[], familyOf: (ruleId: string) => string): Score {
  const families = new Set<string>([...planted.map((p) => p.family), ...findings.map((f) => familyOf(f.ruleId))]);
  const rows = [...families].sort().map((family) => ({ family, planted: 0, found: 0, exact: 0, findings: 0, truePositives: 0 }));
  const row = (family: string): Score['rows'][number] => rows.find((r) => r.family === family)!;
  const misses: Planted[] = [];
  const falseAlarms: Finding[] = [];
  const wrongRule: Score['wrongRule'] = [];
  for (const p of planted) {
    if (p.optional) continue;
    row(p.family).planted++;
    // As the brief scores it: found when any finding covers the secret at its line; "exact" also wants a rule
    // from the planted key's accept list (a provider rule rather than the generic assignment).
    const hits = findings.filter((f) => covers(f, p));
    if (hits.length) row(p.family).found++;
    else misses.push(p);
    if (hits.some((f) => accepts(p, f.ruleId, familyOf(f.ruleId)))) row(p.family).exact++;
  }
  for (const f of findings) {
    const r = row(familyOf(f.ruleId));
    r.findings++;
    const p = planted.find((q) => covers(f, q));
    if (p) {
      r.truePositives++;
      const exact = planted.some((q) => covers(f, q) && accepts(q, f.ruleId, familyOf(f.ruleId)));
      if (!exact) wrongRule.push({ finding: f, planted: p });
    } else falseAlarms.push(f);
  }
  return { rows, misses, falseAlarms, wrongRule };
}

const pct = (a: number, b: number): string => (b === 0 ? '   - ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);

export function formatScore(s: Score): string {
  const out = ['family             planted  found  recall   exact-rule  findings  true  precision'];
  const total = { planted: 0, found: 0, exact: 0, findings: 0, truePositives: 0 };
  for (const r of s.rows) {
    out.push(
      `${r.family.padEnd(18)} ${String(r.planted).padStart(7)} ${String(r.found).padStart(6)}  ${pct(r.found, r.planted)}  ${pct(r.exact, r.planted)}   ${String(r.findings).padStart(9)} ${String(r.truePositives).padStart(5)}  ${pct(r.truePositives, r.findings)}`,
    );
    total.planted += r.planted;
    total.found += r.found;
    total.exact += r.exact;
    total.findings += r.findings;
    total.truePositives += r.truePositives;
  }
  out.push(
    `${'TOTAL'.padEnd(18)} ${String(total.planted).padStart(7)} ${String(total.found).padStart(6)}  ${pct(total.found, total.planted)}  ${pct(total.exact, total.planted)}   ${String(total.findings).padStart(9)} ${String(total.truePositives).padStart(5)}  ${pct(total.truePositives, total.findings)}`,
  );
  for (const m of s.misses) out.push(`MISS   ${m.path}:${m.line} [${m.accept.join(',')}] ${m.secret.slice(0, 16)}…`);
  for (const f of s.falseAlarms) out.push(`FALSE  ${f.path}:${f.line} ${f.ruleId} ${f.secret.slice(0, 24)}…`);
  for (const w of s.wrongRule) out.push(`RULE?  ${w.finding.path}:${w.finding.line} ${w.finding.ruleId} (expected ${w.planted.accept.join(',')})`);
  return out.join('\n');
}
