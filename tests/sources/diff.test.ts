// The diff source and its orchestrator: only the lines a range adds, the merge base for `...`, attribution.

import { describe, expect, it } from 'vitest';
import { githubToken } from '../../src/fakes/index.js';
import { scanDiff } from '../../src/scan-diff.js';
import { isoDate } from '../../src/sources/blame.js';
import { MissingCommitError, parseRange } from '../../src/sources/range.js';
import { diffSource } from '../../src/sources/staged.js';
import { commitFiles, sh, tempRepo } from '../helpers/git.js';

describe('parseRange', () => {
  it('reads A...B, A..B and A', () => {
    expect(parseRange('main...feature')).toEqual({ base: 'main', head: 'feature', mergeBase: true });
    expect(parseRange('abc..def')).toEqual({ base: 'abc', head: 'def', mergeBase: false });
    expect(parseRange('main')).toEqual({ base: 'main', head: 'HEAD', mergeBase: true });
    expect(parseRange('main..')).toEqual({ base: 'main', head: 'HEAD', mergeBase: false });
    expect(() => parseRange('...x')).toThrow(/name a base/);
  });
});

describe('isoDate', () => {
  it('renders blame times like git %aI', () => {
    expect(isoDate(0, '+0200')).toBe('1970-01-01T02:00:00+02:00');
    expect(isoDate(7200, '-0130')).toBe('1970-01-01T00:30:00-01:30');
  });
});

describe('diffSource', () => {
  it('yields the whole new blob with only the added lines marked', async () => {
    const repo = tempRepo();
    const a = commitFiles(repo, { 'f.txt': 'one\ntwo\n', 'gone.txt': 'x\n' });
    sh(repo, 'rm', '-q', 'gone.txt');
    const b = commitFiles(repo, { 'f.txt': 'one\nTWO\nthree\n', 'new.txt': 'n\n' });
    const got = [];
    for await (const f of diffSource({ cwd: repo, from: a, to: b, maxFileSize: 1e6, onSkip: () => undefined })) {
      got.push({ path: f.path, text: f.text, only: [...(f.onlyLines ?? [])] });
    }
    expect(got).toEqual([
      { path: 'f.txt', text: 'one\nTWO\nthree\n', only: [2, 3] },
      { path: 'new.txt', text: 'n\n', only: [1] },
    ]);
  });
});

describe('scanDiff', () => {
  it('reports what the branch adds over the merge base, with the commit that added it, and not an old key in the same file', async () => {
    const repo = tempRepo();
    const oldKey = githubToken();
    const newKey = githubToken();
    commitFiles(repo, { 'c.py': `A = "${oldKey}"\n` });
    sh(repo, 'checkout', '-q', '-b', 'feature');
    const added = commitFiles(repo, { 'c.py': `A = "${oldKey}"\nB = "${newKey}"\n` }, 'add B');
    sh(repo, 'checkout', '-q', 'main');
    commitFiles(repo, { 'other.txt': 'main moved\n' });

    const three = await scanDiff({ repo, range: parseRange('main...feature') });
    expect(three.findings.map((f) => [f.path, f.line, f.commit?.sha, f.commit?.author, f.commit?.message])).toEqual([
      ['c.py', 2, added, 'Test Author', 'add B'],
    ]);
    expect(three.findings[0]!.secret).not.toContain(newKey.slice(4));

    // Two dots: from main's tip, so main's own change (deleting nothing secret) does not matter either way.
    const two = await scanDiff({ repo, range: parseRange('main..feature'), attribute: false, redact: false });
    expect(two.findings.map((f) => [f.line, f.secret, f.commit])).toEqual([[2, newKey, undefined]]);
  });

  it('names a missing commit', async () => {
    const repo = tempRepo();
    commitFiles(repo, { 'a.txt': 'a\n' });
    await expect(scanDiff({ repo, range: parseRange('nope...HEAD') })).rejects.toBeInstanceOf(MissingCommitError);
  });
});
