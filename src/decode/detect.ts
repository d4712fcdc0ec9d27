// The engine over a fragment and over what decodes inside it. Findings in decoded text are reported at the encoded
// span of the original (line and column), carry the chain of encodings in `decoded`, keep the engine's content-derived
// fingerprint, and are dropped by an inline allow on the encoded span's lines. A secret the plain text already shows
// to the same rule is not reported twice; a generic finding on an encoded span yields to a specific one inside it.

import { InlineAllowIndex } from '../detect/allow.js';
import { detect, type DetectOptions } from '../detect/engine.js';
import { LineIndex } from '../detect/lines.js';
import type { DetectResult, DropReason, Finding, Fragment, RuleSet } from '../model/types.js';
import { decodeLayers, type Piece } from './layers.js';

/** Between decoded pieces scanned together: two line breaks, so no key runs from one piece into the next. */
const SEP = '\n\n';

/** The engine over the fragment and, up to `maxDepth` levels, over the text decoded from its candidate spans. */
export function detectDecoded(ruleSet: RuleSet, fragment: Fragment, options: DetectOptions, maxDepth: number): DetectResult {
  const base = detect(ruleSet, fragment, options);
  if (maxDepth <= 0) return base;
  const pieces = decodeLayers(fragment.text, maxDepth, fragment.utf8);
  if (pieces.length === 0) return base;

  const starts: number[] = [];
  let joined = '';
  for (const p of pieces) {
    starts.push(joined.length);
    joined += p.text + SEP;
  }
  const inner = detect(ruleSet, { text: joined, path: fragment.path, ...(fragment.commit ? { commit: fragment.commit } : {}) }, options);
  const dropped = new Map<DropReason, number>(base.dropped);
  for (const [k, v] of inner.dropped) dropped.set(k, (dropped.get(k) ?? 0) + v);
  const cutShort = [...(base.cutShort ?? []), ...(inner.cutShort ?? [])];
  if (inner.findings.length === 0) return { findings: base.findings, dropped, ...(cutShort.length ? { cutShort } : {}) };

  const joinedLines = new LineIndex(joined);
  const lines = new LineIndex(fragment.text);
  const allows = new InlineAllowIndex(fragment.text, (o) => lines.lineAt(o));
  const offset = fragment.lineOffset ?? 0;
  const plain = new Set(base.findings.map((f) => `${f.ruleId}\0${f.secret}`));
  // Generic rules, and manifest rules (a Kubernetes Secret's data: they know where a value sits, not what it is), yield
  // to a rule that names what the value decodes to.
  const generic = new Set(ruleSet.rules.filter((r) => r.generic || r.context?.manifest).map((r) => r.id));
  const seen = new Set<string>();
  const found: Finding[] = [];
  /** Spans where a specific rule found a key: generic findings of the plain text there yield to it. */
  const specific: { from: Pos; to: Pos }[] = [];

  for (const f of inner.findings) {
    const at = joinedLines.lineStart(f.line - 1) + f.column - 1;
    const last = joinedLines.lineStart(f.endLine - 1) + f.endColumn - 1;
    const i = pieceAt(starts, at);
    const piece: Piece = pieces[i]!;
    if (last >= starts[i]! + piece.text.length) continue; // ran past its piece: not a key of either
    if (plain.has(`${f.ruleId}\0${f.secret}`)) continue;
    const key = `${f.ruleId}\0${f.secret}\0${piece.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const startLine = lines.lineAt(piece.start);
    const endLine = lines.lineAt(Math.max(piece.start, piece.end - 1));
    if (allows.allowed(startLine, endLine, { gitleaks: options.honorGitleaksAllow ?? false, tools: ruleSet.allowComments })) {
      dropped.set('inline-allow', (dropped.get('inline-allow') ?? 0) + 1);
      continue;
    }
    if (fragment.onlyLines) {
      let touches = false;
      for (let l = startLine + 1 + offset; l <= endLine + 1 + offset && !touches; l++) touches = fragment.onlyLines.has(l);
      if (!touches) continue;
    }
    const from = lines.position(piece.start);
    const to = lines.position(Math.max(piece.start, piece.end - 1));
    found.push({
      ...f,
      line: from.line + offset,
      column: from.column,
      endLine: to.line + offset,
      endColumn: to.column,
      decoded: piece.chain,
    });
    if (!generic.has(f.ruleId)) specific.push({ from: [from.line + offset, from.column], to: [to.line + offset, to.column] });
  }
  const kept = specific.length
    ? base.findings.filter((f) => !(generic.has(f.ruleId) && specific.some((s) => before([f.line, f.column], s.to) && before(s.from, [f.endLine, f.endColumn]))))
    : base.findings;
  const findings = [...kept, ...found].sort((a, b) => a.line - b.line || a.column - b.column);
  return { findings, dropped, ...(cutShort.length ? { cutShort } : {}) };
}

type Pos = [line: number, column: number];

/** Whether position `a` is at or before `b`. */
function before(a: Pos, b: Pos): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]);
}

/** Index of the piece whose text holds joined offset `at`. */
function pieceAt(starts: readonly number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
