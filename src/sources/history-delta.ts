// What a new version of a file adds over the version it replaces, cheaply: the bytes between the longest common
// prefix and suffix, widened to whole lines plus context. The history source scans only that region when it still
// holds the previous version, since anything in the unchanged prefix and suffix was already scanned in it.
// Comparisons are memcmp calls (Buffer.compare), never a line-by-line diff.

const NEWLINE = 10;

/** Lines of unchanged text kept around the changed region: keyword context, inline allows, short multi-line keys. */
export const CONTEXT_LINES = 5;

export interface Region {
  /** Byte offsets into the new content, at line starts. */
  start: number;
  end: number;
  /** Lines before `start`, for reporting positions in the whole file. */
  lineOffset: number;
}

function commonPrefix(a: Buffer, b: Buffer): number {
  let lo = 0;
  let hi = Math.min(a.length, b.length);
  // Invariant: the first `lo` bytes are equal. Each probe is one memcmp of the untested span.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a.compare(b, lo, mid, lo, mid) === 0) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function commonSuffix(a: Buffer, b: Buffer, limit: number): number {
  let lo = 0;
  let hi = limit;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a.compare(b, b.length - mid, b.length - lo, a.length - mid, a.length - lo) === 0) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function countLines(buf: Buffer, end: number): number {
  let n = 0;
  let i = buf.indexOf(NEWLINE);
  while (i !== -1 && i < end) {
    n += 1;
    i = buf.indexOf(NEWLINE, i + 1);
  }
  return n;
}

/** Start of the line `lines` lines before the one holding byte `at`. */
function backLines(buf: Buffer, at: number, lines: number): number {
  let start = at === 0 ? 0 : buf.lastIndexOf(NEWLINE, at - 1) + 1;
  for (let n = 0; n < lines && start > 0; n++) start = start >= 2 ? buf.lastIndexOf(NEWLINE, start - 2) + 1 : 0;
  return start;
}

/** End (after the newline) of the line `lines` lines after the one holding `at`. */
function forwardLines(buf: Buffer, at: number, lines: number): number {
  let i = at;
  for (let n = 0; n <= lines; n++) {
    const nl = buf.indexOf(NEWLINE, i);
    if (nl === -1) return buf.length;
    i = nl + 1;
  }
  return i;
}

/** A PEM block left open before `start` (a BEGIN with no END after it): its start, so the whole block is scanned. */
function openBlockStart(buf: Buffer, start: number): number {
  const begin = buf.lastIndexOf('-----BEGIN', start);
  if (begin === -1) return start;
  const end = buf.lastIndexOf('-----END', start);
  return end > begin ? start : buf.lastIndexOf(NEWLINE, begin) + 1;
}

/** A PEM block left open after `end`: its end, so the whole block is scanned. */
function openBlockEnd(buf: Buffer, end: number): number {
  const close = buf.indexOf('-----END', end);
  if (close === -1) return end;
  const begin = buf.indexOf('-----BEGIN', end);
  if (begin !== -1 && begin < close) return end;
  return forwardLines(buf, close, 0);
}

/** The region of `next` that `base` does not already contain at the same place; null when they are equal. */
export function changedRegion(base: Buffer, next: Buffer, context = CONTEXT_LINES): Region | null {
  const prefix = commonPrefix(base, next);
  if (prefix === next.length && prefix === base.length) return null;
  const suffix = commonSuffix(base, next, Math.min(base.length, next.length) - prefix);
  let start = backLines(next, prefix, context);
  let end = forwardLines(next, Math.max(prefix, next.length - suffix - 1), context);
  start = openBlockStart(next, start);
  end = openBlockEnd(next, end);
  return { start, end, lineOffset: countLines(next, start) };
}

/**
 * Recently scanned blob contents by id, least recently used dropped first, within a byte budget.
 *
 * A content is kept as it comes: usually a view into the chunk Node read from git's pipe (each chunk a buffer of its
 * own, holding several small blobs), never copied (copying every blob of a history cost 0.2 s on 170 MB). The budget
 * counts what is held in memory: the whole buffer behind a view, once however many kept views share it.
 */
export class BlobCache {
  private readonly map = new Map<string, Buffer>();
  /** Each buffer behind a kept content → how many kept contents lie in it. */
  private readonly holders = new Map<ArrayBufferLike, number>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(id: string): Buffer | undefined {
    const buf = this.map.get(id);
    if (buf) {
      this.map.delete(id);
      this.map.set(id, buf);
    }
    return buf;
  }

  set(id: string, content: Buffer): void {
    if (this.map.has(id)) return;
    const backing = content.buffer;
    if (backing.byteLength > this.maxBytes / 8) {
      // A view into a buffer too large to keep alive for it (or a content too large to keep): a copy, or nothing.
      if (content.length > this.maxBytes / 8) return;
      const copy = Buffer.allocUnsafeSlow(content.length); // a buffer of its own, not a slice of Node's shared pool
      content.copy(copy);
      this.keep(id, copy);
    } else this.keep(id, content);
    for (const [old, buf] of this.map) {
      if (this.bytes <= this.maxBytes) break;
      this.map.delete(old);
      this.release(buf);
    }
  }

  /** Bytes held in memory for the kept contents (for tests). */
  get heldBytes(): number {
    return this.bytes;
  }

  private keep(id: string, content: Buffer): void {
    this.map.set(id, content);
    const n = this.holders.get(content.buffer) ?? 0;
    if (n === 0) this.bytes += content.buffer.byteLength;
    this.holders.set(content.buffer, n + 1);
  }

  private release(content: Buffer): void {
    const n = this.holders.get(content.buffer)!;
    if (n > 1) this.holders.set(content.buffer, n - 1);
    else {
      this.holders.delete(content.buffer);
      this.bytes -= content.buffer.byteLength;
    }
  }
}
