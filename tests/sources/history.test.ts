// The git history source: each unique blob once, attributed to the commit and path that introduced it; narrowing;
// odd repositories; and the two stream parsers fed in awkward chunks.

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Fragment, Skip } from '../../src/model/types.js';
import { CatFileParser, type BatchObject } from '../../src/sources/cat-file.js';
import { LogRawParser, type RawChange } from '../../src/sources/git-log-raw.js';
import { historySource, revisionArgs, type HistoryRevisions } from '../../src/sources/history.js';
import { GIT_ENV, tempRepo } from '../helpers/git.js';
import { commitAll, ghp, gitAt, historyRepo, type HistoryRepo } from '../helpers/history-repo.js';

async function collect(repo: string, revisions?: HistoryRevisions, maxFileSize = 1024 * 1024, deltaCacheBytes?: number) {
  const fragments: Fragment[] = [];
  const skipped: Skip[] = [];
  for await (const f of historySource({ repo, revisions, maxFileSize, deltaCacheBytes, onSkip: (s) => skipped.push(s) })) fragments.push(f);
  return { fragments, skipped };
}

/** The first fragment (in the order the source yields them) whose text holds `secret`. */
function introducing(fragments: Fragment[], secret: string): Fragment | undefined {
  return fragments.find((f) => f.text.includes(secret));
}

describe('historySource', () => {
  let h: HistoryRepo;
  beforeAll(() => {
    h = historyRepo();
  });

  it('attributes every hidden key to the commit and path that introduced it', async () => {
    const { fragments } = await collect(h.repo);
    for (const hidden of h.hidden) {
      const f = introducing(fragments, hidden.secret);
      expect(f, hidden.place).toBeDefined();
      expect({ place: hidden.place, sha: f!.commit?.sha, path: f!.path }).toEqual({ place: hidden.place, sha: hidden.sha, path: hidden.path });
    }
  });

  it('yields each reachable blob exactly once, oldest commit first', async () => {
    const { fragments, skipped } = await collect(h.repo);
    const objects = execFileSync('git', ['rev-list', '--all', '--objects', '--no-object-names'], { cwd: h.repo, encoding: 'utf8' });
    const check = execFileSync('git', ['cat-file', '--batch-check'], { cwd: h.repo, input: objects, encoding: 'utf8' });
    const blobs = check.split('\n').filter((l) => / blob /.test(l)).length;
    expect(fragments.length + skipped.length).toBe(blobs);
    // A renamed file's content is the same blob: it is not read again under its new name.
    expect(fragments.some((f) => f.path === 'deploy/new.sh')).toBe(false);
    // Parents before children: the first commit's files come first.
    expect(fragments[0]!.commit?.sha).toBe(h.first);
  });

  it('scans only what a modification changed, at the right lines, and finds the same keys as whole-blob scanning', async () => {
    const repo = tempRepo();
    const body = Array.from({ length: 200 }, (_, i) => `const v${i} = ${i};`);
    commitAll(repo, { 'src/big.js': `${body.join('\n')}\n` }, 'big file');
    const key = ghp();
    body.splice(150, 0, `const token = '${key}';`);
    const sha = commitAll(repo, { 'src/big.js': `${body.join('\n')}\n` }, 'add token');
    const delta = (await collect(repo)).fragments;
    const whole = (await collect(repo, undefined, 1024 * 1024, 0)).fragments;
    const f = introducing(delta, key)!;
    expect(f.commit?.sha).toBe(sha);
    expect(f.text.split('\n').length).toBeLessThan(20);
    expect((f.lineOffset ?? 0) + f.text.split('\n').findIndex((l) => l.includes(key)) + 1).toBe(151);
    expect(introducing(whole, key)!.lineOffset ?? 0).toBe(0);
    for (const hidden of h.hidden) {
      const [a, b] = [introducing((await collect(h.repo, undefined, 1e6, 0)).fragments, hidden.secret), introducing((await collect(h.repo)).fragments, hidden.secret)];
      expect([a?.commit?.sha, a?.path]).toEqual([b?.commit?.sha, b?.path]);
    }
  });

  it('reads hundreds of commits in order, each modification against the version before it', async () => {
    // 400 commits by fast-import, each editing one of five files and adding a new one: many log and cat-file chunks,
    // and a pack whose deltas run from old to new.
    const repo = tempRepo();
    const files = Array.from({ length: 5 }, (_, f) => Array.from({ length: 120 }, (_, i) => `const f${f}v${i} = ${i};`));
    const keys = new Map<string, number>(); // key → the commit (1-based) that introduced it
    const out: string[] = [];
    const data = (text: string): void => void out.push(`data ${Buffer.byteLength(text)}\n${text}\n`);
    for (let c = 1; c <= 400; c++) {
      const f = c % 5;
      const key = ghp();
      keys.set(key, c);
      files[f]!.splice(1 + ((c * 37) % 100), 1, `const k${c} = '${key}';`);
      out.push(`commit refs/heads/main\nmark :${c}\ncommitter A <a@example.invalid> ${1_600_000_000 + c * 60} +0000\n`);
      data(`commit ${c}`);
      if (c > 1) out.push(`from :${c - 1}\n`);
      out.push(`M 100644 inline src/f${f}.js\n`);
      data(`${files[f]!.join('\n')}\n`);
      out.push(`M 100644 inline new/n${c}.txt\n`);
      data(`note ${c}\n`);
    }
    execFileSync('git', ['fast-import', '--quiet'], { cwd: repo, input: out.join('') });
    const { fragments, skipped } = await collect(repo);
    expect(skipped).toEqual([]);
    expect(fragments).toHaveLength(800);
    // Oldest first: the commits' subjects never go back.
    const order = fragments.map((f) => Number(f.commit!.message.split(' ')[1]));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // Each key is found in the commit that introduced it; every modification (all but each file's first version)
    // is read against the version before it, so only a few lines of it are handed over.
    for (const [key, c] of keys) expect(introducing(fragments, key)?.commit?.message, key).toBe(`commit ${c}`);
    const edits = fragments.filter((f) => f.path.startsWith('src/'));
    expect(edits).toHaveLength(400);
    expect(edits.filter((f) => f.text.split('\n').length < 20).length).toBeGreaterThanOrEqual(395);
    // A consumer that takes its time, with 4 KiB of read-ahead: git's output is read between fragments and paused
    // and resumed hundreds of times, and every fragment still comes, in the same order, with the same text.
    const slow: Fragment[] = [];
    for await (const f of historySource({ repo, maxFileSize: 1024 * 1024, readAheadBytes: 4096, onSkip: () => {} })) {
      const until = performance.now() + 0.3;
      while (performance.now() < until); // busy, as a scan is: no turn of the event loop meanwhile
      slow.push(f);
    }
    const view = (fs: Fragment[]) => fs.map((f) => [f.commit?.sha, f.path, f.lineOffset ?? 0, f.text]);
    expect(view(slow)).toEqual(view(fragments));
  });

  it('carries author, email, ISO date and subject line', async () => {
    const { fragments } = await collect(h.repo);
    const plain = h.hidden.find((x) => x.place === 'plain')!;
    const c = introducing(fragments, plain.secret)!.commit!;
    expect(c).toMatchObject({ author: GIT_ENV.GIT_AUTHOR_NAME, email: GIT_ENV.GIT_AUTHOR_EMAIL, message: 'add app config' });
    expect(c.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
  });

  it('narrows to one branch, a range, a date, or the last N commits', async () => {
    let fragments: Fragment[] = [];
    const run = async (r: HistoryRevisions) => {
      fragments = (await collect(h.repo, r)).fragments;
      return new Set(h.hidden.filter((x) => fragments.some((f) => f.text.includes(x.secret))).map((x) => x.place));
    };
    const onMain = await run({ branch: 'main' });
    expect(onMain.has('unmerged branch')).toBe(false);
    expect(onMain.has('tag only')).toBe(false);
    expect(onMain.has('merge resolution')).toBe(true);
    expect(await run({ branch: 'v0.9-lost' })).toContain('tag only');

    const plain = h.hidden.find((x) => x.place === 'plain')!;
    const ranged = await run({ range: `${plain.sha}..experiment` });
    expect(ranged.has('plain')).toBe(false);
    expect(ranged.has('unmerged branch')).toBe(true);

    const since = await run({ since: `@${h.editedAt - 1}` });
    expect(since.has('plain')).toBe(false);
    expect(since.has('edited')).toBe(true);

    const last = await run({ branch: 'experiment', maxCommits: 1 });
    expect([...last]).toEqual(['unmerged branch']);
    expect(new Set(fragments.map((f) => f.commit?.sha)).size).toBe(1);
  });

  it('fails with git’s message for an unknown revision', async () => {
    await expect(collect(h.repo, { branch: 'no-such-branch' })).rejects.toThrow(/no-such-branch/);
  });

  it('never reads a revision as an option', () => {
    expect(revisionArgs({ branch: '--output=/tmp/x' })).toEqual(['--end-of-options', '--output=/tmp/x']);
    expect(revisionArgs({})).toEqual(['--all']);
  });

  it('stops its git processes when the consumer stops early', async () => {
    for await (const f of historySource({ repo: h.repo, maxFileSize: 1e6, onSkip: () => {} })) {
      expect(f.commit).toBeDefined();
      break;
    }
  });
});

describe('historySource on odd content', () => {
  it('survives non-UTF-8 commit messages and paths', async () => {
    const repo = tempRepo();
    const key = ghp();
    writeFileSync(Buffer.from(join(repo, 'caf\xe9.txt'), 'latin1'), `token ${key}\n`);
    gitAt(repo, ['add', '-A']);
    // `git commit` would re-encode the message; write the commit object by hand so its bytes stay invalid UTF-8.
    const tree = gitAt(repo, ['write-tree']);
    const who = 'A U Thor <a@example.invalid> 1700000000 +0000';
    const body = Buffer.concat([Buffer.from(`tree ${tree}\nauthor ${who}\ncommitter ${who}\n\n`), Buffer.from('r\xe9sum\xe9 update\n', 'latin1')]);
    const sha = execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], { cwd: repo, input: body, encoding: 'utf8' }).trim();
    gitAt(repo, ['update-ref', 'refs/heads/main', sha]);
    const { fragments } = await collect(repo);
    const f = introducing(fragments, key)!;
    expect(f.path).toBe('caf\uFFFD.txt');
    expect(f.commit?.message).toBe('r\uFFFDsum\uFFFD update');
  });

  it('skips submodules, binaries and oversized blobs, and says so', async () => {
    const repo = tempRepo();
    const first = commitAll(repo, { 'a.txt': 'hello\n', 'img.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]), 'big.txt': 'x'.repeat(5000) }, 'one');
    gitAt(repo, ['update-index', '--add', '--cacheinfo', `160000,${first},vendor/lib`]);
    gitAt(repo, ['commit', '-q', '-m', 'add submodule']);
    const { fragments, skipped } = await collect(repo, undefined, 4096);
    expect(fragments.map((f) => f.path)).toEqual(['a.txt']);
    const reasons = Object.fromEntries(skipped.map((s) => [s.path, s.reason]));
    expect(reasons['vendor/lib']).toMatch(/submodule/);
    expect(reasons['img.png']).toMatch(/^binary/);
    expect(reasons['big.txt']).toMatch(/larger than --max-file-size \(5000 bytes/);
  });
});

describe('stream parsers', () => {
  it('LogRawParser gives the same result whatever the chunking', () => {
    const raw = Buffer.concat([
      Buffer.from('\x01' + 'a'.repeat(40) + '\0Ann\0ann@x\x002024-01-01T00:00:00+00:00\0first\0\n'),
      Buffer.from(`:000000 100644 ${'0'.repeat(40)} ${'b'.repeat(40)} A\0dir/f\xc3\xa9\0`, 'latin1'),
      Buffer.from(`:100644 000000 ${'b'.repeat(40)} ${'0'.repeat(40)} D\0gone\0`),
      Buffer.from('\x01' + 'c'.repeat(40) + '\0Bob\0bob@x\x002024-01-02T00:00:00+00:00\0empty\0'),
    ]);
    const parse = (size: number) => {
      const out: string[] = [];
      const p = new LogRawParser({
        commit: (c) => out.push(`commit ${c.sha} ${c.author} ${c.message}`),
        change: (c, x: RawChange) => out.push(`${c.sha.slice(0, 1)} ${x.status} ${x.mode} ${x.blob.slice(0, 1)} ${x.path}`),
      });
      for (let i = 0; i < raw.length; i += size) p.push(raw.subarray(i, i + size));
      p.end();
      return out;
    };
    const whole = parse(raw.length);
    expect(whole).toEqual([
      `commit ${'a'.repeat(40)} Ann first`,
      'a A 100644 b dir/fé',
      'a D 000000 0 gone',
      `commit ${'c'.repeat(40)} Bob empty`,
    ]);
    for (const size of [1, 2, 7, 50]) expect(parse(size)).toEqual(whole);
  });

  it('CatFileParser splits objects across chunks and passes over oversized ones', () => {
    const id = (c: string) => c.repeat(40);
    const raw = Buffer.from(
      `${id('a')} blob 5\nhello\n${id('b')} blob 0\n\n${id('c')} missing\n${id('d')} blob 12\nlarger than8\n${id('e')} blob 3\nend\n`,
    );
    const parse = (size: number) => {
      const out: string[] = [];
      const p = new CatFileParser(8, (o: BatchObject) =>
        out.push('missing' in o ? `${o.id[0]} missing` : `${o.id[0]} ${o.size} ${o.content === null ? 'skipped' : o.content.toString()}`),
      );
      for (let i = 0; i < raw.length; i += size) p.push(Buffer.from(raw.subarray(i, i + size)));
      return out;
    };
    const whole = parse(raw.length);
    expect(whole).toEqual(['a 5 hello', 'b 0 ', 'c missing', 'd 12 skipped', 'e 3 end']);
    for (const size of [1, 3, 6, 41]) expect(parse(size)).toEqual(whole);
  });
});
