// End to end: the built CLI on temporary trees with planted fake keys.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandTemplate } from '../../src/fakes/index.js';
import { keyhound } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

interface Planted {
  file: string;
  line: number;
  ruleId: string;
  secret: string;
}

function plantedTree(): { dir: string; planted: Planted[] } {
  const aws = expandTemplate('AKIA{{upper:16}}');
  const gh = expandTemplate('{{github:ghp}}');
  const stripe = expandTemplate('sk_live_{{alnum:32}}');
  const openai = expandTemplate('sk-proj-{{b64url:74}}T3BlbkFJ{{b64url:74}}');
  const anthropic = expandTemplate('sk-ant-api03-{{b64url:93}}AA');
  const glpat = expandTemplate('glpat-{{b64url:20}}');
  const dir = tempDir();
  writeTree(dir, {
    '.env': `# local settings\nDEBUG=true\nAWS_ACCESS_KEY_ID=${aws}\n`,
    'config/app.yaml': `server:\n  port: 8080\n  github:\n    token: ${gh}\n`,
    'config/settings.json': `{\n  "name": "shop",\n  "stripe": {\n    "key": "${stripe}"\n  }\n}\n`,
    'app/main.py': `import openai\n\n\nclient = openai.OpenAI(api_key="${openai}")\n`,
    'web/index.js': `// client\nconst a = 1;\nexport const KEY = '${anthropic}';\n`,
    'notebooks/explore.ipynb': JSON.stringify(
      { cells: [{ cell_type: 'code', source: ['import os\n', `os.environ["GITLAB_TOKEN"] = "${glpat}"\n`] }], nbformat: 4 },
      null,
      1,
    ),
  });
  const nbLine = readFileSync(join(dir, 'notebooks/explore.ipynb'), 'utf8').split('\n').findIndex((l) => l.includes(glpat)) + 1;
  return {
    dir,
    planted: [
      { file: '.env', line: 3, ruleId: 'aws-access-key-id', secret: aws },
      { file: 'app/main.py', line: 4, ruleId: 'openai-api-key', secret: openai },
      { file: 'config/app.yaml', line: 4, ruleId: 'github-token', secret: gh },
      { file: 'config/settings.json', line: 4, ruleId: 'stripe-secret-key', secret: stripe },
      { file: 'notebooks/explore.ipynb', line: nbLine, ruleId: 'gitlab-personal-access-token', secret: glpat },
      { file: 'web/index.js', line: 3, ruleId: 'anthropic-api-key', secret: anthropic },
    ],
  };
}

describe('keyhound scan', () => {
  it('reports every planted key at the right file and line, redacted, with exit 1', () => {
    const { dir, planted } = plantedTree();
    const r = keyhound(['scan', dir, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout);
    const got = doc.findings.map((f: Planted & { path: string }) => ({ file: f.path, line: f.line, ruleId: f.ruleId }));
    expect(got).toEqual(planted.map(({ file, line, ruleId }) => ({ file, line, ruleId })));
    for (const p of planted) {
      expect(r.stdout).not.toContain(p.secret);
      expect(r.stdout).not.toContain(p.secret.slice(0, 12));
    }
    expect(doc.stats.files).toBe(6);
  });

  it('prints full secrets only with --no-redact', () => {
    const { dir, planted } = plantedTree();
    const text = keyhound(['scan', dir]);
    const raw = keyhound(['scan', dir, '--format', 'json', '--no-redact']);
    for (const p of planted) {
      expect(text.stdout + text.stderr).not.toContain(p.secret);
      expect(raw.stdout).toContain(p.secret);
    }
    expect(text.stdout).toMatch(/6 secrets found in 6 files/);
  });

  it('exits 0 on a clean tree and says so', () => {
    const dir = tempDir();
    writeTree(dir, { 'README.md': '# hello\n', 'src/a.ts': 'export const x = 1;\n' });
    const r = keyhound(['scan', dir]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/no secrets found \(scanned 2 files/);
    expect(keyhound(['scan', dir, '--quiet']).stdout).toBe('');
  });

  it('says "nothing to scan", not "no secrets found", on an empty folder, and exits 0', () => {
    const r = keyhound(['scan', tempDir()]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/nothing to scan: no file to read \(scanned 0 files/);
    expect(r.stdout).not.toMatch(/no secrets found/);
    expect(keyhound(['scan', tempDir(), '--format', 'github']).stdout).toBe('keyhound: nothing to scan (0 files, 0 skipped)\n');
  });

  it('exits 2 with a message naming the problem on a bad config, a missing path and a bad option', () => {
    const dir = tempDir();
    writeTree(dir, { '.keyhound.yaml': 'rules:\n  - id: bad\n    description: x\n    severity: urgent\n    regex: a\n' });
    const bad = keyhound(['scan', dir]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/\.keyhound\.yaml: bad: severity: must be one of/);
    const missing = keyhound(['scan', join(dir, 'nope')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/path not found/);
    const option = keyhound(['scan', '--format', 'xml']);
    expect(option.status).toBe(2);
    expect(option.stderr).toMatch(/Invalid values/);
  });

  it('reads standard input with -, reporting --stdin-filename', () => {
    const key = expandTemplate('{{github:ghp}}');
    const r = keyhound(['scan', '-', '--stdin-filename', 'pasted.txt', '--format', 'json'], { input: `x\ntoken=${key}\n` });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings[0]).toMatchObject({ path: 'pasted.txt', line: 2, ruleId: 'github-token' });
  });

  it('writes the report to --output and lists skips with --verbose', () => {
    const { dir } = plantedTree();
    writeTree(dir, { 'blob.bin': Buffer.from([0, 1, 2]) });
    const out = join(tempDir(), 'report.json');
    const r = keyhound(['scan', dir, '-f', 'json', '-o', out, '--verbose']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).findings).toHaveLength(6);
    expect(r.stderr).toMatch(/skipped 1:\n {2}blob\.bin: binary/);
  });

  it('writes the format the --output name says when --format is not given', () => {
    const { dir } = plantedTree();
    const at = tempDir();
    const written = (name: string, ...extra: string[]): string => {
      const out = join(at, name);
      const r = keyhound(['scan', dir, '-o', out, ...extra]);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      return readFileSync(out, 'utf8');
    };
    expect(JSON.parse(written('report.json')).findings).toHaveLength(6);
    expect(JSON.parse(written('report.sarif')).runs[0].results).toHaveLength(6);
    expect(JSON.parse(written('report.sarif.json')).version).toBe('2.1.0');
    expect(written('report.ndjson').trim().split('\n').map((l) => JSON.parse(l).ruleId)).toHaveLength(6);
    expect(written('report.HTML')).toMatch(/^<!doctype html>/i);
    expect(written('report.txt')).toMatch(/6 secrets found in 6 files/);
    // --format wins over the name.
    expect(written('forced.json', '--format', 'text')).toMatch(/6 secrets found in 6 files/);
  });

  it('honours a keyhound:allow comment and a user config that disables a rule', () => {
    const dir = tempDir();
    const key = expandTemplate('{{github:ghp}}');
    writeTree(dir, { 'a.env': `TOKEN=${key} # keyhound:allow\n`, 'b.env': `TOKEN=${expandTemplate('AKIA{{upper:16}}')}\n` });
    expect(keyhound(['scan', dir]).status).toBe(1);
    writeTree(dir, { '.keyhound.yaml': 'disable: [aws-access-key-id]\n' });
    expect(keyhound(['scan', dir]).status).toBe(0);
  });

  it('prints help with the exit codes, and the version', () => {
    const help = keyhound(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Exit codes: 0 no secrets found, 1 secrets found, 2/);
    expect(keyhound(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('keyhound rules', () => {
  it('lists every rule with provider, family, severity, parts and validator', () => {
    const r = keyhound(['rules', 'list', '--format', 'json']);
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows.length).toBeGreaterThan(10);
    expect(Object.keys(rows[0])).toEqual(['id', 'provider', 'family', 'severity', 'parts', 'validator', 'description']);
  });

  it('checks a rule file: passing examples exit 0, a failing one exits 1, an invalid file exits 2', () => {
    const dir = tempDir();
    const rule = (neg: string): string =>
      `rules:\n  - id: my-token\n    description: Mine\n    severity: high\n    keywords: [mytok_]\n    regex: 'mytok_[a-f0-9]{32}'\n    references: [x]\n    examples:\n      positive: ['k = mytok_{{hex:32}}']\n      negative: ['${neg}']\n`;
    writeTree(dir, { 'good.yaml': rule('mytok_{{hex:8}}'), 'bad.yaml': rule('mytok_{{hex:40}}'), 'broken.yaml': 'rules: 3\n' });
    expect(keyhound(['rules', 'check', join(dir, 'good.yaml')]).status).toBe(0);
    const bad = keyhound(['rules', 'check', join(dir, 'bad.yaml')]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/FAIL {2}my-token\n {6}negative: negative example detected/);
    expect(keyhound(['rules', 'check', join(dir, 'broken.yaml')]).status).toBe(2);
  });
});
