// Archives opened in place: zip (and jar, apk, whl, nupkg, vsix, which are zip), tar, and gzip (tar.gz, tgz, or one
// gzipped file), recognised by their first bytes, nested up to `--max-archive-depth`. Members are reported as
// `outer.zip!/inner/path`. Nothing is written to disk. Against zip bombs, every member and every archive has limits
// (size, count, compression ratio, total), decompression itself stops at the limit (Node's zlib `maxOutputLength`),
// and every limit hit is reported as a skip: nothing is left out silently.
// The zip directory is read by adm-zip (entry names, sizes, methods, flags, the compressed bytes); inflating is done
// here with zlib, so a member that lies about its size cannot make it write more than allowed.

import { gunzipSync, inflateRawSync } from 'node:zlib';
import AdmZip from 'adm-zip';
import type { Skip } from '../model/types.js';
import { decode } from '../sources/decode.js';

/** Default for `--max-archive-depth`: an archive, and one archive inside it (a jar in a zip, a zip in a tgz). */
export const DEFAULT_MAX_ARCHIVE_DEPTH = 2;

/** Limits against zip bombs and huge archives; each hit is reported. */
export interface ArchiveLimits {
  /** Levels of archives opened; 0 opens none. */
  maxDepth: number;
  /** Largest member, uncompressed, in bytes (the scan's --max-file-size). */
  maxMemberBytes: number;
  /** Most bytes decompressed from one archive on disk, all members and nested archives together. */
  maxTotalBytes: number;
  /** Most members read from one archive. */
  maxEntries: number;
  /** Highest compression ratio (uncompressed ÷ compressed) of a member larger than {@link RATIO_FLOOR}. */
  maxRatio: number;
}

/** Members smaller than this are not held to the ratio limit: small, very repetitive text compresses well. */
export const RATIO_FLOOR = 1024 * 1024;

export const DEFAULT_ARCHIVE_LIMITS: Omit<ArchiveLimits, 'maxMemberBytes'> = {
  maxDepth: DEFAULT_MAX_ARCHIVE_DEPTH,
  maxTotalBytes: 256 * 1024 * 1024,
  maxEntries: 10_000,
  maxRatio: 100,
};

/** A text member of an archive, ready to become a fragment. */
export interface Member {
  path: string;
  text: string;
  utf8?: Uint8Array;
  bytes: number;
}

export type ArchiveKind = 'zip' | 'gzip' | 'tar';

/** The kind of archive `buf` holds, by its first bytes; null for anything else. */
export function archiveKind(buf: Uint8Array): ArchiveKind | null {
  if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && ((buf[2] === 3 && buf[3] === 4) || (buf[2] === 5 && buf[3] === 6))) return 'zip';
  if (buf.length >= 3 && buf[0] === 0x1f && buf[1] === 0x8b && buf[2] === 8) return 'gzip';
  if (buf.length >= 512 && Buffer.from(buf.buffer, buf.byteOffset + 257, 5).toString('latin1') === 'ustar') return 'tar';
  return null;
}

interface Budget {
  left: number;
}

/**
 * The text members of the archive `buf` (found at `path`), nested archives opened up to `limits.maxDepth`. Binary
 * members, and members or archives refused by a limit, are reported through `onSkip`.
 */
export function* archiveMembers(buf: Buffer, path: string, limits: ArchiveLimits, onSkip: (skip: Skip) => void): Generator<Member> {
  yield* open(buf, path, 1, limits, { left: limits.maxTotalBytes }, onSkip);
}

function* open(buf: Buffer, path: string, depth: number, limits: ArchiveLimits, budget: Budget, onSkip: (s: Skip) => void): Generator<Member> {
  const kind = archiveKind(buf);
  let entries: Iterable<RawMember>;
  try {
    if (kind === 'zip') entries = zipEntries(buf, path, limits, budget, onSkip);
    else if (kind === 'tar') entries = tarEntries(buf, path, limits, onSkip);
    else if (kind === 'gzip') {
      const inner = inflateLimited(() => gunzipSync(buf, { maxOutputLength: Math.max(1, outputCap(buf.length, limits, budget)) }));
      if ('refused' in inner) {
        onSkip({ path, reason: `gzip refused: it inflates past the limits (${limitText(limits, budget)}); a zip bomb?` });
        return;
      }
      budget.left -= inner.data.length;
      if (archiveKind(inner.data) === 'tar') entries = tarEntries(inner.data, path, limits, onSkip);
      else entries = [{ name: (path.split('/').pop() ?? path).replace(/\.(gz|tgz)$/i, (m) => (m.toLowerCase() === '.tgz' ? '.tar' : '')), data: inner.data }];
    } else return;
    for (const { name, data } of entries) {
      const memberPath = `${path}!/${name.replace(/^\/+/, '')}`;
      if (archiveKind(data)) {
        if (depth >= limits.maxDepth) onSkip({ path: memberPath, reason: `archive nested deeper than --max-archive-depth ${limits.maxDepth}` });
        else yield* open(data, memberPath, depth + 1, limits, budget, onSkip);
        continue;
      }
      const decoded = decode(data);
      if ('binary' in decoded) onSkip({ path: memberPath, reason: 'binary' });
      else yield { ...decoded, path: memberPath, bytes: data.length };
    }
  } catch (err) {
    onSkip({ path, reason: `unreadable ${kind ?? ''} archive: ${(err as Error).message}`.replace(/ {2}/, ' ') });
  }
}

interface RawMember {
  name: string;
  data: Buffer;
}

/** Most bytes one member may inflate to: its own limit, the archive's budget, and the ratio to its compressed size. */
function outputCap(compressed: number, limits: ArchiveLimits, budget: Budget): number {
  return Math.min(limits.maxMemberBytes, budget.left, Math.max(RATIO_FLOOR, compressed * limits.maxRatio));
}

function limitText(limits: ArchiveLimits, budget: Budget): string {
  return `a member at most ${limits.maxMemberBytes} bytes, a ratio of ${limits.maxRatio}:1 above ${RATIO_FLOOR} bytes, ${budget.left} of the archive's ${limits.maxTotalBytes} bytes left`;
}

/** Runs a zlib call that stops at its `maxOutputLength`, telling that stop apart from other failures. */
function inflateLimited(run: () => Buffer): { data: Buffer } | { refused: 'output' } {
  try {
    return { data: run() };
  } catch (err) {
    if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return { refused: 'output' };
    throw err;
  }
}

function* zipEntries(buf: Buffer, path: string, limits: ArchiveLimits, budget: Budget, onSkip: (s: Skip) => void): Generator<RawMember> {
  const zip = new AdmZip(buf);
  const all = zip.getEntries().filter((e) => !e.isDirectory);
  if (all.length > limits.maxEntries) {
    onSkip({ path, reason: `${all.length - limits.maxEntries} of its ${all.length} members not read: over the limit of ${limits.maxEntries} per archive` });
  }
  for (const entry of all.slice(0, limits.maxEntries)) {
    const memberPath = `${path}!/${entry.entryName}`;
    const h = entry.header;
    const skip = (reason: string): void => onSkip({ path: memberPath, reason });
    if (h.encrypted) {
      skip('encrypted archive member');
      continue;
    }
    if (h.method !== 0 && h.method !== 8) {
      skip(`archive member compressed with method ${h.method}, which keyhound does not read (stored and deflate only)`);
      continue;
    }
    if (h.size > limits.maxMemberBytes) {
      skip(`archive member larger than --max-file-size (${h.size} > ${limits.maxMemberBytes} bytes)`);
      continue;
    }
    if (h.size > RATIO_FLOOR && h.size > h.compressedSize * limits.maxRatio) {
      skip(`archive member refused: compression ratio ${Math.round(h.size / Math.max(1, h.compressedSize))}:1 over the limit of ${limits.maxRatio}:1 (a zip bomb?)`);
      continue;
    }
    if (h.size > budget.left) {
      skip(`archive member not read: the archive's total of ${limits.maxTotalBytes} bytes decompressed is reached`);
      continue;
    }
    const raw = entry.getCompressedData();
    let data: Buffer;
    if (h.method === 0) data = raw;
    else {
      // Never more than the size it declares (nor the limits): a member that lies about it is refused.
      const out = inflateLimited(() => inflateRawSync(raw, { maxOutputLength: Math.max(1, Math.min(h.size, outputCap(raw.length, limits, budget))) }));
      if ('refused' in out) {
        skip(`archive member refused: it inflates past its declared size of ${h.size} bytes (a zip bomb?)`);
        continue;
      }
      data = out.data;
    }
    budget.left -= data.length;
    yield { name: entry.entryName, data };
  }
}

/** Members of a tar archive (ustar, with GNU long names and pax `path` records). */
function* tarEntries(buf: Buffer, path: string, limits: ArchiveLimits, onSkip: (s: Skip) => void): Generator<RawMember> {
  let at = 0;
  let count = 0;
  let longName: string | null = null;
  while (at + 512 <= buf.length) {
    const header = buf.subarray(at, at + 512);
    if (header.every((b) => b === 0)) return; // end of archive
    if (header.toString('latin1', 257, 262) !== 'ustar') throw new Error(`bad tar header at byte ${at}`);
    const size = tarSize(header);
    const type = String.fromCharCode(header[156]!);
    const field = (from: number, len: number): string => {
      const s = header.subarray(from, from + len);
      const end = s.indexOf(0);
      return s.toString('utf8', 0, end === -1 ? len : end);
    };
    const prefix = field(345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    const start = at + 512;
    at = start + Math.ceil(size / 512) * 512;
    if (start + size > buf.length) throw new Error(`truncated tar member ${name}`);
    const data = buf.subarray(start, start + size);
    if (type === 'L') {
      longName = data.toString('utf8').replace(/\0+$/, '');
      continue;
    }
    if (type === 'x') {
      const m = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString('utf8'));
      longName = m ? m[1]! : null;
      continue;
    }
    longName = null;
    if (type !== '0' && type !== '\0' && type !== '7') continue; // folders, links, devices: no content
    count += 1;
    const memberPath = `${path}!/${name.replace(/^\/+/, '')}`;
    if (count > limits.maxEntries) {
      onSkip({ path, reason: `members after the first ${limits.maxEntries} not read: over the limit per archive` });
      return;
    }
    if (size > limits.maxMemberBytes) {
      onSkip({ path: memberPath, reason: `archive member larger than --max-file-size (${size} > ${limits.maxMemberBytes} bytes)` });
      continue;
    }
    yield { name, data };
  }
}

/** A tar size field: octal, or base-256 when its first byte has the high bit set. */
function tarSize(header: Buffer): number {
  if (header[124]! & 0x80) {
    let n = 0;
    for (let i = 125; i < 136; i++) n = n * 256 + header[i]!;
    return n;
  }
  const s = header.toString('latin1', 124, 136).replace(/[\0 ]+$/g, '').trim();
  const n = s ? parseInt(s, 8) : 0;
  if (!Number.isFinite(n) || n < 0) throw new Error('bad tar size field');
  return n;
}
