// Allowlists (per rule and global) and inline `keyhound:allow` comments.

import type { CompiledAllowlist } from '../model/types.js';

export interface Candidate {
  secret: string;
  match: string;
  line: string;
  path: string;
}

/**
 * True when any condition of the allowlist holds for the candidate. `lineMemo`, when given, caches the verdicts of
 * line-target regexes for the candidate's line, so many candidates on one very long line read it once per regex.
 */
export function allowlisted(list: CompiledAllowlist, c: Candidate, lineMemo?: Map<RegExp, boolean>): boolean {
  if (list.paths?.(c.path)) return true;
  if (list.stopwords.length) {
    const lower = c.secret.toLowerCase();
    if (list.stopwords.some((w) => lower.includes(w))) return true;
  }
  if (list.regexes.length) {
    const target = list.regexTarget === 'match' ? c.match : list.regexTarget === 'line' ? c.line : c.secret;
    const memo = list.regexTarget === 'line' ? lineMemo : undefined;
    const test = (r: RegExp): boolean => {
      if (!memo) return r.test(target);
      let hit = memo.get(r);
      if (hit === undefined) memo.set(r, (hit = r.test(target)));
      return hit;
    };
    if (list.regexes.some(test)) return true;
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

const MARKER = 'keyhound:allow';
const NEXT_SUFFIX = '-next-line';
const GITLEAKS_MARKER = 'gitleaks:allow';

/**
 * The lines of one text that carry inline allows, found in one pass: the same verdicts as `inlineAllowed`, but
 * without re-reading a line for every candidate on it (a 40 MB one-line minified file has thousands).
 */
export class InlineAllowIndex {
  private here: Set<number> | null = null;
  private next: Set<number> | null = null;
  private gitleaks: Set<number> | null = null;

  constructor(
    private readonly text: string,
    private readonly lineAt: (offset: number) => number,
  ) {}

  private build(): void {
    this.here = new Set();
    this.next = new Set();
    this.gitleaks = new Set();
    const { text } = this;
    for (let i = text.indexOf(MARKER); i !== -1; i = text.indexOf(MARKER, i + 1)) {
      const line = this.lineAt(i);
      if (text.startsWith(NEXT_SUFFIX, i + MARKER.length)) this.next.add(line);
      else this.here.add(line);
    }
    for (let i = text.indexOf(GITLEAKS_MARKER); i !== -1; i = text.indexOf(GITLEAKS_MARKER, i + 1)) this.gitleaks.add(this.lineAt(i));
  }

  /** Whether a finding on 0-based lines `startLine`..`endLine` is allowed inline (see {@link inlineAllowed}). */
  allowed(startLine: number, endLine: number, options: { gitleaks?: boolean } = {}): boolean {
    if (!this.here) this.build();
    const ends = [startLine, endLine];
    if (options.gitleaks && ends.some((l) => this.gitleaks!.has(l))) return true;
    return ends.some((l) => this.here!.has(l)) || this.next!.has(startLine - 1);
  }
}
