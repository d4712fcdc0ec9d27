// Temporary git repositories for tests: deterministic identity, no global config needed.

import { execFileSync } from 'node:child_process';
import { tempDir, writeTree } from './tmp.js';

export const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.invalid',
  GIT_COMMITTER_NAME: 'Test Committer',
  GIT_COMMITTER_EMAIL: 'committer@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
};

/** Runs git in `cwd` and returns trimmed stdout. */
export function sh(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' }).trim();
}

/** A fresh repository on branch `main`. */
export function tempRepo(): string {
  const dir = tempDir('keyhound-repo-');
  sh(dir, 'init', '-q', '-b', 'main');
  sh(dir, 'config', 'commit.gpgsign', 'false');
  return dir;
}

/** Writes files and commits them all; returns the new commit's sha. */
export function commitFiles(repo: string, files: Record<string, string | Buffer>, message = 'change'): string {
  writeTree(repo, files);
  sh(repo, 'add', '-A');
  sh(repo, 'commit', '-q', '--allow-empty', '-m', message);
  return sh(repo, 'rev-parse', 'HEAD');
}
