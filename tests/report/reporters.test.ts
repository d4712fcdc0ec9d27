// Golden-file tests: each reporter's output for fixed findings is compared with a checked-in file.
// Regenerate after an intended change with UPDATE_GOLDEN=1 npx vitest run tests/report.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reporters } from '../../src/report/index.js';
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

  it('text uses colour only when asked', () => {
    expect(reporters.text!(FINDINGS, META)).not.toContain('\u001b[');
    expect(reporters.text!(FINDINGS, { ...META, color: true })).toContain('\u001b[');
  });
});
