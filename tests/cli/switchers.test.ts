// For teams coming from other scanners (issue 21): gitleaks' --redact, --exit-code, --report-format/--report-path and
// .gitleaksignore; TruffleHog's one-finding-per-line JSON (--format ndjson).

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGitleaksIgnore } from '../../src/filters/gitleaksignore.js';
import { keyhound } from '../helpers/cli.js';
import { commitFiles, tempRepo } from '../helpers/git.js';
import { ghToken } from '../helpers/staged.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

function leakyDir(): { dir: string; key: string } {
  const dir = tempDir();
  const key = ghToken();
  writeTree(dir, { 'a.env': `TOKEN=${key}\n`, 'b.env': `OTHER=${ghToken()}\n` });
  return { dir, key };
}

describe('switching from gitleaks', () => {
  it('takes --report-format and --report-path for --format and --output, and --redact (the default)', () => {
    const { dir, key } = leakyDir();
    const out = join(dir, 'report.json');
    const r = keyhound(['scan', dir, '--report-format', 'json', '--report-path', out, '--redact']);
    expect(r.stderr).not.toContain('Unknown');
    expect(r.status).toBe(1);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as { findings: { secret: string }[] };
    expect(doc.findings).toHaveLength(2);
    expect(readFileSync(out, 'utf8')).not.toContain(key);
  });

  it('exits with --exit-code N when secrets are found, 0 when none, and 2 on a bad N', () => {
    const { dir } = leakyDir();
    expect(keyhound(['scan', dir, '--exit-code', '7']).status).toBe(7);
    expect(keyhound(['scan', dir, '--exit-code', '0']).status).toBe(0);
    expect(keyhound(['scan', tempDir(), '--exit-code', '7']).status).toBe(0);
    const bad = keyhound(['scan', dir, '--exit-code', 'seven']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--exit-code must be a whole number');
  });

  it('reads .gitleaksignore fingerprints (path:rule:line, and commit:path:rule:line in history)', () => {
    const { dir } = leakyDir();
    writeFileSync(join(dir, '.gitleaksignore'), '# accepted\na.env:github-pat:1\n');
    const r = keyhound(['scan', dir, '--format', 'json']);
    expect(JSON.parse(r.stdout).findings.map((f: { path: string }) => f.path)).toEqual(['b.env']);
    writeFileSync(join(dir, '.gitleaksignore'), 'a.env:github-pat:1\nb.env:github-pat:1\n');
    expect(keyhound(['scan', dir]).status).toBe(0);
    writeFileSync(join(dir, '.gitleaksignore'), 'a.env:github-pat\n');
    const bad = keyhound(['scan', dir]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('line 1: not a gitleaks fingerprint');

    const repo = tempRepo();
    const sha = commitFiles(repo, { 'c.env': `T=${ghToken()}\n` }, 'leak');
    commitFiles(repo, { 'c.env': 'T=gone\n' }, 'remove');
    expect(keyhound(['history', repo]).status).toBe(1);
    writeFileSync(join(repo, '.gitleaksignore'), `${sha}:c.env:github-pat:1\n`);
    expect(keyhound(['history', repo]).status).toBe(0);
  });

  it('parses fingerprints whose path holds a colon', () => {
    const { entries } = parseGitleaksIgnore('deadbeef1234567:dir/a:b.env:generic-api-key:12\nx:y:3\n');
    expect(entries).toEqual([
      { commit: 'deadbeef1234567', path: 'dir/a:b.env', rule: 'generic-api-key', line: 12 },
      { path: 'x', rule: 'y', line: 3 },
    ]);
  });
});

describe('switching from TruffleHog', () => {
  it('--format ndjson: one finding per line, each the JSON report\'s finding, secrets masked', () => {
    const { dir, key } = leakyDir();
    const r = keyhound(['scan', dir, '--format', 'ndjson']);
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const json = JSON.parse(keyhound(['scan', dir, '--format', 'json']).stdout) as { findings: unknown[] };
    expect(lines.map((l) => JSON.parse(l))).toEqual(json.findings);
    expect(r.stdout).not.toContain(key);
    expect(keyhound(['scan', tempDir(), '--format', 'ndjson']).stdout).toBe('');
  });
});
