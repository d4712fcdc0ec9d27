// Text too large for one JavaScript string (V8 stops at about 512 M characters) is scanned in chunks, so a 600 MB
// file under `--max-file-size 1G` is scanned instead of ending the run. Chunks are cut at line boundaries: each owns
// a run of whole lines and is scanned with about `overlapBytes` of whole lines before and after it, so a match (and
// the context the engine looks at around it) that starts in the chunk's own lines lies wholly inside the text
// scanned. Findings are kept only where they touch the chunk's own lines (`onlyLines`), with their exact line (the
// chunk's `lineOffset`) and column (chunks start at a line's start); one that spans two chunks' own lines is reported
// by both at the same place, which the scan's dedupe step merges.

import type { Fragment, Skip } from '../model/types.js';
import { decodeUtf8 } from './decode.js';

export interface ChunkOptions {
  /** Bytes of whole lines each chunk owns (more when a line is longer). */
  chunkBytes: number;
  /** Bytes of whole lines scanned before and after a chunk's own lines. */
  overlapBytes: number;
  /** No chunk's own text is longer than this: the rest of a longer line is reported and not scanned. */
  maxChunkBytes: number;
}

const MiB = 1024 * 1024;

/** Files above this size are scanned in chunks (well below V8's string limit of 0x1fffffe8 characters). */
export const CHUNK_ABOVE = 256 * MiB;

export const DEFAULT_CHUNKS: ChunkOptions = { chunkBytes: 64 * MiB, overlapBytes: 1 * MiB, maxChunkBytes: 256 * MiB };

const NEWLINE = 10;

/** Whether `buf` is text to read as UTF-8 (or 8-bit): no UTF-16 byte-order mark, no NUL near the start. */
export function chunkable(buf: Buffer): boolean {
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) return false;
  const nul = buf.indexOf(0);
  return nul === -1 || nul >= 8000 + 3;
}

/** The lines `from`..`to` (1-based, inclusive) as the read-only set `Fragment.onlyLines` expects. */
export class LineRange implements ReadonlySet<number> {
  constructor(
    readonly from: number,
    readonly to: number,
  ) {}
  get size(): number {
    return Math.max(0, this.to - this.from + 1);
  }
  has(line: number): boolean {
    return line >= this.from && line <= this.to;
  }
  *values(): IterableIterator<number> {
    for (let l = this.from; l <= this.to; l++) yield l;
  }
  keys(): IterableIterator<number> {
    return this.values();
  }
  *entries(): IterableIterator<[number, number]> {
    for (const l of this.values()) yield [l, l];
  }
  forEach(fn: (value: number, key: number, set: ReadonlySet<number>) => void): void {
    for (const l of this.values()) fn(l, l, this);
  }
  [Symbol.iterator](): IterableIterator<number> {
    return this.values();
  }
}

/** Counts newlines in buf[from, to). */
function newlines(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = buf.indexOf(NEWLINE, from); i !== -1 && i < to; i = buf.indexOf(NEWLINE, i + 1)) n++;
  return n;
}

/** The start of the line holding byte `at` (the byte after the previous newline), at or after `floor`. */
function lineStart(buf: Buffer, at: number, floor: number): number {
  if (at <= floor) return floor;
  return Math.max(floor, buf.lastIndexOf(NEWLINE, at - 1) + 1);
}

/** The end of the line holding byte `at - 1` (just past its newline), or the end of the buffer. */
function lineEnd(buf: Buffer, at: number): number {
  if (at >= buf.length) return buf.length;
  const nl = buf.indexOf(NEWLINE, Math.max(0, at - 1));
  return nl === -1 ? buf.length : nl + 1;
}

/** Moves `at` back to the start of a UTF-8 character. */
function charStart(buf: Buffer, at: number): number {
  while (at > 0 && at < buf.length && (buf[at]! & 0xc0) === 0x80) at--;
  return at;
}

/**
 * UTF-8 text bytes (an optional BOM is skipped) as fragments of whole lines, each with its `lineOffset`, its own
 * lines as `onlyLines` and its own bytes as `bytes` (they add up to the file's size less the BOM and any bytes
 * reported as not scanned).
 */
export function* chunkFragments(buf: Buffer, path: string, onSkip: (skip: Skip) => void, options: ChunkOptions = DEFAULT_CHUNKS): Generator<Fragment> {
  const { chunkBytes, overlapBytes, maxChunkBytes } = options;
  const start = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  let own = start;
  let linesBeforeOwn = 0; // newlines in buf[start, own)
  while (own < buf.length) {
    // The chunk's own lines: whole lines up to about chunkBytes; a longer line alone, cut at maxChunkBytes.
    let end = own + chunkBytes >= buf.length ? buf.length : buf.lastIndexOf(NEWLINE, own + chunkBytes - 1) + 1;
    let next: number;
    if (end <= own) end = lineEnd(buf, own + chunkBytes);
    if (end - own > maxChunkBytes) {
      const lineEndsAt = end;
      end = charStart(buf, own + maxChunkBytes);
      next = lineEndsAt;
      onSkip({
        path,
        reason: `line ${linesBeforeOwn + 1} is longer than ${maxChunkBytes} bytes: its last ${lineEndsAt - end} bytes were not scanned`,
      });
    } else {
      next = end;
    }
    // Whole lines around it, about overlapBytes each side, but never a line so long it would double the chunk.
    let from = lineStart(buf, own - overlapBytes, start);
    if (own - from > 2 * overlapBytes) from = Math.min(own, lineEnd(buf, own - overlapBytes));
    let to = lineEnd(buf, end + overlapBytes);
    if (to - end > 2 * overlapBytes) to = Math.max(end, lineStart(buf, end + overlapBytes, end));
    if (end < next) to = end; // a cut line: nothing after the cut
    const linesBeforeFrom = linesBeforeOwn - newlines(buf, from, own);
    const ownLines = newlines(buf, own, end);
    const lastOwnLine = linesBeforeOwn + ownLines + (end > own && buf[end - 1] !== NEWLINE ? 1 : 0);
    yield {
      ...decodeUtf8(buf.subarray(from, to)),
      path,
      lineOffset: linesBeforeFrom,
      bytes: end - own,
      onlyLines: new LineRange(linesBeforeOwn + 1, Math.max(linesBeforeOwn + 1, lastOwnLine)),
    };
    linesBeforeOwn += newlines(buf, own, next);
    own = next;
  }
}
