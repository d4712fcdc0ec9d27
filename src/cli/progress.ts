// A one-line progress bar for long scans, drawn on a terminal only (the caller passes a stream only when stderr is
// a TTY and --quiet is off). Appears only once the work has taken a second (a short run stays silent), redraws at
// most ten times a second and erases itself when done. The ETA comes from the pace of the last five seconds, after the
// first unit of work was done, and is shown only after a second of it: the first unit also carries the start-up (listing the commits,
// compiling the rules), and an ETA from it alone read "18m28s" for a 3-second job (issue 21).

export interface ProgressStream {
  write(chunk: string): unknown;
  columns?: number;
}

export interface ProgressState {
  done: number;
  /** 0 when the total is not known (a directory scan reads the tree as it walks it): no bar and no ETA then. */
  total: number;
  /** Unit of done/total, e.g. "commits". */
  unit: string;
  /** Extra counters shown after the bar, e.g. "5,678 blobs". */
  detail: string;
  bytes: number;
}

const INTERVAL_MS = 100;
/** Nothing is drawn before the work has taken this long, and no ETA before this much pace has been seen. */
const DELAY_MS = 1000;
/** The ETA follows the pace of about this many last milliseconds. */
const WINDOW_MS = 5000;

function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * The text of one progress line, `width` columns at most. Pure, for tests. `etaSeconds`: the estimate to show (NaN:
 * none yet); without it, the remaining share at the average pace so far.
 */
export function progressLine(state: ProgressState, elapsedMs: number, width: number, etaSeconds?: number): string {
  const ratio = state.total > 0 ? Math.min(1, state.done / state.total) : 0;
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? state.bytes / 1024 / 1024 / seconds : 0;
  const eta = etaSeconds ?? (ratio > 0 ? (seconds * (1 - ratio)) / ratio : Number.NaN);
  if (state.total <= 0) return `${state.done.toLocaleString('en-US')} ${state.unit} · ${state.detail} · ${rate.toFixed(1)} MB/s`.slice(0, Math.max(0, width - 1));
  const counts = `${state.done.toLocaleString('en-US')}/${state.total.toLocaleString('en-US')} ${state.unit}`;
  const tail = ` ${counts} · ${state.detail} · ${rate.toFixed(1)} MB/s · ETA ${duration(eta)}`;
  const barWidth = Math.max(0, Math.min(30, width - tail.length - 3));
  const filled = Math.round(barWidth * ratio);
  const bar = barWidth ? `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]` : '';
  return `${bar}${tail}`.slice(0, Math.max(0, width - 1));
}

export class ProgressBar {
  private readonly started: number;
  private last = 0;
  private drawn = false;
  /** Recent (time, done) samples since the first unit of work was seen done: the pace of the last few seconds. */
  private samples: { at: number; done: number }[] = [];
  private firstAt = 0;

  /** @param options.delayMs draw nothing before this many milliseconds (default 1000); `now` for tests. */
  constructor(
    private readonly stream: ProgressStream,
    private readonly options: { delayMs?: number; now?: () => number } = {},
  ) {
    this.started = this.now();
  }

  private now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }

  /**
   * Seconds left at the pace of the last few seconds (work often speeds up once workers and caches are warm); NaN
   * until a second has passed since the first unit was done.
   */
  private eta(state: ProgressState, now: number): number {
    if (state.done <= 0) return Number.NaN;
    if (this.samples.length === 0) this.firstAt = now;
    this.samples.push({ at: now, done: state.done });
    while (this.samples.length > 2 && now - this.samples[1]!.at >= WINDOW_MS) this.samples.shift();
    const oldest = this.samples[0]!;
    const units = state.done - oldest.done;
    if (now - this.firstAt < DELAY_MS || units <= 0) return Number.NaN;
    return (((now - oldest.at) / units) * Math.max(0, state.total - state.done)) / 1000;
  }

  update(state: ProgressState, force = false): void {
    const now = this.now();
    // Without a total there is no ETA to take, and no pace to keep (a directory scan calls this for every file).
    const eta = state.total > 0 ? this.eta(state, now) : Number.NaN;
    if (now - this.started < (this.options.delayMs ?? DELAY_MS)) return;
    if (!force && now - this.last < INTERVAL_MS) return;
    this.last = now;
    this.stream.write(`\r\x1b[K${progressLine(state, now - this.started, this.stream.columns || 80, eta)}`);
    this.drawn = true;
  }

  /** Erases the bar, so the report starts on a clean line. */
  done(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}
