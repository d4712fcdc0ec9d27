// Helpers for tests of the staged source and the pre-commit hook: fake keys, a fingerprint of the whole work
// area (index + working tree) to prove that nothing was changed, and a keyhound shim for hooks.

import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { expandTemplate } from '../../src/fakes/index.js';
import { BIN } from './cli.js';
import { sh } from './git.js';
import { writeTree } from './tmp.js';

export const ghToken = (): string => expandTemplate('{{github:ghp}}');
export const awsId = (): string => expandTemplate('AKIA{{upper:16}}');

/** A PEM private-key block, built at run time so no committed file holds one. */
export function pemBlock(): string {
  const dashes = '-----';
  const kind = 'RSA PRIVATE KEY';
  const body = [1, 2, 3, 4].map(() => expandTemplate('{{base64:64}}')).join('\n');
  return `${dashes}BEGIN ${kind}${dashes}\n${body}\n${dashes}END ${kind}${dashes}\n`;
}

/** Everything a scan must not change: the index (modes, blob ids, stages), the diffs, and every file's bytes. */
export function workAreaSnapshot(repo: string): string {
  const h = createHash('sha256');
  h.update(sh(repo, 'ls-files', '-s', '-z'));
  h.update(sh(repo, 'diff', '--binary'));
  h.update(sh(repo, 'diff', '--cached', '--binary'));
  h.update(sh(repo, 'status', '--porcelain=v2', '-z', '--untracked-files=all'));
  h.update(readFileSync(join(repo, '.git', 'index')));
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (dir === repo && name === '.git') continue;
      const abs = join(dir, name);
      const st = lstatSync(abs);
      h.update(`${abs}\0${st.mode}\0`);
      if (st.isDirectory()) walk(abs);
      else if (st.isFile()) h.update(readFileSync(abs));
    }
  };
  walk(repo);
  return h.digest('hex');
}

/** Puts `node_modules/.bin/keyhound` in `repo`, running this worktree's built CLI, as an installed keyhound would. */
export function installShim(repo: string): void {
  const shim = join(repo, 'node_modules', '.bin', 'keyhound');
  writeTree(repo, { 'node_modules/.bin/keyhound': `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n` });
  chmodSync(shim, 0o755);
}
