// Rule model v2 (src/config/v2.ts, src/detect/context.ts): facts compile into matching. A prefixed rule finds its
// token anywhere, also right after an escape; a context rule finds values by name, section, header, nearby alias and
// URL, pairs a key with its secret, and stays quiet on another provider's section or a name that is not a part's.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRulePack } from '../../src/config/load.js';
import { buildRuleSetFromPacks, defaultUserConfig } from '../../src/config/ruleset.js';
import { ConfigError } from '../../src/config/errors.js';
import { detect } from '../../src/detect/engine.js';
import { validatorNames } from '../../src/detect/validators/index.js';
import { checkRuleExamples } from '../../src/examples.js';
import { ALPHABETS, randChars } from '../../src/fakes/index.js';
import { tempDir } from '../helpers/tmp.js';

const PACK = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../rules/fixtures/v2-sample.yaml'), 'utf8');

function loadPack(yaml: string) {
  const dir = tempDir('keyhound-v2-');
  const file = join(dir, 'pack.yaml');
  writeFileSync(file, yaml);
  const pack = loadRulePack(file);
  return { pack, ruleSet: buildRuleSetFromPacks(defaultUserConfig(), validatorNames, [pack]) };
}

describe('rule model v2', () => {
  const { ruleSet } = loadPack(PACK);

  it.each(ruleSet.rules.map((r) => [r.id, r] as const))('%s passes its examples', (_id, rule) => {
    expect(checkRuleExamples(rule, [], undefined, ruleSet.providers).map((f) => `${f.kind}: ${f.message}\n${f.example}`)).toEqual([]);
  });

  it('pairs a key with its secret and names the provider', () => {
    const key = randChars(ALPHABETS.alnum, 64);
    const secret = randChars(ALPHABETS.alnum, 64);
    const text = `binance:\n  api_key: ${key}\n  api_secret: ${secret}\n`;
    const found = detect(ruleSet, { text, path: 'c.yaml' }).findings;
    expect(found.map((f) => [f.line, f.secret === key ? 'key' : 'secret', f.provider])).toEqual([
      [2, 'key', 'test-binance'],
      [3, 'secret', 'test-binance'],
    ]);
    expect(found[0]!.parts).toEqual({ key, secret });
  });

  it('takes a value named for the provider alone, or for its credentials, as the main part', () => {
    const key = randChars(ALPHABETS.alnum, 64);
    const texts = [`binance: '${key}'`, `BINANCE_2=${key}`, `binance credentials: ${key}`, `binance '${key}'`, `creds = "${key}"  # binance`];
    for (const text of texts) {
      const found = detect(ruleSet, { text, path: 'c.txt' }).findings.filter((f) => f.ruleId === 't-binance');
      expect([text, found.map((f) => f.secret)]).toEqual([text, [key]]);
    }
    // Another provider's name, or a name that says what the value is, is not the credential.
    for (const text of [`kraken: '${key}'`, `binance_user: '${key}'`, `binance_url: '${key}'`]) {
      expect([text, detect(ruleSet, { text, path: 'c.txt' }).findings.filter((f) => f.ruleId === 't-binance')]).toEqual([text, []]);
    }
  });

  it('compiles a prefixed rule to a bounded regex with its prefix as keyword', () => {
    const rule = ruleSet.rules.find((r) => r.id === 't-anthropic')!;
    expect(rule.keywords).toEqual(['sk-ant-api03-']);
    expect(rule.hasSecretGroup).toBe(true);
    expect(rule.provider).toBe('test-anthropic');
  });

  it('rejects facts that do not make a rule, naming the rule and field', () => {
    const bad = (rule: string): string => {
      try {
        loadPack(`providers: [{ id: p, name: P }]\nrules:\n  - { id: r, description: d, severity: low, ${rule} }\n`);
        return 'loaded';
      } catch (err) {
        return err instanceof ConfigError ? err.message : String(err);
      }
    };
    expect(bad('provider: p, match: prefixed, parts: { key: { alphabet: hex, length: 32 } }')).toMatch(/r.*prefix/);
    expect(bad('provider: p, match: prefixed, parts: { key: { prefix: ab_, alphabet: nope, length: 3 } }')).toMatch(/alphabet/);
    expect(bad("provider: p, match: context, parts: { key: { alphabet: hex, length: '9-3' } }")).toMatch(/length/);
    expect(bad('provider: q, match: context, parts: { key: { alphabet: hex, length: 32 } }')).toMatch(/unknown provider "q"/);
    expect(bad('match: context, parts: { key: { alphabet: hex, length: 32 } }')).toMatch(/aliases/);
    expect(bad('provider: p, match: context, parts: { key: { alphabet: hex, length: 32 } }')).toBe('loaded');
  });
});
