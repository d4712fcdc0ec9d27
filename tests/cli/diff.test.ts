// `keyhound diff` as a user runs it.

import { describe, expect, it } from 'vitest';
import { githubToken } from '../../src/fakes/index.js';
import { keyhound } from '../helpers/cli.js';
import { commitFiles, tempRepo } from '../helpers/git.js';

describe('keyhound diff', () => {
  it('exits 1 on a key the range adds, 0 on a range that adds none, 2 on a missing commit', () => {
    const repo = tempRepo();
    const oldKey = githubToken();
    const base = commitFiles(repo, { 'k.txt': `old ${oldKey}\n` });
    const clean = commitFiles(repo, { 'k.txt': `old ${oldKey}\nnothing here\n` });
    const key = githubToken();
    commitFiles(repo, { 'k.txt': `old ${oldKey}\nnothing here\nnew ${key}\n` }, 'leak');

    const found = keyhound(['diff', `${clean}..HEAD`, '--format', 'json'], { cwd: repo });
    expect(found.status).toBe(1);
    const doc = JSON.parse(found.stdout) as { findings: { line: number; secret: string; commit?: { message: string } }[] };
    expect(doc.findings.map((f) => [f.line, f.commit?.message])).toEqual([[3, 'leak']]);
    expect(found.stdout).not.toContain(key);

    expect(keyhound(['diff', `${base}..${clean}`], { cwd: repo }).status).toBe(0);
    expect(keyhound(['diff', base, repo]).status).toBe(1); // BASE alone = BASE...HEAD, repository as a positional
    const missing = keyhound(['diff', 'nope...HEAD'], { cwd: repo });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('commit not found: nope');
  });

  it('is in --help', () => {
    expect(keyhound(['--help']).stdout).toContain('keyhound diff <range> [repo]');
    expect(keyhound(['diff', '--help']).stdout).toContain('--no-attribution');
  });
});
