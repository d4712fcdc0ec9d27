// Shallow checkouts: actions/checkout fetches one commit by default, so the commits a range needs (a pull request's
// base and head, their merge base, a push's old tip) are often missing. Fetch them from `origin`, deepening step by
// step; when that cannot work, say exactly which `fetch-depth` to set.

import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { commitId, mergeBase } from '../sources/range.js';
import { GitError } from '../util/git.js';
import { gitRaw } from '../util/simple-git.js';

/** Deepening steps tried, in commits, before fetching the whole history. */
const DEEPEN_STEPS = [50, 500];

export class FetchError extends Error {
  override name = 'FetchError';
}

const HINT = 'set `fetch-depth: 0` on actions/checkout (with: fetch-depth: 0) so the whole history is there';

async function isShallow(cwd: string): Promise<boolean> {
  return (await gitRaw(['rev-parse', '--is-shallow-repository'], cwd)).trim() === 'true';
}

// The fetch inherits the environment through simple-git's guard (not an environment of its own: simple-git would then
// take it as the whole environment, and reject any guarded variable in it). The variables that reach the remote
// (GIT_SSH_COMMAND, GIT_ASKPASS, proxies, certificates) are passed on for a fetch.
async function fetch(cwd: string, args: string[], log: (line: string) => void): Promise<boolean> {
  const full = ['fetch', '--no-tags', '--quiet', '--no-recurse-submodules', ...args];
  log(`git ${full.join(' ')}`);
  try {
    await gitRaw(full, cwd, [0], { remote: true });
    return true;
  } catch (err) {
    log(`  failed: ${err instanceof GitError ? err.stderr.trim().split('\n').pop() : String(err)}`);
    return false;
  }
}

/** Makes sure `shas` are present, fetching the missing ones from origin. Throws FetchError when they cannot be had. */
export async function ensureCommits(cwd: string, shas: string[], log: (line: string) => void): Promise<void> {
  const missing = [];
  for (const sha of shas) if (!(await commitId(cwd, sha))) missing.push(sha);
  if (!missing.length) return;
  const depth = (await isShallow(cwd)) ? [`--depth=${DEEPEN_STEPS[0]}`] : [];
  await fetch(cwd, [...depth, 'origin', ...missing], log);
  const still = [];
  for (const sha of missing) if (!(await commitId(cwd, sha))) still.push(sha);
  if (still.length) throw new FetchError(`commit ${still.join(', ')} is not in the checkout and could not be fetched from origin: ${HINT}`);
}

/** Makes sure the merge base of `base` and `head` is present, deepening a shallow clone. Returns it. */
export async function ensureMergeBase(cwd: string, base: string, head: string, log: (line: string) => void): Promise<string> {
  await ensureCommits(cwd, [base, head], log);
  let found = await mergeBase(cwd, base, head);
  for (const n of DEEPEN_STEPS) {
    if (found || !(await isShallow(cwd))) break;
    await fetch(cwd, [`--deepen=${n}`, 'origin', base, head], log);
    found = await mergeBase(cwd, base, head);
  }
  if (!found && (await isShallow(cwd))) {
    await fetch(cwd, ['--unshallow', 'origin', base, head], log);
    found = await mergeBase(cwd, base, head);
  }
  if (!found) throw new FetchError(`no merge base of ${base.slice(0, 12)} and ${head.slice(0, 12)} in the checkout: ${HINT}`);
  return found;
}

/** The tip of the default branch, fetched when it is not known locally; null when it cannot be had. */
export async function defaultBranchTip(cwd: string, branch: string, log: (line: string) => void): Promise<string | null> {
  const local = await commitId(cwd, `refs/remotes/origin/${branch}`);
  if (local) return local;
  const depth = (await isShallow(cwd)) ? [`--depth=${DEEPEN_STEPS[0]}`] : [];
  if (!(await fetch(cwd, [...depth, 'origin', `refs/heads/${branch}`], log))) return null;
  return commitId(cwd, 'FETCH_HEAD');
}

/** Fetches the whole history when the clone is shallow (for a full-history audit). Throws FetchError when it fails. */
export async function ensureFullHistory(cwd: string, log: (line: string) => void): Promise<void> {
  if (!(await isShallow(cwd))) return;
  if (!(await fetch(cwd, ['--unshallow', 'origin'], log)) || (await isShallow(cwd))) {
    throw new FetchError(`the checkout is shallow and could not be deepened: ${HINT}`);
  }
}

/** The commits of `head ^exclude…` whose parents the shallow clone lacks (git's `shallow` file lists them). */
export async function shallowEdge(cwd: string, head: string, exclude: readonly string[]): Promise<string[]> {
  if (!(await isShallow(cwd))) return [];
  const file = (await gitRaw(['rev-parse', '--git-path', 'shallow'], cwd)).trim();
  let edge: Set<string>;
  try {
    edge = new Set(readFileSync(isAbsolute(file) ? file : join(cwd, file), 'utf8').split('\n').filter(Boolean));
  } catch {
    return [];
  }
  const listed = (await gitRaw(['rev-list', '--end-of-options', head, ...exclude.map((e) => `^${e}`)], cwd)).split('\n');
  return listed.filter((sha) => edge.has(sha));
}

/**
 * Deepens a shallow clone until every commit of `head ^exclude…` has its parents, so each is compared with them and
 * each finding is attributed to the commit that added it. Returns the commits still at the edge (none, normally).
 */
export async function ensureRangeHistory(cwd: string, head: string, exclude: readonly string[], log: (line: string) => void): Promise<string[]> {
  let edge = await shallowEdge(cwd, head, exclude);
  for (const n of DEEPEN_STEPS) {
    if (!edge.length) return edge;
    await fetch(cwd, [`--deepen=${n}`, 'origin', head], log);
    edge = await shallowEdge(cwd, head, exclude);
  }
  if (edge.length) {
    await fetch(cwd, ['--unshallow', 'origin', head], log);
    edge = await shallowEdge(cwd, head, exclude);
  }
  return edge;
}

/**
 * For a push that created a branch: the whole history of the clone, and the tips of the remote's other branches
 * (every branch but `ref`), fetched from origin. Their commits are what the remote already had.
 */
export async function otherBranchTips(cwd: string, ref: string | null, log: (line: string) => void): Promise<string[]> {
  const shallow = await isShallow(cwd);
  await fetch(cwd, [...(shallow ? ['--unshallow'] : []), 'origin', '+refs/heads/*:refs/remotes/origin/*'], log);
  if (await isShallow(cwd)) await ensureFullHistory(cwd, log);
  const own = ref?.startsWith('refs/heads/') ? `refs/remotes/origin/${ref.slice('refs/heads/'.length)}` : null;
  const out = await gitRaw(['for-each-ref', '--format=%(objectname) %(refname)', 'refs/remotes/origin/'], cwd);
  const tips = new Set<string>();
  for (const line of out.split('\n')) {
    const [sha, name] = line.split(' ');
    if (!sha || !name || name === own || name === 'refs/remotes/origin/HEAD') continue;
    tips.add(sha);
  }
  return [...tips];
}
