// The file-system source: walks the given paths and yields each readable text file as a fragment.
// .gitignore-aware (root and nested), dotfiles included, symlinks never followed, FIFOs and devices never opened,
// binary and oversized files skipped. Every skip is reported through `onSkip`: nothing is skipped silently.

import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, type Stats } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Fragment, Skip } from '../model/types.js';
import { decode } from './decode.js';
import { ancestorLayers, isIgnored, readLayer, type IgnoreLayer } from './gitignore.js';

export interface FsSourceOptions {
  /** Scan root: reported paths are relative to it. */
  root: string;
  /** Files or folders to scan (absolute, or relative to the current directory). */
  paths: string[];
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
  /** Files larger than this many bytes are skipped (and reported). */
  maxFileSize: number;
  onSkip: (skip: Skip) => void;
}

export class PathNotFoundError extends Error {
  constructor(readonly path: string) {
    super(`path not found: ${path}`);
    this.name = 'PathNotFoundError';
  }
}

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

function errCode(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? (err as Error).message;
}

/** Largest file a {@link ReadBuffer} reads into its own memory; larger ones get a buffer of their own. */
const REUSE_MAX = 8 * 1024 * 1024;

/**
 * Memory that file reads reuse, for a caller that is done with each file (its fragment's `utf8` bytes point into
 * it) before it reads the next: the scan lanes of scan-pool.ts. Fresh memory for every file costs page faults and
 * garbage collection: about a fifth of the reading time on the bench tree.
 */
export class ReadBuffer {
  private buf = Buffer.allocUnsafe(0);

  /** `size` bytes to read into: valid until the next call. */
  take(size: number): Buffer {
    if (size > REUSE_MAX) return Buffer.allocUnsafe(size);
    if (this.buf.length < size) this.buf = Buffer.allocUnsafe(Math.min(REUSE_MAX, Math.max(size, 2 * this.buf.length, 64 * 1024)));
    return this.buf.subarray(0, size);
  }
}

/** Reads a regular file through one descriptor, re-checking its size there (it may have changed since lstat). */
function readRegularFile(abs: string, maxFileSize: number, into?: ReadBuffer): { buf: Buffer } | { reason: string } {
  let fd: number;
  try {
    // O_NONBLOCK: should the path have been swapped for a FIFO since lstat, opening it must not hang the scan.
    fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return { reason: `unreadable: ${errCode(err)}` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { reason: 'not a regular file' };
    if (st.size > maxFileSize) return { reason: `larger than --max-file-size (${st.size} > ${maxFileSize} bytes)` };
    const buf = into ? into.take(st.size) : Buffer.allocUnsafe(st.size);
    let got = 0;
    while (got < st.size) {
      const n = readSync(fd, buf, got, st.size - got, got);
      if (n === 0) break;
      got += n;
    }
    return { buf: got === st.size ? buf : buf.subarray(0, got) };
  } catch (err) {
    return { reason: `unreadable: ${errCode(err)}` };
  } finally {
    closeSync(fd);
  }
}

/** A file the walk found and will read: its absolute path and the path reported for it. */
export interface FileEntry {
  abs: string;
  path: string;
  /** Size when the walk saw it (the read checks again). */
  size: number;
}

/** Yields every scannable file under `options.paths` as a fragment. Throws PathNotFoundError for a missing path. */
export async function* fsSource(options: FsSourceOptions): AsyncGenerator<Fragment> {
  for (const entry of fsFiles(options)) {
    const fragment = readFileFragment(entry, options.maxFileSize, options.onSkip);
    if (fragment) yield fragment;
  }
}

/**
 * The walk alone: every regular file under `options.paths` that is not ignored, too large or a link, in the order
 * fsSource reads them, without reading any (so that worker threads can). Skips go to `options.onSkip` as they occur.
 */
export function* fsFiles(options: FsSourceOptions): Generator<FileEntry> {
  const root = resolve(options.root);
  const useGitignore = options.gitignore !== false;
  const rel = (abs: string): string => toPosix(relative(root, abs)) || toPosix(abs.split(sep).pop() ?? abs);

  for (const input of options.paths) {
    const start = resolve(input);
    let st: Stats;
    try {
      st = lstatSync(start);
    } catch {
      throw new PathNotFoundError(input);
    }
    if (!st.isDirectory()) {
      if (walkable(st, rel(start), options)) yield { abs: start, path: rel(start), size: st.size };
      continue;
    }
    // Depth-first with an explicit stack: deep trees cannot overflow the call stack.
    const base = useGitignore ? ancestorLayers(start) : [];
    const stack: { dir: string; layers: IgnoreLayer[] }[] = [{ dir: start, layers: base }];
    while (stack.length) {
      const { dir, layers: parentLayers } = stack.pop()!;
      const own = useGitignore ? readLayer(dir) : null;
      const layers = own ? [...parentLayers, own] : parentLayers;
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch (err) {
        options.onSkip({ path: rel(dir) + '/', reason: `unreadable directory: ${errCode(err)}` });
        continue;
      }
      names.sort();
      const subdirs: string[] = [];
      for (const name of names) {
        const abs = join(dir, name);
        let entry: Stats;
        try {
          entry = lstatSync(abs);
        } catch (err) {
          options.onSkip({ path: rel(abs), reason: `vanished or unreadable: ${errCode(err)}` });
          continue;
        }
        if (entry.isDirectory()) {
          if (name === '.git') continue; // git's own object store: history is `keyhound history`'s job
          if (useGitignore && isIgnored(layers, abs, true)) {
            options.onSkip({ path: rel(abs) + '/', reason: 'gitignored' });
            continue;
          }
          subdirs.push(abs);
          continue;
        }
        if (useGitignore && isIgnored(layers, abs, false)) {
          options.onSkip({ path: rel(abs), reason: 'gitignored' });
          continue;
        }
        const path = rel(abs);
        if (walkable(entry, path, options)) yield { abs, path, size: entry.size };
      }
      for (let i = subdirs.length - 1; i >= 0; i--) stack.push({ dir: subdirs[i]!, layers });
    }
  }
}

/** Whether an entry the walk met is a regular file within the size limit; reports it as skipped otherwise. */
function walkable(st: Stats, path: string, options: FsSourceOptions): boolean {
  if (st.isSymbolicLink()) {
    options.onSkip({ path, reason: 'symbolic link (not followed)' });
    return false;
  }
  if (!st.isFile()) {
    options.onSkip({ path, reason: 'not a regular file (FIFO, socket or device)' });
    return false;
  }
  if (st.size > options.maxFileSize) {
    options.onSkip({ path, reason: `larger than --max-file-size (${st.size} > ${options.maxFileSize} bytes)` });
    return false;
  }
  return true;
}

/**
 * Reads and decodes one file the walk found; reports it as skipped (and returns null) when unreadable or binary.
 * With `into`, the fragment's `utf8` bytes are that buffer's memory: valid until its next read.
 */
export function readFileFragment({ abs, path }: FileEntry, maxFileSize: number, onSkip: (skip: Skip) => void, into?: ReadBuffer): Fragment | null {
  const read = readRegularFile(abs, maxFileSize, into);
  if ('reason' in read) {
    onSkip({ path, reason: read.reason });
    return null;
  }
  const decoded = decode(read.buf);
  if ('binary' in decoded) {
    onSkip({ path, reason: 'binary' });
    return null;
  }
  return { ...decoded, path, bytes: read.buf.length };
}
