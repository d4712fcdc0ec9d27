// A streaming parser for `git log -z --raw --format=<LOG_FORMAT>`: commit headers and their changed paths, chunk by
// chunk, so the whole history is never held in memory. Bytes are decoded lossily (invalid UTF-8 becomes U+FFFD), so
// non-UTF-8 commit messages and paths never crash the parse.

import type { CommitInfo } from '../model/types.js';

/** The `--format` the parser expects: a \x01 marker, then sha, author, email, ISO date and subject, NUL-separated. */
export const LOG_FORMAT = '%x01%H%x00%an%x00%ae%x00%aI%x00%s';

/** One line of `--raw` output: a path changed by a commit, compared with one parent (with `-m`, one per parent). */
export interface RawChange {
  /** Mode of the new side, e.g. `100644`; `160000` is a submodule (gitlink), `000000` a deletion. */
  mode: string;
  /** Object id of the new side; all zeros for a deletion. */
  blob: string;
  /** Object id of the old side (the parent's version); all zeros for an addition. */
  base: string;
  /** `A`dded, `M`odified, `D`eleted, `T`ype changed, `R`enamed or `C`opied (with rename detection). */
  status: string;
  path: string;
  /**
   * A merge's combined line (`-c`: the path differs from every parent): each parent's version, first parent first.
   * Absent on a one-parent line, whose parent's version is `base`.
   */
  bases?: string[];
}

export interface LogRawHandlers {
  /** A commit header. With `-m`, a merge's header comes once per parent (with that parent's changes). */
  commit(info: CommitInfo): void;
  change(commit: CommitInfo, change: RawChange): void;
  /** Optional: false for a change the consumer will ignore (e.g. a blob already seen), so its path is not decoded. */
  wants?(blob: string, status: string): boolean;
}

const HEADER_FIELDS = 5;
const NUL = 0;
const SOH = 1;
const NEWLINE = 10;
const COLON = 58;

/** Feed it stdout chunks with {@link push}; it calls the handlers as each token completes. */
export class LogRawParser {
  private rest: Buffer | null = null;
  /** Header fields collected so far (0 when not inside a header). */
  private header: string[] = [];
  private inHeader = false;
  /** The raw line awaiting its path token. */
  private pending: Omit<RawChange, 'path'> | null = null;
  /** Path tokens to skip before the pending line's path: a rename or copy names its source first. */
  private skipPaths = 0;
  private current: CommitInfo | null = null;

  constructor(private readonly handlers: LogRawHandlers) {}

  push(chunk: Buffer): void {
    let buf = chunk;
    if (this.rest) {
      buf = Buffer.concat([this.rest, chunk]);
      this.rest = null;
    }
    let start = 0;
    for (;;) {
      const nul = buf.indexOf(NUL, start);
      if (nul === -1) break;
      this.token(buf, start, nul);
      start = nul + 1;
    }
    if (start < buf.length) this.rest = Buffer.from(buf.subarray(start));
  }

  /** Call at the end of the stream; a trailing unterminated token is handled like a terminated one. */
  end(): void {
    if (this.rest?.length) this.token(this.rest, 0, this.rest.length);
    this.rest = null;
  }

  private token(buf: Buffer, from: number, to: number): void {
    if (this.pending) {
      if (this.skipPaths > 0) {
        this.skipPaths -= 1;
        return;
      }
      if (this.handlers.wants && !this.handlers.wants(this.pending.blob, this.pending.status)) {
        this.pending = null;
        return;
      }
      // Spelled out rather than spread: a spread of an object into a new one is slow when done for every change.
      const p = this.pending;
      const change: RawChange = { mode: p.mode, blob: p.blob, base: p.base, status: p.status, path: buf.toString('utf8', from, to) };
      if (p.bases) change.bases = p.bases;
      this.pending = null;
      if (this.current) this.handlers.change(this.current, change);
      return;
    }
    if (this.inHeader) {
      this.header.push(buf.toString('utf8', from, to));
      if (this.header.length === HEADER_FIELDS) this.finishHeader();
      return;
    }
    // Between records git puts a newline before the next raw line or header.
    while (from < to && buf[from] === NEWLINE) from++;
    if (from >= to) return;
    if (buf[from] === SOH) {
      this.inHeader = true;
      this.header = [buf.toString('latin1', from + 1, to)];
      return;
    }
    if (buf[from] === COLON) {
      let colons = 0;
      while (buf[from + colons] === COLON) colons++;
      const fields = buf.toString('latin1', from + colons, to).split(' ');
      if (colons === 1) {
        // ":100644 100644 <old> <new> M" — a diff against one parent; "R100"/"C75" are followed by two paths.
        const status = (fields[4] ?? '').charAt(0);
        this.pending = { mode: fields[1] ?? '', base: fields[2] ?? '', blob: fields[3] ?? '', status };
        this.skipPaths = status === 'R' || status === 'C' ? 1 : 0;
      } else {
        // "::100644 100644 100644 <p1> <p2> <new> MM" — a merge's combined line (`-c`): one mode and one id per
        // parent, then the result's; one status letter per parent.
        const n = colons;
        const bases = fields.slice(n + 1, 2 * n + 1);
        const blob = fields[2 * n + 1] ?? '';
        const letters = fields[2 * n + 2] ?? '';
        const status = /^0+$/.test(blob) ? 'D' : /^A+$/.test(letters) ? 'A' : 'M';
        this.pending = { mode: fields[n] ?? '', base: bases[0] ?? '', blob, status, bases };
        this.skipPaths = 0;
      }
    }
    // Anything else (nothing, in the formats we ask for) is ignored rather than derailing the parse.
  }

  private finishHeader(): void {
    const [sha, author, email, date, message] = this.header as [string, string, string, string, string];
    this.current = { sha, author, email, date, message };
    this.inHeader = false;
    this.header = [];
    this.handlers.commit(this.current);
  }
}
