// `keyhound staged` end to end: the built CLI in real temporary repositories.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStagedArgs } from '../../src/cli/fast.js';
import { keyhound } from '../helpers/cli.js';
import { commitFiles, sh, tempRepo } from '../helpers/git.js';
import { ghToken, workAreaSnapshot } from '../helpers/staged.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

function repoWithStagedKey(): { repo: string; token: string } {
  const repo = tempRepo();
  commitFiles(repo, { 'app.js': 'const a = 1;\n' });
  const token = ghToken();
  writeTree(repo, { 'app.js': `const a = 1;\nconst token = '${token}';\n` });
  sh(repo, 'add', '-A');
  return { repo, token };
}

describe('keyhound staged', () => {
  it('exits 1 on a staged key, naming file, line and rule, with the three ways out, secret redacted', () => {
    const { repo, token } = repoWithStagedKey();
    const before = workAreaSnapshot(repo);
    const r = keyhound(['staged'], { cwd: repo });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('app.js');
    expect(r.stdout).toMatch(/^\s+2:16\s+critical\s+github-token/m);
    expect(r.stdout).toContain('rotate the key');
    expect(r.stdout).toContain('keyhound:allow');
    expect(r.stdout).toContain('keyhound baseline');
    expect(r.stdout + r.stderr).not.toContain(token);
    expect(workAreaSnapshot(repo)).toBe(before);
  });

  it('lets an accepted key through with --baseline (and the config key), through the fast path and the full CLI', () => {
    const { repo } = repoWithStagedKey();
    // Accept what is staged: baseline the working tree (same path, same secret), then stage again.
    expect(keyhound(['baseline', repo]).status).toBe(0);
    for (const args of [['staged', '--baseline', '.keyhound-baseline.json'], ['staged', '-vq', '--baseline', '.keyhound-baseline.json']]) {
      const r = keyhound(args, { cwd: repo });
      expect(r.status, r.stdout + r.stderr).toBe(0);
    }
    writeTree(repo, { '.keyhound.yaml': 'baseline: .keyhound-baseline.json\n' });
    expect(keyhound(['staged'], { cwd: repo }).status).toBe(0);
    // A second, new key in the same commit still blocks.
    writeTree(repo, { 'more.js': `export const t = '${ghToken()}';\n` });
    sh(repo, 'add', '-A');
    expect(keyhound(['staged'], { cwd: repo }).status).toBe(1);
  });

  it('exits 0 when nothing staged adds a key; --quiet prints nothing', () => {
    const repo = tempRepo();
    commitFiles(repo, { 'app.js': `const t = '${ghToken()}';\n` });
    writeTree(repo, { 'app.js': `const t = '${ghToken()}';\n`, 'b.js': 'const b = 2;\n' });
    sh(repo, 'add', 'b.js');
    const r = keyhound(['staged'], { cwd: repo });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/no secrets found \(scanned 1 file/);
    expect(keyhound(['staged', '--quiet'], { cwd: repo })).toMatchObject({ status: 0, stdout: '' });
  });

  it('writes the JSON report like scan, and lists skips with --verbose', () => {
    const { repo } = repoWithStagedKey();
    writeTree(repo, { 'blob.bin': Buffer.from([0, 1, 2, 3]) });
    sh(repo, 'add', 'blob.bin');
    const r = keyhound(['staged', '--format', 'json', '--verbose'], { cwd: repo });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { findings: { path: string; line: number; ruleId: string; secret: string }[]; stats: { skipped: number } };
    expect(report.findings.map((f) => [f.path, f.line, f.ruleId])).toEqual([['app.js', 2, 'github-token']]);
    expect(report.findings[0]!.secret).toMatch(/…$/);
    expect(report.stats.skipped).toBe(1);
    expect(r.stderr).toContain('blob.bin: binary');
  });

  it('takes .keyhound.yaml from the repository top, also when run in a sub-folder', () => {
    const { repo } = repoWithStagedKey();
    writeTree(repo, { '.keyhound.yaml': 'disable: [github-token, generic-secret-assignment, generic-secret-binding]\n', 'sub/dir/x.txt': 'x\n' });
    expect(keyhound(['staged'], { cwd: join(repo, 'sub', 'dir') }).status).toBe(0);
    writeFileSync(join(repo, '.keyhound.yaml'), 'disable: [no-such-rule]\n');
    const bad = keyhound(['staged'], { cwd: repo });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('no-such-rule');
  });

  it('gives the same answer through the fast path and the full parser', () => {
    const { repo } = repoWithStagedKey();
    const fast = keyhound(['staged', '--format=json', '--no-color'], { cwd: repo });
    const full = keyhound(['staged', '-vq', '--format', 'json'], { cwd: repo }); // -vq: only yargs reads grouped flags
    const strip = (s: string): unknown => ({ ...(JSON.parse(s) as object), stats: null });
    expect(fast.status).toBe(1);
    expect(full.status).toBe(1);
    expect(strip(full.stdout)).toEqual(strip(fast.stdout));
    expect(full.stderr).toContain('skipped 0:');
  });

  it('exits 2 outside a repository and on bad options', () => {
    const dir = tempDir();
    const r = keyhound(['staged'], { cwd: dir, env: { GIT_CEILING_DIRECTORIES: dir } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('not inside a git repository');
    expect(keyhound(['staged', '--format', 'xml'], { cwd: dir }).status).toBe(2);
    expect(keyhound(['staged', '--bogus'], { cwd: dir }).status).toBe(2);
  });

  it('documents itself in --help', () => {
    const r = keyhound(['staged', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('only the lines the commit adds');
    expect(r.stdout).toContain('--max-file-size');
  });
});

describe('parseStagedArgs (the fast path)', () => {
  it('understands the common options and hands anything else to yargs', () => {
    expect(parseStagedArgs(['staged'])).toEqual({});
    expect(parseStagedArgs(['staged', '-f', 'json', '--quiet', '--config=x.yaml', '--max-file-size', '1M'])).toEqual({
      format: 'json',
      quiet: true,
      config: 'x.yaml',
      'max-file-size': '1M',
    });
    expect(parseStagedArgs(['staged', '--help'])).toBeNull();
    expect(parseStagedArgs(['staged', '-vq'])).toBeNull();
    expect(parseStagedArgs(['staged', '--format', 'xml'])).toBeNull();
    expect(parseStagedArgs(['staged', '--output'])).toBeNull();
    expect(parseStagedArgs(['scan'])).toBeNull();
  });
});
