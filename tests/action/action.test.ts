// The bundled Action end to end, in temporary repositories, run as the runner runs it.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { githubToken } from '../../src/fakes/index.js';
import { keyhound } from '../helpers/cli.js';
import { commitFiles, sh, tempRepo } from '../helpers/git.js';
import { tempDir } from '../helpers/tmp.js';
import { ACTION_YML, readSarif, runAction } from './helpers.js';

const ZERO = '0'.repeat(40);

function expectNoKey(log: string, ...keys: string[]): void {
  for (const k of keys) {
    expect(log).not.toContain(k);
    expect(log).not.toContain(k.slice(4, 24)); // not even the body of the key
  }
}

/** A repository whose main holds an old key in config.py, and a branch `feature` that edits that file. */
function prRepo(addKey: boolean): { repo: string; base: string; head: string; oldKey: string; newKey: string } {
  const repo = tempRepo();
  const oldKey = githubToken();
  const newKey = githubToken();
  commitFiles(repo, { 'config.py': `DEBUG = True\nOLD_TOKEN = "${oldKey}"\n` }, 'base');
  sh(repo, 'checkout', '-q', '-b', 'feature');
  commitFiles(
    repo,
    { 'config.py': `DEBUG = False\nOLD_TOKEN = "${oldKey}"\n${addKey ? `NEW_TOKEN = "${newKey}"\n` : 'NAME = "demo"\n'}` },
    'feature work',
  );
  const head = sh(repo, 'rev-parse', 'HEAD');
  sh(repo, 'checkout', '-q', 'main');
  commitFiles(repo, { 'README.md': 'main moved on\n' }, 'main moves');
  const base = sh(repo, 'rev-parse', 'HEAD');
  sh(repo, 'checkout', '-q', '--detach', head);
  return { repo, base, head, oldKey, newKey };
}

function prEvent(base: string, head: string): unknown {
  return { action: 'synchronize', number: 7, pull_request: { number: 7, base: { sha: base, ref: 'main' }, head: { sha: head, ref: 'feature' } } };
}

describe('action.yml', () => {
  // Regression (issue 21): GitHub's runners dropped node20 actions in 2026.
  it('runs dist/index.js on node24 and declares the inputs with their defaults', () => {
    expect(ACTION_YML.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    const defaults = Object.fromEntries(Object.entries(ACTION_YML.inputs).map(([k, v]) => [k, v.default]));
    expect(defaults).toEqual({
      path: '.',
      mode: 'auto',
      config: '',
      baseline: '',
      'config-from': 'base',
      'sarif-file': 'keyhound.sarif',
      'fail-on-findings': 'true',
      redact: 'true',
      verify: 'false',
      args: '',
    });
  });
});

describe('the Action on a push', () => {
  it('fails on a pushed key and writes SARIF, outputs, summary and annotations — without the key in the log', () => {
    const repo = tempRepo();
    const before = commitFiles(repo, { 'app.js': 'console.log(1);\n' }, 'first');
    const key = githubToken();
    const after = commitFiles(repo, { 'src/settings.ts': `export const token = "${key}";\n` }, 'add settings');
    const r = runAction(repo, { eventName: 'push', event: { before, after, ref: 'refs/heads/main', repository: { default_branch: 'main' } } });

    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^::error file=src\/settings\.ts,line=1,endLine=1,col=\d+,endColumn=\d+,title=[^:]*\(github-token\)::/m);
    expect(r.stdout).toContain(`in commit ${after.slice(0, 12)}`);
    expect(r.log).toContain('::error::keyhound found 1 secret');
    expect(r.outputs.findings).toBe('1');
    expect(r.outputs['sarif-file']).toBe(join(repo, 'keyhound.sarif'));
    const sarif = readSarif(join(repo, 'keyhound.sarif'));
    expect(sarif.runs[0]!.results.map((x) => [x.ruleId, x.locations[0]!.physicalLocation.artifactLocation.uri])).toEqual([['github-token', 'src/settings.ts']]);
    expect(r.summary).toContain('| Rule | File:line | Commit | Secret | How to fix |');
    expect(r.summary).toContain(`[src/settings.ts:1](https://github.com/octo/demo/blob/${after}/src/settings.ts#L1)`);
    expect(r.summary).toContain(`${after.slice(0, 12)} (Test Author)`);
    expect(r.summary).toContain('`ghp_…`');
    expectNoKey(r.log + r.summary + JSON.stringify(sarif), key);
  });

  it('on a new branch (before is all zeros) scans the commits not on the default branch', () => {
    const repo = tempRepo();
    const oldKey = githubToken();
    commitFiles(repo, { 'old.txt': `token ${oldKey}\n` }, 'old key on main');
    // The runner's checkout knows the default branch as origin/main.
    sh(repo, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
    sh(repo, 'checkout', '-q', '-b', 'topic');
    const newKey = githubToken();
    const after = commitFiles(repo, { 'new.txt': `token ${newKey}\n` }, 'new key on topic');
    const r = runAction(repo, {
      eventName: 'push',
      event: { before: ZERO, after, created: true, ref: 'refs/heads/topic', repository: { default_branch: 'main' } },
    });
    expect(r.status).toBe(1);
    expect(r.outputs.findings).toBe('1');
    expect(r.stdout).toContain('::error file=new.txt,');
    expect(r.stdout).not.toContain('file=old.txt');
    expect(r.summary).toContain('that no other branch has');
    expectNoKey(r.log, oldKey, newKey);
  });

  it('passes on a branch deletion without scanning', () => {
    const repo = tempRepo();
    const before = commitFiles(repo, { 'a.txt': 'a\n' });
    const r = runAction(repo, { eventName: 'push', event: { before, after: ZERO, deleted: true } });
    expect(r.status).toBe(0);
    expect(r.outputs.findings).toBe('0');
    expect(r.summary).toContain('nothing added');
  });
});

describe('the Action on a pull request', () => {
  it('reports only the key the pull request adds, not the one its base already holds in the same file', () => {
    const { repo, base, head, oldKey, newKey } = prRepo(true);
    const r = runAction(repo, { eventName: 'pull_request', event: prEvent(base, head) });
    expect(r.status).toBe(1);
    expect(r.outputs.findings).toBe('1');
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::error file='));
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toContain('file=config.py,line=3,');
    const sarif = readSarif(r.outputs['sarif-file']!);
    expect(sarif.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.region.startLine)).toEqual([3]);
    expect(r.summary).toContain('config.py:3');
    expect(r.summary).not.toContain('config.py:2');
    expectNoKey(r.log + r.summary, oldKey, newKey);
  });

  it('passes a clean pull request (the old key in the edited file does not count) and still writes an empty SARIF', () => {
    const { repo, base, head, oldKey } = prRepo(false);
    const r = runAction(repo, { eventName: 'pull_request', event: prEvent(base, head), inputs: { 'sarif-file': 'reports/out.sarif' } });
    expect(r.status).toBe(0);
    expect(r.outputs.findings).toBe('0');
    expect(r.outputs['sarif-file']).toBe(join(repo, 'reports', 'out.sarif'));
    expect(readSarif(join(repo, 'reports', 'out.sarif')).runs[0]!.results).toEqual([]);
    expect(r.summary).toContain('No secrets found');
    expect(r.log).not.toContain('::error');
    expectNoKey(r.log, oldKey);
  });

  it('with fail-on-findings: false, reports the findings and passes', () => {
    const { repo, base, head, newKey } = prRepo(true);
    const r = runAction(repo, { eventName: 'pull_request', event: prEvent(base, head), inputs: { 'fail-on-findings': 'false' } });
    expect(r.status).toBe(0);
    expect(r.outputs.findings).toBe('1');
    expect(r.stdout).toContain('::error file=config.py,line=3,');
    expect(r.log).not.toContain('::error::keyhound found');
    expect(r.summary).toContain(':warning: **1 secret found.**');
    expectNoKey(r.log + r.summary, newKey);
  });

  it('fetches what a shallow checkout lacks (base, merge base) from origin', () => {
    const { repo: origin, base, head, newKey } = prRepo(true);
    sh(origin, 'checkout', '-q', 'main');
    const clone = join(tempDir('keyhound-clone-'), 'ws');
    // What actions/checkout does by default: one commit, the one under test.
    sh(tempDir(), 'clone', '-q', '--no-local', '--depth=1', '--branch', 'feature', `file://${origin}`, clone);
    expect(sh(clone, 'rev-parse', '--is-shallow-repository')).toBe('true');
    const r = runAction(clone, { eventName: 'pull_request', event: prEvent(base, head) });
    expect(r.log).toContain('git fetch');
    expect(r.status).toBe(1);
    expect(r.outputs.findings).toBe('1');
    expect(r.stdout).toContain('file=config.py,line=3,');
    expectNoKey(r.log, newKey);
  });

  // The fetches run through simple-git, whose environment guard drops inherited GIT_* variables: the ones a
  // self-hosted runner sets to reach its remote must still reach git, and git must never wait on a prompt.
  it('fetches over the transport the runner set up (GIT_SSH_COMMAND), with terminal prompts off', () => {
    const { repo: origin, base, head, newKey } = prRepo(true);
    sh(origin, 'checkout', '-q', 'main');
    const clone = join(tempDir('keyhound-clone-'), 'ws');
    sh(tempDir(), 'clone', '-q', '--no-local', '--depth=1', '--branch', 'feature', `file://${origin}`, clone);
    // origin over ssh, through a stand-in for ssh that runs the remote's command here and notes what it was given.
    sh(clone, 'remote', 'set-url', 'origin', `ssh://git.invalid${origin}`);
    const dir = tempDir();
    const notes = join(dir, 'ssh.log');
    const ssh = join(dir, 'ssh');
    writeFileSync(ssh, `#!/bin/sh\necho "prompt=$GIT_TERMINAL_PROMPT host=$1" >> '${notes}'\nshift\nexec sh -c "$*"\n`, { mode: 0o755 });
    const r = runAction(clone, { eventName: 'pull_request', event: prEvent(base, head), env: { GIT_SSH_COMMAND: ssh, GIT_SSH_VARIANT: 'simple' } });
    expect(r.log).toContain('git fetch');
    expect(readFileSync(notes, 'utf8')).toMatch(/^prompt=0 host=git\.invalid$/m);
    expect(r.status).toBe(1);
    expect(r.outputs.findings).toBe('1');
    expectNoKey(r.log, newKey);
  });

  it('says which fetch-depth to set when the commits cannot be fetched', () => {
    const { repo, head } = prRepo(true);
    const r = runAction(repo, { eventName: 'pull_request', event: prEvent('1234567890abcdef1234567890abcdef12345678', head) });
    expect(r.status).toBe(2);
    expect(r.log).toContain('fetch-depth: 0');
  });
});

describe('the Action elsewhere', () => {
  it('runs a full scan on other events (auto) and a history audit in history mode', () => {
    const repo = tempRepo();
    const key = githubToken();
    commitFiles(repo, { 'leak.txt': `token ${key}\n` }, 'leak');
    commitFiles(repo, { 'leak.txt': 'gone\n' }, 'remove');
    const scanRun = runAction(repo, { eventName: 'workflow_dispatch', event: {} });
    expect(scanRun.status).toBe(0);
    const history = runAction(repo, { eventName: 'schedule', event: { schedule: '0 3 * * *' }, inputs: { mode: 'history' } });
    expect(history.status).toBe(1);
    expect(history.stdout).toContain('file=leak.txt,line=1,');
    expect(history.summary).toContain('the whole history');
    expectNoKey(history.log + history.summary, key);
  });

  it('fails with exit code 2 and the message on a bad config, bad input or unknown flag', () => {
    const repo = tempRepo();
    commitFiles(repo, { '.keyhound.yaml': 'rules: [ { id: 1 } ]\n' });
    const bad = runAction(repo, { eventName: 'workflow_dispatch', event: {} });
    expect(bad.status).toBe(2);
    expect(bad.log).toMatch(/::error::keyhound: .*\.keyhound\.yaml/);
    const repo2 = tempRepo();
    commitFiles(repo2, { 'a.txt': 'a\n' });
    const flag = runAction(repo2, { eventName: 'workflow_dispatch', event: {}, inputs: { args: '--format json' } });
    expect(flag.status).toBe(2);
    expect(flag.log).toContain('"--format" is not a flag the scan mode takes');
    const mode = runAction(repo2, { eventName: 'workflow_dispatch', event: {}, inputs: { mode: 'diff' } });
    expect(mode.status).toBe(2);
    expect(mode.log).toContain('mode diff needs a pull_request');
    // Even a failed run leaves its SARIF file and outputs (issue 17, case 10).
    expect(existsSync(join(repo2, 'keyhound.sarif'))).toBe(true);
    expect(mode.outputs['sarif-file']).toBe(join(repo2, 'keyhound.sarif'));
  });

  it('honours the baseline input, and fails with exit code 2 when it is missing', () => {
    const repo = tempRepo();
    const before = commitFiles(repo, { 'a.txt': 'a\n' });
    const key = githubToken();
    const after = commitFiles(repo, { 'k.txt': `token ${key}\n` });
    const baseline = join(tempDir(), 'baseline.json');
    const written = keyhound(['baseline', '.', '-o', baseline], { cwd: repo });
    expect(written.status).toBe(0);
    const r = runAction(repo, { eventName: 'push', event: { before, after }, inputs: { baseline } });
    expect(r.status).toBe(0);
    expect(r.outputs.findings).toBe('0');
    expect(r.summary).toContain('1 suppressed by the baseline');
    const missing = runAction(repo, { eventName: 'push', event: { before, after }, inputs: { baseline: 'nope.json' } });
    expect(missing.status).toBe(2);
    expect(missing.log).toContain('baseline file not found');
  });
});
