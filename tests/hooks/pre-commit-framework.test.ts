// keyhound through the pre-commit framework (https://pre-commit.com), as Debian ships it (3.0.4, installed by
// .ci/run), against this checkout's own .pre-commit-hooks.yaml: `language: node` (pre-commit builds and installs
// keyhound itself) and `keyhound-system` (the project's own keyhound). A key is refused, a clean commit passes.
//
// Regressions (issue 21): pre-commit 3.0 rejected the hooks file (`stages: [pre-commit]`, and a minimum version of
// 3.2.0); and `npm pack`, whose output pre-commit reads as the tarball's name, also printed the build's banners.

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GIT_ENV, sh, tempRepo } from '../helpers/git.js';
import { installedProject, snapshotRepo } from '../helpers/pack.js';
import { ghToken } from '../helpers/staged.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const available = preCommit.status === 0;
// .ci/run installs it; only a developer's machine without it skips these, and says so in the test's name.
const where = available ? preCommit.stdout.trim() : 'pre-commit not installed (apt-get install pre-commit)';

function commit(repo: string, env: NodeJS.ProcessEnv): { status: number; output: string } {
  const r = spawnSync('git', ['commit', '-q', '-m', 'change'], { cwd: repo, env: { ...process.env, ...GIT_ENV, ...env }, encoding: 'utf8' });
  return { status: r.status ?? -1, output: r.stdout + r.stderr };
}

/** Installs pre-commit's hook in `repo` with a config naming `hookId`; a key is refused, a clean change commits. */
function expectRefusesKeyThenCommits(repo: string, hookId: string, env: NodeJS.ProcessEnv): void {
  const src = snapshotRepo();
  writeFileSync(join(repo, '.pre-commit-config.yaml'), `repos:\n  - repo: ${src.repo}\n    rev: ${src.rev}\n    hooks: [{ id: ${hookId} }]\n`);
  const install = spawnSync('pre-commit', ['install', '--install-hooks'], { cwd: repo, env: { ...process.env, ...env }, encoding: 'utf8' });
  expect(install.stdout + install.stderr).toContain('pre-commit installed');
  expect(install.status).toBe(0);
  writeTree(repo, { 'config.js': `export const token = '${ghToken()}';\n` });
  sh(repo, 'add', '-A');
  const refused = commit(repo, env);
  expect(refused.output).toContain('github-token');
  expect(refused.output).toContain('Failed');
  expect(refused.status).not.toBe(0);
  writeTree(repo, { 'config.js': 'export const token = process.env.TOKEN;\n' });
  sh(repo, 'add', '-A');
  const ok = commit(repo, env);
  expect(ok.output).toContain('Passed');
  expect(ok.status).toBe(0);
}

describe.skipIf(!available)(`the pre-commit framework (${where})`, () => {
  it('language: node — pre-commit builds, packs and installs keyhound, which refuses a key', () => {
    const repo = tempRepo();
    expectRefusesKeyThenCommits(repo, 'keyhound', { PRE_COMMIT_HOME: tempDir('keyhound-pre-commit-home-') });
  }, 900_000);

  it("keyhound-system — the project's own keyhound, no download", () => {
    const repo = installedProject();
    sh(repo, 'config', 'commit.gpgsign', 'false');
    writeFileSync(join(repo, '.gitignore'), 'node_modules/\n');
    expectRefusesKeyThenCommits(repo, 'keyhound-system', { PRE_COMMIT_HOME: tempDir('keyhound-pre-commit-home-') });
  }, 300_000);
});
