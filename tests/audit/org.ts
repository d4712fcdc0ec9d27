// A small "organisation" for audit tests: temporary repositories with fake keys in their history (a key still
// there, a key deleted later, a key on a branch), listed as local paths and file:// URLs. Keys are made at test time.

import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandTemplate } from '../../src/fakes/index.js';
import { commitAll, gitAt } from '../helpers/history-repo.js';
import { tempRepo } from '../helpers/git.js';
import { tempDir } from '../helpers/tmp.js';

/** Assignments of fake keys of several providers, one a line. */
export const KEY_LINES: readonly ((i: number) => string)[] = [
  () => `GITHUB_TOKEN=${expandTemplate('{{github:ghp}}')}`,
  () => `OPENAI_API_KEY=${expandTemplate('{{openai:proj}}')}`,
  () => `ANTHROPIC_API_KEY=${expandTemplate('{{anthropic:api03}}')}`,
  () => `GITLAB_TOKEN=${expandTemplate('{{gitlab:glpat-}}')}`,
  () => `NPM_TOKEN=${expandTemplate('{{npm}}')}`,
];

export interface OrgRepo {
  dir: string;
  /** As written in the list: a path or a file:// URL. */
  spec: string;
  /** The name reports give it. */
  name: string;
  /** Every key planted in its history. */
  secrets: string[];
}

/** `count` repositories, every second one listed as a file:// URL; each has three keys in its history. */
export function makeOrg(count = 6): { repos: OrgRepo[]; list: string } {
  const repos: OrgRepo[] = [];
  for (let n = 0; n < count; n++) {
    const dir = tempRepo();
    const secrets: string[] = [];
    const key = (k: number): string => {
      const line = KEY_LINES[(n + k) % KEY_LINES.length]!(n);
      secrets.push(line.slice(line.indexOf('=') + 1));
      return line;
    };
    commitAll(dir, { 'README.md': `# service ${n}\n` }, 'initial');
    commitAll(dir, { 'config/app.env': `PORT=80${n}\n${key(0)}\n` }, 'add config');
    commitAll(dir, { 'notes.txt': `${key(1)}\n` }, 'notes');
    rmSync(join(dir, 'notes.txt'));
    commitAll(dir, {}, 'remove notes');
    gitAt(dir, ['checkout', '-q', '-b', 'experiment']);
    commitAll(dir, { 'lab/try.sh': `export ${key(2)}\n` }, 'try');
    gitAt(dir, ['checkout', '-q', 'main']);
    const name = dir.split('/').pop()!;
    repos.push({ dir, spec: n % 2 ? `file://${dir}` : dir, name, secrets });
  }
  const list = join(tempDir('keyhound-org-'), 'repos.txt');
  writeFileSync(list, `# the organisation\n${repos.map((r) => r.spec).join('\n')}\n`);
  return { repos, list };
}
