// Issue 17, the file cases: runs that came out green with a key in them (tracked-but-ignored files, ignored folders
// and symbolic links named on the command line, names that are not UTF-8), and runs whose result rests on nothing.

import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandTemplate } from '../../src/fakes/index.js';
import { keyhound } from '../helpers/cli.js';
import { commitFiles, sh, tempRepo } from '../helpers/git.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const token = (): string => expandTemplate('{{github:ghp}}');

function findings(stdout: string): { path: string; line: number; ruleId: string }[] {
  return JSON.parse(stdout).findings;
}

describe('issue 17: keyhound scan follows git semantics for files', () => {
  // Case 3: `prod.env` was committed, then .gitignore learnt to match it; git still tracks it, keyhound skipped it.
  it('scans a tracked file that .gitignore matches, in the folder walk', () => {
    const repo = tempRepo();
    commitFiles(repo, { 'prod.env': `GITHUB_TOKEN=${token()}\n`, 'deploy/keys.env': `TOKEN=${token()}\n` });
    commitFiles(repo, { '.gitignore': 'prod.env\ndeploy/\n', 'deploy/untracked.txt': 'x\n' });
    const r = keyhound(['scan', '.', '--format', 'json', '--verbose'], { cwd: repo });
    expect(r.status).toBe(1);
    expect(findings(r.stdout).map((f) => f.path)).toEqual(['deploy/keys.env', 'prod.env']);
    // The untracked file in the ignored folder stays ignored, and says so.
    expect(r.stderr).toMatch(/deploy\/untracked\.txt: gitignored/);
  });

  it('still ignores untracked files that .gitignore matches', () => {
    const repo = tempRepo();
    commitFiles(repo, { '.gitignore': 'local.env\n', 'README.md': 'hello\n' });
    writeFileSync(join(repo, 'local.env'), `GITHUB_TOKEN=${token()}\n`);
    const r = keyhound(['scan', '.', '--format', 'json', '--verbose'], { cwd: repo });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/local\.env: gitignored/);
  });

  // Case 4: `keyhound scan vendor` printed "no secrets found (scanned 0 files, 144 skipped)".
  it('scans a folder named on the command line even when .gitignore matches it', () => {
    const repo = tempRepo();
    commitFiles(repo, { '.gitignore': 'vendor/\n*.log\n', 'README.md': 'hello\n' });
    writeTree(repo, { 'vendor/lib/client.js': `const token = "${token()}";\n`, 'vendor/.gitignore': 'skip-me.js\n', 'vendor/skip-me.js': `t = "${token()}"\n` });
    const r = keyhound(['scan', 'vendor', '--format', 'json', '--verbose'], { cwd: repo });
    expect(r.status).toBe(1);
    expect(findings(r.stdout).map((f) => f.path)).toEqual(['lib/client.js']);
    // The patterns inside the named folder still apply.
    expect(r.stderr).toMatch(/skip-me\.js: gitignored/);
  });

  // Case 5: `keyhound scan link.env` scanned 0 files and exited 0.
  it('follows a symbolic link named on the command line, not one met while walking', () => {
    const dir = tempDir();
    writeTree(dir, { 'real/prod.env': `GITHUB_TOKEN=${token()}\n` });
    symlinkSync('real/prod.env', join(dir, 'link.env'));
    symlinkSync('real', join(dir, 'linkdir'));
    const file = keyhound(['scan', 'link.env', '--format', 'json'], { cwd: dir });
    expect(file.status).toBe(1);
    expect(findings(file.stdout)).toHaveLength(1);
    const folder = keyhound(['scan', 'linkdir', '--format', 'json'], { cwd: dir });
    expect(folder.status).toBe(1);
    expect(findings(folder.stdout).map((f) => f.path)).toEqual(['prod.env']);
    mkdirSync(join(dir, 'walk'));
    symlinkSync('../real/prod.env', join(dir, 'walk/inner.env'));
    const walk = keyhound(['scan', 'walk', '--format', 'json', '--verbose'], { cwd: dir });
    expect(walk.stderr).toMatch(/inner\.env: symbolic link \(not followed\)/);
  });

  // Case 6: `caf\xe9.env` was skipped as "vanished or unreadable: ENOENT".
  it('reads and reports a file whose name is not valid UTF-8', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'conf'));
    writeFileSync(Buffer.concat([Buffer.from(join(dir, 'conf') + '/'), Buffer.from('caf\xe9.env', 'latin1')]), `GITHUB_TOKEN=${token()}\n`);
    const odd = Buffer.concat([Buffer.from(dir + '/'), Buffer.from('d\xffr', 'latin1')]);
    mkdirSync(odd);
    writeFileSync(Buffer.concat([odd, Buffer.from('/inner.env')]), `GITHUB_TOKEN=${token()}\n`);
    const r = keyhound(['scan', '.', '--format', 'json', '--verbose'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(findings(r.stdout).map((f) => f.path)).toEqual(['conf/caf\\xE9.env', 'd\\xFFr/inner.env']);
    expect(r.stderr).not.toMatch(/ENOENT/);
  });
});

describe('issue 17: a result that rests on nothing says so', () => {
  it('warns when files were skipped and none was scanned', () => {
    const dir = tempDir();
    writeTree(dir, { 'image.bin': Buffer.from([0, 1, 2, 0, 3, 0, 255, 0]), 'big.env': `GITHUB_TOKEN=${token()}\n${'x'.repeat(2048)}\n` });
    const r = keyhound(['scan', '.', '--max-file-size', '1K'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/warning: nothing was scanned: 2 path\(s\) skipped/);
  });

  it('makes a run with no active rule an error unless --allow-no-rules', () => {
    const dir = tempDir();
    writeTree(dir, { '.keyhound.yaml': 'extends: none\n', 'a.env': `GITHUB_TOKEN=${token()}\n` });
    const r = keyhound(['scan', '.'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no rule is active/);
    const allowed = keyhound(['scan', '.', '--allow-no-rules'], { cwd: dir });
    expect(allowed.status).toBe(0);
    const repo = tempRepo();
    writeTree(repo, { '.keyhound.yaml': 'extends: none\n', 'a.env': `GITHUB_TOKEN=${token()}\n` });
    sh(repo, 'add', '-A');
    const staged = keyhound(['staged'], { cwd: repo });
    expect(staged.status).toBe(2);
    expect(staged.stderr).toMatch(/no rule is active/);
  });
});
