// Archives opened in place: members as text at `outer!/inner`, nesting to a depth, and every zip-bomb limit refusing
// what crosses it, with a report.

import { describe, expect, it } from 'vitest';
import { archiveKind, archiveMembers, DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from '../../src/decode/archive.js';
import type { Skip } from '../../src/model/types.js';
import { declareSize, gzipOf, tarOf, zipOf } from '../helpers/archives.js';

const limits: ArchiveLimits = { ...DEFAULT_ARCHIVE_LIMITS, maxMemberBytes: 64 * 1024 * 1024 };

function open(buf: Buffer, path: string, l: Partial<ArchiveLimits> = {}): { members: [string, string][]; skips: Skip[] } {
  const skips: Skip[] = [];
  const members = [...archiveMembers(buf, path, { ...limits, ...l }, (s) => void skips.push(s))].map((m) => [m.path, m.text] as [string, string]);
  return { members, skips };
}

describe('archives', () => {
  it('recognises zip, gzip and tar by their first bytes', () => {
    expect(archiveKind(zipOf({ a: 'x' }))).toBe('zip');
    expect(archiveKind(gzipOf('x'))).toBe('gzip');
    expect(archiveKind(tarOf({ a: 'x' }))).toBe('tar');
    expect(archiveKind(Buffer.from('PK but not a zip'))).toBeNull();
  });

  it('reads zip, tar, tar.gz and gz members as text, at outer!/inner', () => {
    expect(open(zipOf({ 'conf/app.env': 'A=1\n', 'img.bin': Buffer.from([0, 1, 2, 3]) }), 'app.jar')).toEqual({
      members: [['app.jar!/conf/app.env', 'A=1\n']],
      skips: [{ path: 'app.jar!/img.bin', reason: 'binary' }],
    });
    expect(open(tarOf({ 'pkg/a.txt': 'hello\n' }), 'x.tar').members).toEqual([['x.tar!/pkg/a.txt', 'hello\n']]);
    expect(open(gzipOf(tarOf({ 'pkg/b.txt': 'b\n' })), 'x.tgz').members).toEqual([['x.tgz!/pkg/b.txt', 'b\n']]);
    expect(open(gzipOf('plain\n'), 'dump.sql.gz').members).toEqual([['dump.sql.gz!/dump.sql', 'plain\n']]);
  });

  it('opens nested archives up to the depth, and reports the one beyond', () => {
    const inner = zipOf({ 'deep.txt': 'deep\n' });
    const middle = zipOf({ 'lib/inner.jar': inner, 'mid.txt': 'mid\n' });
    const outer = gzipOf(tarOf({ 'dist/middle.zip': middle }));
    expect(open(outer, 'r.tgz', { maxDepth: 3 }).members).toEqual([
      ['r.tgz!/dist/middle.zip!/lib/inner.jar!/deep.txt', 'deep\n'],
      ['r.tgz!/dist/middle.zip!/mid.txt', 'mid\n'],
    ]);
    const two = open(outer, 'r.tgz', { maxDepth: 2 });
    expect(two.members).toEqual([['r.tgz!/dist/middle.zip!/mid.txt', 'mid\n']]);
    expect(two.skips).toEqual([{ path: 'r.tgz!/dist/middle.zip!/lib/inner.jar', reason: 'archive nested deeper than --max-archive-depth 2' }]);
  });

  it('refuses a zip bomb by its compression ratio, and one that lies about its size, and reports both', () => {
    const bomb = zipOf({ 'zeros.txt': Buffer.alloc(8 * 1024 * 1024, 0x41) });
    const r = open(bomb, 'bomb.zip');
    expect(r.members).toEqual([]);
    expect(r.skips[0]!.reason).toMatch(/^archive member refused: compression ratio \d+:1 over the limit of 100:1/);
    const liar = declareSize(zipOf({ 'a.txt': 'x'.repeat(5000) }), 10);
    const l = open(liar, 'liar.zip');
    expect(l.members).toEqual([]);
    expect(l.skips).toEqual([{ path: 'liar.zip!/a.txt', reason: 'archive member refused: it inflates past its declared size of 10 bytes (a zip bomb?)' }]);
  });

  it('refuses a gzip bomb and reports the size, count and total limits', () => {
    const g = open(gzipOf(Buffer.alloc(4 * 1024 * 1024, 0x41)), 'big.gz');
    expect(g.members).toEqual([]);
    expect(g.skips[0]!.reason).toMatch(/^gzip refused: it inflates past the limits/);
    const many = zipOf({ a: 'a', b: 'b', c: 'c', d: 'd' });
    expect(open(many, 'm.zip', { maxEntries: 3 }).skips).toEqual([{ path: 'm.zip', reason: '1 of its 4 members not read: over the limit of 3 per archive' }]);
    expect(open(zipOf({ a: 'x'.repeat(100) }), 'z.zip', { maxMemberBytes: 10 }).skips[0]!.reason).toBe('archive member larger than --max-file-size (100 > 10 bytes)');
    const total = open(zipOf({ a: 'x'.repeat(60), b: 'y'.repeat(60) }), 't.zip', { maxTotalBytes: 100 });
    expect(total.members).toHaveLength(1);
    expect(total.skips[0]!.reason).toMatch(/the archive's total of 100 bytes decompressed is reached/);
  });

  it('reports a corrupt archive and goes on', () => {
    const zip = zipOf({ a: 'hello' });
    const r = open(zip.subarray(0, zip.length - 10), 'broken.zip');
    expect(r.members).toEqual([]);
    expect(r.skips[0]!.path).toBe('broken.zip');
    expect(r.skips[0]!.reason).toMatch(/^unreadable zip archive: /);
  });
});
