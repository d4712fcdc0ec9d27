// Bare mirrors of the audited repositories' clone URLs, kept in a cache folder so the next audit only fetches what
// changed. A mirror (`git clone --mirror`) has every ref (branches, tags, pull-request refs the host publishes) and
// no work tree: nothing in it is checked out, and no hook of the cloned repository ever runs.

import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { git, GitError } from '../util/git.js';
import { keyId, maskCredentials, type RepoEntry } from './repos.js';

/** The default cache: `$XDG_CACHE_HOME/keyhound/mirrors` (or the platform's cache folder). */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = homedir() || tmpdir();
  const base =
    process.platform === 'win32'
      ? (env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'))
      : process.platform === 'darwin'
        ? join(home, 'Library', 'Caches')
        : env.XDG_CACHE_HOME || join(home, '.cache');
  return join(base, 'keyhound', 'mirrors');
}

/** Git never asks for a password in an audit: a repository it cannot reach fails at once and is reported. */
function gitEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    GIT_TERMINAL_PROMPT: '0',
    ...(env.GIT_SSH_COMMAND ? {} : { GIT_SSH_COMMAND: 'ssh -o BatchMode=yes' }),
  };
}

/** The last line git printed on failure, without `fatal: ` and with any credential masked. */
export function gitReason(err: unknown): string {
  if (err instanceof GitError) {
    const lines = err.stderr.trim().split('\n').filter(Boolean);
    const fatal = lines.find((l) => /^(fatal|error):/.test(l)) ?? lines.pop() ?? err.message;
    return maskCredentials(fatal.replace(/^(fatal|error): /, '').trim());
  }
  return maskCredentials(err instanceof Error ? err.message : String(err));
}

export interface MirrorResult {
  /** The bare mirror's folder. */
  dir: string;
  /** `cloned`: new; `updated`: fetched; `stale`: the fetch failed and the copy from an earlier run is used. */
  state: 'cloned' | 'updated' | 'stale';
  /** Why the fetch failed, for `stale`. */
  warning?: string;
}

/** Clones `entry` as a bare mirror into `cacheDir`, or fetches into the mirror an earlier run made. Throws Error. */
export async function mirror(entry: RepoEntry, cacheDir: string, env: NodeJS.ProcessEnv = process.env): Promise<MirrorResult> {
  mkdirSync(cacheDir, { recursive: true });
  const slug = entry.name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60);
  const dir = join(cacheDir, `${slug}-${keyId(entry.key)}.git`);
  const extra = gitEnv(env);
  if (existsSync(join(dir, 'HEAD'))) {
    try {
      // The URL may have been written another way since (https → ssh): fetch from the one listed now.
      await git(['remote', 'set-url', 'origin', entry.spec], { cwd: dir, env: extra });
      await git(['fetch', '--prune', '--quiet', 'origin'], { cwd: dir, env: extra });
      return { dir, state: 'updated' };
    } catch (err) {
      return { dir, state: 'stale', warning: gitReason(err) };
    }
  }
  // Cloned next to its final place, then renamed: a run killed mid-clone leaves no half mirror to be taken as whole.
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  try {
    await git(['clone', '--mirror', '--quiet', '--', entry.spec, partial], { cwd: cacheDir, env: extra });
    rmSync(dir, { recursive: true, force: true });
    renameSync(partial, dir);
  } catch (err) {
    rmSync(partial, { recursive: true, force: true });
    throw new Error(`cannot clone: ${gitReason(err)}`);
  }
  return { dir, state: 'cloned' };
}
