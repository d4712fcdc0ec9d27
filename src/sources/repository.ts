// Finds out what kind of git repository a path is: work tree or bare, shallow or whole, with commits or empty.
// The history source and the `history` command ask this before reading anything.

import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { GitError } from '../util/git.js';
import { gitRaw } from '../util/simple-git.js';
import { PathNotFoundError } from './fs.js';

export class NotARepositoryError extends Error {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`not a git repository: ${path}${detail ? ` (${detail})` : ''}`);
    this.name = 'NotARepositoryError';
  }
}

export interface RepositoryInfo {
  /** Absolute git directory (`.git`, or the repository itself when bare). */
  gitDir: string;
  /** Absolute top of the work tree; for a bare repository, the git directory. Config is looked up here. */
  root: string;
  bare: boolean;
  /** True for a shallow clone: commits beyond the shallow boundary are missing, so the history is partial. */
  shallow: boolean;
  /** True when no ref points at a commit yet. */
  empty: boolean;
}

/** Describes the repository at `path` (any folder inside a work tree, or a bare repository). */
export async function openRepository(path: string): Promise<RepositoryInfo> {
  const abs = resolve(path);
  let isDir: boolean;
  try {
    isDir = statSync(abs).isDirectory();
  } catch {
    throw new PathNotFoundError(path);
  }
  if (!isDir) throw new NotARepositoryError(path, 'a file, not a folder');
  // The three questions are asked at once (one round of git processes, not two); the later two only count when the
  // first finds a repository.
  const asked = gitRaw(['rev-parse', '--is-bare-repository', '--is-shallow-repository', '--absolute-git-dir'], abs);
  const topAsked = gitRaw(['rev-parse', '--show-toplevel'], abs).then(
    (b) => b.trimEnd(),
    () => '', // a bare repository, or inside `.git`: no work tree
  );
  const anyAsked = gitRaw(['rev-list', '-n', '1', '--all'], abs);
  anyAsked.catch(() => undefined); // awaited below only when the path is a repository
  let answer: string[];
  try {
    answer = (await asked).trimEnd().split('\n');
  } catch (err) {
    const detail = err instanceof GitError ? (err.stderr.trim().split('\n').pop() ?? '').replace(/^fatal: /, '') : String(err);
    throw new NotARepositoryError(path, /not a git repository/i.test(detail) ? '' : detail);
  }
  const [bareAnswer, shallowAnswer, gitDir = abs] = answer;
  const bare = bareAnswer === 'true';
  // Inside `.git` itself (or in a bare repository) there is no work tree to show: the git directory stands in.
  const [top, any] = await Promise.all([topAsked, anyAsked]);
  const root = bare ? gitDir : top || gitDir;
  return { gitDir, root, bare, shallow: shallowAnswer === 'true', empty: any.length === 0 };
}
