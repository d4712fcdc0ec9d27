// Orders findings for stable output: by path, position, then rule.

import type { Finding } from '../model/types.js';

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      a.ruleId.localeCompare(b.ruleId) ||
      (a.commit?.sha ?? '').localeCompare(b.commit?.sha ?? ''),
  );
}
