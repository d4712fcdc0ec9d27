// Where a rule needs to run: the whole lines around each of its keyword hits, as far as its match can reach
// (see span.ts), merged. When that would cover most of the text anyway, or the reach is unknown, the answer is
// "everywhere" (null), which is exactly the old whole-text behaviour.

import type { LineIndex } from './lines.js';
import type { Reach } from './span.js';

/** Windows are dropped in favour of one whole-text run above this share of the text. */
export const MAX_WINDOW_SHARE = 0.5;

/**
 * Half-open [start, end) windows, ascending and disjoint, each made of whole lines, that hold every match reaching
 * a keyword hit at `starts` (keyword length at most `keywordLength`), or null for the whole text.
 */
export function ruleWindows(text: string, lines: LineIndex, starts: readonly number[], keywordLength: number, reach: Reach): [number, number][] | null {
  if (!Number.isFinite(reach.chars) && !Number.isFinite(reach.lines)) return null;
  const windows: [number, number][] = [];
  let covered = 0;
  const limit = text.length * MAX_WINDOW_SHARE;
  for (const p of starts) {
    const hitLine = lines.lineAt(p);
    let first = Math.max(0, hitLine - reach.lines);
    let last = hitLine + reach.lines;
    if (Number.isFinite(reach.chars)) {
      first = Math.max(first, lines.lineAt(Math.max(0, p - reach.chars)));
      last = Math.min(last, lines.lineAt(Math.min(text.length - 1, p + keywordLength + reach.chars)));
    }
    const start = lines.lineStart(first);
    const end = lines.lineEnd(last);
    const prev = windows[windows.length - 1];
    if (prev && start <= prev[1] + 1) {
      covered += Math.max(0, end - prev[1]);
      prev[1] = Math.max(prev[1], end);
    } else {
      windows.push([start, end]);
      covered += end - start;
    }
    if (covered > limit) return null;
  }
  return windows;
}
