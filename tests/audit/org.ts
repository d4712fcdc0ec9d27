// A small "organisation" for audit tests: temporary repositories with fake keys in their history (a key still
// there, a key deleted later, a key on a branch), listed as local paths and file:// URLs. Keys are made at test time.

import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandTemplate } from '../../src/fakes/index.js';
import { commitAll, gitAt } from '../helpers/history-repo.js';
import { GIT_ENV, tempRepo } from '../helpers/git.js';
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

/** The provider ids of KEY_LINES, in order. */
export const KEY_PROVIDERS = ['github', 'openai', 'anthropic', 'gitlab', 'npm'] as const;

export interface PlantedKey {
  secret: string;
  provider: string;
  repo: string;
}

/**
 * Four repositories with 300 keys in all, committed over two years by several authors, one of them named like a
 * script and one file named like markup: hostile input for the HTML report.
 */
export function makeBigOrg(): { repos: OrgRepo[]; keys: PlantedKey[]; list: string } {
  const repos: OrgRepo[] = [];
  const keys: PlantedKey[] = [];
  const authors = ['Ada Lovelace', 'Grace Hopper', '</script><script>alert("author")</script>', 'Linus <b>T</b>'];
  let k = 0;
  for (let n = 0; n < 4; n++) {
    const dir = tempRepo();
    const name = dir.split('/').pop()!;
    const secrets: string[] = [];
    for (let c = 0; c < 25; c++) {
      const lines: string[] = [];
      for (let j = 0; j < 3; j++, k++) {
        const line = KEY_LINES[k % KEY_LINES.length]!(k);
        const secret = line.slice(line.indexOf('=') + 1);
        secrets.push(secret);
        keys.push({ secret, provider: KEY_PROVIDERS[k % KEY_PROVIDERS.length]!, repo: name });
        lines.push(line);
      }
      const file = c === 3 && n === 0 ? 'x<img src=x onerror=alert(1)>.env' : `svc${c % 5}/settings-${c}.env`;
      writeFileSync(join(dir, 'README.md'), `# ${c}\n`);
      mkdirSync(join(dir, file, '..'), { recursive: true });
      writeFileSync(join(dir, file), `${lines.join('\n')}\n`);
      const when = Date.UTC(2024, 0, 1) / 1000 + (n * 25 + c) * 7 * 86_400;
      gitAt(dir, ['add', '-A'], when);
      const author = authors[(n + c) % authors.length]!;
      execFileSync('git', ['commit', '-q', '-m', `change ${c}`], {
        cwd: dir,
        env: { ...process.env, ...GIT_ENV, GIT_AUTHOR_NAME: author, GIT_AUTHOR_DATE: `${when} +0000`, GIT_COMMITTER_DATE: `${when} +0000` },
      });
    }
    repos.push({ dir, spec: n % 2 ? `file://${dir}` : dir, name, secrets });
  }
  const list = join(tempDir('keyhound-org-'), 'repos.txt');
  writeFileSync(list, `${repos.map((r) => r.spec).join('\n')}\n`);
  return { repos, keys, list };
}
