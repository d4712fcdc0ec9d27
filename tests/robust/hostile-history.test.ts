// Issue 18 cases 9–14: history that hides a key. Each test builds a temporary repository the way a hostile one can
// be built, runs the built CLI's `history` on it, and names the case of the issue it pins.

import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anthropicKey, bip39Mnemonic, githubToken } from '../../src/fakes/index.js';
import { BIN } from '../helpers/cli.js';
import { GIT_ENV, commitFiles, sh, tempRepo } from '../helpers/git.js';
import { tempDir } from '../helpers/tmp.js';

interface JsonFinding {
  ruleId: string;
  path: string;
  line: number;
  secret: string;
  commit?: { sha: string; message: string };
}

/** `keyhound history <repo> --format json --no-redact` (unless `redact`), with a kill timer. */
function history(repo: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}): { status: number | null; findings: JsonFinding[]; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'history', repo, '--format', 'json', ...extra], {
    env: { ...process.env, NO_COLOR: '1', ...GIT_ENV, ...env },
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  let findings: JsonFinding[] = [];
  try {
    findings = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
  } catch {
    // left empty: the assertions say what was expected
  }
  return { status: r.status, findings, stdout: r.stdout, stderr: r.stderr };
}

const secrets = (fs: readonly JsonFinding[]): string[] => fs.map((f) => f.secret);

describe('issue 18 cases 9–14: history hides nothing', () => {
  it('case 9: a commit hidden by `git replace` is scanned (replace refs are ignored)', () => {
    const repo = tempRepo();
    const key = githubToken();
    const leaky = commitFiles(repo, { 'config.txt': `token = ${key}\n` }, 'add config');
    commitFiles(repo, { 'config.txt': 'token = from-env\n' }, 'use the environment');
    // A clean stand-in for the leaky commit: same parent-less shape, a tree without the key.
    const cleanTree = sh(repo, 'mktree', '--missing');
    const standIn = execFileSync('git', ['commit-tree', cleanTree, '-m', 'add config'], { cwd: repo, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' }).trim();
    sh(repo, 'replace', leaky, standIn);
    expect(sh(repo, 'log', '--all', '-p')).not.toContain(key); // git itself now hides it

    const r = history(repo, ['--no-redact']);
    expect(r.status).toBe(1);
    expect(r.findings.find((f) => f.secret === key)?.commit?.sha).toBe(leaky);
  });

  it('case 10: every stash entry is scanned, not only the newest', () => {
    const repo = tempRepo();
    commitFiles(repo, { 'app.txt': 'nothing here\n' }, 'start');
    const older = githubToken();
    const newer = githubToken();
    commitFiles(repo, { 'app.txt': `token = ${older}\n` }, undefined);
    sh(repo, 'reset', '-q', '--soft', 'HEAD~1'); // the change is now only in the index and work tree
    sh(repo, 'stash', 'push', '-q', '-m', 'older');
    commitFiles(repo, { 'app.txt': `token = ${newer}\n` }, undefined);
    sh(repo, 'reset', '-q', '--soft', 'HEAD~1');
    sh(repo, 'stash', 'push', '-q', '-m', 'newer');
    expect(sh(repo, 'stash', 'list').split('\n')).toHaveLength(2);
    // Drop the dangling commits the resets left, so only the stash reflog still reaches the older key.
    sh(repo, 'reflog', 'expire', '--expire=now', 'HEAD', 'refs/heads/main');

    const r = history(repo, ['--no-redact']);
    expect(r.status).toBe(1);
    expect(secrets(r.findings)).toEqual(expect.arrayContaining([older, newer]));
  });

  it('case 11: a key in a commit message body is found, located at the commit', () => {
    const repo = tempRepo();
    commitFiles(repo, { 'a.txt': 'hello\n' }, 'start');
    const key = anthropicKey();
    const sha = commitFiles(repo, { 'a.txt': 'hello again\n' }, `tidy up\n\ntemporary: ANTHROPIC_API_KEY=${key}\n`);

    const r = history(repo, ['--no-redact']);
    expect(r.status).toBe(1);
    const f = r.findings.find((x) => x.secret === key);
    expect(f?.commit?.sha).toBe(sha);
    expect(f?.path).toBe('(commit message)');
    expect(f?.line).toBe(3); // subject, blank line, then the body
  });

  it('case 12: a repository that sets i18n.logOutputEncoding=UTF-16 is read as UTF-8 all the same', () => {
    const repo = tempRepo();
    const key = githubToken();
    commitFiles(repo, { 'a.txt': `token = ${key}\n` }, 'add a');
    sh(repo, 'config', 'i18n.logOutputEncoding', 'UTF-16');

    const r = history(repo, ['--no-redact']);
    expect(r.status).toBe(1);
    expect(secrets(r.findings)).toContain(key);
  });

  it('case 13: a blobless partial clone fetches nothing, and says how many blobs it could not scan', () => {
    const origin = tempRepo();
    const key = githubToken();
    commitFiles(origin, { 'a.txt': `token = ${key}\n`, 'b.txt': 'two\n' }, 'add a and b');
    commitFiles(origin, { 'c.txt': 'three\n' }, 'add c');
    sh(origin, 'config', 'uploadpack.allowFilter', 'true');
    const clone = join(tempDir(), 'clone');
    sh(origin, 'clone', '-q', '--no-checkout', '--filter=blob:none', `file://${origin}`, clone);
    const blob = sh(origin, 'rev-parse', 'HEAD~1:a.txt');
    const present = (): boolean => spawnSync('git', ['cat-file', '-e', blob], { cwd: clone, env: { ...process.env, GIT_NO_LAZY_FETCH: '1' } }).status === 0;
    expect(present()).toBe(false);

    const r = history(clone, ['--no-redact']);
    expect(present()).toBe(false); // nothing was fetched
    expect(r.stderr).toMatch(/partial clone: 3 blobs are not in this repository and were not scanned/);
    expect(r.stdout).not.toContain(key);
    expect(r.status).toBe(0);
  });

  it('case 13: a treeless partial clone, which git cannot walk offline, is a clear error, not a fetch', () => {
    const origin = tempRepo();
    commitFiles(origin, { 'a.txt': 'one\n' }, 'one');
    commitFiles(origin, { 'b.txt': 'two\n' }, 'two');
    sh(origin, 'config', 'uploadpack.allowFilter', 'true');
    const clone = join(tempDir(), 'clone');
    sh(origin, 'clone', '-q', '--no-checkout', '--filter=tree:0', `file://${origin}`, clone);
    const objects = (): string => sh(clone, 'count-objects', '-v');
    const before = objects();
    const r = history(clone);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/partial clone: git needs objects this clone lacks to list the history, and keyhound fetches nothing/);
    expect(objects()).toBe(before); // nothing was fetched
  });

  it('case 14: a seed phrase in a commit subject is found, and redacted in the subject every finding carries', () => {
    const repo = tempRepo();
    const phrase = bip39Mnemonic(12);
    const key = githubToken();
    commitFiles(repo, { 'a.txt': `token = ${key}\n` }, `wallet mnemonic: ${phrase}`);

    const r = history(repo);
    expect(r.status).toBe(1);
    expect(r.findings.map((f) => f.path)).toEqual(expect.arrayContaining(['a.txt', '(commit message)']));
    expect(r.stdout).not.toContain(phrase);
    expect(r.stdout).not.toContain(phrase.split(' ').slice(4, 8).join(' '));
    for (const f of r.findings) expect(f.commit?.message).toMatch(/^wallet mnemonic: .{1,4}…$/);
  });
});

describe('issue 18 case 11, range mode: the CI gate reads the messages of the commits it is given', () => {
  it('`keyhound diff main...feature` finds a key in a feature commit message, and not one in a main commit message', () => {
    const repo = tempRepo();
    const old = anthropicKey();
    commitFiles(repo, { 'a.txt': 'hello\n' }, `start\n\nANTHROPIC_API_KEY=${old}\n`);
    sh(repo, 'checkout', '-q', '-b', 'feature');
    const key = anthropicKey();
    const sha = commitFiles(repo, { 'a.txt': 'hello again\n' }, `tidy up\n\ntemporary: ANTHROPIC_API_KEY=${key}\n`);
    const r = spawnSync(process.execPath, [BIN, 'diff', 'main...feature', repo, '--format', 'json', '--no-redact'], {
      env: { ...process.env, NO_COLOR: '1', ...GIT_ENV },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    const found = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
    expect(found.map((f) => [f.secret, f.path, f.line, f.commit?.sha])).toEqual([[key, '(commit message)', 3, sha]]);
  });
});

describe('issue 18 case 3 in history: a blob larger than a JavaScript string', () => {
  it('a 600 MB blob under --max-file-size 1G is scanned in chunks, its keys at their exact lines', () => {
    const repo = tempRepo();
    const [first, last] = [githubToken(), githubToken()];
    const made = spawnSync('bash', ['-c', `{ printf 'TOKEN=%s\\n' "$1"; yes 'lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor in' | head -c 600M; printf '\\nTOKEN=%s\\n' "$2"; } > huge.log; wc -l < huge.log`, '_', first, last], { cwd: repo, encoding: 'utf8' });
    const lines = Number(made.stdout.trim());
    commitFiles(repo, {}, 'a huge log');
    rmSync(join(repo, 'huge.log'));
    const r = spawnSync(process.execPath, ['--max-old-space-size=1024', BIN, 'history', repo, '--max-file-size', '1G', '--format', 'json', '--no-redact'], {
      env: { ...process.env, NO_COLOR: '1', ...GIT_ENV },
      encoding: 'utf8',
      timeout: 280_000,
    });
    expect(r.stderr).not.toMatch(/Cannot create a string/);
    expect(r.status).toBe(1);
    const found = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings.filter((f) => f.path === 'huge.log');
    expect(found.map((f) => [f.secret, f.line])).toEqual([
      [first, 1],
      [last, lines],
    ]);
  }, 300_000);
});
