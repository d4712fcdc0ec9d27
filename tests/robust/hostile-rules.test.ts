// Hostile rules through the built CLI: a user's rule can never hang a scan. Catastrophic patterns, invalid regexes
// and unknown fields are rejected at load (exit 2) naming the file, the rule id and the field; a slow rule that
// passes the static check is cut short by its time budget and named on stderr.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyhound } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const userRule = (id: string, body: string): string =>
  `extends: none\nrules:\n  - id: ${id}\n    description: A user rule\n    severity: high\n${body}`;

function scanWith(config: string, files: Record<string, string>, extra: string[] = []) {
  const d = tempDir();
  writeTree(d, { '.keyhound.yaml': config, ...files });
  return { dir: d, result: keyhound(['scan', d, ...extra]) };
}

describe('hostile rules', () => {
  it('rejects (a+)+b at load, naming file, rule and field, instead of running it on a long run of a', () => {
    const { dir, result } = scanWith(userRule('evil-rule', "    regex: '(a+)+b'\n"), { 'a.txt': `${'a'.repeat(100_000)}!\n` });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(join(dir, '.keyhound.yaml'));
    expect(result.stderr).toMatch(/evil-rule: regex: unsafe regex: nested repetition at \(a\+\)\+/);
    expect(result.stdout).toBe('');
  });

  it.each([
    ['an overlapping repeated alternation', "    regex: '(a|ab)*c'\n", /alt-rule: regex: unsafe regex: repeated alternatives/],
    ['an invalid regex', "    regex: 'key=([a-z'\n", /alt-rule: regex: invalid regex/],
    ['an unterminated (?i:) group', "    regex: '(?i:key'\n", /alt-rule: regex: invalid regex: unterminated/],
    ['an unknown field', "    regex: 'abc'\n    severty: high\n", /alt-rule: unknown field "severty"/],
    ['bad flags', "    regex: 'abc'\n    flags: gu\n", /alt-rule: flags: /],
    ['an unsafe allowlist regex', "    regex: 'abc'\n    allowlists:\n      - regexes: ['(x+)+y']\n", /alt-rule: allowlists\[0\]\.regexes\[0\]: unsafe regex/],
  ])('rejects %s in a user config with exit 2, naming file, rule and field', (_name, body, message) => {
    const { dir, result } = scanWith(userRule('alt-rule', body), { 'a.txt': 'abc\n' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(join(dir, '.keyhound.yaml'));
    expect(result.stderr).toMatch(message);
  });

  it('cuts a slow but accepted rule short on a large input and names it on stderr, without --verbose', () => {
    const config = userRule('slow-rule', "    regex: '(?=[a-z]{0,30}a)a'\n");
    const { result } = scanWith(config, { 'big.txt': `${'a'.repeat(200_000)}\n` }, ['--rule-budget', '0', '--format', 'json']);
    // Exit 0/1 by what was found before the budget ran out (here, with a zero budget, possibly nothing); the
    // warning names the rule and the file.
    expect([0, 1]).toContain(result.status);
    expect(JSON.parse(result.stdout).findings.length).toBeLessThan(200_000);
    expect(result.stderr).toMatch(/rule time budget/);
    expect(result.stderr).toContain('  slow-rule on big.txt');
  });

  // Regression (found by tests/robust/fuzz.test.ts): a user rule with a plain capturing group and keywords crashed
  // every scan with "unexpected error: Cannot read properties of null" in the keyword-anchor analysis.
  it('runs a user rule with a plain capturing group', () => {
    const config = userRule('cap-rule', "    keywords: [token]\n    regex: 'token=(abc|def)(?<secret>[0-9]{6})'\n");
    const { result } = scanWith(config, { 'a.txt': 'x\ntoken=def123456\n' }, ['--format', 'json']);
    expect(result.status, result.stderr).toBe(1);
    expect(JSON.parse(result.stdout).findings).toEqual([expect.objectContaining({ ruleId: 'cap-rule', line: 2, column: 10 })]);
  });

  it('rejects a malformed --rule-budget as a usage error', () => {
    const d = tempDir();
    writeTree(d, { 'a.txt': 'x\n' });
    const r = keyhound(['scan', d, '--rule-budget', 'soon']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/invalid --rule-budget "soon"/);
  });
});
