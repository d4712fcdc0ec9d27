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
