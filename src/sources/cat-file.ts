// A streaming parser for `git cat-file --batch` output: "<id> <type> <size>\n<content>\n" per object, or
// "<id> missing\n". Contents up to `maxSize` bytes are handed over whole (without copying when an object lies in one
// chunk); larger ones are counted and passed over, never buffered.

export type BatchObject =
  | { id: string; type: string; size: number; content: Buffer }
  | { id: string; type: string; size: number; content: null; tooLarge: true }
  | { id: string; missing: true };

const NEWLINE = 10;

export class CatFileParser {
  private rest: Buffer | null = null;
  /** The object whose content is being read, or null while waiting for a header. */
  private body: { id: string; type: string; size: number; parts: Buffer[] | null; left: number } | null = null;
  /** Bytes of the separator newline still to skip after a content. */
  private trailer = 0;

  constructor(
    private readonly maxSize: number,
    private readonly onObject: (object: BatchObject) => void,
  ) {}

  push(chunk: Buffer): void {
    let buf = chunk;
    if (this.rest) {
      buf = Buffer.concat([this.rest, chunk]);
      this.rest = null;
    }
    let at = 0;
    while (at < buf.length) {
      if (this.trailer) {
        at += 1;
        this.trailer = 0;
        continue;
      }
      if (this.body) {
        at = this.readBody(buf, at);
        continue;
      }
      const eol = buf.indexOf(NEWLINE, at);
      if (eol === -1) {
        this.rest = Buffer.from(buf.subarray(at));
        return;
      }
      this.header(buf.toString('latin1', at, eol));
      at = eol + 1;
    }
  }

  private header(line: string): void {
    const [id = '', type = '', size] = line.split(' ');
    if (type === 'missing' || type === 'ambiguous' || size === undefined) {
      this.onObject({ id, missing: true });
      return;
    }
    const n = Number(size);
    this.body = { id, type, size: n, parts: n <= this.maxSize ? [] : null, left: n };
    if (n === 0) this.finishBody();
  }

  private readBody(buf: Buffer, at: number): number {
    const body = this.body!;
    const take = Math.min(body.left, buf.length - at);
    if (body.parts) body.parts.push(buf.subarray(at, at + take));
    body.left -= take;
    if (body.left === 0) this.finishBody();
    return at + take;
  }

  private finishBody(): void {
    const { id, type, size, parts } = this.body!;
    this.body = null;
    this.trailer = 1;
    if (!parts) {
      this.onObject({ id, type, size, content: null, tooLarge: true });
      return;
    }
    // A single part is a view into the stream's chunk (never reused by Node): no copy.
    const content = parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
    this.onObject({ id, type, size, content });
  }
}
