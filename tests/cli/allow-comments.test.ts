// The config key `allowComments` (issue 21): other scanners' inline allow comments, honoured by every command when
// named — here `scan` and `staged` (the pre-commit hook) — and never by default.

import { describe, expect, it } from 'vitest';
import { keyhound } from '../helpers/cli.js';
import { commitFiles, sh, tempRepo } from '../helpers/git.js';
import { ghToken } from '../helpers/staged.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const files = (): Record<string, string> => ({
  'a.js': `const a = "${ghToken()}"; // secretlint-disable-line\n`,
  'b.py': `# pragma: allowlist nextline secret\nB = "${ghToken()}"\n`,
  'c.go': `c := "${ghToken()}" // trufflehog:ignore\n`,
  'd.txt': `D=${ghToken()}\n`,
});

function lines(stdout: string): string[] {
  return (JSON.parse(stdout) as { findings: { path: string; line: number }[] }).findings.map((f) => `${f.path}:${f.line}`).sort();
}

describe('allowComments in .keyhound.yaml', () => {
  it('scan: only the named tools\' comments allow, and none by default', () => {
    const dir = tempDir();
    writeTree(dir, files());
    expect(lines(keyhound(['scan', '.', '-f', 'json'], { cwd: dir }).stdout)).toEqual(['a.js:1', 'b.py:2', 'c.go:1', 'd.txt:1']);
    writeTree(dir, { '.keyhound.yaml': 'allowComments: [secretlint, detect-secrets]\n' });
    expect(lines(keyhound(['scan', '.', '-f', 'json'], { cwd: dir }).stdout)).toEqual(['c.go:1', 'd.txt:1']);
  });

  it('staged (the hook) reads it too', () => {
    const repo = tempRepo();
    commitFiles(repo, { '.keyhound.yaml': 'allowComments: [trufflehog]\n' });
    writeTree(repo, files());
    sh(repo, 'add', '-A');
    const r = keyhound(['staged', '-f', 'json'], { cwd: repo });
    expect(r.status).toBe(1);
    expect(lines(r.stdout)).toEqual(['a.js:1', 'b.py:2', 'd.txt:1']);
  });

  it('applies to a key found in decoded text, on the encoded line', () => {
    const dir = tempDir();
    const encoded = Buffer.from(`export GITHUB_TOKEN=${ghToken()}\n`).toString('base64');
    writeTree(dir, { 'secret.yaml': `data:\n  env: ${encoded} # trufflehog:ignore\n` });
    expect(lines(keyhound(['scan', '.', '-f', 'json'], { cwd: dir }).stdout)).toEqual(['secret.yaml:2']);
    writeTree(dir, { '.keyhound.yaml': 'allowComments: [trufflehog]\n' });
    expect(lines(keyhound(['scan', '.', '-f', 'json'], { cwd: dir }).stdout)).toEqual([]);
  });

  it('rejects an unknown tool (exit 2, naming the field)', () => {
    const dir = tempDir();
    writeTree(dir, { '.keyhound.yaml': 'allowComments: [ggshield]\n', 'x.txt': 'nothing\n' });
    const r = keyhound(['scan', '.'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('allowComments');
  });
});
