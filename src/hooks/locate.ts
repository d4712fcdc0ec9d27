// Where the pre-commit hook lives: `.husky/pre-commit` in a husky project (husky v9 points core.hooksPath at
// `.husky/_`, whose generated `pre-commit` runs `.husky/pre-commit` with `sh -e`), otherwise git's own hooks folder
// as `git rev-parse --git-path hooks` names it — which honours core.hooksPath and linked worktrees.

import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { gitRaw } from '../util/simple-git.js';

export interface HookLocation {
  /** Absolute path of the file to edit. */
  file: string;
  kind: 'husky' | 'git';
  /** The repository top. */
  top: string;
  /** Something the user should know (husky not active in this clone, say). */
  note?: string;
}

async function gitText(args: string[], cwd: string, okCodes?: number[]): Promise<string> {
  return (await gitRaw(args, cwd, okCodes)).replace(/\n$/, '');
}

export async function locateHook(cwd: string): Promise<HookLocation> {
  const top = await gitText(['rev-parse', '--show-toplevel'], cwd);
  const husky = join(top, '.husky');
  if (existsSync(husky) && statSync(husky).isDirectory()) {
    const hooksPath = await gitText(['config', '--get', 'core.hooksPath'], top, [0, 1]);
    const active = ['.husky', '.husky/', '.husky/_', '.husky/_/'].includes(hooksPath);
    return {
      file: join(husky, 'pre-commit'),
      kind: 'husky',
      top,
      ...(active ? {} : { note: 'husky is not set up in this clone yet (core.hooksPath does not point into .husky); run `npx husky` (or `npm install`, if your `prepare` script runs husky).' }),
    };
  }
  const dir = await gitText(['rev-parse', '--git-path', 'hooks'], top);
  return { file: join(isAbsolute(dir) ? dir : resolve(top, dir), 'pre-commit'), kind: 'git', top };
}
