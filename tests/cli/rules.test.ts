// `keyhound rules list`: JSON with each rule's provider, family, severity, parts and validator; a text list grouped
// by provider; `--provider ID` filters, and an unknown provider is an error.

import { describe, expect, it } from 'vitest';
import { keyhound } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

// A user rule in the v2 format, so the provider filter is exercised whatever the catalogue holds.
const CONFIG = `providers:
  - { id: acme-test, name: ACME (test), aliases: [acme] }
rules:
  - id: acme-test-key
    provider: acme-test
    description: ACME test key
    severity: high
    match: prefixed
    parts:
      key: { prefix: acmet_, alphabet: hex, length: 32 }
    examples:
      positive: ['ACME_KEY={{key}}']
      negative: ['ACME_KEY=acmet_123']
`;

interface Row {
  id: string;
  provider: string;
  family: string;
  severity: string;
  parts: string[];
  validator: string;
  description: string;
}

describe('keyhound rules list', () => {
  const cwd = tempDir('keyhound-rules-');
  writeTree(cwd, { '.keyhound.yaml': CONFIG });

  it('gives every rule its fields in JSON', () => {
    const r = keyhound(['rules', 'list', '--format', 'json'], { cwd });
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as Row[];
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(['description', 'family', 'id', 'parts', 'provider', 'severity', 'validator']);
  });

  it('groups the text list by provider and filters by one', () => {
    const all = JSON.parse(keyhound(['rules', 'list', '--format', 'json'], { cwd }).stdout) as Row[];
    expect(all.find((x) => x.id === 'acme-test-key')).toMatchObject({ provider: 'acme-test', parts: ['key'], family: 'user' });
    const r = keyhound(['rules', 'list', '--provider', 'acme-test'], { cwd });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('ACME (test) (acme-test)\n  acme-test-key');
    expect(r.stdout).toContain('1 rules, 1 providers');
  });

  it('exits 2 for a provider no rule has', () => {
    const r = keyhound(['rules', 'list', '--provider', 'no-such-provider'], { cwd });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no-such-provider');
  });
});

// Issue 21: `rules check` reported one schema error per run, so a file with four mistakes took four runs.
describe('keyhound rules check', () => {
  it('lists every problem of the file at once, each with file, line, column, rule and field, and exits 2', () => {
    const dir = tempDir();
    const rule = (id: string, extra: string): string =>
      `  - id: ${id}\n    description: D\n    severity: high\n    keywords: [tok_]\n${extra}    references: [x]\n    examples:\n      positive: ['k = tok_{{hex:32}}']\n      negative: ['x']\n`;
    writeTree(dir, {
      'bad.yaml':
        'rules:\n' +
        rule('one', "    regex: 'tok_[a-f0-9]{32}'\n    colour: red\n") + // unknown field, line 7
        rule('two', "    regex: 'tok_[a-f0-9{32}'\n") + // bad regex, line 16
        '  - id: three\n    severity: low\n    regex: x\n    examples: { positive: [x], negative: [y] }\n' + // no description, line 21
        rule('two', "    regex: 'tok_[a-f0-9]{32}'\n"), // duplicate id, line 25
    });
    const r = keyhound(['rules', 'check', 'bad.yaml'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'keyhound: bad.yaml:7:5: one: colour: unknown field "colour"',
        'keyhound: bad.yaml:21:5: three: missing required field "description"',
        'keyhound: bad.yaml:16:12: two: regex: invalid regex: Invalid regular expression: /tok_[a-f0-9{32}/dg: Unterminated character class',
        'keyhound: bad.yaml:25:9: two: id: duplicate rule id (first at rule 2)',
        'keyhound: 4 problems in bad.yaml',
        '',
      ].join('\n'),
    );
  });

  it('lists every YAML syntax error with its position', () => {
    const dir = tempDir();
    writeTree(dir, { 'syn.yaml': 'rules:\n  - id: a\n    x: [1\n  - b: }\n' });
    const r = keyhound(['rules', 'check', 'syn.yaml'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n').filter((l) => /^keyhound: syn\.yaml:\d+:\d+: invalid YAML: /.test(l))).toHaveLength(2);
  });
});
