// Orders findings for stable output: by path, position, then rule.

import type { Finding } from '../model/types.js';
import { byCodePoint } from '../util/compare.js';

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
