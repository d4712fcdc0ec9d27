// Commit attribution for the diff source: which commit of a range added a line (`git blame --porcelain`). One git
// process per finding, so it is meant for the few findings a pull request or push has, not a whole audit.

import type { CommitInfo } from '../model/types.js';
import { gitRaw } from '../util/simple-git.js';

/** `1700000000` and `+0200` → `2023-11-14T23:13:20+02:00`, like git's `%aI`. */
export function isoDate(epochSeconds: number, tz: string): string {
  const m = /^([+-])(\d\d)(\d\d)$/.exec(tz);
  const offsetMin = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  const local = new Date((epochSeconds + offsetMin * 60) * 1000).toISOString().slice(0, 19);
  return m ? `${local}${m[1]}${m[2]}:${m[3]}` : `${local}Z`;
}

/**
 * The commit in `boundary..to` that last changed `line` of `path`, or null when git blames a commit outside the range
 * (a boundary commit) or cannot say. `boundary` null: the whole history of `to`.
 */
export async function blameLine(cwd: string, to: string, boundary: string | null, path: string, line: number): Promise<CommitInfo | null> {
  let out: string;
  try {
    const revs = boundary ? [`${boundary}..${to}`] : [to];
    out = await gitRaw(['blame', '--porcelain', '-L', `${line},${line}`, ...revs, '--', path], cwd);
  } catch {
    return null;
  }
  const lines = out.split('\n');
  const sha = lines[0]?.split(' ')[0] ?? '';
  const field = (name: string): string => {
    const l = lines.find((x) => x.startsWith(`${name} `));
    return l ? l.slice(name.length + 1) : '';
  };
  if (!/^[0-9a-f]{40,64}$/.test(sha) || lines.includes('boundary')) return null;
  return {
    sha,
    author: field('author'),
    email: field('author-mail').replace(/^<|>$/g, ''),
    date: isoDate(Number(field('author-time')), field('author-tz')),
    message: field('summary'),
  };
}
