// A one-line progress bar for long scans, drawn on a terminal only (the caller passes a stream only when stderr is
// a TTY and --quiet is off). Redraws at most ten times a second and erases itself when done.

export interface ProgressStream {
  write(chunk: string): unknown;
  columns?: number;
}

export interface ProgressState {
  done: number;
  total: number;
  /** Unit of done/total, e.g. "commits". */
  unit: string;
  /** Extra counters shown after the bar, e.g. "5,678 blobs". */
  detail: string;
  bytes: number;
}

const INTERVAL_MS = 100;

function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** The text of one progress line, `width` columns at most. Pure, for tests. */
export function progressLine(state: ProgressState, elapsedMs: number, width: number): string {
  const ratio = state.total > 0 ? Math.min(1, state.done / state.total) : 0;
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? state.bytes / 1024 / 1024 / seconds : 0;
  const eta = ratio > 0 ? (seconds * (1 - ratio)) / ratio : Number.NaN;
  const counts = `${state.done.toLocaleString('en-US')}/${state.total.toLocaleString('en-US')} ${state.unit}`;
  const tail = ` ${counts} · ${state.detail} · ${rate.toFixed(1)} MB/s · ETA ${duration(eta)}`;
  const barWidth = Math.max(0, Math.min(30, width - tail.length - 3));
  const filled = Math.round(barWidth * ratio);
  const bar = barWidth ? `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]` : '';
  return `${bar}${tail}`.slice(0, Math.max(0, width - 1));
}

export class ProgressBar {
  private readonly started = Date.now();
  private last = 0;
  private drawn = false;

  constructor(private readonly stream: ProgressStream) {}

  update(state: ProgressState, force = false): void {
    const now = Date.now();
    if (!force && now - this.last < INTERVAL_MS) return;
    this.last = now;
    this.stream.write(`\r\x1b[K${progressLine(state, now - this.started, this.stream.columns || 80)}`);
    this.drawn = true;
  }

  /** Erases the bar, so the report starts on a clean line. */
  done(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}
