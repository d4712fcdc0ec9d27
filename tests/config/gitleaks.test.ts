// gitleaks config import: every mapped feature, and what cannot be mapped reported rather than dropped silently.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { importGitleaks } from '../../src/config/gitleaks.js';
import { expandTemplate } from '../../src/fakes/index.js';
import { keyhound } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const TOML = `title = "acme gitleaks config"

[extend]
useDefault = true
disabledRules = ["aws-access-key-id", "github-pat"]

[[rules]]
id = "acme_api_key"
description = "ACME API key"
regex = '''(?i)acme[_-]?key\\s*=\\s*['"]?(acme_[a-f0-9]{32})\\b'''
secretGroup = 1
entropy = 3.0
keywords = ["ACME"]
tags = ["acme"]
path = '''\\.(?:env|ya?ml)$'''
  [[rules.allowlists]]
  regexes = ['''^acme_0{32}$''']
  stopwords = ["sample"]

[[rules]]
id = "beta-token"
description = "Beta token"
regex = '''beta_[[:alnum:]]{24}\\z'''
keywords = ["beta_"]
  [rules.allowlist]
  regexTarget = "line"
  regexes = ['''BETA_EXAMPLE''']
  [[rules.allowlists]]
  condition = "AND"
  paths = ['''(?:^|/)fixtures/''']
  stopwords = ["fake"]

[[rules]]
id = "composite"
description = "Composite"
regex = '''comp_[a-z]{10}'''
  [[rules.required]]
  id = "beta-token"
  withinLines = 2

[[rules]]
id = "greek"
regex = '''\\p{Greek}+'''

[allowlist]
description = "global"
paths = ['''(?:^|/)vendor/''']
stopwords = ["dummy"]
regexes = ['''^sk_test_''']
commits = ["abc123"]
`;

const DEFAULT_IDS = new Set(['aws-access-key-id', 'github-token']);

describe('gitleaks import', () => {
  it('maps extend, rules, secretGroup, entropy, keywords, path, tags and allowlists', () => {
    const { config } = importGitleaks(TOML, '.gitleaks.toml', DEFAULT_IDS);
    expect(config.extends).toBe('default');
    expect(config.disable).toEqual(['aws-access-key-id']);
    expect(config.allowlist).toEqual({ description: 'global', regexes: ['^sk_test_'], paths: ['re:(?:^|/)vendor/'], stopwords: ['dummy'] });
    const [acme, beta, composite] = config.rules!;
    expect(acme).toEqual({
      id: 'acme-api-key',
      description: 'ACME API key',
      severity: 'high',
      regex: `(?i:acme[_-]?key\\s*=\\s*['"]?(?<secret>acme_[a-f0-9]{32})\\b)`,
      tags: ['acme'],
      keywords: ['acme'],
      entropy: 3,
      path: 're:\\.(?:env|ya?ml)$',
      allowlists: [{ regexes: ['^acme_0{32}$'], stopwords: ['sample'] }],
    });
    expect(beta).toMatchObject({ id: 'beta-token', regex: 'beta_[0-9A-Za-z]{24}$', allowlists: [{ regexTarget: 'line', regexes: ['BETA_EXAMPLE'] }] });
    expect(composite).toMatchObject({ id: 'composite', regex: 'comp_[a-z]{10}' });
    expect(config.rules).toHaveLength(3);
  });

  it('reports everything it cannot map', () => {
    const { warnings } = importGitleaks(TOML, '.gitleaks.toml', DEFAULT_IDS);
    expect(warnings).toEqual([
      '[extend] disabledRules: "github-pat" is not a keyhound rule id (keyhound\'s rules differ from gitleaks\'): see keyhound rules list',
      'rule acme_api_key: id renamed to "acme-api-key" (keyhound ids are kebab-case)',
      'rule beta-token: allowlists[1]: condition AND across regexes, paths and stopwords has no keyhound equivalent: allowlist not imported',
      'rule composite: composite rule: [[rules.required]] (1) not imported; the rule reports its own matches alone',
      'rule greek: regex: regex not imported: Unicode class \\p needs unicode mode',
      'allowlists[0]: commits (1) not imported: keyhound has no commit allowlist; use the baseline instead',
    ]);
  });

  it('works from the CLI: import-config prints YAML and warnings, --config .toml scans with it', () => {
    const dir = tempDir();
    const key = `acme_${expandTemplate('{{hex:32}}')}`;
    writeTree(dir, {
      '.gitleaks.toml': TOML,
      'app.env': `ACME_KEY=${key}\n`,
      'notes.txt': `ACME_KEY=${key}\n`,
      'vendor/lib.env': `ACME_KEY=${key}\n`,
    });
    const imported = keyhound(['import-config', 'gitleaks', join(dir, '.gitleaks.toml')]);
    expect(imported.status).toBe(0);
    expect(imported.stderr.trimEnd().split('\n')).toHaveLength(6);
    expect(imported.stderr).toMatch(/^keyhound: warning: /);
    expect(parseYaml(imported.stdout)).toEqual(importGitleaks(TOML, 'x', new Set(['aws-access-key-id'])).config);

    const viaToml = keyhound(['scan', dir, '--config', join(dir, '.gitleaks.toml'), '--format', 'json']);
    expect(viaToml.status).toBe(1);
    expect(viaToml.stderr).toMatch(/keyhound: warning: .*\.gitleaks\.toml: rule greek/);
    const found = JSON.parse(viaToml.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 'acme-api-key');
    expect(found.map((f: { path: string }) => f.path)).toEqual(['app.env']);

    writeFileSync(join(dir, '.keyhound.yaml'), imported.stdout);
    const viaYaml = keyhound(['scan', dir, '--format', 'json']);
    expect(JSON.parse(viaYaml.stdout).findings.map((f: { ruleId: string; path: string }) => `${f.ruleId} ${f.path}`)).toContain('acme-api-key app.env');
    expect(readFileSync(join(dir, '.keyhound.yaml'), 'utf8')).toMatch(/^# Converted from the gitleaks config/);
  });

  it('rejects TOML that does not parse, naming the file (exit 2)', () => {
    const dir = tempDir();
    writeTree(dir, { 'bad.toml': '[[rules]\nid = \n' });
    const r = keyhound(['import-config', 'gitleaks', join(dir, 'bad.toml')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.toml: invalid TOML/);
  });
});
