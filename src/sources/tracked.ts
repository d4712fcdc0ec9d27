// Which files git tracks, for the file walker: .gitignore applies only to untracked files, so a tracked file that an
// ignore pattern matches (committed before the pattern, or added with `git add -f`) is still scanned.
// Asked of git lazily (`git ls-files`), only when the walk meets an ignored path, once per repository.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

/** A path as bytes, in a form usable as a map key ('latin1' keeps each byte as one char). */
export function byteKey(path: string | Buffer): string {
  return (typeof path === 'string' ? Buffer.from(path, 'utf8') : path).toString('latin1');
}

interface RepoIndex {
  files: Set<string>;
  dirs: Set<string>;
}

/** The tracked files of the repositories the walk passes through, looked up by absolute path. */
export class TrackedFiles {
  private readonly byTop = new Map<string, RepoIndex | null>();
  private readonly topOf = new Map<string, string | null>();

  /** True when `abs` is a file in the index of its repository. */
  isTracked(abs: string | Buffer): boolean {
    const index = this.index(abs);
    return index !== null && index.files.has(byteKey(abs));
  }

  /** True when some tracked file lies below the folder `abs`. */
  hasTrackedBelow(abs: string | Buffer): boolean {
    const index = this.index(abs);
    return index !== null && index.dirs.has(byteKey(abs));
  }

  private index(abs: string | Buffer): RepoIndex | null {
    const top = this.top(dirname(typeof abs === 'string' ? abs : abs.toString('utf8')));
    if (top === null) return null;
    let index = this.byTop.get(top);
    if (index === undefined) this.byTop.set(top, (index = readIndex(top)));
    return index;
  }

  /** The work tree top above `dir` (the nearest folder with a `.git`), or null outside any repository. */
  private top(dir: string): string | null {
    const known = this.topOf.get(dir);
    if (known !== undefined) return known;
    const parent = dirname(dir);
    const top = existsSync(join(dir, '.git')) ? dir : parent === dir ? null : this.top(parent);
    this.topOf.set(dir, top);
    return top;
  }
}

function readIndex(top: string): RepoIndex | null {
  const r = spawnSync('git', ['ls-files', '-z', '--cached'], { cwd: top, maxBuffer: 1024 * 1024 * 1024 });
  // Not a usable repository (or no git): nothing counts as tracked, and .gitignore is honoured as before.
  if (r.status !== 0 || !r.stdout) return null;
  const files = new Set<string>();
  const dirs = new Set<string>();
  const prefix = Buffer.from(top + sep, 'utf8');
  const out = r.stdout;
  let start = 0;
  for (let nul = out.indexOf(0); nul !== -1; start = nul + 1, nul = out.indexOf(0, start)) {
    if (nul === start) continue;
    const rel = out.subarray(start, nul);
    files.add(Buffer.concat([prefix, rel]).toString('latin1'));
    for (let slash = rel.lastIndexOf(0x2f); slash > 0; slash = rel.lastIndexOf(0x2f, slash - 1)) {
      const key = Buffer.concat([prefix, rel.subarray(0, slash)]).toString('latin1');
      if (dirs.has(key)) break;
      dirs.add(key);
    }
  }
  return { files, dirs };
}
