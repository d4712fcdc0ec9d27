// Resolves what the diff source compares: `BASE...HEAD` (from the merge base, as a pull request shows its changes),
// `BASE..HEAD` (from BASE itself, as a push compares its old and new tips) or a lone `BASE` (= `BASE...HEAD`).
// Says exactly which commit is missing, so a shallow clone gets a clear message rather than git's.

import { git, GitError } from '../util/git.js';
import { gitRaw } from '../util/simple-git.js';

/** A revision range asked for on the command line or by the Action. */
export interface RevisionRange {
  base: string;
  head: string;
  /** True for `base...head`: compare from the merge base of the two. */
  mergeBase: boolean;
}

/** The resolved ends: full commit ids. `from` is null when the diff starts from nothing (a root commit's tree). */
export interface ResolvedRange {
  from: string | null;
  to: string;
  /** The commits of the range, for attribution: `to` minus what `from` reaches. */
  boundary: string | null;
}

/** A commit or the merge base the range needs is not in the repository (often: a shallow clone). */
export class MissingCommitError extends Error {
  constructor(
    message: string,
    readonly revisions: string[],
  ) {
    super(message);
    this.name = 'MissingCommitError';
  }
}

/** Parses `A...B`, `A..B` or `A` (= `A...HEAD`). Throws on an empty end. */
export function parseRange(text: string): RevisionRange {
  const three = text.indexOf('...');
  const two = text.indexOf('..');
  let r: RevisionRange;
  if (three !== -1) r = { base: text.slice(0, three), head: text.slice(three + 3) || 'HEAD', mergeBase: true };
  else if (two !== -1) r = { base: text.slice(0, two), head: text.slice(two + 2) || 'HEAD', mergeBase: false };
  else r = { base: text, head: 'HEAD', mergeBase: true };
  if (!r.base.trim()) throw new Error(`invalid range "${text}": name a base, e.g. main...HEAD`);
  return r;
}

/** The full id of `rev` as a commit, or null when git does not have it. */
export async function commitId(cwd: string, rev: string): Promise<string | null> {
  try {
    const out = await gitRaw(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], cwd);
    return out.trim() || null;
  } catch (err) {
    if (err instanceof GitError && err.code === 1) return null;
    throw err;
  }
}

/** The merge base of two commits, or null when they share no history that the repository holds. */
export async function mergeBase(cwd: string, a: string, b: string): Promise<string | null> {
  try {
    return (await gitRaw(['merge-base', a, b], cwd)).trim() || null;
  } catch (err) {
    if (err instanceof GitError && err.code === 1) return null;
    throw err;
  }
}

/** Resolves a range to commit ids. Throws MissingCommitError naming what is missing. */
export async function resolveRange(cwd: string, range: RevisionRange): Promise<ResolvedRange> {
  const [base, head] = await Promise.all([commitId(cwd, range.base), commitId(cwd, range.head)]);
  const missing = [...(base ? [] : [range.base]), ...(head ? [] : [range.head])];
  if (missing.length) throw new MissingCommitError(`commit not found: ${missing.join(', ')}`, missing);
  if (!range.mergeBase) return { from: base, to: head!, boundary: base };
  const from = await mergeBase(cwd, base!, head!);
  if (!from) {
    throw new MissingCommitError(
      `no merge base of ${range.base} and ${range.head} in this repository (a shallow clone, or unrelated histories)`,
      [range.base, range.head],
    );
  }
  return { from, to: head!, boundary: from };
}

/** The id of the empty tree in this repository's hash (SHA-1 or SHA-256), to diff a root commit against. */
export async function emptyTree(cwd: string): Promise<string> {
  return (await git(['hash-object', '-t', 'tree', '--stdin'], { cwd, input: '' })).toString('utf8').trim();
}
