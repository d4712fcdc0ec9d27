// The staged source on real temporary repositories: what the index adds is scanned, nothing else is.

import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding, Skip } from '../../src/model/types.js';
import { loadRuleSet, scanFragments } from '../../src/scan.js';
import { parsePatchBlocks, repositoryTop, stagedSource } from '../../src/sources/staged.js';
import { commitFiles, sh, tempRepo } from '../helpers/git.js';
import { awsId, ghToken, pemBlock, workAreaSnapshot } from '../helpers/staged.js';
import { writeTree } from '../helpers/tmp.js';

const { ruleSet } = loadRuleSet(process.cwd());

async function stagedFindings(repo: string, cwd = repo): Promise<{ findings: Finding[]; skipped: Skip[]; files: number }> {
  const skipped: Skip[] = [];
  const before = workAreaSnapshot(repo);
  const result = await scanFragments(ruleSet, stagedSource({ cwd, maxFileSize: 25 * 1024 * 1024, onSkip: (s) => void skipped.push(s) }));
  // Never changes the index or the working tree.
  expect(workAreaSnapshot(repo)).toBe(before);
  return { findings: result.findings, skipped, files: result.files };
}

describe('stagedSource', () => {
  it('finds a key in a staged file, on the very first commit (no HEAD yet)', async () => {
    const repo = tempRepo();
    const token = ghToken();
    writeTree(repo, { 'src/app.js': `const a = 1;\nconst token = '${token}';\n` });
    sh(repo, 'add', '-A');
    const { findings } = await stagedFindings(repo);
    expect(findings.map((f) => [f.path, f.line, f.ruleId, f.secret])).toEqual([['src/app.js', 2, 'github-token', token]]);
  });

  it('scans the index, not the working tree: a staged key removed from the file still counts', async () => {
    const repo = tempRepo();
    commitFiles(repo, { 'README.md': 'hello\n' });
    writeTree(repo, { 'config.env': `GITHUB_TOKEN=${ghToken()}\n` });
    sh(repo, 'add', 'config.env');
    writeFileSync(join(repo, 'config.env'), 'GITHUB_TOKEN=\n');
    const { findings } = await stagedFindings(repo);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.path).toBe('config.env');
  });

  it('ignores keys that are only in the working tree (not staged)', async () => {
    const repo = tempRepo();
    commitFiles(repo, { 'app.js': 'const a = 1;\n' });
    writeTree(repo, { 'app.js': `const a = 1;\nconst t = '${ghToken()}';\n`, 'new.env': `T=${ghToken()}\n` });
    writeTree(repo, { 'staged.txt': 'nothing here\n' });
    sh(repo, 'add', 'staged.txt');
    const { findings, files } = await stagedFindings(repo);
    expect(findings).toEqual([]);
    expect(files).toBe(1);
  });

  it('ignores an old committed key when an unrelated line of the same file changes', async () => {
    const repo = tempRepo();
    const old = awsId();
    commitFiles(repo, { 'settings.py': `DEBUG = False\nAWS_KEY = "${old}"\nNAME = "shop"\n` });
    writeTree(repo, { 'settings.py': `DEBUG = True\nAWS_KEY = "${old}"\nNAME = "shop"\n` });
    sh(repo, 'add', '-A');
    expect(sh(repo, 'diff', '--cached', '--stat')).toContain('settings.py');
    const { findings } = await stagedFindings(repo);
    expect(findings).toEqual([]);
  });

  it('reports a new key added next to an old one, and only the new one', async () => {
    const repo = tempRepo();
    const old = awsId();
    commitFiles(repo, { 'settings.py': `AWS_KEY = "${old}"\n` });
    const added = awsId();
    writeTree(repo, { 'settings.py': `AWS_KEY = "${old}"\nAWS_KEY_2 = "${added}"\n` });
    sh(repo, 'add', '-A');
    const { findings } = await stagedFindings(repo);
    expect(findings.map((f) => [f.line, f.secret])).toEqual([[2, added]]);
  });

  it('honours keyhound:allow on the added line', async () => {
    const repo = tempRepo();
    writeTree(repo, { 'test/fixture.js': `const t = '${ghToken()}'; // keyhound:allow test value\n` });
    sh(repo, 'add', '-A');
    expect((await stagedFindings(repo)).findings).toEqual([]);
  });

  it('does not report an old key in a renamed file, but does report a key added to it', async () => {
    const repo = tempRepo();
    const body = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    commitFiles(repo, { 'old name.js': `const t = '${ghToken()}';\n${body}\n` });
    sh(repo, 'mv', 'old name.js', 'new name.js');
    let r = await stagedFindings(repo);
    expect(r.findings).toEqual([]);
    const added = ghToken();
    writeFileSync(join(repo, 'new name.js'), `${sh(repo, 'show', ':new name.js')}\nconst u = '${added}';\n`);
    sh(repo, 'add', '-A');
    expect(sh(repo, 'diff', '--cached', '-M', '--name-status')).toMatch(/^R\d+/);
    r = await stagedFindings(repo);
    expect(r.findings.map((f) => [f.path, f.secret])).toEqual([['new name.js', added]]);
  });

  it('finds a PEM block added as a whole, across its lines', async () => {
    const repo = tempRepo();
    commitFiles(repo, { 'keys/README': 'keys live elsewhere\n' });
    writeTree(repo, { 'keys/deploy.pem': `# deploy key\n${pemBlock()}` });
    sh(repo, 'add', '-A');
    const { findings } = await stagedFindings(repo);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ path: 'keys/deploy.pem', ruleId: 'private-key', line: 2, endLine: 7 });
  });

  it('skips and reports binary files and submodules; deletions add nothing', async () => {
    const repo = tempRepo();
    commitFiles(repo, { 'gone.env': `T=${ghToken()}\n` });
    rmSync(join(repo, 'gone.env'));
    writeTree(repo, { 'logo.png': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), Buffer.from(ghToken())]) });
    const sub = tempRepo();
    commitFiles(sub, { 'x.txt': 'x\n' });
    sh(repo, 'update-index', '--add', '--cacheinfo', `160000,${sh(sub, 'rev-parse', 'HEAD')},vendor/lib`);
    sh(repo, 'add', '-A', '--', 'logo.png', 'gone.env'); // not vendor/lib: it has no folder, -A would unstage it
    expect(sh(repo, 'diff', '--cached', '--name-status')).toMatch(/^D\tgone\.env/m);
    const { findings, skipped } = await stagedFindings(repo);
    expect(findings).toEqual([]);
    expect(skipped).toEqual(
      expect.arrayContaining([
        { path: 'logo.png', reason: 'binary' },
        { path: 'vendor/lib', reason: expect.stringContaining('submodule') },
      ]),
    );
  });

  it('handles file names with spaces, newlines and non-ASCII characters', async () => {
    const repo = tempRepo();
    const names = ['with space.txt', 'new\nline.txt', 'naïve-日本.txt', 'tab\there.txt', '"quoted".txt'];
    writeTree(repo, Object.fromEntries(names.map((n) => [n, `x\nTOKEN=${ghToken()}\n`])));
    sh(repo, 'add', '-A');
    const { findings } = await stagedFindings(repo);
    expect(findings.map((f) => f.path).sort()).toEqual([...names].sort());
    expect(findings.every((f) => f.line === 2)).toBe(true);
  });

  it('reports paths from the repository top when run in a sub-folder', async () => {
    const repo = tempRepo();
    writeTree(repo, { 'a/b/c.env': `T=${ghToken()}\n`, 'top.env': `T=${ghToken()}\n` });
    sh(repo, 'add', '-A');
    const { findings } = await stagedFindings(repo, join(repo, 'a'));
    expect(findings.map((f) => f.path)).toEqual(['a/b/c.env', 'top.env']);
    expect(await repositoryTop(join(repo, 'a', 'b'))).toBe(sh(repo, 'rev-parse', '--show-toplevel'));
  });

  it('uses added line numbers for files git calls binary but that are text (a -diff attribute)', async () => {
    const repo = tempRepo();
    const old = ghToken();
    commitFiles(repo, { '.gitattributes': 'secrets.lock -diff\n', 'secrets.lock': `a=1\nold=${old}\n` });
    const added = ghToken();
    writeTree(repo, { 'secrets.lock': `a=1\nold=${old}\nnew=${added}\n` });
    sh(repo, 'add', '-A');
    const { findings } = await stagedFindings(repo);
    expect(findings.map((f) => [f.line, f.secret])).toEqual([[3, added]]);
  });

  it('handles a type change from symbolic link to file', async () => {
    const repo = tempRepo();
    sh(repo, 'config', 'core.symlinks', 'true');
    writeTree(repo, { 'target.txt': 'x\n' });
    sh(repo, 'add', '-A');
    sh(repo, 'commit', '-q', '-m', 'one');
    sh(repo, 'update-index', '--add', '--cacheinfo', `120000,${sh(repo, 'hash-object', '-w', '--stdin')},link`);
    sh(repo, 'commit', '-q', '-m', 'link');
    const token = ghToken();
    sh(repo, 'rm', '-q', '--cached', 'link');
    writeTree(repo, { link: `T=${token}\n`, 'other.env': `T=${ghToken()}\n` });
    sh(repo, 'add', 'link', 'other.env');
    expect(sh(repo, 'diff', '--cached', '--name-status')).toMatch(/^T\tlink/m);
    const { findings } = await stagedFindings(repo);
    expect(findings.map((f) => f.path)).toEqual(['link', 'other.env']);
  });
});

describe('stagedSource content', () => {
  it('hands the engine exactly the staged blob (CRLF, blank lines, no final newline, odd bytes, suppressBlankEmpty)', async () => {
    const repo = tempRepo();
    sh(repo, 'config', 'diff.suppressBlankEmpty', 'true');
    commitFiles(repo, { 'a.txt': 'one\r\n\r\ntwo\n\nthree' });
    const staged = 'one\r\n\r\n2\n\nthree\n\n  \nlatin: caf\u00e9\nend';
    writeTree(repo, { 'a.txt': staged, 'b.txt': '\n\nx\n' });
    sh(repo, 'add', '-A');
    const got = new Map<string, string>();
    for await (const f of stagedSource({ cwd: repo, maxFileSize: 1e6, onSkip: () => undefined })) got.set(f.path, f.text);
    expect(got.get('a.txt')).toBe(staged);
    expect(got.get('b.txt')).toBe('\n\nx\n');
  });
});

describe('parsePatchBlocks', () => {
  it('reads added line numbers from -U0 hunk headers', () => {
    const patch = 'diff --git a/x b/x\nindex 1..2 100644\n--- a/x\n+++ b/x\n@@ -2,0 +3,2 @@\n+a\n+b\n@@ -9 +11 @@ ctx\n-q\n+r\n';
    expect([...parsePatchBlocks(patch)[0]!.added]).toEqual([3, 4, 11]);
  });

  it('rebuilds the new file from a whole-file hunk, with or without a final newline', () => {
    const patch = 'diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,3 +1,4 @@\n a\n-b\n+B\n\n+c\n\\ No newline at end of file\n';
    const [block] = parsePatchBlocks(patch);
    expect(block!.content).toBe('a\nB\n\nc');
    expect([...block!.added]).toEqual([2, 4]);
    const removedLast = 'diff --git a/y b/y\n@@ -1,2 +1,1 @@\n a\n-b\n\\ No newline at end of file\n';
    expect(parsePatchBlocks(removedLast)[0]!.content).toBe('a\n');
  });

  it('marks binary blocks and ignores content lines that look like headers', () => {
    const patch = 'diff --git a/b b/b\nBinary files a/b and b/b differ\ndiff --git a/t b/t\n--- a/t\n+++ b/t\n@@ -0,0 +1 @@\n+@@ -1 +99,5 @@\n';
    const blocks = parsePatchBlocks(patch);
    expect(blocks.map((b) => b.binary)).toEqual([true, false]);
    expect([...blocks[1]!.added]).toEqual([1]);
  });
});
