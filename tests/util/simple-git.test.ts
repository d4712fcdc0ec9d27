// The git plumbing that is not a stream runs through simple-git (issue 21): repository discovery, commit ids,
// merge-base and blame. Its answers keep git's exit codes, its environment guard drops inherited variables that make
// git run programs while the ones that say where the repository is still reach git, and the pre-commit hook's
// bundle never loads it.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/config/paths.js';
import { commitId, mergeBase } from '../../src/sources/range.js';
import { openRepository } from '../../src/sources/repository.js';
import { GitError } from '../../src/util/git.js';
import { gitRaw } from '../../src/util/simple-git.js';
import { commitFiles, sh, tempRepo } from '../helpers/git.js';
import { tempDir } from '../helpers/tmp.js';

const saved = { ...process.env };
afterEach(() => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
});

describe('simple-git plumbing', () => {
  it('answers commit ids and merge bases, and a missing one as null (git exit code 1)', async () => {
    const repo = tempRepo();
    const base = commitFiles(repo, { 'a.txt': 'a\n' });
    sh(repo, 'checkout', '-q', '-b', 'feature');
    const head = commitFiles(repo, { 'b.txt': 'b\n' });
    expect(await commitId(repo, 'feature')).toBe(head);
    expect(await commitId(repo, 'no-such-branch')).toBeNull();
    expect(await mergeBase(repo, 'main', 'feature')).toBe(base);
    sh(repo, 'checkout', '-q', '--orphan', 'other');
    const lone = commitFiles(repo, { 'c.txt': 'c\n' });
    expect(await mergeBase(repo, lone, head)).toBeNull();
  });

  it('throws GitError with the exit code and stderr outside a repository', async () => {
    const dir = tempDir();
    const err = await gitRaw(['rev-parse', '--show-toplevel'], dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitError);
    expect((err as GitError).code).toBe(128);
    expect((err as GitError).stderr).toMatch(/not a git repository/i);
  });

  it('drops an inherited variable that makes git run a program, and keeps GIT_DIR', async () => {
    const repo = tempRepo();
    commitFiles(repo, { 'a.txt': 'a\n' });
    process.env.GIT_PAGER = 'touch /tmp/keyhound-should-not-run';
    expect((await gitRaw(['var', 'GIT_PAGER'], repo)).trim()).not.toContain('keyhound-should-not-run');
    const elsewhere = tempDir();
    process.env.GIT_DIR = join(repo, '.git');
    const info = await openRepository(elsewhere);
    expect(info.gitDir).toBe(join(repo, '.git'));
  });

  it('is not in the pre-commit fast path or its start-up snapshot', () => {
    for (const file of ['build/staged.js', 'build/snapshot.cjs']) {
      const path = join(PACKAGE_ROOT, file);
      if (!existsSync(path)) continue;
      const text = readFileSync(path, 'utf8');
      expect(text, file).not.toContain('allowEnvironment');
      expect(text, file).not.toContain('simple-git');
    }
  });
});
