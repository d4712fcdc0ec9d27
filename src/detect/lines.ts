// Maps offsets in a text to 1-based line and column numbers; built lazily, only for texts that have findings.

export class LineIndex {
  private starts: number[] | null = null;

  constructor(private readonly text: string) {}

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    let i = this.text.indexOf('\n');
    while (i !== -1) {
      starts.push(i + 1);
      i = this.text.indexOf('\n', i + 1);
    }
    this.starts = starts;
    return starts;
  }

  /** 0-based line number holding `offset`. */
  lineAt(offset: number): number {
    const starts = this.lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** 1-based line and column of `offset`. */
  position(offset: number): { line: number; column: number } {
    const line = this.lineAt(offset);
    return { line: line + 1, column: offset - this.lineStarts()[line]! + 1 };
  }

  /** Offset where 0-based line `line` starts (clamped to the text). */
  lineStart(line: number): number {
    const starts = this.lineStarts();
    if (line <= 0) return 0;
    return line < starts.length ? starts[line]! : this.text.length;
  }

  /** Offset just past the end of 0-based line `line`, before its line feed (clamped to the text). */
  lineEnd(line: number): number {
    const starts = this.lineStarts();
    return line + 1 < starts.length ? starts[line + 1]! - 1 : this.text.length;
  }

  /** The text of 0-based line `line`, without its line break; '' past either end. */
  lineText(line: number): string {
    const starts = this.lineStarts();
    if (line < 0 || line >= starts.length) return '';
    const start = starts[line]!;
    const next = line + 1 < starts.length ? starts[line + 1]! - 1 : this.text.length;
    const end = next > start && this.text[next - 1] === '\r' ? next - 1 : next;
    return this.text.slice(start, end);
  }
}
