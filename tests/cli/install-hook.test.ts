// `keyhound install-hook` end to end: real hooks, real `git commit`s, in a plain repository, with core.hooksPath,
// and in a husky (v9) project. The hooks find the keyhound under test through a node_modules/.bin shim.

import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/config/paths.js';
import { BEGIN, END } from '../../src/hooks/block.js';
import { keyhound } from '../helpers/cli.js';
import { GIT_ENV, commitFiles, sh, tempRepo } from '../helpers/git.js';
import { ghToken, installShim } from '../helpers/staged.js';
import { writeTree } from '../helpers/tmp.js';

/** `git commit` as a user runs it (hooks on); returns its status and output. */
function commit(repo: string, message: string, env: NodeJS.ProcessEnv = {}): { status: number; output: string } {
  const r = spawnSync('git', ['commit', '-q', '-m', message], { cwd: repo, env: { ...process.env, ...GIT_ENV, ...env }, encoding: 'utf8' });
  return { status: r.status ?? -1, output: r.stdout + r.stderr };
}

/** A key is refused, then a clean change goes through. */
function expectHookWorks(repo: string): string {
  const head = sh(repo, 'rev-parse', 'HEAD');
  writeTree(repo, { 'config.js': `export const token = '${ghToken()}';\n` });
  sh(repo, 'add', 'config.js');
  const refused = commit(repo, 'add config');
  expect(refused.status).not.toBe(0);
  expect(refused.output).toContain('github-token');
  expect(refused.output).toContain('Commit blocked');
  expect(sh(repo, 'rev-parse', 'HEAD')).toBe(head);
  writeTree(repo, { 'config.js': "export const token = process.env.TOKEN;\n" });
  sh(repo, 'add', 'config.js');
  const ok = commit(repo, 'add config');
  expect(ok.output).not.toContain('keyhound');
  expect(ok.status).toBe(0);
  expect(sh(repo, 'rev-parse', 'HEAD')).not.toBe(head);
  return ok.output;
}

function plainRepo(): string {
  const repo = tempRepo();
  commitFiles(repo, { 'README.md': 'hello\n', '.gitignore': 'node_modules/\n' });
  installShim(repo);
  return repo;
}

describe('keyhound install-hook', () => {
  it('plain repository: creates .git/hooks/pre-commit, which refuses a key and lets a clean commit through', () => {
    const repo = plainRepo();
    const r = keyhound(['install-hook'], { cwd: repo });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('created .git/hooks/pre-commit');
    expectHookWorks(repo);
    expect(keyhound(['install-hook', '--uninstall'], { cwd: repo }).status).toBe(0);
    expect(existsSync(join(repo, '.git', 'hooks', 'pre-commit'))).toBe(false);
  });

  // Regression (issue 21): the blocked commit says to run `keyhound baseline`, which wrote a baseline that the hook
  // did not read, so the commit stayed blocked.
  it("the blocked commit's advice works: blocked, `keyhound baseline`, committed", () => {
    const repo = plainRepo();
    expect(keyhound(['install-hook'], { cwd: repo }).status).toBe(0);
    writeTree(repo, { 'fixture.env': `TOKEN=${ghToken()}\n` });
    sh(repo, 'add', 'fixture.env');
    const refused = commit(repo, 'fixture');
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain('keyhound baseline');
    expect(keyhound(['baseline'], { cwd: repo }).status).toBe(0);
    const ok = commit(repo, 'fixture');
    expect(ok.output).toBe('');
    expect(ok.status).toBe(0);
  });

  it('keeps an existing hook: install twice = once, and uninstall restores it exactly', () => {
    const repo = plainRepo();
    const hook = join(repo, '.git', 'hooks', 'pre-commit');
    const previous = '#!/bin/sh\n# team hook\necho "team checks ran" >&2\n';
    writeFileSync(hook, previous);
    chmodSync(hook, 0o755);
    keyhound(['install-hook'], { cwd: repo });
    const once = readFileSync(hook, 'utf8');
    expect(once.startsWith(`#!/bin/sh\n${BEGIN}`)).toBe(true);
    expect(once.endsWith(previous.slice('#!/bin/sh\n'.length))).toBe(true);
    const again = keyhound(['install-hook'], { cwd: repo });
    expect(again.stdout).toContain('already');
    expect(readFileSync(hook, 'utf8')).toBe(once);
    expect(expectHookWorks(repo)).toContain('team checks ran'); // the team's hook still runs
    keyhound(['install-hook', '--uninstall'], { cwd: repo });
    expect(readFileSync(hook, 'utf8')).toBe(previous);
    expect(keyhound(['install-hook', '--uninstall'], { cwd: repo }).stdout).toContain('nothing to remove');
  });

  it('honours core.hooksPath', () => {
    const repo = plainRepo();
    sh(repo, 'config', 'core.hooksPath', '.githooks');
    const r = keyhound(['install-hook'], { cwd: repo });
    expect(r.stdout).toContain('.githooks/pre-commit');
    expect(existsSync(join(repo, '.githooks', 'pre-commit'))).toBe(true);
    expectHookWorks(repo);
  });

  it('husky v9 project: appends to .husky/pre-commit, which husky runs through core.hooksPath=.husky/_', () => {
    const repo = plainRepo();
    // What `husky` (v9) sets up: .husky/_/<hook> scripts that run .husky/<hook> with `sh -e` via .husky/_/h.
    const underscore = join(repo, '.husky', '_');
    mkdirSync(underscore, { recursive: true });
    copyFileSync(join(PACKAGE_ROOT, 'node_modules', 'husky', 'husky'), join(underscore, 'h'));
    writeFileSync(join(underscore, 'pre-commit'), '#!/usr/bin/env sh\n. "$(dirname "$0")/h"', { mode: 0o755 });
    writeFileSync(join(underscore, '.gitignore'), '*');
    sh(repo, 'config', 'core.hooksPath', '.husky/_');
    const previous = 'echo "lint ok"\n';
    writeFileSync(join(repo, '.husky', 'pre-commit'), previous);
    sh(repo, 'add', '.husky/pre-commit');
    sh(repo, 'commit', '-q', '--no-verify', '-m', 'husky');

    const r = keyhound(['install-hook'], { cwd: repo });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('.husky/pre-commit');
    expect(r.stdout).not.toContain('note:');
    expect(readFileSync(join(repo, '.husky', 'pre-commit'), 'utf8').endsWith(`${END}\n${previous}`)).toBe(true);
    expect(existsSync(join(repo, '.git', 'hooks', 'pre-commit'))).toBe(false);
    sh(repo, 'add', '.husky/pre-commit');
    sh(repo, 'commit', '-q', '--no-verify', '-m', 'keyhound hook');
    const head = sh(repo, 'rev-parse', 'HEAD');
    writeTree(repo, { 'k.env': `T=${ghToken()}\n` });
    sh(repo, 'add', 'k.env');
    const refused = commit(repo, 'key');
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain('husky - pre-commit script failed');
    expect(sh(repo, 'rev-parse', 'HEAD')).toBe(head);
    sh(repo, 'rm', '-q', '--cached', 'k.env');
    writeTree(repo, { 'ok.txt': 'fine\n' });
    sh(repo, 'add', 'ok.txt');
    const ok = commit(repo, 'clean');
    expect(ok.status).toBe(0);
    expect(ok.output).toContain('lint ok');
    keyhound(['install-hook', '--uninstall'], { cwd: repo });
    expect(readFileSync(join(repo, '.husky', 'pre-commit'), 'utf8')).toBe(previous);
  });

  it('says so when husky is not set up in this clone yet', () => {
    const repo = plainRepo();
    mkdirSync(join(repo, '.husky'));
    const r = keyhound(['install-hook'], { cwd: repo });
    expect(r.stdout).toContain('created .husky/pre-commit');
    expect(r.stdout).toContain('npx husky');
  });

  it('fails closed, with instructions, when keyhound cannot be found', () => {
    const repo = tempRepo();
    commitFiles(repo, { 'README.md': 'hello\n' });
    keyhound(['install-hook'], { cwd: repo });
    writeTree(repo, { 'a.txt': 'a\n' });
    sh(repo, 'add', 'a.txt');
    const r = commit(repo, 'clean but no keyhound', { npm_config_cache: join(repo, '.npm-cache'), npm_config_offline: 'true' });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('keyhound: not found');
    expect(r.output).toContain('KEYHOUND_BIN');
  });

  it('refuses to edit a hook written in another language, and changes nothing', () => {
    const repo = plainRepo();
    const hook = join(repo, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, '#!/usr/bin/env python3\nprint("hi")\n', { mode: 0o755 });
    const r = keyhound(['install-hook'], { cwd: repo });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('python3');
    expect(readFileSync(hook, 'utf8')).toBe('#!/usr/bin/env python3\nprint("hi")\n');
  });
});
