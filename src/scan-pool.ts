// Directory scans on several threads. The main thread walks the tree (fsFiles), hands out batches of paths and scans
// batches itself in between; each worker loads the rule set itself (compiled regexes cannot cross threads, so it
// gets the root and config path), reads, decodes and scans its files, and sends back findings, skips and counts only
// — file contents never cross threads. At most three batches per worker are in flight, so the walk waits for the
// workers and memory stays flat. Files over LARGE_FILE go one at a time, so two are never scanned at once: to a worker
// while the main thread scans small ones, to the main thread when nothing else is left.
// Small scans never start a worker: below a threshold of files and bytes the main thread does everything itself.
// Workers reply on a port of their own, which the main thread also reads between its own files, so a worker's queue
// is topped up while the main thread is busy and a worker never waits for it.
// Results are identical to a single-threaded scan: batches are merged in walk order and every skip keeps its place.

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { join, resolve } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { PACKAGE_ROOT } from './config/paths.js';
import { DEFAULT_MAX_ARCHIVE_DEPTH } from './decode/archive.js';
import { DEFAULT_MAX_DECODE_DEPTH } from './decode/layers.js';
import { detectDecoded } from './decode/detect.js';
import { withSnippets } from './filters/snippet.js';
import type { DetectOptions } from './detect/engine.js';
import { dedupe } from './filters/dedupe.js';
import { sortFindings } from './filters/sort.js';
import type { CutShort, DropReason, Finding, RuleSet, Skip } from './model/types.js';
import { wallClock, type FragmentScanOptions, type FragmentScanResult } from './scan-fragments.js';
import { fsFiles, ReadBuffer, readFileFragments, type FileEntry, type FsSourceOptions } from './sources/fs.js';

/** Start workers only for walks that reach this many files… */
export const POOL_MIN_FILES = 400;
/** …or this many bytes. */
export const POOL_MIN_BYTES = 8 * 1024 * 1024;
/** A batch: up to this many files or bytes (a larger file goes alone). */
const BATCH_FILES = 64;
const BATCH_BYTES = 4 * 1024 * 1024;
/**
 * A file larger than this is scanned while no other is, on whichever thread: scanning one holds several times its
 * size in memory for a moment (its text, at two bytes a character when it is not ASCII, its keyword hits, its
 * bindings), and two at once on two threads made most of the pool's peak memory. (They were once all kept for the
 * main thread: on the bench tree, where a third of the bytes are in 32 such files, the worker then sat idle for a
 * fifth of the scan.)
 */
const LARGE_FILE = 2 * 1024 * 1024;
/** Batches in flight per worker: one being scanned, two waiting (the main thread hands out more between its own files). */
const IN_FLIGHT = 3;
/** Upper bound for the default thread count. */
export const MAX_DEFAULT_THREADS = 8;

/**
 * How much V8 lets a heap grow past what it held after its last full collection, in percent. Its default lets a
 * scan's garbage (each file's text, at two bytes a character when it is not ASCII, and its decoded layers) pile up
 * for long between collections: on the bench tree (518 MB, 2 threads) the peak was 440-450 MB with it and
 * 355-360 MB at 20, in the same CPU time.
 */
const HEAP_GROWING_PERCENT = 20;

/**
 * Sets {@link HEAP_GROWING_PERCENT} for this process (every thread's heap), once, before a directory scan. V8 reads
 * this flag each time it sets a heap's next limit, so setting it after start-up takes effect at the next collection.
 * A value the user gave node on its command line is left alone (node refuses this flag in NODE_OPTIONS).
 */
function lowerHeapGrowth(): void {
  if (heapGrowthSet || process.execArgv.some((a) => /heap[-_]growing[-_]percent/.test(a))) return;
  heapGrowthSet = true;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
let heapGrowthSet = false;

/** The default for `--threads`: one per core, at most {@link MAX_DEFAULT_THREADS}. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(availableParallelism(), MAX_DEFAULT_THREADS));
}

/** What a worker needs to rebuild the rule set and read files as the main thread would. */
export interface WorkerSetup {
  root: string;
  configPath?: string;
  maxFileSize: number;
  honorGitleaksAllow: boolean;
  ruleBudgetMs?: number;
  maxDecodeDepth?: number;
  maxArchiveDepth?: number;
  /** Send {@link BatchProgress} messages while a batch is scanned (a progress line is shown). */
  progress?: boolean;
  /** Where to send replies and progress: a port the main thread can also read synchronously, one per worker. */
  replies: MessagePort;
}

/** A worker's count of what it scanned of batch `id` since its last such message. */
export interface BatchProgress {
  progress: { id: number; files: number; bytes: number };
}

export interface BatchRequest {
  id: number;
  files: (FileEntry & { seq: number })[];
}

export interface BatchReply {
  id: number;
  findings: Finding[];
  dropped: [DropReason, number][];
  /** Rules cut short by their time budget. */
  cutShort: CutShort[];
  /** Skips while reading, each with the walk position of its file. */
  skips: [number, Skip][];
  files: number;
  bytes: number;
}

export interface PooledScanOptions extends FsSourceOptions {
  /** Threads: the main one and threads - 1 workers; 1 (or fewer) scans on the main thread only. */
  threads: number;
  configPath?: string;
  honorGitleaksAllow?: boolean;
  /** Most milliseconds one rule may spend on one file. Default: the engine's. */
  ruleBudgetMs?: number;
  /** Levels of decoding (see src/decode). Default {@link DEFAULT_MAX_DECODE_DEPTH}. */
  maxDecodeDepth?: number;
  /** Levels of archives to open (see decode/archive.ts). Default {@link DEFAULT_MAX_ARCHIVE_DEPTH}. */
  maxArchiveDepth?: number;
  /** The clock for that budget on the main thread (workers use the wall clock). Default: the wall clock. */
  clock?: () => number;
  /** Override the thresholds (tests). */
  minFiles?: number;
  minBytes?: number;
  /** Override {@link LARGE_FILE} (tests). */
  largeFile?: number;
  /**
   * Called as files are scanned, with the running totals (each file or archive member once, as `files` and `bytes`
   * of the result count them): per file on this thread, per batch from a worker. For a progress line.
   */
  onProgress?: (progress: ScanProgress) => void;
}

/** Files (and archive members) scanned so far, and their bytes. */
export interface ScanProgress {
  files: number;
  bytes: number;
}

/**
 * The worker's script: the bundled one (build/cli/scan-worker.js) when it exists, else the compiled module. Always
 * from the build, also when this file runs from src/ (vitest): a worker thread cannot load TypeScript.
 */
function workerFile(): string {
  const bundled = join(PACKAGE_ROOT, 'build', 'cli', 'scan-worker.js');
  return existsSync(bundled) ? bundled : join(PACKAGE_ROOT, 'build', 'src', 'scan-worker.js');
}

/**
 * Scans the files under `options.paths`, on worker threads when the walk is large enough and `threads` > 1.
 * Skips are reported through `options.onSkip` in walk order, once the scan is over.
 */
export async function scanFiles(ruleSet: RuleSet, options: PooledScanOptions): Promise<FragmentScanResult> {
  lowerHeapGrowth();
  const tagged: [number, Skip][] = [];
  let seq = 0;
  const walk = fsFiles({ ...options, onSkip: (s) => void tagged.push([seq++, s]) });
  const next = (): (FileEntry & { seq: number }) | null => {
    const r = walk.next();
    return r.done ? null : { ...r.value, seq: seq++ };
  };

  // Look ahead until the walk proves large enough for workers, or ends.
  const minFiles = options.minFiles ?? POOL_MIN_FILES;
  const minBytes = options.minBytes ?? POOL_MIN_BYTES;
  const ahead: (FileEntry & { seq: number })[] = [];
  let aheadBytes = 0;
  let done = options.threads <= 1;
  while (!done && ahead.length < minFiles && aheadBytes < minBytes) {
    const e = next();
    if (!e) done = true;
    else {
      ahead.push(e);
      aheadBytes += e.size;
    }
  }
  const progress: ScanProgress = { files: 0, bytes: 0 };
  const onProgress = options.onProgress;
  const scanned = onProgress
    ? (files: number, bytes: number): void => {
        if (files === 0 && bytes === 0) return;
        progress.files += files;
        progress.bytes += bytes;
        onProgress({ ...progress });
      }
    : undefined;
  const replies =
    options.threads > 1 && !done ? await pooled(ruleSet, options, ahead, next, scanned) : [scanHere(ruleSet, options, ahead, next, scanned)];

  const found: Finding[] = [];
  const dropped = new Map<DropReason, number>();
  const cutShort: CutShort[] = [];
  let files = 0;
  let bytes = 0;
  for (const r of replies) {
    for (const f of r.findings) found.push(f);
    for (const c of r.cutShort) cutShort.push(c);
    for (const [k, v] of r.dropped) dropped.set(k, (dropped.get(k) ?? 0) + v);
    for (const s of r.skips) tagged.push(s);
    files += r.files;
    bytes += r.bytes;
  }
  tagged.sort((a, b) => a[0] - b[0]);
  for (const [, s] of tagged) options.onSkip(s);
  return { findings: sortFindings(dedupe(found)), files, bytes, dropped: Object.fromEntries(dropped), cutShort };
}

/** What a batch is scanned with: the engine's options, the decoding depth and the archive depth. */
export interface BatchOptions extends FragmentScanOptions {
  maxArchiveDepth?: number;
}

/** The engine options a pooled scan runs with, on either thread. */
export function poolDetectOptions(
  o: { honorGitleaksAllow?: boolean; ruleBudgetMs?: number; maxDecodeDepth?: number; maxArchiveDepth?: number },
  now: () => number,
): BatchOptions {
  return {
    honorGitleaksAllow: o.honorGitleaksAllow ?? false,
    now,
    maxDecodeDepth: o.maxDecodeDepth ?? DEFAULT_MAX_DECODE_DEPTH,
    maxArchiveDepth: o.maxArchiveDepth ?? DEFAULT_MAX_ARCHIVE_DEPTH,
    ...(o.ruleBudgetMs !== undefined ? { ruleBudgetMs: o.ruleBudgetMs } : {}),
  };
}

/** The memory this thread's reads reuse (one scan lane per thread). */
const laneBuffer = new ReadBuffer();

/**
 * Reads and scans one batch of files: on a worker, on the main thread as one of the pool's lanes, or (as batch 0,
 * files straight from the walk) the whole of a scan too small for workers.
 */
export function scanBatch(
  ruleSet: RuleSet,
  req: { id: number; files: Iterable<FileEntry & { seq: number }> },
  maxFileSize: number,
  options: BatchOptions,
  scanned?: (files: number, bytes: number) => void,
): BatchReply {
  const { maxDecodeDepth = DEFAULT_MAX_DECODE_DEPTH, maxArchiveDepth = DEFAULT_MAX_ARCHIVE_DEPTH, ...detectOptions } = options;
  const findings: Finding[] = [];
  const dropped = new Map<DropReason, number>();
  const skips: [number, Skip][] = [];
  const cutShort: CutShort[] = [];
  let files = 0;
  let bytes = 0;
  for (const entry of req.files) {
    // Each file is scanned before the next is read, so its bytes may live in memory the next read reuses.
    const onSkip = (skip: Skip): void => void skips.push([entry.seq, skip]);
    for (const fragment of readFileFragments(entry, maxFileSize, onSkip, laneBuffer, maxArchiveDepth)) {
      const size = fragment.bytes ?? fragment.text.length;
      files += 1;
      bytes += size;
      scanned?.(1, size);
      const result = detectDecoded(ruleSet, fragment, detectOptions as DetectOptions, maxDecodeDepth);
      for (const f of withSnippets(result.findings, fragment)) findings.push(f);
      if (result.cutShort) cutShort.push(...result.cutShort);
      for (const [k, v] of result.dropped) dropped.set(k, (dropped.get(k) ?? 0) + v);
    }
  }
  return { id: req.id, findings, dropped: [...dropped], cutShort, skips, files, bytes };
}

/** The whole scan on this thread, as one batch, reading the walk as it goes. */
function scanHere(
  ruleSet: RuleSet,
  options: PooledScanOptions,
  ahead: (FileEntry & { seq: number })[],
  next: () => (FileEntry & { seq: number }) | null,
  scanned?: (files: number, bytes: number) => void,
): BatchReply {
  function* files(): Generator<FileEntry & { seq: number }> {
    yield* ahead;
    for (let e = next(); e; e = next()) yield e;
  }
  return scanBatch(ruleSet, { id: 0, files: files() }, options.maxFileSize, poolDetectOptions(options, options.clock ?? wallClock), scanned);
}

/**
 * The scan on `options.threads` threads: the main thread, which also walks the tree and hands out batches, and
 * `threads - 1` workers. (A worker per core plus a walking main thread would put more threads than cores to work,
 * and each worker is a whole JavaScript heap: on 2 cores, one worker fewer cost a few percent of speed and kept the
 * peak about 35 MB lower on the bench tree, under 400 MB.)
 * Resolves every batch's reply, in walk order.
 */
function pooled(
  ruleSet: RuleSet,
  options: PooledScanOptions,
  ahead: (FileEntry & { seq: number })[],
  next: () => (FileEntry & { seq: number }) | null,
  scanned?: (files: number, bytes: number) => void,
): Promise<BatchReply[]> {
  const setup: Omit<WorkerSetup, 'replies'> = {
    root: resolve(options.root),
    ...(options.configPath ? { configPath: resolve(options.configPath) } : {}),
    maxFileSize: options.maxFileSize,
    honorGitleaksAllow: options.honorGitleaksAllow ?? false,
    ...(options.ruleBudgetMs !== undefined ? { ruleBudgetMs: options.ruleBudgetMs } : {}),
    ...(options.maxDecodeDepth !== undefined ? { maxDecodeDepth: options.maxDecodeDepth } : {}),
    ...(options.maxArchiveDepth !== undefined ? { maxArchiveDepth: options.maxArchiveDepth } : {}),
    ...(scanned ? { progress: true } : {}),
  };
  /** What workers already counted, by progress messages, of the batches they are still scanning. */
  const counted = new Map<number, { files: number; bytes: number }>();
  let aheadAt = 0;
  const take = (): (FileEntry & { seq: number }) | null => (aheadAt < ahead.length ? ahead[aheadAt++]! : next());
  let held: (FileEntry & { seq: number }) | null = null;
  const largeFile = options.largeFile ?? LARGE_FILE;
  const batch = (): (FileEntry & { seq: number })[] | null => {
    const files: (FileEntry & { seq: number })[] = [];
    let bytes = 0;
    for (;;) {
      const e = held ?? take();
      held = null;
      if (!e) break;
      if (files.length && (files.length >= BATCH_FILES || bytes + e.size > BATCH_BYTES || e.size > largeFile)) {
        held = e;
        break;
      }
      files.push(e);
      bytes += e.size;
      if (e.size > largeFile) break; // alone in its batch
    }
    return files.length ? files : null;
  };

  return new Promise((resolvePool, rejectPool) => {
    const replies: BatchReply[] = [];
    const workers = Array.from({ length: options.threads - 1 }, () => {
      const { port1, port2 } = new MessageChannel();
      return {
        worker: new Worker(workerFile(), { workerData: { ...setup, replies: port2 }, transferList: [port2] }),
        port: port1,
        inFlight: 0,
      };
    });
    let nextId = 0;
    let walked = false;
    let settled = false;
    const finish = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      for (const w of workers) w.port.close();
      void Promise.all(workers.map((w) => w.worker.terminate())).then(
        () => (err ? rejectPool(err) : resolvePool(replies)),
        () => (err ? rejectPool(err) : resolvePool(replies)),
      );
    };
    const detectHere = poolDetectOptions(options, options.clock ?? wallClock);
    let hereBusy = false;
    /** Batches of one large file each (see LARGE_FILE), waiting until no other is being scanned. */
    const large: BatchRequest[] = [];
    /** The id of the large file's batch being scanned, on whichever thread, or -1. */
    let largeAt = -1;
    /** The next batch of the walk, or null when the walk is over. */
    const nextRequest = (): BatchRequest | null => {
      if (walked) return null;
      const files = batch();
      if (!files) {
        walked = true;
        return null;
      }
      return { id: nextId++, files };
    };
    const isLarge = (req: BatchRequest): boolean => req.files.length === 1 && req.files[0]!.size > largeFile;
    /** The next batch of small files; large ones met on the way are set aside. */
    const nextSmall = (): BatchRequest | null => {
      for (let req = nextRequest(); req; req = nextRequest()) {
        if (isLarge(req)) large.push(req);
        else return req;
      }
      return null;
    };
    /** A large file's batch when none is being scanned: it is then being scanned until its reply. */
    const takeLarge = (): BatchRequest | null => {
      if (largeAt !== -1 || large.length === 0) return null;
      const req = large.shift()!;
      largeAt = req.id;
      return req;
    };
    const pump = (): void => {
      try {
        // Workers first (each keeps IN_FLIGHT batches queued, so it never waits while this thread scans): a large
        // file when none is being scanned, else small ones. Then a batch of small files for this thread (a large
        // one only when no small one is left), scanned on the next turn of the event loop.
        for (;;) {
          const w = workers.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
          if (w.inFlight >= IN_FLIGHT) break;
          const req = takeLarge() ?? nextSmall() ?? takeLarge();
          if (!req) break;
          w.inFlight += 1;
          w.worker.postMessage(req);
        }
        if (!hereBusy) {
          const req = nextSmall() ?? takeLarge();
          if (req) {
            hereBusy = true;
            setImmediate(() => {
              if (settled) return;
              try {
                replies[req.id] = scanBatch(ruleSet, req, options.maxFileSize, detectHere, scannedHere);
              } catch (err) {
                finish(err);
                return;
              }
              if (largeAt === req.id) largeAt = -1;
              hereBusy = false;
              pump();
            });
          }
        }
      } catch (err) {
        finish(err); // the walk failed (a path vanished…): the same error a single-threaded scan would throw
        return;
      }
      if (walked && !hereBusy && large.length === 0 && workers.every((w) => w.inFlight === 0)) finish();
    };
    const onMessage = (w: (typeof workers)[number], m: BatchReply | BatchProgress | { ready: true }): void => {
      if (settled || 'ready' in m) return;
      if ('progress' in m) {
        const { id, files, bytes } = m.progress;
        const c = counted.get(id) ?? { files: 0, bytes: 0 };
        counted.set(id, { files: c.files + files, bytes: c.bytes + bytes });
        scanned?.(files, bytes);
        return;
      }
      replies[m.id] = m;
      w.inFlight -= 1;
      if (largeAt === m.id) largeAt = -1;
      const c = counted.get(m.id) ?? { files: 0, bytes: 0 };
      counted.delete(m.id);
      scanned?.(m.files - c.files, m.bytes - c.bytes);
      pump();
    };
    /**
     * Between two of its own files, this thread takes the replies that have come in and hands out more work, so a
     * worker is not left idle while this thread scans a batch.
     */
    const scannedHere = (files: number, bytes: number): void => {
      scanned?.(files, bytes);
      for (const w of workers) {
        for (let r = receiveMessageOnPort(w.port); r && !settled; r = receiveMessageOnPort(w.port)) {
          onMessage(w, r.message as BatchReply | BatchProgress | { ready: true });
        }
      }
    };
    for (const w of workers) {
      w.port.on('message', (m: BatchReply | BatchProgress | { ready: true }) => onMessage(w, m));
      w.worker.on('error', (err) => finish(err));
      w.worker.on('exit', (code) => {
        if (!settled) finish(new Error(`scan worker exited with code ${code}`));
      });
    }
    pump();
  });
}
