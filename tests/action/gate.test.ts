// Issue 17: the cases where an Action run came out green with a key in it, run as the runner runs the Action
// (`node dist/index.js`, INPUT_* variables, a real event payload, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY), in
// temporary repositories; the checkouts are shallow clones of a bare "origin", as actions/checkout makes them.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { githubToken } from '../../src/fakes/index.js';
import { keyhound } from '../helpers/cli.js';
import { commitFiles, sh, tempRepo } from '../helpers/git.js';
import { tempDir } from '../helpers/tmp.js';
import { readSarif, runAction, type ActionRun } from './helpers.js';

const ZERO = '0'.repeat(40);

interface SarifResult {
  ruleId: string;
  properties?: { commitSha?: string };
  locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
}

function results(repo: string): SarifResult[] {
  return readSarif(join(repo, 'keyhound.sarif')).runs[0]!.results as unknown as SarifResult[];
}

function expectNoKey(run: ActionRun, key: string): void {
  expect(run.log + run.summary).not.toContain(key.slice(4, 24));
}

/** A bare origin holding `repo`'s branches, and a checkout of `ref` at depth 1 (the actions/checkout default). */
function shallowCheckout(repo: string, ref: string, depth = 1): { origin: string; checkout: string } {
  const origin = join(tempDir('keyhound-origin-'), 'origin.git');
  sh(repo, 'clone', '-q', '--bare', repo, origin);
  const checkout = join(tempDir('keyhound-checkout-'), 'work');
  sh(tempDir(), 'clone', '-q', `--depth=${depth}`, '--no-single-branch', '--branch', ref, `file://${origin}`, checkout);
  expect(sh(checkout, 'rev-parse', '--is-shallow-repository')).toBe('true');
  return { origin, checkout };
}

/** main with one clean commit, then `feature` that adds a key in one commit and removes it in the next. */
function addAndRemove(): { repo: string; base: string; adding: string; head: string; key: string } {
  const repo = tempRepo();
  const base = commitFiles(repo, { 'app.py': 'print(1)\n' }, 'base');
  sh(repo, 'checkout', '-q', '-b', 'feature');
  const key = githubToken();
  const adding = commitFiles(repo, { 'app.py': `print(1)\nTOKEN = "${key}"\n` }, 'add a key');
  commitFiles(repo, { 'app.py': 'print(1)\nTOKEN = os.environ["TOKEN"]\n' }, 'oops: remove it');
  const head = commitFiles(repo, { 'README.md': 'docs\n' }, 'docs');
  return { repo, base, adding, head, key };
}

describe('issue 17: the Action scans every commit of a push or pull request', () => {
  // Case 1, push mode (and case 11: with fetch-depth 1 the finding keeps its commit).
  it('push: reports a key added and removed among the pushed commits, with the commit that added it', () => {
    const { repo, base, adding, head, key } = addAndRemove();
    const { checkout } = shallowCheckout(repo, 'feature');
    const r = runAction(checkout, { eventName: 'push', event: { before: base, after: head, ref: 'refs/heads/feature', repository: { default_branch: 'main' } } });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^::error file=app\.py,line=2,/m);
    expect(r.stdout).toContain(`in commit ${adding.slice(0, 12)}`);
    expect(results(checkout).map((x) => [x.ruleId, x.properties?.commitSha])).toEqual([['github-token', adding]]);
    expect(r.summary).toContain(`${adding.slice(0, 12)} (Test Author)`);
    expect(r.summary).toContain('3 commits, each against its parents');
    expectNoKey(r, key);
  });

  // Case 1, pull-request mode.
  it('pull request: reports a key added and removed inside the pull request', () => {
    const { repo, base, adding, head } = addAndRemove();
    const { checkout } = shallowCheckout(repo, 'feature');
    const r = runAction(checkout, {
      eventName: 'pull_request',
      event: { action: 'opened', number: 1, pull_request: { number: 1, base: { sha: base, ref: 'main' }, head: { sha: head, ref: 'feature' } } },
    });
    expect(r.status).toBe(1);
    expect(results(checkout).map((x) => x.properties?.commitSha)).toEqual([adding]);
  });

  it('pull request: removes the copies of the base and head configuration it made', () => {
    const { repo, base, head } = addAndRemove();
    const { checkout } = shallowCheckout(repo, 'feature');
    const tmp = tempDir('keyhound-tmpdir-');
    const r = runAction(checkout, {
      eventName: 'pull_request',
      event: { action: 'opened', number: 1, pull_request: { number: 1, base: { sha: base, ref: 'main' }, head: { sha: head, ref: 'feature' } } },
      env: { TMPDIR: tmp },
    });
    expect(r.status).toBe(1);
    expect(r.log).toContain('configuration and baseline read from the base commit');
    expect(readdirSync(tmp).filter((name) => name.startsWith('keyhound-config-'))).toEqual([]);
  });

  // Case 2: the first push of a repository whose history holds a removed key.
  it('first push of a repository: scans the whole history of after', () => {
    const repo = tempRepo();
    const key = githubToken();
    const adding = commitFiles(repo, { 'deploy.env': `GITHUB_TOKEN=${key}\n` }, 'deploy settings');
    commitFiles(repo, { 'deploy.env': 'GITHUB_TOKEN=\n' }, 'remove the token');
    const after = commitFiles(repo, { 'README.md': 'hello\n' }, 'readme');
    const { checkout } = shallowCheckout(repo, 'main');
    const r = runAction(checkout, { eventName: 'push', event: { before: ZERO, after, created: true, ref: 'refs/heads/main', repository: { default_branch: 'main' } } });
    expect(r.status).toBe(1);
    expect(results(checkout).map((x) => [x.locations[0]!.physicalLocation.artifactLocation.uri, x.properties?.commitSha])).toEqual([['deploy.env', adding]]);
    expect(r.summary).toContain('the first of the repository: the whole history');
  });

  it('new branch: scans the commits no other branch has, not the old history of main', () => {
    const repo = tempRepo();
    const oldKey = githubToken();
    commitFiles(repo, { 'old.env': `T=${oldKey}\n` }, 'old key on main');
    commitFiles(repo, { 'old.env': 'T=\n' }, 'removed on main');
    sh(repo, 'checkout', '-q', '-b', 'topic');
    const key = githubToken();
    const adding = commitFiles(repo, { 'new.env': `T=${key}\n` }, 'a key on topic');
    const after = commitFiles(repo, { 'new.env': 'T=\n' }, 'and gone');
    const { checkout } = shallowCheckout(repo, 'topic');
    const r = runAction(checkout, { eventName: 'push', event: { before: ZERO, after, created: true, ref: 'refs/heads/topic', repository: { default_branch: 'main' } } });
    expect(r.status).toBe(1);
    expect(results(checkout).map((x) => [x.locations[0]!.physicalLocation.artifactLocation.uri, x.properties?.commitSha])).toEqual([['new.env', adding]]);
    expect(r.summary).toContain('its 2 commit(s) that no other branch has');
  });

  // Case 9: a push payload without `after` was read as a branch deletion, and nothing was scanned.
  it('push without after: scans the whole checkout instead of nothing', () => {
    const repo = tempRepo();
    commitFiles(repo, { 'k.env': `GITHUB_TOKEN=${githubToken()}\n` });
    const r = runAction(repo, { eventName: 'push', event: { ref: 'refs/heads/main' } });
    expect(r.status).toBe(1);
    expect(r.summary).toMatch(/no usable .after. commit, so the whole checkout is scanned instead/);
  });
});

describe('issue 17: the Action on files, inputs and errors', () => {
  // Case 3, full-scan mode: a committed file that .gitignore matches.
  it('full scan: scans a tracked file that .gitignore matches', () => {
    const repo = tempRepo();
    commitFiles(repo, { 'prod.env': `GITHUB_TOKEN=${githubToken()}\n` });
    commitFiles(repo, { '.gitignore': 'prod.env\n' });
    const r = runAction(repo, { eventName: 'workflow_dispatch', event: {} });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('::error file=prod.env,');
  });

  // Case 8: `--max-commits=abc` or `=0` in history mode scanned 0 files and passed.
  it('rejects a bad args value as the CLI does, with exit code 2 and the reason', () => {
    const repo = tempRepo();
    commitFiles(repo, { 'k.env': `GITHUB_TOKEN=${githubToken()}\n` });
    for (const args of ['--max-commits=abc', '--max-commits=0', '--max-commits -3', '--max-file-size=lots']) {
      const r = runAction(repo, { eventName: 'workflow_dispatch', event: {}, inputs: { mode: 'history', args } });
      expect(r.status, args).toBe(2);
      expect(r.log, args).toMatch(/::error::keyhound: (--max-commits must be a positive whole number|invalid size)/);
    }
  });

  // Case 10: an error left no SARIF file and no outputs, so an `if: always()` upload step failed confusingly.
  it('on an error still writes the SARIF file, the outputs and a summary saying why', () => {
    const repo = tempRepo();
    const before = commitFiles(repo, { 'a.txt': 'a\n' });
    const after = commitFiles(repo, { 'b.txt': 'b\n' });
    const r = runAction(repo, { eventName: 'push', event: { before, after }, inputs: { config: 'missing/keyhound.yaml' } });
    expect(r.status).toBe(2);
    expect(r.log).toMatch(/::error::keyhound: .*config file not found/);
    expect(r.outputs['sarif-file']).toBe(join(repo, 'keyhound.sarif'));
    expect(r.outputs.findings).toBe('');
    const sarif = JSON.parse(readFileSync(join(repo, 'keyhound.sarif'), 'utf8'));
    expect(sarif.runs[0].results).toEqual([]);
    expect(sarif.runs[0].invocations[0].executionSuccessful).toBe(false);
    expect(r.summary).toMatch(/The run failed.*config file not found/);
  });

  it('makes a run with no active rule an error unless args say --allow-no-rules', () => {
    const repo = tempRepo();
    commitFiles(repo, { '.keyhound.yaml': 'extends: none\n', 'k.env': `GITHUB_TOKEN=${githubToken()}\n` });
    const r = runAction(repo, { eventName: 'workflow_dispatch', event: {} });
    expect(r.status).toBe(2);
    expect(r.log).toMatch(/no rule is active/);
    expect(runAction(repo, { eventName: 'workflow_dispatch', event: {}, inputs: { args: '--allow-no-rules' } }).status).toBe(0);
  });

  it('warns in the log and the summary when files were skipped and none was scanned', () => {
    const repo = tempRepo();
    commitFiles(repo, { 'image.bin': Buffer.from([0, 1, 0, 2, 0, 3]) });
    const r = runAction(repo, { eventName: 'workflow_dispatch', event: {} });
    expect(r.status).toBe(0);
    expect(r.log).toMatch(/::warning::nothing was scanned/);
    expect(r.summary).toMatch(/nothing was scanned/);
  });
});

describe('issue 17: a pull request cannot weaken its own gate', () => {
  function prWith(files: Record<string, string>): { repo: string; event: unknown; key: string } {
    const repo = tempRepo();
    const base = commitFiles(repo, { 'app.py': 'print(1)\n', '.keyhound-baseline.json': '' }, 'base');
    sh(repo, 'rm', '-q', '.keyhound-baseline.json');
    sh(repo, 'commit', '-q', '-m', 'no baseline');
    const baseTip = sh(repo, 'rev-parse', 'HEAD');
    expect(base).not.toBe(baseTip);
    sh(repo, 'checkout', '-q', '-b', 'feature');
    const key = githubToken();
    const filled = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.replace('KEY', key)]));
    const head = commitFiles(repo, { ...filled, 'app.py': `print(1)\nTOKEN = "${key}"\n` }, 'a key, and a config that hides it');
    return { repo, key, event: { action: 'opened', number: 2, pull_request: { number: 2, base: { sha: baseTip, ref: 'main' }, head: { sha: head, ref: 'feature' } } } };
  }

  // Case 7: a pull request that adds `.keyhound.yaml` with `extends: none`.
  it('judges a pull request that says extends: none under the base configuration, and says what it would disable', () => {
    const { repo, event, key } = prWith({ '.keyhound.yaml': 'extends: none\n' });
    const r = runAction(repo, { eventName: 'pull_request', event });
    expect(r.status).toBe(1);
    expect(r.summary).toContain("This pull request changes keyhound's configuration");
    expect(r.summary).toMatch(/Rules it disables \(\d+\):/);
    expect(r.summary).toContain('`github-token`');
    expectNoKey(r, key);
    // With config-from: head, the head's configuration rules: no rule is active, which is an error, not a pass.
    const head = runAction(repo, { eventName: 'pull_request', event, inputs: { 'config-from': 'head' } });
    expect(head.status).toBe(2);
    expect(head.log).toMatch(/no rule is active/);
  });

  // Case 7: a pull request that adds an allowlist regex matching its own key.
  it('judges a pull request that allowlists its own key under the base configuration, and lists the allowlist', () => {
    const { repo, event } = prWith({ '.keyhound.yaml': 'allowlist:\n  regexes: ["^ghp_"]\n' });
    const r = runAction(repo, { eventName: 'pull_request', event });
    expect(r.status).toBe(1);
    expect(r.summary).toMatch(/Allowlist entries it adds \(1\):/);
    expect(r.summary).toContain('regex "^ghp_"');
    const head = runAction(repo, { eventName: 'pull_request', event, inputs: { 'config-from': 'head' } });
    expect(head.status).toBe(0);
    expect(head.summary).toContain('judged under **its own** configuration');
    expect(head.summary).toMatch(/Allowlist entries it adds \(1\):/);
  });

  it('judges a pull request whose own config does not load under the base configuration, and says so', () => {
    const { repo, event } = prWith({ '.keyhound.yaml': 'rules: [ { id: 1 } ]\n' });
    const r = runAction(repo, { eventName: 'pull_request', event });
    expect(r.status).toBe(1);
    expect(r.summary).toMatch(/Its own configuration or baseline does not load/);
  });

  it('judges a pull request that baselines its own key under the base baseline, and lists the entry', () => {
    const { repo, event } = prWith({});
    const made = keyhound(['baseline', '.'], { cwd: repo });
    expect(made.status).toBe(0);
    sh(repo, 'add', '-A');
    sh(repo, 'commit', '-q', '-m', 'accept it');
    const head = sh(repo, 'rev-parse', 'HEAD');
    const pr = event as { pull_request: { head: { sha: string } } };
    pr.pull_request.head.sha = head;
    const r = runAction(repo, { eventName: 'pull_request', event: pr });
    expect(r.status).toBe(1);
    expect(r.summary).toMatch(/Baseline entries it adds \(1\):/);
    expect(r.summary).toContain('github-token app.py');
    expect(runAction(repo, { eventName: 'pull_request', event: pr, inputs: { 'config-from': 'head' } }).status).toBe(0);
  });

  it('rejects a bad config-from input', () => {
    const { repo, event } = prWith({});
    const r = runAction(repo, { eventName: 'pull_request', event, inputs: { 'config-from': 'pr' } });
    expect(r.status).toBe(2);
    expect(r.log).toContain('input config-from must be base or head');
  });
});
