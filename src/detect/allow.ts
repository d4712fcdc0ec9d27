// Allowlists (per rule and global) and inline `keyhound:allow` comments.

import type { CompiledAllowlist } from '../model/types.js';

export interface Candidate {
  secret: string;
  match: string;
  line: string;
  path: string;
}

/** True when any condition of the allowlist holds for the candidate. */
export function allowlisted(list: CompiledAllowlist, c: Candidate): boolean {
  if (list.paths?.(c.path)) return true;
  if (list.stopwords.length) {
    const lower = c.secret.toLowerCase();
    if (list.stopwords.some((w) => lower.includes(w))) return true;
  }
  if (list.regexes.length) {
    const target = list.regexTarget === 'match' ? c.match : list.regexTarget === 'line' ? c.line : c.secret;
    if (list.regexes.some((r) => r.test(target))) return true;
  }
  return false;
}

const ALLOW_HERE = /keyhound:allow(?!-next-line)/;
const ALLOW_NEXT = /keyhound:allow-next-line/;
/** gitleaks' inline allow, honoured on request for teams migrating from it (same line only, as in gitleaks). */
const GITLEAKS_ALLOW = /gitleaks:allow/;

/**
 * An inline allow: `keyhound:allow` on one of the finding's lines, or `keyhound:allow-next-line` on the line before;
 * with `gitleaks`, also `gitleaks:allow` on one of the finding's lines.
 */
export function inlineAllowed(lines: string[], previousLine: string, options: { gitleaks?: boolean } = {}): boolean {
  if (options.gitleaks && lines.some((l) => GITLEAKS_ALLOW.test(l))) return true;
  return lines.some((l) => ALLOW_HERE.test(l)) || ALLOW_NEXT.test(previousLine);
}
