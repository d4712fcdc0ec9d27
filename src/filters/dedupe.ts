// Drops repeated findings: the same rule at the same place (and commit) reported twice by overlapping sources.

import type { Finding } from '../model/types.js';

export function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = [f.ruleId, f.path, f.line, f.column, f.commit?.sha ?? ''].join('\0');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
