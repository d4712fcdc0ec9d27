// The baseline workflow end to end with the built CLI, in a temporary git repository: accept an old leak once,
// be told only about new ones; identities survive moved lines; expiry and pruning.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandTemplate } from '../../src/fakes/index.js';
import { fingerprint } from '../../src/detect/fingerprint.js';
import { keyhound } from '../helpers/cli.js';
import { commitFiles, sh, tempRepo } from '../helpers/git.js';

const gh = () => expandTemplate('{{github:ghp}}');
const aws = () => expandTemplate('AKIA{{upper:16}}');

function json(dir: string, ...args: string[]) {
  const r = keyhound(['scan', dir, '--format', 'json', ...args]);
  return { ...r, doc: r.stdout ? JSON.parse(r.stdout) : null };
}

describe('keyhound baseline', () => {
  it('suppresses an accepted old leak and fails only on the new one', () => {
    const repo = tempRepo();
    const old = gh();
    commitFiles(repo, { 'config/app.env': `GITHUB_TOKEN=${old}\n` }, 'old leak');
    const b = keyhound(['baseline', repo]);
    expect(b.stderr).toBe('');
    expect(b.status).toBe(0);
    expect(b.stdout).toMatch(/1 entries \(1 added\)/);
    const file = join(repo, '.keyhound-baseline.json');

    expect(json(repo, '--baseline', file).status).toBe(0);
    const fresh = aws();
    commitFiles(repo, { 'src/deploy.sh': `export AWS_ACCESS_KEY_ID=${fresh}\n` }, 'new leak');
    const r = json(repo, '--baseline', file);
    expect(r.status).toBe(1);
    expect(r.doc.findings).toHaveLength(1);
    expect(r.doc.findings[0]).toMatchObject({ ruleId: 'aws-access-key-id', path: 'src/deploy.sh' });
  });

  it('keeps suppressing when the leak moves down ten lines, and stops when the secret changes', () => {
    const repo = tempRepo();
    const secret = gh();
    commitFiles(repo, { 'app.env': `GITHUB_TOKEN=${secret}\n` });
    const before = json(repo).doc.findings[0];
    const sarifBefore = JSON.parse(keyhound(['scan', repo, '--format', 'sarif']).stdout).runs[0].results[0];
    keyhound(['baseline', repo]);
    const file = join(repo, '.keyhound-baseline.json');

    commitFiles(repo, { 'app.env': `${'# padding\n'.repeat(10)}GITHUB_TOKEN=${secret}\n` }, 'move it');
    const moved = json(repo, '--baseline', 'none').doc.findings[0];
    const sarifMoved = JSON.parse(keyhound(['scan', repo, '--format', 'sarif', '--baseline', 'none']).stdout).runs[0].results[0];
    expect(moved.line).toBe(before.line + 10);
    expect(moved.fingerprint).toBe(before.fingerprint);
    expect(sarifMoved.partialFingerprints).toEqual(sarifBefore.partialFingerprints);
    expect(sarifMoved.locations[0].physicalLocation.region.startLine).toBe(11);
    expect(json(repo, '--baseline', file).status).toBe(0);

    commitFiles(repo, { 'app.env': `${'# padding\n'.repeat(10)}GITHUB_TOKEN=${gh()}\n` }, 'rotate it');
    const changed = json(repo, '--baseline', file);
    expect(changed.status).toBe(1);
    expect(changed.doc.findings[0].fingerprint).not.toBe(before.fingerprint);
  });

  it('gives identical fingerprints on two runs', () => {
    const repo = tempRepo();
    commitFiles(repo, { 'a.env': `T=${gh()}\nK=${aws()}\n` });
    const one = json(repo).doc.findings.map((f: { fingerprint: string }) => f.fingerprint);
    const two = json(repo).doc.findings.map((f: { fingerprint: string }) => f.fingerprint);
    expect(one).toHaveLength(2);
    expect(two).toEqual(one);
  });

  it('counts a finding again once its entry has expired, and keeps the reason and expiry when re-run', () => {
    const repo = tempRepo();
    commitFiles(repo, { 'a.env': `T=${gh()}\n` });
    keyhound(['baseline', repo]);
    const file = join(repo, '.keyhound-baseline.json');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    doc.entries[0].reason = 'test fixture, revoked';
    doc.entries[0].expires = '2000-01-01';
    writeFileSync(file, JSON.stringify(doc));
    const r = json(repo, '--baseline', file, '--verbose');
    expect(r.status).toBe(1);
    expect(r.doc.findings).toHaveLength(1);
    expect(r.stderr).toMatch(/expired \(their findings count again\) 1:\n {2}github-token a\.env \(expires 2000-01-01\)/);
    const again = keyhound(['baseline', repo]);
    expect(again.stderr).toMatch(/1 expired entries still match/);
    const after = JSON.parse(readFileSync(file, 'utf8'));
    expect(after.entries).toEqual([doc.entries[0]]);

    doc.entries[0].expires = '2999-12-31';
    writeFileSync(file, JSON.stringify(doc));
    expect(json(repo, '--baseline', file).status).toBe(0);
  });

  it('reports entries that match nothing with --verbose, and --prune drops them', () => {
    const repo = tempRepo();
    commitFiles(repo, { 'a.env': `T=${gh()}\n`, 'b.env': `K=${aws()}\n` });
    keyhound(['baseline', repo]);
    const file = join(repo, '.keyhound-baseline.json');
    commitFiles(repo, { 'b.env': 'K=from-the-vault\n' }, 'remove the key');
    const r = json(repo, '--baseline', file, '--verbose');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/matched nothing 1 \(remove with keyhound baseline --prune\):\n {2}aws-access-key-id b\.env/);
    expect(keyhound(['baseline', repo]).stdout).toMatch(/2 entries \(0 added\)/);
    const pruned = keyhound(['baseline', repo, '--prune']);
    expect(pruned.stdout).toMatch(/1 entries \(0 added, 1 pruned\)/);
    expect(JSON.parse(readFileSync(file, 'utf8')).entries.map((e: { path: string }) => e.path)).toEqual(['a.env']);
  });

  it('never writes the secret or the unsalted fingerprint, and salts each file differently', () => {
    const repo = tempRepo();
    const secret = gh();
    commitFiles(repo, { 'a.env': `T=${secret}\n` });
    keyhound(['baseline', repo]);
    keyhound(['baseline', repo, '--output', join(repo, 'other.json')]);
    const text = readFileSync(join(repo, '.keyhound-baseline.json'), 'utf8');
    const other = JSON.parse(readFileSync(join(repo, 'other.json'), 'utf8'));
    const unsalted = fingerprint('github-token', 'a.env', secret);
    expect(json(repo, '--baseline', 'none').doc.findings[0].fingerprint).toBe(unsalted);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(secret.slice(4, 16));
    expect(text).not.toContain(unsalted);
    expect(other.salt).not.toBe(JSON.parse(text).salt);
    expect(other.entries[0].fingerprint).not.toBe(JSON.parse(text).entries[0].fingerprint);
  });

  it('is read from the config key baseline (relative to the config file), and a missing one is an error', () => {
    const repo = tempRepo();
    commitFiles(repo, { 'a.env': `T=${gh()}\n`, '.keyhound.yaml': 'baseline: .keyhound-baseline.json\n' });
    expect(keyhound(['baseline', repo]).status).toBe(0);
    expect(json(repo).status).toBe(0);
    const missing = json(repo, '--baseline', join(repo, 'nope.json'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: baseline file not found/);
  });

  it('--history baselines keys that only the history holds, so history, staged and scan accept them', () => {
    const repo = tempRepo();
    const old = gh();
    commitFiles(repo, { 'a.env': `T=${old}\n` }, 'leak');
    commitFiles(repo, { 'a.env': 'T=removed\n' }, 'remove it');
    const file = join(repo, '.keyhound-baseline.json');
    const history = (...args: string[]) => keyhound(['history', repo, '--format', 'json', ...args]);
    expect(history().status).toBe(1);
    const b = keyhound(['baseline', repo, '--history']);
    expect(b.status).toBe(0);
    expect(b.stdout).toMatch(/1 entries \(1 added\)/);
    expect(readFileSync(file, 'utf8')).not.toContain(old);
    expect(history('--baseline', file).status).toBe(0);
    // A key added later is still reported by history despite the baseline.
    commitFiles(repo, { 'b.env': `T=${gh()}\n` }, 'new leak');
    const r = history('--baseline', file);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { path: string }) => f.path)).toEqual(['b.env']);
    expect(keyhound(['baseline', repo, join(repo, 'x'), '--history']).status).toBe(2);
  });

  // Regression (issue 21): `keyhound baseline` wrote .keyhound-baseline.json, but only a config key made any command
  // read it, so the blocked commit's own advice did not unblock it.
  it('is read from the repository top by default, by scan, staged, diff and history; --baseline none turns it off', () => {
    const repo = tempRepo();
    commitFiles(repo, { 'README.md': 'hi\n' }, 'start');
    const base = commitFiles(repo, { 'a.env': `T=${gh()}\n` }, 'leak');
    writeFileSync(join(repo, 'b.env'), `U=${gh()}\n`);
    sh(repo, 'add', 'b.env');
    expect(keyhound(['baseline'], { cwd: repo }).status).toBe(0);
    const run = (...args: string[]) => keyhound(args, { cwd: repo }).status;
    expect(run('scan', '.')).toBe(0);
    expect(run('staged')).toBe(0);
    expect(run('history')).toBe(0);
    expect(run('diff', `${base}~1..${base}`)).toBe(0);
    expect(run('scan', '.', '--baseline', 'none')).toBe(1);
    expect(run('staged', '--baseline', 'none')).toBe(1);
    expect(run('history', '--baseline', 'none')).toBe(1);
    expect(run('diff', `${base}~1..${base}`, '--baseline', 'none')).toBe(1);
  });
});
