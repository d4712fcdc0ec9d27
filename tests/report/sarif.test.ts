// The SARIF and GitHub reporters: golden files, and the properties GitHub code scanning relies on.
// Regenerate the golden files after an intended change with UPDATE_GOLDEN=1 npx vitest run tests/report.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty } from '../../src/report/github.js';
import { reporters } from '../../src/report/index.js';
import { pathToUri } from '../../src/report/sarif.js';
import type { RuleMeta } from '../../src/report/types.js';
import { FINDINGS, META } from './fixtures.js';

const GOLDEN = join(import.meta.dirname, 'golden');

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

// Metadata for two of the three fixture rules; the third exercises the fallback for an unknown rule.
const RULES: RuleMeta[] = [
  {
    id: 'aws-access-key-id',
    description: 'AWS access key ID',
    severity: 'high',
    family: 'core',
    tags: ['cloud', 'aws'],
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html'],
    precision: 'high',
  },
  {
    id: 'private-key',
    description: 'Private key block (PEM, OpenSSH or PGP)',
    severity: 'critical',
    family: 'core',
    tags: ['crypto'],
    references: [],
    precision: 'very-high',
  },
  { id: 'unused-rule', description: 'Never reported', severity: 'low', family: 'core', tags: [], references: [], precision: 'high' },
];

const sarif = () => JSON.parse(reporters.sarif!(FINDINGS, { ...META, rules: RULES }));

describe('sarif reporter', () => {
  it('matches its golden file', () => golden('report.sarif', reporters.sarif!(FINDINGS, { ...META, rules: RULES })));
  it('matches its golden file with no findings', () => golden('report-empty.sarif', reporters.sarif!([], { ...META, rules: RULES })));

  it('lists each reported rule once, in first-seen order, and points results at them', () => {
    const run = sarif().runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['aws-access-key-id', 'private-key', 'generic-secret-assignment']);
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it('carries GitHub severity, precision, tags, help and levels', () => {
    const [aws, pk, generic] = sarif().runs[0].tool.driver.rules;
    expect(aws.properties['security-severity']).toBe('8.0');
    expect(pk.properties['security-severity']).toBe('9.5');
    expect(generic.properties['security-severity']).toBe('5.5');
    expect(aws.properties.tags).toEqual(['security', 'secret', 'core', 'cloud', 'aws']);
    expect(pk.properties.precision).toBe('very-high');
    expect(aws.helpUri).toBe(RULES[0]!.references[0]);
    expect(pk.helpUri).toBeUndefined();
    expect(aws.help.markdown).toMatch(/Rotate[\s\S]*Remove[\s\S]*Allow/);
    expect(sarif().runs[0].results.map((r: { level: string }) => r.level)).toEqual(['error', 'error', 'warning']);
  });

  // Issue 21: the help text showed a rule's format note ("observed: 64 [A-Za-z0-9] in public repositories") as if it
  // were a reference.
  it('shows documentation links as named links and format notes as sentences, never a note as a reference', () => {
    const rule: RuleMeta = {
      id: 'acme-key',
      description: 'Acme API key',
      severity: 'high',
      family: 'saas',
      tags: [],
      references: ['observed: 64 [A-Za-z0-9] in public repositories', 'https://docs.acme.example/api/auth_keys', 'unverified: keys may carry a _live marker'],
      precision: 'high',
    };
    const finding = { ...FINDINGS[0]!, ruleId: 'acme-key' };
    const [d] = JSON.parse(reporters.sarif!([finding], { ...META, rules: [rule] })).runs[0].tool.driver.rules;
    expect(d.helpUri).toBe('https://docs.acme.example/api/auth_keys');
    expect(d.help.text).toContain('References:\n- https://docs.acme.example/api/auth_keys\n');
    expect(d.help.text).toContain('64 letters and digits in public repositories. (Seen in public code; the provider does not document it.)');
    expect(d.help.text).not.toMatch(/observed:|unverified:|\[A-Za-z0-9\]/);
    expect(d.help.markdown).toContain('- [docs.acme.example › api › auth\\_keys](https://docs.acme.example/api/auth_keys)');
    expect(d.help.markdown).toContain('### About the key format\n- 64 letters and digits');
    expect(d.help.markdown).toContain('Keys may carry a \\_live marker. (Not confirmed by the provider');
    // A rule whose only reference is a note has no help link (a note is no URI).
    const noted = { ...rule, references: ['observed: 40 lower hex'] };
    const [n] = JSON.parse(reporters.sarif!([finding], { ...META, rules: [noted] })).runs[0].tool.driver.rules;
    expect(n.helpUri).toBeUndefined();
  });

  // Regression: the SARIF multitool warned (SARIF1001) that rule `jwt` had the name `Jwt`, its id again.
  it('names a rule only when the name is not its id again', () => {
    const jwt: RuleMeta = { id: 'jwt', description: 'JSON Web Token', severity: 'medium', family: 'core', tags: [], references: [], precision: 'high' };
    const findings = [{ ...FINDINGS[0]!, ruleId: 'jwt' }, FINDINGS[0]!];
    const rules = JSON.parse(reporters.sarif!(findings, { ...META, rules: [jwt, ...RULES] })).runs[0].tool.driver.rules;
    expect(rules[0]).not.toHaveProperty('name');
    expect(rules[1].name).toBe('AwsAccessKeyId');
  });

  it('uses exclusive end columns, %SRCROOT%-relative encoded URIs and content fingerprints', () => {
    const results = sarif().runs[0].results;
    const loc = results[0].locations[0].physicalLocation;
    expect(loc.region).toEqual({ startLine: 3, startColumn: 19, endLine: 3, endColumn: 39 });
    expect(loc.artifactLocation).toEqual({ uri: 'config/.env', uriBaseId: '%SRCROOT%' });
    expect(results[2].locations[0].physicalLocation.artifactLocation.uri).toBe('src/app%20%22main%22.py');
    expect(results[0].partialFingerprints).toEqual({ 'keyhound/v1': FINDINGS[0]!.fingerprint });
  });

  it('puts the commit of a history finding in the result properties', () => {
    const r = sarif().runs[0].results[2];
    expect(r.properties).toEqual({ commitSha: FINDINGS[2]!.commit!.sha, commitAuthor: 'Ada', commitDate: '2026-01-02T03:04:05Z' });
    expect(r.message.text).toContain('in commit 1234567890ab');
  });

  it('never puts the secret, even redacted, in a message', () => {
    for (const r of sarif().runs[0].results) expect(r.message.text).not.toContain('…');
  });

  it('percent-encodes odd characters in paths, segment by segment', () => {
    expect(pathToUri('a b/c#d?e%f/ü.txt')).toBe('a%20b/c%23d%3Fe%25f/%C3%BC.txt');
  });
});

describe('github reporter', () => {
  it('matches its golden file', () => golden('github.txt', reporters.github!(FINDINGS, META)));
  it('matches its golden file with no findings', () => golden('github-empty.txt', reporters.github!([], META)));

  it('escapes data and properties as GitHub does', () => {
    expect(escapeData('50% a\r\nb: c, d')).toBe('50%25 a%0D%0Ab: c, d');
    expect(escapeProperty('50% a\r\nb: c, d')).toBe('50%25 a%0D%0Ab%3A c%2C d');
  });

  it('writes one annotation per finding: error for critical and high, warning for medium and low', () => {
    const lines = reporters.github!(FINDINGS, META).trimEnd().split('\n');
    expect(lines.slice(0, 3).map((l) => l.split(' ')[0])).toEqual(['::error', '::error', '::warning']);
    expect(lines[0]).toMatch(/^::error file=config\/.env,line=3,endLine=3,col=19,endColumn=38,title=AWS access key ID \(aws-access-key-id\)::/);
    // Columns only on single-line annotations; the multi-line private key has none.
    expect(lines[1]).toMatch(/^::error file=config\/.env,line=10,endLine=14,title=/);
    expect(lines[2]).toContain('in commit 1234567890ab');
    expect(lines).toHaveLength(4);
  });
});
