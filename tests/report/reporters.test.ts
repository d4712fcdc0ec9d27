// Golden-file tests: each reporter's output for fixed findings is compared with a checked-in file.
// Regenerate after an intended change with UPDATE_GOLDEN=1 npx vitest run tests/report.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import { reporters } from '../../src/report/index.js';
import { chalkStyles } from '../../src/report/styles.js';
import { FINDINGS, META } from './fixtures.js';

const GOLDEN = join(import.meta.dirname, 'golden');

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('reporters', () => {
  it('text matches its golden file', () => golden('text.txt', reporters.text!(FINDINGS, META)));
  it('text for no findings matches its golden file', () => golden('text-empty.txt', reporters.text!([], META)));
  it('json matches its golden file', () => golden('report.json', reporters.json!(FINDINGS, META)));

  it('json is valid and follows the version-1 contract', () => {
    const doc = JSON.parse(reporters.json!(FINDINGS, META));
    expect(Object.keys(doc)).toEqual(['version', 'tool', 'findings', 'stats']);
    expect(doc.version).toBe(1);
    expect(Object.keys(doc.findings[0])).toEqual(['ruleId', 'description', 'severity', 'path', 'line', 'column', 'endLine', 'endColumn', 'secret', 'fingerprint']);
    expect(doc.findings[2].commit.sha).toHaveLength(40);
    expect(Object.keys(doc.stats)).toEqual(['files', 'bytes', 'skipped', 'durationMs']);
  });

  // Issue 21: a long rule id pushed the description and secret of its row out of line with the others.
  it('text keeps its columns aligned after a long rule id, and shows the masked line under its finding', () => {
    const long = { ...FINDINGS[1]!, ruleId: 'a-very-long-user-rule-id-from-a-gitleaks-import', line: 1234, column: 5 };
    const rows = reporters.text!([FINDINGS[0]!, long, FINDINGS[2]!], META)
      .split('\n')
      .filter((l) => /^ {2}\d/.test(l));
    expect(rows).toHaveLength(3);
    for (const word of ['high', 'critical', 'medium']) expect(rows.some((r) => r.indexOf(word) === rows[0]!.indexOf('high'))).toBe(true);
    const secretAt = rows.map((r, i) => r.indexOf([FINDINGS[0]!, long, FINDINGS[2]!][i]!.secret));
    expect(new Set(secretAt).size).toBe(1);
    const text = reporters.text!(FINDINGS, META);
    expect(text).toContain('│ AWS_ACCESS_KEY_ID=AKIA…  # ci\n');
  });

  it('text uses colour only when asked', () => {
    expect(reporters.text!(FINDINGS, META)).not.toContain('\u001b[');
    expect(reporters.text!(FINDINGS, { ...META, color: chalkStyles(new Chalk({ level: 1 })) })).toContain('\u001b[');
  });
});
