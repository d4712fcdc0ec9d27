import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildConfiguredRuleSet, loadRulePack, loadUserConfig } from '../../src/config/load.js';
import { validatorNames } from '../../src/detect/validators/index.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const rule = (extra: string): string => `rules:\n  - id: my-rule\n    description: Mine\n    severity: high\n    regex: 'abc'\n${extra}`;

describe('rule pack loading', () => {
  it('loads a valid pack, taking the family from the file name', () => {
    const d = tempDir();
    writeTree(d, { 'mine.yaml': rule('') });
    const pack = loadRulePack(join(d, 'mine.yaml'));
    expect(pack.family).toBe('mine');
    expect(pack.rules[0]!.id).toBe('my-rule');
  });

  it.each([
    ['unknown field', rule('    colour: red\n'), /mine\.yaml: my-rule: unknown field "colour"/],
    ['bad severity', rule('').replace('high', 'urgent'), /my-rule: severity: must be one of critical, high, medium, low/],
    ['missing regex', 'rules:\n  - id: r\n    description: d\n    severity: low\n', /r: missing required field "regex"/],
    ['bad YAML', 'rules: [\n', /invalid YAML/],
  ])('names file, rule and field for %s', (_name, text, message) => {
    const d = tempDir();
    writeTree(d, { 'mine.yaml': text });
    expect(() => loadRulePack(join(d, 'mine.yaml'))).toThrow(message);
  });
});

describe('user config', () => {
  it('is optional, and found as .keyhound.yaml in the root', () => {
    const d = tempDir();
    expect(loadUserConfig(d).file).toBeNull();
    writeTree(d, { '.keyhound.yaml': 'disable: [generic-secret-assignment]\n' });
    expect(loadUserConfig(d).disable).toEqual(['generic-secret-assignment']);
  });

  it('extends the defaults, adds rules, disables rules, and can start from none', () => {
    const d = tempDir();
    writeTree(d, { '.keyhound.yaml': `disable: [aws-access-key-id]\n${rule('')}` });
    const ids = buildConfiguredRuleSet(loadUserConfig(d), validatorNames).rules.map((r) => r.id);
    expect(ids).toContain('my-rule');
    expect(ids).toContain('github-token');
    expect(ids).not.toContain('aws-access-key-id');
    writeTree(d, { '.keyhound.yaml': `extends: none\n${rule('')}` });
    expect(buildConfiguredRuleSet(loadUserConfig(d), validatorNames).rules.map((r) => r.id)).toEqual(['my-rule']);
  });

  it.each([
    ['an unknown key', 'colour: red\n', /\.keyhound\.yaml: unknown field "colour"/],
    ['an unknown disabled rule', 'disable: [no-such-rule]\n', /disable: unknown rule id "no-such-rule"/],
    ['an invalid regex', rule('').replace("'abc'", "'(abc'"), /my-rule: regex: invalid regex/],
    ['a catastrophic regex', rule('').replace("'abc'", "'(a+)+b'"), /my-rule: regex: unsafe regex/],
    ['an unknown validator', rule('    validate: nope\n'), /my-rule: validate: unknown validator "nope"/],
    ['a duplicate id', rule('') + rule('').replace('rules:\n', ''), /my-rule: id: duplicate rule id/],
  ])('rejects %s with a message naming it', (_name, text, message) => {
    const d = tempDir();
    writeTree(d, { '.keyhound.yaml': text });
    expect(() => buildConfiguredRuleSet(loadUserConfig(d), validatorNames)).toThrow(message);
  });
});
