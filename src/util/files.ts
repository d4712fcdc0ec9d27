// Reading and writing the small files a repository can plant for us (config, baseline, rule and ignore files, reports)
// without trusting them: a read takes only a regular file under a size cap, so a link to /dev/zero or a FIFO is an
// error rather than a hang or an endless allocation; a write goes to a new file beside the target and is renamed over
// it, so a symlink at the target is replaced, never followed, and a device, FIFO or socket there is never replaced
// (renaming over /dev/null as root would have made it a regular file for every process on the machine). A report the
// user sends to a device, a pipe or one of the process's own descriptors (-o /dev/null, /dev/stdout, a named pipe,
// >(…)) is written there, as a shell's `>` would (writeReport).

import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, renameSync, rmSync, writeFileSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Default cap for config, baseline, rule and ignore files: far above any real one. */
export const SMALL_FILE_MAX = 16 * 1024 * 1024;

/** Why a file could not be read, without the path (the caller names the file). */
export class BoundedReadError extends Error {
  override name = 'BoundedReadError';
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

function kind(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Reads a regular file (a link to one is followed) of at most `max` bytes. Throws BoundedReadError when the path is
 * missing (code ENOENT), unreadable, not a regular file, or larger than `max`.
 */
export function readBoundedFile(file: string, max: number = SMALL_FILE_MAX): Buffer {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new BoundedReadError(code === 'ENOENT' ? 'not found' : `cannot read: ${code ?? (err as Error).message}`, code);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new BoundedReadError(`${kind(st)}, not a regular file`);
    if (st.size > max) throw new BoundedReadError(`larger than ${max} bytes (${st.size})`);
    // Read at most max + 1 bytes whatever the size said: a file that grows while we read is still bounded.
    const buf = Buffer.allocUnsafe(Math.min(st.size, max) + 1);
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, null);
      if (n === 0) break;
      got += n;
    }
    if (got > max) throw new BoundedReadError(`larger than ${max} bytes`);
    return buf.subarray(0, got);
  } catch (err) {
    if (err instanceof BoundedReadError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new BoundedReadError(`cannot read: ${code ?? (err as Error).message}`, code);
  } finally {
    closeSync(fd);
  }
}

/** {@link readBoundedFile} as UTF-8 text. */
export function readBoundedText(file: string, max: number = SMALL_FILE_MAX): string {
  return readBoundedFile(file, max).toString('utf8');
}

/**
 * Writes `data` to `file` by writing a new file beside it and renaming it over the target: a symlink at `file` is
 * replaced by a regular file, never written through, and a reader never sees half a file. `mode` defaults to 0o644
 * (before the umask).
 */
export function writeFileReplacing(file: string, data: string | Uint8Array, mode = 0o644): void {
  const there = entryAt(file);
  if (there && !there.isFile() && !there.isSymbolicLink()) throw new WriteError(`cannot write ${file}: it is ${kind(there)}, which keyhound does not replace`);
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // 'wx': fail rather than follow anything already at the temporary name.
    writeFileSync(tmp, data, { flag: 'wx', mode });
  } catch (err) {
    throw new WriteError(`cannot write ${file}: ${writeFailure(err)}`);
  }
  try {
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new WriteError(`cannot write ${file}: ${writeFailure(err)}`);
  }
}

/** A file keyhound was asked to write could not be: the message names it and says why (reported with exit 2). */
export class WriteError extends Error {
  override name = 'WriteError';
}

/** Why a write failed, in words, from its error code. */
function writeFailure(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'its folder does not exist';
  if (code === 'ENOTDIR') return 'a part of its path is not a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'read-only file system';
  if (code === 'ENOSPC') return 'no space left on the device';
  if (code === 'EISDIR') return 'it is a directory';
  return code ?? (err as Error).message;
}

/** What is at `file` itself (a link is not followed), or null when nothing is. */
function entryAt(file: string): Stats | null {
  try {
    return lstatSync(file);
  } catch {
    return null;
  }
}

/** The descriptor of this process a path names (/dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N), or null. */
export function descriptorOf(file: string): number | null {
  const abs = resolve(file);
  if (abs === '/dev/stdout') return 1;
  if (abs === '/dev/stderr') return 2;
  const m = /^\/(?:dev\/fd|proc\/self\/fd)\/(\d+)$/.exec(abs);
  return m ? Number(m[1]) : null;
}

/**
 * Writes a report the user sent to `file` with `--output`. A character device (/dev/null, a terminal) or a FIFO at
 * that path is written to as it stands, without being created or truncated, as a shell's `>` would; so is a
 * descriptor the path names (see {@link descriptorOf}; the caller prints what goes to stdout). Anything else is
 * written by {@link writeFileReplacing}, which refuses a block device, a socket or a directory there.
 */
export function writeReport(file: string, data: string): void {
  try {
    const fd = descriptorOf(file);
    if (fd !== null) {
      writeAll(fd, Buffer.from(data));
      return;
    }
    const there = entryAt(file);
    if (there && (there.isCharacterDevice() || there.isFIFO())) {
      // O_NOCTTY: a terminal named here does not become the process's controlling terminal. A FIFO waits for its
      // reader, as it would for a shell.
      const out = openSync(file, constants.O_WRONLY | constants.O_NOCTTY);
      try {
        const st = fstatSync(out);
        if (st.isCharacterDevice() || st.isFIFO()) {
          writeAll(out, Buffer.from(data));
          return;
        }
      } finally {
        closeSync(out);
      }
      // Replaced by a regular file since the look above: written as one.
    }
  } catch (err) {
    throw new WriteError(`cannot write the report to ${file}: ${writeFailure(err)}`);
  }
  writeFileReplacing(file, data);
}

/** Writes all of `buf` to a descriptor, waiting out EAGAIN (a pipe Node made non-blocking may be full for a moment). */
function writeAll(fd: number, buf: Buffer): void {
  let at = 0;
  while (at < buf.length) {
    try {
      at += writeSync(fd, buf, at, buf.length - at);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
    }
  }
}

/**
 * Throws when `file`, or a folder on the way to it from `root`, is a symbolic link: for outputs inside a checkout
 * that a pull request controls, where a committed link could send a write outside it. Missing parts are fine.
 */
export function assertNoLinkBelow(root: string, file: string): void {
  const rel = relative(root, file);
  const inside = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  const parts = inside ? rel.split(sep) : [];
  let cur = inside ? root : file;
  for (const part of inside ? parts : ['']) {
    if (part) cur = join(cur, part);
    let st: Stats;
    try {
      st = lstatSync(cur);
    } catch {
      return; // the rest does not exist yet
    }
    if (st.isSymbolicLink()) throw new Error(`refusing to write ${file}: ${cur} is a symbolic link (a checkout may not redirect keyhound's output)`);
  }
}
