// Orders findings for stable output: by path, position, then rule.

import type { Finding } from '../model/types.js';

/**
 * Code-point order. Not localeCompare: its first call loads ICU's collation data, about 15 ms that `history` and the
 * pre-commit hook would pay for a handful of findings; rule ids ([a-z0-9-]) and commit ids sort the same either way.
 */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      byCodePoint(a.path, b.path) ||
      a.line - b.line ||
      a.column - b.column ||
      byCodePoint(a.ruleId, b.ruleId) ||
      byCodePoint(a.commit?.sha ?? '', b.commit?.sha ?? ''),
  );
}
