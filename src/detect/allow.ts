// Allowlists (per rule and global) and inline `keyhound:allow` comments.

import type { AllowCommentTool, CompiledAllowlist } from '../model/types.js';

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

/** Other scanners whose inline allow comments a config may ask keyhound to honour (`allowComments`). */
export const ALLOW_COMMENT_TOOLS: readonly AllowCommentTool[] = ['gitleaks', 'trufflehog', 'secretlint', 'detect-secrets'];

/** Which inline allows count besides keyhound's own. Default: none. */
export interface InlineAllowOptions {
  /** `gitleaks:allow` (`--honor-gitleaks-allow`). */
  gitleaks?: boolean;
  /** Other tools' comments, from the config's `allowComments`. */
  tools?: readonly AllowCommentTool[];
}

// Each tool's comment as its documentation describes it: where it must stand, and whether it allows its own line
// or the next one. Only the line-scoped forms: secretlint's `secretlint-disable` / `secretlint-enable` blocks (and
// a whole-file disable) are not honoured, since a path allowlist says that in the config, where it is reviewed.
interface ToolComment {
  /** A literal every such comment contains, to find candidate lines quickly. */
  marker: string;
  /** Whether the line (holding `marker`) allows itself. */
  here: (line: string) => boolean;
  /** Whether the line allows the line after it. */
  next: (line: string) => boolean;
}

// detect-secrets: the pragma inside a comment (# // /* ' -- <!--) on the secret's line; `pragma: allowlist nextline
// secret` alone in a comment on the line before (no code may precede it there). `whitelist` is its old spelling.
const DS_HERE = /(?:#|\/\/|\/\*|'|--|<!--)[ \t]*pragma: ?(?:allow|white)list[ -]secret/;
const DS_NEXT = /^[ \t]*(?:#|\/\/|\/\*|'|--|<!--[# \t]*)[ \t]*pragma: ?allowlist[ -]nextline[ -]secret/;

const TOOL_COMMENTS: Record<AllowCommentTool, ToolComment> = {
  // gitleaks: `gitleaks:allow` anywhere on the secret's line.
  gitleaks: { marker: 'gitleaks:allow', here: () => true, next: () => false },
  // TruffleHog: `trufflehog:ignore` anywhere on a line of the secret.
  trufflehog: { marker: 'trufflehog:ignore', here: () => true, next: () => false },
  // secretlint: `secretlint-disable-line` (its own line), `secretlint-disable-next-line` (the next), with or
  // without rule names after it (secretlint's rule ids are not keyhound's: the line is allowed for every rule).
  secretlint: {
    marker: 'secretlint-disable-',
    here: (line) => line.includes('secretlint-disable-line'),
    next: (line) => line.includes('secretlint-disable-next-line'),
  },
  'detect-secrets': { marker: 'pragma:', here: (line) => DS_HERE.test(line), next: (line) => DS_NEXT.test(line) },
};

/** The tools an options object asks for (`gitleaks` counts once, however it is asked for). */
function toolsOf(options: InlineAllowOptions): AllowCommentTool[] {
  const tools = new Set(options.tools ?? []);
  if (options.gitleaks) tools.add('gitleaks');
  return [...tools];
}

/**
 * An inline allow: `keyhound:allow` on one of the finding's lines, or `keyhound:allow-next-line` on the line before;
 * with `gitleaks` or `tools`, also those tools' comments (see TOOL_COMMENTS).
 */
export function inlineAllowed(lines: string[], previousLine: string, options: InlineAllowOptions = {}): boolean {
  for (const tool of toolsOf(options)) {
    const t = TOOL_COMMENTS[tool];
    if (lines.some((l) => l.includes(t.marker) && t.here(l)) || (previousLine.includes(t.marker) && t.next(previousLine))) return true;
  }
  return lines.some((l) => ALLOW_HERE.test(l)) || ALLOW_NEXT.test(previousLine);
}

const MARKER = 'keyhound:allow';
const NEXT_SUFFIX = '-next-line';

/**
 * The lines of one text that carry inline allows, found in one pass (per kind of comment, when first asked): the
 * same verdicts as `inlineAllowed`, but without re-reading a line for every candidate on it (a 40 MB one-line
 * minified file has thousands).
 */
export class InlineAllowIndex {
  private here: Set<number> | null = null;
  private next: Set<number> | null = null;
  private readonly tools = new Map<AllowCommentTool, { here: Set<number>; next: Set<number> }>();

  constructor(
    private readonly text: string,
    private readonly lineAt: (offset: number) => number,
  ) {}

  private build(): void {
    this.here = new Set();
    this.next = new Set();
    const { text } = this;
    for (let i = text.indexOf(MARKER); i !== -1; i = text.indexOf(MARKER, i + 1)) {
      const line = this.lineAt(i);
      if (text.startsWith(NEXT_SUFFIX, i + MARKER.length)) this.next.add(line);
      else this.here.add(line);
    }
  }

  /** The lines where `tool`'s comments allow their own line and the next one. */
  private toolLines(tool: AllowCommentTool): { here: Set<number>; next: Set<number> } {
    let found = this.tools.get(tool);
    if (found) return found;
    found = { here: new Set(), next: new Set() };
    const { text } = this;
    const { marker, here, next } = TOOL_COMMENTS[tool];
    for (let i = text.indexOf(marker); i !== -1; i = text.indexOf(marker, i + 1)) {
      const line = this.lineAt(i);
      if (found.here.has(line) || found.next.has(line)) continue;
      const from = text.lastIndexOf('\n', i - 1) + 1;
      const to = text.indexOf('\n', i);
      const lineText = text.slice(from, to === -1 ? text.length : to);
      if (here(lineText)) found.here.add(line);
      if (next(lineText)) found.next.add(line);
    }
    this.tools.set(tool, found);
    return found;
  }

  /** Whether a finding on 0-based lines `startLine`..`endLine` is allowed inline (see {@link inlineAllowed}). */
  allowed(startLine: number, endLine: number, options: InlineAllowOptions = {}): boolean {
    if (!this.here) this.build();
    const ends = [startLine, endLine];
    if (ends.some((l) => this.here!.has(l)) || this.next!.has(startLine - 1)) return true;
    if (!options.gitleaks && !options.tools?.length) return false;
    for (const tool of toolsOf(options)) {
      const lines = this.toolLines(tool);
      if (ends.some((l) => lines.here.has(l)) || lines.next.has(startLine - 1)) return true;
    }
    return false;
  }
}
