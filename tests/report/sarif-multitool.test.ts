// The SARIF the real CLI writes, on a tree with a finding of every rule in awkward file names, passes Microsoft's
// SARIF multitool with GitHub's ingestion rules: zero errors, and no warning but the one about the tool's web address
// (SARIF2005: `informationUri`), which waits for the project to have a public address to name.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyhound } from '../helpers/cli.js';
import { plantedEverything } from '../helpers/planted.js';
import { multitoolErrors, multitoolIssues } from '../helpers/sarif-multitool.js';
import { tempDir } from '../helpers/tmp.js';

describe('SARIF validated by the SARIF multitool', () => {
  it('reports errors on a broken log (so a clean result means something)', () => {
    const bad = join(tempDir(), 'bad.sarif');
    const result = {
      ruleId: 'x',
      message: { text: 'x' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'C:\\not a uri' }, region: { startLine: 0 } } }],
    };
    writeFileSync(bad, JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [result] }] }));
    const errors = multitoolErrors(bad);
    expect(errors.map((e) => e.ruleId)).toEqual(expect.arrayContaining(['JSON1008', 'SARIF1002']));
  });

  it('finds no error in keyhound scan --format sarif on a tree with many findings', () => {
    const { dir, files } = plantedEverything();
    const out = join(tempDir(), 'keyhound.sarif');
    const r = keyhound(['scan', dir, '--format', 'sarif', '--output', out]);
    expect(r.stderr).toMatch(/^keyhound: \d+ secrets found \(scanned [^\n]*\); sarif report written to [^\n]*\n$/);
    expect(r.status).toBe(1);
    const log = JSON.parse(readFileSync(out, 'utf8'));
    expect(log.runs[0].results.length).toBeGreaterThanOrEqual(files);
    expect(new Set(log.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).size).toBeGreaterThan(5);
    const issues = multitoolIssues(out);
    expect(issues.filter((x) => x.level === 'error')).toEqual([]);
    // The multitool's own message id is spelt "ProvideToolnformationUri".
    expect(issues.filter((x) => !(x.ruleId === 'SARIF2005' && /nformationUri/.test(x.message)))).toEqual([]);
    // A full CLI scan of every rule's positive examples, then the multitool: slow on a loaded machine.
  }, 600_000);
});
