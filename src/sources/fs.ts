// The file-system source: walks the given paths and yields each readable text file as a fragment.
// .gitignore-aware as git is (root and nested patterns, for untracked files only: a tracked file is always scanned),
// dotfiles included, FIFOs and devices never opened, binary and oversized files skipped. A path named by the user is
// scanned whatever .gitignore says, and followed when it is a symbolic link; a link met while walking is not.
// Names are bytes: a name that is not valid UTF-8 is still read (and reported with its odd bytes escaped).
// Every skip is reported through `onSkip`: nothing is skipped silently.

import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, statSync, type Stats } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Fragment, Skip } from '../model/types.js';
import { archiveKind, archiveMembers, DEFAULT_ARCHIVE_LIMITS } from '../decode/archive.js';
import { chunkable, chunkFragments, CHUNK_ABOVE } from './chunks.js';
import { decode } from './decode.js';
import { ancestorLayers, isIgnored, readLayer, type IgnoreLayer } from './gitignore.js';
import { TrackedFiles } from './tracked.js';

export interface FsSourceOptions {
  /** Scan root: reported paths are relative to it. */
  root: string;
  /** Files or folders to scan (absolute, or relative to the current directory), or glob operands (sources/globs.ts). */
  paths: (string | GlobWalk)[];
  /** `--include` / `--exclude`: which files (and folders) to scan, by their path relative to the root. */
  filter?: PathFilter | null;
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
  /** Files larger than this many bytes are skipped (and reported). */
  maxFileSize: number;
  /** Levels of archives (zip, tar, gzip) to open; 0 skips them as binary. Default 0 here; the scan passes its own. */
  maxArchiveDepth?: number;
  onSkip: (skip: Skip) => void;
}

export class PathNotFoundError extends Error {
  constructor(readonly path: string) {
    super(`path not found: ${path}`);
    this.name = 'PathNotFoundError';
  }
}

/** A glob operand that matched no file: a mistake to report (exit 2), never a silent "no secrets found". */
export class GlobNoMatchError extends PathNotFoundError {
  constructor(glob: string, ignored: { files: boolean; folders: boolean }) {
    super(glob);
    this.name = 'GlobNoMatchError';
    this.message = ignored.files
      ? `the glob "${glob}" matches only files that .gitignore excludes (--no-gitignore scans them)`
      : ignored.folders
        ? `no file matches the glob "${glob}" (folders that .gitignore excludes were not searched: --no-gitignore searches them)`
        : `no file matches the glob "${glob}"`;
  }
}

/** A bad `--include` / `--exclude` pattern. */
export class PathPatternError extends Error {
  override name = 'PathPatternError';
}

/**
 * A glob operand, as sources/globs.ts reads it: its static base folders are walked as folders named by the user, and
 * only the files `matches` accepts (by absolute path) are kept.
 */
export interface GlobWalk {
  glob: string;
  bases: string[];
  matches: (abs: string) => boolean;
}

/** `--include` / `--exclude` (sources/globs.ts), on paths relative to the root, POSIX. */
export interface PathFilter {
  /** When set, only files it accepts are scanned (folders are still walked). */
  include: ((path: string) => boolean) | null;
  /** Files and folders it accepts are skipped (and reported); a folder is not walked. */
  exclude: ((path: string) => boolean) | null;
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
function readRegularFile(abs: DiskPath, maxFileSize: number, into?: ReadBuffer): { buf: Buffer } | { reason: string } {
  let fd: number;
  try {
    // O_NONBLOCK: should the path have been swapped for a FIFO since lstat, opening it must not hang the scan.
    fd = openSync(fsPath(abs), constants.O_RDONLY | constants.O_NONBLOCK);
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

/** A path on disk: a string, or the raw bytes when a name in it is not valid UTF-8. */
export type DiskPath = string | Uint8Array;

/** A file the walk found and will read: its absolute path and the path reported for it. */
export interface FileEntry {
  abs: DiskPath;
  path: string;
  /** Size when the walk saw it (the read checks again). */
  size: number;
}

/** Yields every scannable file under `options.paths` as a fragment. Throws PathNotFoundError for a missing path. */
export async function* fsSource(options: FsSourceOptions): AsyncGenerator<Fragment> {
  for (const entry of fsFiles(options)) {
    yield* readFileFragments(entry, options.maxFileSize, options.onSkip, undefined, options.maxArchiveDepth ?? 0);
  }
}

/** A path as node:fs takes it (a worker thread receives a Buffer as a plain Uint8Array). */
function fsPath(p: DiskPath): string | Buffer {
  return typeof p === 'string' || Buffer.isBuffer(p) ? p : Buffer.from(p.buffer, p.byteOffset, p.byteLength);
}

/** A name as a string when its bytes are valid UTF-8 (they survive the round trip), else null. */
function utf8Name(raw: Buffer): string | null {
  const s = raw.toString('utf8');
  return s.includes('\ufffd') && !Buffer.from(s, 'utf8').equals(raw) ? null : s;
}

/** `dir/name`, as a string when both are text, else as bytes. */
function child(dir: DiskPath, raw: Buffer): DiskPath {
  const name = typeof dir === 'string' ? utf8Name(raw) : null;
  if (name !== null && typeof dir === 'string') return join(dir, name);
  return Buffer.concat([typeof dir === 'string' ? Buffer.from(dir) : dir, Buffer.from(sep), raw]);
}

/** Text for a path: invalid UTF-8 bytes written as `\xNN`, so the reported name still points at the file. */
export function displayPath(path: DiskPath): string {
  if (typeof path === 'string') return path;
  const buf = Buffer.from(path.buffer, path.byteOffset, path.byteLength);
  let out = '';
  let i = 0;
  while (i < buf.length) {
    const len = utf8Length(buf, i);
    if (len === 0) {
      out += `\\x${buf[i]!.toString(16).toUpperCase().padStart(2, '0')}`;
      i += 1;
    } else {
      out += buf.toString('utf8', i, i + len);
      i += len;
    }
  }
  return out;
}

/** Length of the valid UTF-8 sequence at `i`, or 0 when the byte there does not start one. */
function utf8Length(buf: Buffer, i: number): number {
  const b = buf[i]!;
  if (b < 0x80) return 1;
  const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (len === 0 || i + len > buf.length) return 0;
  for (let k = 1; k < len; k++) if ((buf[i + k]! & 0xc0) !== 0x80) return 0;
  const second = buf[i + 1]!;
  if (b === 0xe0 && second < 0xa0) return 0; // overlong
  if (b === 0xed && second >= 0xa0) return 0; // surrogate
  if (b === 0xf0 && second < 0x90) return 0; // overlong
  if (b === 0xf4 && second >= 0x90) return 0; // beyond U+10FFFF
  return len;
}

/** A path as the string the ignore matcher sees (odd bytes become U+FFFD: close enough for patterns). */
function textOf(path: DiskPath): string {
  return typeof path === 'string' ? path : Buffer.from(path).toString('utf8');
}

/**
 * The walk alone: every regular file under `options.paths` that is not ignored, too large or a link, in the order
 * fsSource reads them, without reading any (so that worker threads can). Skips go to `options.onSkip` as they occur.
 */
export function* fsFiles(options: FsSourceOptions): Generator<FileEntry> {
  const root = resolve(options.root);
  const rootBytes = Buffer.from(root + sep);
  const useGitignore = options.gitignore !== false;
  const tracked = new TrackedFiles();
  const rel = (abs: DiskPath): string => {
    if (typeof abs === 'string') return toPosix(relative(root, abs)) || toPosix(abs.split(sep).pop() ?? abs);
    const bytes = Buffer.from(abs);
    const inside = bytes.subarray(0, rootBytes.length).equals(rootBytes) ? bytes.subarray(rootBytes.length) : bytes;
    return toPosix(displayPath(inside));
  };

  const filter = options.filter ?? null;

  /** Whether a file is in the scan set: matched by the glob operand it was walked for, and by `--include`. */
  const wanted = (abs: DiskPath, path: string, glob: GlobWalk | null, count: GlobCount | null): boolean => {
    if (glob) {
      if (!glob.matches(textOf(abs))) return false;
      count!.matched++;
    }
    return !filter?.include || filter.include(path);
  };
  /** Whether `--exclude` takes out a file or folder (reported as skipped). */
  const excluded = (path: string, shown: string): boolean => {
    if (!filter?.exclude?.(path)) return false;
    options.onSkip({ path: shown, reason: 'excluded by --exclude' });
    return true;
  };

  function* walk(input: string, glob: GlobWalk | null, count: GlobCount | null): Generator<FileEntry> {
    const start = resolve(input);
    let st: Stats;
    try {
      st = lstatSync(start);
    } catch {
      if (glob) return; // a base folder that does not exist: the glob matches nothing there
      throw new PathNotFoundError(input);
    }
    if (st.isSymbolicLink()) {
      // Named by the user: followed (a link met while walking is not).
      try {
        st = statSync(start);
      } catch (err) {
        options.onSkip({ path: rel(start), reason: `symbolic link to nothing (${errCode(err)})` });
        return;
      }
    }
    if (!st.isDirectory()) {
      const path = rel(start);
      if (glob && !glob.matches(start)) return;
      if (glob) count!.matched++;
      if (filter?.include && !filter.include(path)) {
        // Named by the user, so not passed over in silence.
        options.onSkip({ path, reason: 'not matched by --include' });
        return;
      }
      if (!excluded(path, path) && walkable(st, path, options)) yield { abs: start, path, size: st.size };
      return;
    }
    // A folder named by the user is scanned even when .gitignore matches it (or a folder above it): only the
    // patterns inside it apply then. So is the static base of a glob operand (`vendor` in `vendor/**/*.js`).
    const outer = useGitignore ? ancestorLayers(start) : [];
    const base = outer.length && isIgnored(outer, start, true) ? [] : outer;
    // Depth-first with an explicit stack: deep trees cannot overflow the call stack. `ignored`: the folder itself
    // is ignored and walked only for the tracked files below it.
    const stack: { dir: DiskPath; layers: IgnoreLayer[]; ignored: boolean }[] = [{ dir: start, layers: base, ignored: false }];
    while (stack.length) {
      const { dir, layers: parentLayers, ignored: dirIgnored } = stack.pop()!;
      let raw: Buffer[];
      try {
        raw = readdirSync(fsPath(dir), { encoding: 'buffer' });
      } catch (err) {
        options.onSkip({ path: rel(dir) + '/', reason: `unreadable directory: ${errCode(err)}` });
        continue;
      }
      const names = raw
        .map((bytes) => ({ text: bytes.toString('utf8'), bytes }))
        .sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : Buffer.compare(a.bytes, b.bytes)));
      const own = useGitignore && typeof dir === 'string' ? readLayer(dir, new Set(names.map((n) => n.text))) : null;
      const layers = own ? [...parentLayers, own] : parentLayers;
      const subdirs: { dir: DiskPath; ignored: boolean }[] = [];
      for (const { text: name, bytes } of names) {
        const abs = child(dir, bytes);
        let entry: Stats;
        try {
          entry = lstatSync(fsPath(abs));
        } catch (err) {
          options.onSkip({ path: rel(abs), reason: `vanished or unreadable: ${errCode(err)}` });
          continue;
        }
        if (entry.isDirectory()) {
          if (name === '.git') continue; // git's own object store: history is `keyhound history`'s job
          if (useGitignore && (dirIgnored || isIgnored(layers, textOf(abs), true))) {
            // git ignores untracked files only: a folder holding tracked files is walked for them.
            if (tracked.hasTrackedBelow(fsPath(abs))) subdirs.push({ dir: abs, ignored: true });
            else {
              options.onSkip({ path: rel(abs) + '/', reason: 'gitignored' });
              if (count) count.ignoredFolders = true;
            }
            continue;
          }
          if (filter?.exclude && excluded(rel(abs), rel(abs) + '/')) continue;
          subdirs.push({ dir: abs, ignored: false });
          continue;
        }
        const path = rel(abs);
        if ((glob || filter?.include) && !wanted(abs, path, glob, count)) continue;
        if (useGitignore && (dirIgnored || isIgnored(layers, textOf(abs), false)) && !tracked.isTracked(fsPath(abs))) {
          options.onSkip({ path, reason: 'gitignored' });
          if (count) {
            count.matched--; // matched, but not scanned: the error names .gitignore if nothing else matches
            count.ignoredFiles = true;
          }
          continue;
        }
        if (filter?.exclude && excluded(path, path)) continue;
        if (walkable(entry, path, options)) yield { abs, path, size: entry.size };
      }
      for (let i = subdirs.length - 1; i >= 0; i--) stack.push({ dir: subdirs[i]!.dir, layers, ignored: subdirs[i]!.ignored });
    }
  }

  for (const input of options.paths) {
    if (typeof input === 'string') {
      yield* walk(input, null, null);
      continue;
    }
    const count: GlobCount = { matched: 0, ignoredFiles: false, ignoredFolders: false };
    for (const base of input.bases) yield* walk(base, input, count);
    if (count.matched <= 0) throw new GlobNoMatchError(input.glob, { files: count.ignoredFiles, folders: count.ignoredFolders });
  }
}

/** What a glob operand's walk found: files it matched that .gitignore left, and what .gitignore took out. */
interface GlobCount {
  matched: number;
  /** A matching file was gitignored. */
  ignoredFiles: boolean;
  /** A gitignored folder was not walked (it may hold matches). */
  ignoredFolders: boolean;
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
  return { text: decoded.text, utf8: decoded.utf8, path, bytes: read.buf.length };
}

/**
 * Like {@link readFileFragment}, but an archive (zip, tar, gzip; see decode/archive.ts) yields a fragment per text
 * member, nested up to `maxArchiveDepth` levels, each at `file.zip!/member/path`; what it cannot open is reported.
 */
export function* readFileFragments(
  { abs, path }: FileEntry,
  maxFileSize: number,
  onSkip: (skip: Skip) => void,
  into?: ReadBuffer,
  maxArchiveDepth = 0,
): Generator<Fragment> {
  const read = readRegularFile(abs, maxFileSize, into);
  if ('reason' in read) {
    onSkip({ path, reason: read.reason });
    return;
  }
  if (read.buf.length > CHUNK_ABOVE && chunkable(read.buf)) {
    yield* chunkFragments(read.buf, path, onSkip); // too large for one string: scanned a chunk at a time
    return;
  }
  const decoded = decode(read.buf);
  if (!('binary' in decoded)) {
    // Spelled out rather than spread: V8's spread into a new object is slow when done for every file.
    yield { text: decoded.text, utf8: decoded.utf8, path, bytes: read.buf.length };
    return;
  }
  const kind = archiveKind(read.buf);
  if (!kind) {
    onSkip({ path, reason: 'binary' });
    return;
  }
  if (maxArchiveDepth <= 0) {
    onSkip({ path, reason: `${kind} archive, not opened (--max-archive-depth 0)` });
    return;
  }
  const limits = { ...DEFAULT_ARCHIVE_LIMITS, maxDepth: maxArchiveDepth, maxMemberBytes: maxFileSize };
  for (const m of archiveMembers(read.buf, path, limits, onSkip)) yield m;
}
