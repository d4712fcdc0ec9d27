// The finding's line, for the text report: attached where a fragment's findings come out of the engine (the only
// place that still has the text), trimmed around the match so a minified line does not flood the terminal, and
// masked by redact() like every other copy of the secret.

import type { Finding, Fragment, Snippet } from '../model/types.js';

/** Characters of context kept on each side of the match before the line is trimmed. */
export const SNIPPET_CONTEXT = 60;

/** Characters a trim may move outwards or inwards to avoid cutting a token in two. */
const TOKEN_SLACK = 40;

// Characters of a key or identifier: a trim never leaves a piece of one at the edge (it could be part of a secret).
const TOKEN = /[A-Za-z0-9_+/=.~-]/;

/** The 0-based start offset of each 0-based line of `text` that `wanted` names. */
function lineStarts(text: string, wanted: ReadonlySet<number>): Map<number, number> {
  const starts = new Map<number, number>();
  const last = Math.max(...wanted);
  let line = 0;
  let at = 0;
  while (line <= last) {
    if (wanted.has(line)) starts.set(line, at);
    const nl = text.indexOf('\n', at);
    if (nl < 0) break;
    at = nl + 1;
    line += 1;
  }
  return starts;
}

/** The snippet of `line` for a match from `start` to `end` (0-based, end exclusive). */
export function makeSnippet(line: string, start: number, end: number): Snippet {
  const s = Math.max(0, Math.min(start, line.length));
  const e = Math.max(s, Math.min(end, line.length));
  let a = Math.max(0, s - SNIPPET_CONTEXT);
  let b = Math.min(line.length, e + SNIPPET_CONTEXT);
  // Never start or end inside a token: step over it (towards the match), or take it whole when it is short.
  if (a > 0 && TOKEN.test(line[a - 1]!) && TOKEN.test(line[a]!)) {
    let out = a;
    while (out > 0 && a - out < TOKEN_SLACK && TOKEN.test(line[out - 1]!)) out -= 1;
    if (out === 0 || !TOKEN.test(line[out - 1]!)) a = out;
    else while (a < s && TOKEN.test(line[a]!)) a += 1;
  }
  if (b < line.length && TOKEN.test(line[b - 1]!) && TOKEN.test(line[b]!)) {
    let out = b;
    while (out < line.length && out - b < TOKEN_SLACK && TOKEN.test(line[out]!)) out += 1;
    if (out === line.length || !TOKEN.test(line[out]!)) b = out;
    else while (b > e && TOKEN.test(line[b - 1]!)) b -= 1;
  }
  const head = a > 0 ? '…' : '';
  // Indentation says nothing.
  if (a === 0) while (a < s && (line[a] === ' ' || line[a] === '\t')) a += 1;
  const text = head + line.slice(a, b).replace(/\r$/, '') + (b < line.length && line.slice(b) !== '\r' ? '…' : '');
  return { text, start: head.length + s - a, end: head.length + e - a };
}

/** `findings` of `fragment`, each with its line's snippet. Findings whose line is not in the text are left as they are. */
export function withSnippets(findings: Finding[], fragment: Fragment): Finding[] {
  if (findings.length === 0) return findings;
  const offset = fragment.lineOffset ?? 0;
  const starts = lineStarts(fragment.text, new Set(findings.map((f) => f.line - 1 - offset)));
  return findings.map((f) => {
    const at = starts.get(f.line - 1 - offset);
    if (at === undefined) return f;
    const nl = fragment.text.indexOf('\n', at);
    const line = fragment.text.slice(at, nl < 0 ? fragment.text.length : nl);
    const end = f.endLine === f.line ? f.endColumn : line.length;
    return { ...f, snippet: makeSnippet(line, f.column - 1, end) };
  });
}
