// End to end: `keyhound history` on repositories built here, with keys hidden in every place history can hide them.

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseFastArgs } from '../../src/cli/fast-args.js';
import { keyhound } from '../helpers/cli.js';
import { tempRepo } from '../helpers/git.js';
import { commitAll, historyRepo, type HistoryRepo } from '../helpers/history-repo.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

interface JsonFinding {
  ruleId: string;
  path: string;
  line: number;
  secret: string;
  fingerprint: string;
  commit: { sha: string; author: string; email: string; date: string; message: string };
}

function json(args: string[]): { status: number; stderr: string; findings: JsonFinding[] } {
  const r = keyhound(['history', ...args, '--format', 'json', '--no-redact']);
  const findings = r.stdout ? (JSON.parse(r.stdout).findings as JsonFinding[]) : [];
  return { status: r.status, stderr: r.stderr, findings };
}

describe('keyhound history', () => {
  let h: HistoryRepo;
  beforeAll(() => {
    h = historyRepo();
  });

  it('reports every hidden key once, with the introducing commit, path and line', () => {
    const r = json([h.repo]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    for (const hidden of h.hidden) {
      const found = r.findings.filter((f) => f.secret === hidden.secret);
      expect(found.map((f) => ({ place: hidden.place, sha: f.commit.sha, path: f.path, line: f.line, ruleId: f.ruleId }))).toEqual([
        { place: hidden.place, sha: hidden.sha, path: hidden.path, line: hidden.line, ruleId: hidden.ruleId },
      ]);
    }
    expect(r.findings).toHaveLength(h.hidden.length);
    const edited = r.findings.find((f) => f.path === 'ci/env.yaml')!;
    expect(edited.commit).toEqual({
      sha: h.hidden.find((x) => x.place === 'edited')!.sha,
      author: 'Test Author',
      email: 'author@example.invalid',
      date: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      message: 'ci env',
    });
  });

  it('redacts by default and names the commit in the text report', () => {
    const r = keyhound(['history', h.repo]);
    expect(r.status).toBe(1);
    for (const hidden of h.hidden) expect(r.stdout + r.stderr).not.toContain(hidden.secret);
    const merge = h.hidden.find((x) => x.place === 'merge resolution')!;
    expect(r.stdout).toContain(`settings.py @ ${merge.sha.slice(0, 12)}`);
    expect(r.stdout).toMatch(/7 secrets found/);
  });

  it('narrows with --branch, --range, --since and --max-commits', () => {
    const places = (args: string[]) => {
      const r = json([h.repo, ...args]);
      expect(r.status, r.stderr).toBeLessThan(2);
      return r.findings.map((f) => h.hidden.find((x) => x.secret === f.secret)!.place).sort();
    };
    expect(places(['--branch', 'main'])).toEqual(['deleted', 'edited', 'merge resolution', 'plain', 'renamed']);
    const plain = h.hidden.find((x) => x.place === 'plain')!;
    expect(places(['--range', `${plain.sha}..main`])).toEqual(['deleted', 'edited', 'merge resolution', 'renamed']);
    expect(places(['--since', `@${h.editedAt - 1}`])).toEqual(['edited', 'merge resolution', 'tag only', 'unmerged branch']);
    expect(places(['--branch', 'experiment', '--max-commits', '1'])).toEqual(['unmerged branch']);
  });

  it('honours .keyhound.yaml at the top of the work tree', () => {
    writeTree(h.repo, { '.keyhound.yaml': "allowlist:\n  paths: ['lab/**']\n" });
    try {
      const r = json([h.repo]);
      expect(r.findings.some((f) => f.path.startsWith('lab/'))).toBe(false);
      expect(r.findings).toHaveLength(h.hidden.length - 1);
    } finally {
      execFileSync('rm', [join(h.repo, '.keyhound.yaml')]);
    }
  });

  it('reads a bare repository', () => {
    const bare = join(tempDir(), 'bare.git');
    execFileSync('git', ['clone', '-q', '--bare', h.repo, bare]);
    const r = json([bare]);
    expect(r.status).toBe(1);
    expect(r.findings.map((f) => f.secret).sort()).toEqual(h.hidden.map((x) => x.secret).sort());
  });

  it('warns that a shallow clone holds only part of the history', () => {
    const shallow = join(tempDir(), 'shallow');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${h.repo}`, shallow]);
    const r = keyhound(['history', shallow, '--format', 'json']);
    expect(r.stderr).toMatch(/warning: shallow clone: history is partial/);
    expect(JSON.parse(r.stdout).stats.files).toBeGreaterThan(0);
  });

  it('exits 0 with a note on a repository without commits', () => {
    const r = keyhound(['history', tempRepo(), '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/no commits yet/);
    expect(JSON.parse(r.stdout).findings).toEqual([]);
    expect(keyhound(['history', tempRepo(), '--quiet'])).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });

  it('exits 0 on a clean history', () => {
    const repo = tempRepo();
    commitAll(repo, { 'a.txt': 'nothing here\n' }, 'clean');
    const r = keyhound(['history', repo]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/no secrets found \(scanned 1 file/);
  });

  it('exits 2 with a clear message for a folder that is not a repository, or a missing one', () => {
    const dir = tempDir();
    expect(keyhound(['history', dir])).toMatchObject({ status: 2, stdout: '', stderr: `keyhound: not a git repository: ${dir}\n` });
    expect(keyhound(['history', join(dir, 'nope')])).toMatchObject({ status: 2, stderr: expect.stringMatching(/path not found/) });
  });

  it('exits 2 on bad narrowing options', () => {
    expect(keyhound(['history', h.repo, '--branch', 'no-such-branch']).stderr).toMatch(/no-such-branch/);
    expect(keyhound(['history', h.repo, '--branch', 'no-such-branch']).status).toBe(2);
    expect(keyhound(['history', h.repo, '--branch', 'main', '--range', 'a..b'])).toMatchObject({ status: 2 });
    expect(keyhound(['history', h.repo, '--max-commits', '0'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/--max-commits/) });
  });

  it('lists skipped blobs with --verbose', () => {
    const repo = tempRepo();
    commitAll(repo, { 'logo.png': Buffer.from([0x89, 0x50, 0, 0]), 'big.txt': 'y'.repeat(3000) }, 'assets');
    const r = keyhound(['history', repo, '--verbose', '--max-file-size', '2K']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/skipped 2:\n {2}big\.txt: larger than --max-file-size[^\n]*\n {2}logo\.png: binary/);
  });

  it('gives the same answer through the fast path and the full parser', () => {
    const fast = keyhound(['history', h.repo, '--format=json', '--max-commits', '50', '--no-color']);
    const full = keyhound(['history', h.repo, '-vq', '--format', 'json', '--max-commits', '50']); // -vq: only yargs reads grouped flags
    const strip = (s: string): unknown => ({ ...(JSON.parse(s) as object), stats: null });
    expect(fast.status).toBe(1);
    expect(full.status).toBe(1);
    expect(strip(full.stdout)).toEqual(strip(fast.stdout));
    expect(full.stderr).toContain('skipped 0:');
    // Errors read alike too.
    const badFast = keyhound(['history', h.repo, '--max-commits', 'x']);
    const badFull = keyhound(['history', h.repo, '-vq', '--max-commits', 'x']);
    expect(badFast.status).toBe(2);
    expect(badFull.status).toBe(2);
    expect(badFast.stderr).toMatch(/--max-commits must be a positive whole number/);
  });

  it('documents its options in --help', () => {
    const r = keyhound(['history', '--help']);
    for (const opt of ['--branch', '--range', '--since', '--max-commits', '--max-file-size']) expect(r.stdout).toContain(opt);
  });
});

describe('parseFastArgs for history (the fast path)', () => {
  it('understands the repository and the common options, and hands anything else to yargs', () => {
    expect(parseFastArgs(['history'])).toEqual({ command: 'history', args: {} });
    expect(parseFastArgs(['history', 'repo', '--branch=main', '--max-commits', '5', '-f', 'sarif', '-q'])).toEqual({
      command: 'history',
      args: { repo: 'repo', branch: 'main', 'max-commits': '5', format: 'sarif', quiet: true },
    });
    expect(parseFastArgs(['history', 'a', 'b'])).toBeNull(); // one repository only
    expect(parseFastArgs(['history', '--help'])).toBeNull();
    expect(parseFastArgs(['history', '--branch'])).toBeNull();
    expect(parseFastArgs(['history', '--branch', 'a', '--branch', 'b'])).toBeNull();
    expect(parseFastArgs(['history', '--', 'repo'])).toBeNull();
    expect(parseFastArgs(['history', '--format', 'xml'])).toBeNull();
    expect(parseFastArgs(['staged', 'repo'])).toBeNull(); // staged takes no positional
    expect(parseFastArgs(['staged', '--branch', 'main'])).toBeNull(); // nor history's options
    expect(parseFastArgs(['scan', '.'])).toBeNull();
  });
});
