import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Fragment, Skip } from '../../src/model/types.js';
import { fsFiles, fsSource, PathNotFoundError, ReadBuffer, readFileFragment } from '../../src/sources/fs.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

async function walk(root: string, extra: { gitignore?: boolean; maxFileSize?: number; paths?: string[] } = {}) {
  const skipped: Skip[] = [];
  const fragments: Fragment[] = [];
  for await (const f of fsSource({ root, paths: extra.paths ?? [root], gitignore: extra.gitignore, maxFileSize: extra.maxFileSize ?? 1e6, onSkip: (s) => skipped.push(s) })) {
    fragments.push(f);
  }
  return { paths: fragments.map((f) => f.path).sort(), fragments, skipped };
}

describe('fs source', () => {
  it('yields relative POSIX paths, includes dotfiles, and never descends into .git', async () => {
    const d = tempDir();
    writeTree(d, { '.env': 'A=1', 'src/app.js': 'x', '.npmrc': 'y', '.git/config': 'z', 'deep/a/b/c.txt': 'c' });
    expect((await walk(d)).paths).toEqual(['.env', '.npmrc', 'deep/a/b/c.txt', 'src/app.js']);
  });

  it('honours root and nested .gitignore files, a nested negation, and --no-gitignore', async () => {
    const d = tempDir();
    writeTree(d, {
      '.gitignore': 'node_modules/\n*.log\n',
      'node_modules/pkg/index.js': 'x',
      'a.log': 'x',
      'keep.txt': 'x',
      'sub/.gitignore': 'secret-*.txt\n!important.log\n',
      'sub/secret-1.txt': 'x',
      'sub/important.log': 'x',
      'sub/other.txt': 'x',
    });
    const { paths, skipped } = await walk(d);
    expect(paths).toEqual(['.gitignore', 'keep.txt', 'sub/.gitignore', 'sub/important.log', 'sub/other.txt']);
    expect(skipped).toEqual(
      expect.arrayContaining([
        { path: 'node_modules/', reason: 'gitignored' },
        { path: 'a.log', reason: 'gitignored' },
        { path: 'sub/secret-1.txt', reason: 'gitignored' },
      ]),
    );
    expect((await walk(d, { gitignore: false })).paths).toHaveLength(8);
  });

  it('applies the repository root .gitignore when scanning a subfolder', async () => {
    const d = tempDir();
    mkdirSync(join(d, '.git'));
    writeTree(d, { '.gitignore': 'ignored.txt\n', 'src/ignored.txt': 'x', 'src/kept.txt': 'x' });
    const { paths } = await walk(join(d, 'src'));
    expect(paths).toEqual(['kept.txt']);
  });

  it("honours .git/info/exclude at a repository's top, in the folder walked and above a subfolder", async () => {
    const d = tempDir();
    writeTree(d, { '.git/info/exclude': 'local-*.env\n', 'local-a.env': 'x', 'a.env': 'x', 'src/local-b.env': 'x', 'src/b.env': 'x' });
    const top = await walk(d);
    expect(top.paths).toEqual(['a.env', 'src/b.env']);
    expect(top.skipped).toEqual(expect.arrayContaining([{ path: 'local-a.env', reason: 'gitignored' }, { path: 'src/local-b.env', reason: 'gitignored' }]));
    expect((await walk(join(d, 'src'))).paths).toEqual(['b.env']);
    // a folder (not a file) named .gitignore ignores nothing and stops nothing
    writeTree(d, { 'src/.gitignore/x': 'y' });
    expect((await walk(d)).paths).toEqual(['a.env', 'src/.gitignore/x', 'src/b.env']);
  });

  it('skips and reports symlinks, binaries, oversized files, FIFOs and unreadable files', async () => {
    const d = tempDir();
    writeTree(d, { 'ok.txt': 'hello', 'big.txt': 'x'.repeat(2000), 'bin.dat': Buffer.from([1, 2, 0, 3]) });
    symlinkSync(join(d, 'ok.txt'), join(d, 'link.txt'));
    symlinkSync(d, join(d, 'loop'));
    execFileSync('mkfifo', [join(d, 'pipe')]);
    writeFileSync(join(d, 'locked.txt'), 'x');
    chmodSync(join(d, 'locked.txt'), 0o000);
    const { paths, skipped } = await walk(d, { maxFileSize: 1000 });
    const reasons = Object.fromEntries(skipped.map((s) => [s.path, s.reason]));
    expect(reasons['link.txt']).toMatch(/symbolic link/);
    expect(reasons['loop']).toMatch(/symbolic link/);
    expect(reasons['bin.dat']).toBe('binary');
    expect(reasons['big.txt']).toMatch(/larger than --max-file-size/);
    expect(reasons['pipe']).toMatch(/not a regular file/);
    const isRoot = process.getuid?.() === 0;
    if (!isRoot) expect(reasons['locked.txt']).toMatch(/unreadable/);
    expect(paths).toContain('ok.txt');
    expect(paths).not.toContain('pipe');
  });

  it('decodes UTF-16 with a BOM and keeps invalid UTF-8 line structure', async () => {
    const d = tempDir();
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('line1\nkey=abc\n', 'utf16le')]);
    const bad = Buffer.concat([Buffer.from('a\n'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('\nkey\n')]);
    writeTree(d, { 'u16.txt': utf16, 'bad.txt': bad });
    const { fragments } = await walk(d);
    expect(fragments.find((f) => f.path === 'u16.txt')!.text).toBe('line1\nkey=abc\n');
    expect(fragments.find((f) => f.path === 'bad.txt')!.text.split('\n')[2]).toBe('key');
  });

  it('hands the engine the bytes of valid UTF-8 files without a BOM, which decode to the text', async () => {
    const d = tempDir();
    const invalid = Buffer.concat([Buffer.from('key='), Buffer.from([0xc3, 0x28])]);
    writeTree(d, { 'a.txt': 'plain key=1\n', 'u.txt': 'caf\u00e9 \ud83d\ude00 key=1\n', 'bom.txt': '\ufeffkey=1\n', 'bad.txt': invalid });
    const { fragments } = await walk(d);
    for (const name of ['a.txt', 'u.txt']) {
      const f = fragments.find((x) => x.path === name)!;
      expect(f.utf8 && Buffer.from(f.utf8).toString('utf8')).toBe(f.text);
    }
    expect(fragments.find((f) => f.path === 'bom.txt')!.utf8).toBeUndefined();
    expect(fragments.find((f) => f.path === 'bad.txt')!.utf8).toBeUndefined();
  });

  it('throws PathNotFoundError for a missing path', async () => {
    const d = tempDir();
    await expect(walk(d, { paths: [join(d, 'nope')] })).rejects.toBeInstanceOf(PathNotFoundError);
  });
});

describe('ReadBuffer (memory reused from one read to the next)', () => {
  it('reads each file whole and only its own bytes, larger and smaller ones in turn', () => {
    const dir = tempDir();
    const sizes = [70_000, 10, 200_000, 3, 65_536, 150_000, 0, 1];
    sizes.forEach((n, i) => writeFileSync(join(dir, `f${i}.txt`), String.fromCharCode(97 + i).repeat(n)));
    writeFileSync(join(dir, 'g.txt'), 'é'.repeat(40_000)); // not ASCII: decoded as UTF-8 from the reused bytes
    const into = new ReadBuffer();
    const entries = [...fsFiles({ root: dir, paths: [dir], maxFileSize: 1 << 20, onSkip: () => {} })];
    for (const entry of entries) {
      const fragment = readFileFragment(entry, 1 << 20, () => {}, into)!;
      const alone = readFileFragment(entry, 1 << 20, () => {})!;
      expect(fragment.text).toBe(alone.text);
      expect(fragment.bytes).toBe(alone.bytes);
      expect(Buffer.from(fragment.utf8!).equals(Buffer.from(alone.utf8!))).toBe(true);
    }
  });

  it('gives a file larger than it keeps a buffer of its own', () => {
    const into = new ReadBuffer();
    const small = into.take(1000);
    expect(into.take(500).buffer).toBe(small.buffer);
    const big = into.take(9 * 1024 * 1024);
    expect(big.buffer).not.toBe(small.buffer);
    expect(big.length).toBe(9 * 1024 * 1024);
  });
});
