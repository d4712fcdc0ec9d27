// The Action's fetches (src/action/fetch.ts), run through simple-git (issue 21): a shallow checkout is deepened until
// every commit of the range has its parents and the merge base is there; what cannot be fetched is a FetchError that
// names the fetch-depth to set, with git's own reason in the log.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureCommits, ensureMergeBase, ensureRangeHistory, FetchError, shallowEdge } from '../../src/action/fetch.js';
import { commitFiles, sh, tempRepo } from '../helpers/git.js';
import { tempDir } from '../helpers/tmp.js';

/** A clone of `repo` at depth 1 on `branch`, as actions/checkout makes it. */
function shallowClone(repo: string, branch: string): string {
  const clone = join(tempDir('keyhound-clone-'), 'ws');
  sh(tempDir(), 'clone', '-q', '--no-local', '--depth=1', '--branch', branch, `file://${repo}`, clone);
  expect(sh(clone, 'rev-parse', '--is-shallow-repository')).toBe('true');
  return clone;
}

describe('the Action fetches what a shallow checkout lacks', () => {
  it('deepens a depth-1 clone until every commit of the range has its parents', async () => {
    const repo = tempRepo();
    const base = commitFiles(repo, { 'a.txt': '0\n' }, 'c0');
    let head = base;
    for (let i = 1; i <= 4; i++) head = commitFiles(repo, { 'a.txt': `${i}\n` }, `c${i}`);
    const clone = shallowClone(repo, 'main');
    const log: string[] = [];
    // As for a push: its old tip first (fetched on its own), then the commits between.
    await ensureCommits(clone, [base, head], (l) => log.push(l));
    expect(log).toEqual([`git fetch --no-tags --quiet --no-recurse-submodules --depth=50 origin ${base}`]);
    expect(await shallowEdge(clone, head, [base])).toEqual([head]);
    expect(await ensureRangeHistory(clone, head, [base], (l) => log.push(l))).toEqual([]);
    expect(log[1]).toBe(`git fetch --no-tags --quiet --no-recurse-submodules --deepen=50 origin ${head}`);
    expect(sh(clone, 'rev-list', '--count', 'HEAD')).toBe('5');
  });

  it("fetches a pull request's base and deepens to their merge base", async () => {
    const repo = tempRepo();
    const fork = commitFiles(repo, { 'a.txt': 'a\n' }, 'fork point');
    sh(repo, 'checkout', '-q', '-b', 'feature');
    commitFiles(repo, { 'b.txt': 'b\n' }, 'feature 1');
    const head = commitFiles(repo, { 'b.txt': 'b2\n' }, 'feature 2');
    sh(repo, 'checkout', '-q', 'main');
    const base = commitFiles(repo, { 'c.txt': 'c\n' }, 'main moves');
    const clone = shallowClone(repo, 'feature');
    const log: string[] = [];
    expect(await ensureMergeBase(clone, base, head, (l) => log.push(l))).toBe(fork);
    expect(log[0]).toBe(`git fetch --no-tags --quiet --no-recurse-submodules --depth=50 origin ${base}`);
  });

  it('says which fetch-depth to set, with git\'s reason in the log, when a commit cannot be fetched', async () => {
    const repo = tempRepo();
    commitFiles(repo, { 'a.txt': 'a\n' });
    const clone = shallowClone(repo, 'main');
    const missing = '1234567890abcdef1234567890abcdef12345678';
    const log: string[] = [];
    const err = await ensureCommits(clone, [missing], (l) => log.push(l)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect((err as FetchError).message).toContain('fetch-depth: 0');
    expect(log[1]).toMatch(/^ {2}failed: .*\S/);
  });
});
