// Issue 17, the range cases for `keyhound diff`: every commit of a pull request or push is scanned against its
// parents, never the net diff, and keys the base already held still do not count.

import { describe, expect, it } from 'vitest';
import { githubToken } from '../../src/fakes/index.js';
import { keyhound } from '../helpers/cli.js';
import { commitFiles, sh, tempRepo } from '../helpers/git.js';
import { tempDir } from '../helpers/tmp.js';

interface JsonFinding {
  path: string;
  line: number;
  commit?: { sha: string };
}

function diff(repo: string, ...args: string[]): { status: number; findings: JsonFinding[]; stderr: string } {
  const r = keyhound(['diff', ...args, '--format', 'json'], { cwd: repo });
  return { status: r.status, findings: r.stdout ? (JSON.parse(r.stdout).findings as JsonFinding[]) : [], stderr: r.stderr };
}

describe('issue 17: keyhound diff scans every commit of the range', () => {
  // Case 1: a key added in one commit and removed in the next passed, because only the net diff was scanned.
  it('reports a key added and removed inside the range, with the commit that added it', () => {
    const repo = tempRepo();
    const base = commitFiles(repo, { 'app.py': 'print(1)\n' }, 'base');
    sh(repo, 'checkout', '-q', '-b', 'feature');
    const key = githubToken();
    const adding = commitFiles(repo, { 'app.py': `print(1)\nTOKEN = "${key}"\n` }, 'add a key');
    const after = commitFiles(repo, { 'app.py': 'print(1)\nTOKEN = os.environ["TOKEN"]\n' }, 'remove it again');
    for (const range of ['main...feature', `${base}..${after}`, 'main']) {
      const r = diff(repo, range);
      expect(r.status, range).toBe(1);
      expect(r.findings.map((f) => [f.path, f.line, f.commit?.sha])).toEqual([['app.py', 2, adding]]);
    }
  });

  it('does not count a key the base already held: edited file, renamed file, merged-in base, reverted file', () => {
    const repo = tempRepo();
    const old = githubToken();
    commitFiles(repo, { 'config.py': `DEBUG = True\nOLD = "${old}"\n`, 'keys/old.env': `T=${old}\nX=1\n` }, 'base');
    sh(repo, 'checkout', '-q', '-b', 'feature');
    commitFiles(repo, { 'config.py': `DEBUG = False\nOLD = "${old}"\nNAME = "x"\n` }, 'edit next to the old key');
    sh(repo, 'mv', 'keys/old.env', 'keys/renamed.env');
    sh(repo, 'commit', '-q', '-m', 'rename');
    commitFiles(repo, { 'config.py': `DEBUG = True\nOLD = "${old}"\n` }, 'revert to the base version');
    // main moves on with a key of its own, and is merged into the branch.
    sh(repo, 'checkout', '-q', 'main');
    const mainKey = githubToken();
    commitFiles(repo, { 'main.env': `T=${mainKey}\n` }, 'main adds its own key');
    sh(repo, 'checkout', '-q', 'feature');
    sh(repo, 'merge', '-q', '--no-edit', 'main');
    const r = diff(repo, 'main...feature');
    expect(r.stderr).toBe('');
    expect(r.findings).toEqual([]);
    expect(r.status).toBe(0);
  });

  it('reports a key a merge itself adds (a conflict resolution)', () => {
    const repo = tempRepo();
    commitFiles(repo, { 'a.txt': 'one\n' }, 'base');
    sh(repo, 'checkout', '-q', '-b', 'feature');
    commitFiles(repo, { 'a.txt': 'feature\n' }, 'feature side');
    sh(repo, 'checkout', '-q', 'main');
    commitFiles(repo, { 'a.txt': 'main\n' }, 'main side');
    sh(repo, 'checkout', '-q', 'feature');
    try {
      sh(repo, 'merge', '-q', 'main');
    } catch {
      // the expected conflict
    }
    const key = githubToken();
    commitFiles(repo, { 'a.txt': `resolved\nTOKEN=${key}\n` }, 'merge main');
    const merge = sh(repo, 'rev-parse', 'HEAD');
    expect(sh(repo, 'rev-list', '--parents', '-n', '1', 'HEAD').split(' ')).toHaveLength(3);
    const r = diff(repo, 'main...feature');
    expect(r.findings.map((f) => [f.path, f.commit?.sha])).toEqual([['a.txt', merge]]);
  });

  // Case 11 for the CLI: in a shallow clone, the commits whose parents are missing are named.
  it('names the commits of a shallow clone that could not be compared with their parents', () => {
    const origin = tempRepo();
    commitFiles(origin, { 'a.txt': 'one\n' }, 'one');
    const before = commitFiles(origin, { 'a.txt': 'two\n' }, 'two');
    const key = githubToken();
    commitFiles(origin, { 'b.env': `T=${key}\n` }, 'three');
    const after = commitFiles(origin, { 'a.txt': 'four\n' }, 'four');
    const clone = tempDir('keyhound-shallow-');
    sh(clone, 'clone', '-q', '--depth', '2', `file://${origin}`, 'c');
    const repo = `${clone}/c`;
    const r = diff(repo, `${before}..${after}`);
    expect(r.status).toBe(2); // `before` is not in a depth-2 clone
    const shallow = diff(repo, `HEAD~1..HEAD`);
    expect(shallow.status).toBe(0);
    const whole = keyhound(['diff', `${before}..${after}`], { cwd: origin });
    expect(whole.status).toBe(1);
    sh(repo, 'fetch', '-q', '--depth', '1', 'origin', before);
    const edge = keyhound(['diff', `${before}..${after}`], { cwd: repo });
    expect(edge.status).toBe(1);
    expect(edge.stderr).toMatch(/warning: shallow clone: 1 commit\(s\) of the range have no parents here/);
  });
});
