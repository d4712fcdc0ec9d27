// The pre-commit hook's start-up snapshot, end to end: a project with keyhound installed in node_modules (a link to
// this worktree, as `npm install` of a local package makes), real `git commit`s through the installed hook, and the
// ways the hook must fall back to the plain command without letting a commit through unscanned.

import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/config/paths.js';
import { SNAPSHOT_ENTRY, SNAPSHOT_FALLBACK, buildSnapshot, packageSignature, snapshotPaths, snapshotState, snapshotWanted } from '../../src/hooks/snapshot.js';
import { keyhound } from '../helpers/cli.js';
import { GIT_ENV, commitFiles, sh, tempRepo } from '../helpers/git.js';
import { ghToken } from '../helpers/staged.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

// NODE_OPTIONS turns the snapshot off (see hookBody); the runner's own must not leak into these runs.
const ENV = { ...GIT_ENV, NODE_OPTIONS: '', KEYHOUND_NO_SNAPSHOT: '' };

/** A repository with keyhound installed as a project dependency: node_modules/keyhound → this worktree. */
function projectRepo(): string {
  const repo = tempRepo();
  commitFiles(repo, { 'README.md': 'hello\n', '.gitignore': 'node_modules/\n' });
  mkdirSync(join(repo, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(PACKAGE_ROOT, join(repo, 'node_modules', 'keyhound'));
  symlinkSync(join('..', 'keyhound', 'bin', 'keyhound.js'), join(repo, 'node_modules', '.bin', 'keyhound'));
  return repo;
}

function commit(repo: string, env: NodeJS.ProcessEnv = {}): { status: number; output: string } {
  const r = spawnSync('git', ['commit', '-q', '-m', 'change'], { cwd: repo, env: { ...process.env, ...ENV, ...env }, encoding: 'utf8' });
  return { status: r.status ?? -1, output: r.stdout + r.stderr };
}

/** Runs `node --snapshot-blob blob args` in `repo`. */
function fromSnapshot(blob: string, repo: string, args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--snapshot-blob', blob, ...args], { cwd: repo, env: { ...process.env, ...ENV, NO_COLOR: '1' }, encoding: 'utf8' });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Replaces node_modules/.bin/keyhound with a stand-in that refuses every commit, saying so. */
function plainCommandRefuses(repo: string): void {
  const bin = join(repo, 'node_modules', '.bin', 'keyhound');
  rmSync(bin);
  writeFileSync(bin, '#!/bin/sh\necho "the plain command ran" >&2\nexit 2\n');
  chmodSync(bin, 0o755);
}

/** Polls `done` every 200 ms for up to 30 s (a detached background build); fails the test when it never holds. */
async function waitFor(done: () => boolean): Promise<void> {
  for (let waited = 0; !done(); waited += 200) {
    if (waited > 30_000) throw new Error('timed out waiting for the background snapshot build');
    await new Promise((r) => setTimeout(r, 200));
  }
}

function stage(repo: string, files: Record<string, string>): void {
  writeTree(repo, files);
  sh(repo, 'add', ...Object.keys(files));
}

describe('the pre-commit snapshot', () => {
  it('install-hook builds it, and the hook answers from it: a key is refused, a clean change goes through', () => {
    const repo = projectRepo();
    const installed = keyhound(['install-hook'], { cwd: repo, env: ENV });
    expect(installed.status).toBe(0);
    expect(installed.stdout).toContain(`built a start-up snapshot for Node ${process.version}`);
    const paths = snapshotPaths(repo);
    expect(existsSync(paths.blob)).toBe(true);
    expect(snapshotState(repo)).toBe('fresh');
    // From here on the plain command refuses everything: whatever the hook decides, the snapshot decided.
    plainCommandRefuses(repo);
    stage(repo, { 'config.js': `export const token = '${ghToken()}';\n` });
    const refused = commit(repo);
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain('github-token');
    expect(refused.output).toContain('Commit blocked');
    expect(refused.output).not.toContain('the plain command ran');
    stage(repo, { 'config.js': 'export const token = process.env.TOKEN;\n' });
    const ok = commit(repo);
    expect(ok.output).toBe('');
    expect(ok.status).toBe(0);
    // With the snapshot turned off, the (refusing) plain command is what runs.
    stage(repo, { 'other.js': 'export const x = 1;\n' });
    expect(commit(repo, { KEYHOUND_NO_SNAPSHOT: '1' }).output).toContain('the plain command ran');
    // Uninstalling removes it with the hook's lines.
    const removed = keyhound(['install-hook', '--uninstall'], { cwd: repo, env: ENV });
    expect(removed.stdout).toContain('start-up snapshots');
    expect(existsSync(paths.blob)).toBe(false);
  }, 60_000);

  it('is built from a pure-ASCII bundle, which V8 keeps as a one-byte string (a single other character doubles it)', () => {
    const bundle = readFileSync(SNAPSHOT_ENTRY, 'latin1');
    const at = [...bundle].findIndex((ch) => ch.charCodeAt(0) > 0x7f);
    expect(at === -1 ? '' : bundle.slice(Math.max(0, at - 60), at + 20)).toBe('');
  });

  it('reports exactly what the plain command reports', () => {
    const repo = projectRepo();
    expect(keyhound(['install-hook'], { cwd: repo, env: ENV }).status).toBe(0);
    stage(repo, { 'a.js': `const t = '${ghToken()}';\n`, 'b.py': `TOKEN = "${ghToken()}"\nother = 1\n` });
    const plain = keyhound(['staged', '--format', 'json'], { cwd: repo, env: ENV });
    const snap = fromSnapshot(snapshotPaths(repo).blob, repo, ['staged', '--format', 'json']);
    expect(plain.status).toBe(1);
    expect(snap.status).toBe(1);
    const findings = (out: string): unknown => (JSON.parse(out) as { findings: unknown }).findings;
    expect(findings(snap.stdout)).toEqual(findings(plain.stdout));
    expect((findings(snap.stdout) as unknown[]).length).toBe(2);
    expect(snap.stderr).toBe(plain.stderr);
  }, 60_000);

  it('hands over to the plain command for arguments it does not know', () => {
    const repo = projectRepo();
    expect(keyhound(['install-hook'], { cwd: repo, env: ENV }).status).toBe(0);
    stage(repo, { 'config.js': `export const token = '${ghToken()}';\n` });
    expect(fromSnapshot(snapshotPaths(repo).blob, repo, ['staged', '--help'])).toEqual({ status: SNAPSHOT_FALLBACK, stdout: '', stderr: '' });
  }, 60_000);

  it('reads the project\'s config at each run, as the plain command does', () => {
    const repo = projectRepo();
    expect(keyhound(['install-hook'], { cwd: repo, env: ENV }).status).toBe(0);
    const blob = snapshotPaths(repo).blob;
    stage(repo, { 'config.js': `export const token = '${ghToken()}';\n`, 'vendor/lib.js': `const k = 'acme_${'q7'.repeat(12)}';\n` });
    expect(fromSnapshot(blob, repo, ['staged', '--quiet']).status).toBe(1);
    // A rule of the project's own, a disabled built-in rule and an allowlisted glob (which loads picomatch).
    writeFileSync(
      join(repo, '.keyhound.yaml'),
      [
        'disable: [github-token, generic-secret-assignment, generic-secret-binding]',
        'rules:',
        '  - id: acme-token',
        '    description: ACME internal token',
        "    regex: 'acme_[a-z0-9]{24}'",
        '    keywords: [acme_]',
        '    severity: high',
        '',
      ].join('\n'),
    );
    const snap = fromSnapshot(blob, repo, ['staged', '--format', 'json']);
    const plain = keyhound(['staged', '--format', 'json'], { cwd: repo, env: ENV });
    expect(snap.status).toBe(1);
    const findings = (out: string): { ruleId: string }[] => (JSON.parse(out) as { findings: { ruleId: string }[] }).findings;
    expect(findings(snap.stdout).map((f) => f.ruleId)).toEqual(['acme-token']);
    expect(findings(snap.stdout)).toEqual(findings(plain.stdout));
    appendFileSync(join(repo, '.keyhound.yaml'), "allowlist:\n  paths: ['vendor/**']\n");
    expect(fromSnapshot(blob, repo, ['staged', '--quiet'])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(commit(repo).status).toBe(0);
  }, 60_000);

  it('a snapshot Node cannot load does not let a key through; it is rebuilt once, then retired', async () => {
    const repo = projectRepo();
    expect(keyhound(['install-hook'], { cwd: repo, env: ENV }).status).toBe(0);
    const paths = snapshotPaths(repo);
    const garbage = (): void => writeFileSync(paths.blob, 'not a snapshot\n'.repeat(100));
    garbage();
    stage(repo, { 'config.js': `export const token = '${ghToken()}';\n` });
    const refused = commit(repo);
    expect(refused.status).toBe(1);
    expect(refused.output).toContain('github-token');
    // The first crash: removed and rebuilt in the background.
    await waitFor(() => snapshotState(repo) === 'fresh');
    // A second crash for the same package files: retired, so the next commits go straight to the plain command.
    garbage();
    expect(commit(repo).status).toBe(1);
    expect(existsSync(paths.blob)).toBe(false);
    expect(snapshotState(repo)).toBe('failed');
    const again = commit(repo);
    expect(again.status).toBe(1);
    expect(again.output).not.toMatch(/snapshot|Assertion/i);
    expect(existsSync(paths.lock)).toBe(false);
    // install-hook tries again.
    expect(keyhound(['install-hook'], { cwd: repo, env: ENV }).stdout).toContain('built a start-up snapshot');
    expect(snapshotState(repo)).toBe('fresh');
  }, 60_000);

  it('hands over to the plain command when node_modules/keyhound is another package now', async () => {
    const repo = projectRepo();
    expect(keyhound(['install-hook'], { cwd: repo, env: ENV }).status).toBe(0);
    const blob = snapshotPaths(repo).blob;
    stage(repo, { 'config.js': `export const token = '${ghToken()}';\n` });
    expect(fromSnapshot(blob, repo, ['staged', '--quiet']).status).toBe(1);
    // Repointed (an upgrade through a package store, `npm link`): node_modules/keyhound is another folder now.
    rmSync(join(repo, 'node_modules', 'keyhound'));
    mkdirSync(join(repo, 'node_modules', 'other'));
    symlinkSync(join(repo, 'node_modules', 'other'), join(repo, 'node_modules', 'keyhound'));
    expect(fromSnapshot(blob, repo, ['staged', '--quiet'])).toEqual({ status: SNAPSHOT_FALLBACK, stdout: '', stderr: '' });
    rmSync(join(repo, 'node_modules', 'keyhound'));
    expect(fromSnapshot(blob, repo, ['staged', '--quiet']).status).toBe(SNAPSHOT_FALLBACK); // none at all
    // Back to this package: the snapshot answers again.
    symlinkSync(PACKAGE_ROOT, join(repo, 'node_modules', 'keyhound'));
    expect(fromSnapshot(blob, repo, ['staged', '--quiet']).status).toBe(1);
    // The hook's plain run after an exit 3 rebuilds, even when the record looks fresh (the snapshot knows better).
    const before = readFileSync(blob);
    expect(keyhound(['staged', '--quiet'], { cwd: repo, env: { ...ENV, KEYHOUND_FROM_HOOK: String(SNAPSHOT_FALLBACK) } }).status).toBe(1);
    await waitFor(() => !existsSync(snapshotPaths(repo).lock) && !readFileSync(blob).equals(before));
    expect(snapshotState(repo)).toBe('fresh');
  }, 60_000);

  it('exits for the plain command once keyhound\'s files change under it', () => {
    // A copy of the package's runtime files, so that one of its rule packs can be edited.
    const pkg = tempDir();
    for (const rel of ['package.json', 'rules', 'build/snapshot.cjs', 'build/rules.json', 'build/rules.keywords.bin']) {
      cpSync(join(PACKAGE_ROOT, rel), join(pkg, rel), { recursive: true, preserveTimestamps: true });
    }
    const blob = join(tempDir(), 'staged.blob');
    const built = spawnSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', join(pkg, 'build', 'snapshot.cjs')], { encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    const repo = tempRepo();
    commitFiles(repo, { 'README.md': 'hello\n' });
    mkdirSync(join(repo, 'node_modules'));
    symlinkSync(pkg, join(repo, 'node_modules', 'keyhound'));
    stage(repo, { 'config.js': `export const token = '${ghToken()}';\n` });
    expect(fromSnapshot(blob, repo, ['staged', '--quiet']).status).toBe(1);
    const before = packageSignature(pkg);
    appendFileSync(join(pkg, 'rules', 'core.yaml'), '# edited\n');
    expect(packageSignature(pkg)).not.toBe(before);
    expect(fromSnapshot(blob, repo, ['staged', '--quiet'])).toEqual({ status: SNAPSHOT_FALLBACK, stdout: '', stderr: '' });
  }, 60_000);

  it('after the hook ran the plain command, a new snapshot is built in the background', async () => {
    const repo = projectRepo();
    stage(repo, { 'config.js': 'export const x = 1;\n' });
    // A plain run not started by the hook builds nothing.
    expect(keyhound(['staged', '--quiet'], { cwd: repo, env: ENV }).status).toBe(0);
    expect(existsSync(join(repo, 'node_modules', '.cache'))).toBe(false);
    expect(keyhound(['staged', '--quiet'], { cwd: repo, env: { ...ENV, KEYHOUND_FROM_HOOK: 'none' } }).status).toBe(0);
    const paths = snapshotPaths(repo);
    await waitFor(() => snapshotState(repo) === 'fresh' && !existsSync(paths.lock));
    expect(existsSync(paths.lock)).toBe(false);
    // A stale record is rebuilt; a failure recorded for these very files is not retried at every commit.
    writeFileSync(paths.meta, JSON.stringify({ signature: 'an older keyhound' }));
    expect(snapshotState(repo)).toBe('stale');
    writeFileSync(paths.meta, JSON.stringify({ signature: '', failed: packageSignature() }));
    expect(snapshotState(repo)).toBe('failed');
    expect(JSON.parse(readFileSync(paths.meta, 'utf8'))).toHaveProperty('failed');
  }, 60_000);

  it('a failed build leaves no snapshot behind, says why and is recorded', () => {
    const repo = projectRepo();
    const paths = snapshotPaths(repo);
    mkdirSync(dirname(paths.blob), { recursive: true });
    writeFileSync(paths.blob, 'a snapshot of an older keyhound');
    writeFileSync(paths.meta, JSON.stringify({ signature: 'an older keyhound' }));
    const saved = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = '--not-a-node-option'; // the builder (a child process) cannot start
    try {
      expect(buildSnapshot(repo)).toContain('--not-a-node-option');
    } finally {
      if (saved === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = saved;
    }
    expect(existsSync(paths.blob)).toBe(false);
    expect(snapshotState(repo)).toBe('failed');
    expect(existsSync(paths.lock)).toBe(false);
  });

  it('is only for a project-local install, and not when turned off or with NODE_OPTIONS', () => {
    const repo = projectRepo();
    expect(snapshotWanted(repo, {})).toBe(true);
    expect(snapshotWanted(repo, { KEYHOUND_NO_SNAPSHOT: '1' })).toBe(false);
    expect(snapshotWanted(repo, { NODE_OPTIONS: '--max-old-space-size=4096' })).toBe(false);
    const other = tempRepo();
    expect(snapshotWanted(other, {})).toBe(false); // no node_modules/keyhound
    mkdirSync(join(other, 'node_modules', 'keyhound'), { recursive: true }); // some other keyhound
    expect(snapshotWanted(other, {})).toBe(false);
  });
});
