// keyhound must never become a leak itself: no network I/O, no secret in an error message, a stack trace or a
// commit subject it prints, and nothing but salted hashes in the baseline.

import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unexpectedError } from '../../src/cli/common.js';
import { PACKAGE_ROOT } from '../../src/config/load.js';
import { expandTemplate } from '../../src/fakes/index.js';
import { keyhound } from '../helpers/cli.js';
import { commitFiles, sh, tempRepo } from '../helpers/git.js';
import { plantedEverything } from '../helpers/planted.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const NO_NETWORK = join(PACKAGE_ROOT, 'tests', 'robust', 'fixtures', 'no-network.mjs');
const offline = { NODE_OPTIONS: `--import ${NO_NETWORK}` };

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? jsFiles(p) : /\.(c|m)?js$/.test(name) ? [p] : [];
  });
}

describe('no network', () => {
  it('the built code imports no network module and calls no fetch', () => {
    // Except src/verify (issue 20): the one module that talks to the network, loaded only for --verify, in chunks of
    // its own when bundled; the runs below show that nothing else loads it.
    const verify = /[/\\](?:verify[/\\]|chunks[/\\]verify-)/;
    const files = [...jsFiles(join(PACKAGE_ROOT, 'build')), ...jsFiles(join(PACKAGE_ROOT, 'bin'))].filter((f) => !verify.test(f));
    expect(files.length).toBeGreaterThan(20);
    const network = /(?:from\s*|import\(\s*|require\(\s*)['"](?:node:)?(?:http|https|http2|net|tls|dgram|dns)['"]|\bfetch\s*\(|\bWebSocket\b|XMLHttpRequest/;
    expect(files.filter((f) => network.test(readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('the hook really catches network use (so a quiet run below means something)', () => {
    const d = tempDir();
    writeFileSync(join(d, 'probe.mjs'), "await fetch('http://127.0.0.1:9/').catch(() => {});\n");
    const probe = keyhound(['--version'], { env: { NODE_OPTIONS: `--import ${NO_NETWORK} --import ${join(d, 'probe.mjs')}` } });
    expect(probe.stderr).toMatch(/NETWORK ATTEMPT: fetch/);
  });

  it('full scans, history and staged runs make no network request', () => {
    const { dir } = plantedEverything();
    for (const format of ['text', 'json', 'sarif', 'github']) {
      const r = keyhound(['scan', dir, '--format', format, '--verbose'], { env: offline });
      expect(r.stderr).not.toMatch(/NETWORK ATTEMPT/);
      expect(r.status, r.stderr).toBe(1);
    }
    const repo = tempRepo();
    commitFiles(repo, { 'a.env': `GITHUB_TOKEN=${expandTemplate('{{github:ghp}}')}\n` }, 'add env');
    writeTree(repo, { 'b.env': `GITHUB_TOKEN=${expandTemplate('{{github:ghp}}')}\n` });
    const history = keyhound(['history', repo, '--format', 'json'], { env: offline });
    expect(history.stderr).not.toMatch(/NETWORK ATTEMPT/);
    expect(history.status, history.stderr).toBe(1);
    sh(repo, 'add', 'b.env');
    const staged = keyhound(['staged'], { cwd: repo, env: offline });
    expect(staged.stderr).not.toMatch(/NETWORK ATTEMPT/);
    expect(staged.status, staged.stderr).toBe(1);
    // Six CLI runs: on a busy machine they take longer than the default 30 s.
  }, 120_000);
});

describe('no secret in what keyhound prints about itself', () => {
  it('masks key-shaped text in an unexpected error, keeping the stack frames for the bug report', () => {
    const key = expandTemplate('{{github:ghp}}');
    const err = new TypeError(`cannot parse "${key}" near line 3`);
    const r = unexpectedError(err);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^keyhound: unexpected error: TypeError: cannot parse "ghp_…" near line 3\n/);
    expect(r.stderr).toMatch(/\n\s+at /);
    expect(r.stderr).not.toContain(key.slice(4));
  });

  it('masks a leaked key in a commit subject that travels with a history finding', () => {
    const repo = tempRepo();
    const key = expandTemplate('{{github:ghp}}');
    commitFiles(repo, { 'a.env': `GITHUB_TOKEN=${key}\n` }, `add ${key} for the deploy`);
    for (const format of ['json', 'text', 'sarif', 'github']) {
      const r = keyhound(['history', repo, '--format', format, '--verbose']);
      expect(r.status).toBe(1);
      expect(r.stdout + r.stderr, format).not.toContain(key.slice(4));
    }
    const json = JSON.parse(keyhound(['history', repo, '--format', 'json']).stdout);
    expect(json.findings[0].commit.message).toBe('add ghp_… for the deploy');
    // --no-redact is the one way to see it.
    expect(keyhound(['history', repo, '--format', 'json', '--no-redact']).stdout).toContain(key);
  });

  it('does not quote a broken baseline or config file back', () => {
    const d = tempDir();
    const key = expandTemplate('{{github:ghp}}');
    writeTree(d, { 'base.json': `{"version": 1, "entries": [${key}]}`, 'a.txt': 'x\n' });
    const r = keyhound(['scan', d, '--baseline', join(d, 'base.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/base\.json: invalid JSON/);
    expect(r.stderr).not.toContain(key.slice(4, 12));
    writeTree(d, { '.keyhound.yaml': `allowlist:\n  stopwords: [${key}\n` });
    const y = keyhound(['scan', d]);
    expect(y.status).toBe(2);
    expect(y.stderr).toMatch(/invalid YAML/);
    expect(y.stderr).not.toContain(key.slice(4, 12));
  });

  it('writes only salted hashes to the baseline', () => {
    const d = tempDir();
    const key = expandTemplate('{{github:ghp}}');
    writeTree(d, { 'a.env': `GITHUB_TOKEN=${key}\n` });
    const r = keyhound(['baseline', d, '-o', join(d, 'b.json')]);
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(join(d, 'b.json'), 'utf8');
    expect(text).not.toContain(key.slice(4, 12));
    expect(r.stdout + r.stderr).not.toContain(key.slice(4, 12));
  });
});
