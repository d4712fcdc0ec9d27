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
import { prefilter } from '../../src/detect/prefilter.js';
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

  it("finds an SDK call by a callee that does not name the provider wherever the fragment names it, and only there", () => {
    const { ruleSet: rs } = loadPack(`providers: [{ id: acme, name: Acme, aliases: [acmex] }]
rules:
  - id: acme-creds
    provider: acme
    description: Acme key and secret
    severity: high
    match: context
    parts:
      key: { alphabet: alnum, length: 20 }
      secret: { alphabet: hex, length: 40 }
    context:
      calls: ['Client(key, secret)', 'AcmexSession(key=key, secret=secret)']
    references: [x]
`);
    const rule = rs.rules.find((r) => r.id === 'acme-creds')!;
    // Both callees are keywords, but they only locate calls: alone they do not make the rule a candidate (the alias
    // `acmex` at the start of `AcmexSession` does).
    expect(rule.keywords).toEqual(expect.arrayContaining(['acmex', 'client', 'acmexsession']));
    expect(rule.context!.locators).toEqual(['client', 'acmexsession']);
    expect(prefilter(rs, 'c = Client(a, b)\n').rules.map((r) => r.id)).not.toContain('acme-creds');
    expect(prefilter(rs, 'import acmex\nc = Client(a, b)\n').hits.get(rule)).toEqual([7, 17]);
    const key = randChars(ALPHABETS.alnum, 20);
    const secret = randChars(ALPHABETS.hex, 40);
    const far = `import acmex\n${'x = 1\n'.repeat(40)}`;
    const found = (text: string) => detect(rs, { text, path: 'c.py' }).findings.map((f) => f.secret).sort();
    expect(found(`${far}c = Client("${key}", "${secret}")\n`)).toEqual([key, secret].sort());
    expect(found(`${far}c = client  ('${key}', '${secret}')\n`)).toEqual([key, secret].sort());
    expect(found(`c = Client("${key}", "${secret}")\n`)).toEqual([]);
    expect(found(`${far}c = myClient("${key}", "${secret}")\n`)).toEqual([]);
    expect(found(`s = AcmexSession(key="${key}", secret="${secret}")\n`)).toEqual([key, secret].sort());
    // A rule that lists its own keywords, without the callee: the call is looked for all the same.
    const { ruleSet: own } = loadPack(
      `providers: [{ id: acme, name: Acme, aliases: [acmex] }]\nrules:\n  - { id: own, provider: acme, description: d, severity: high, match: context, keywords: [acmex], ` +
        `parts: { key: { alphabet: alnum, length: 20 }, secret: { alphabet: hex, length: 40 } }, context: { calls: ['Client(key, secret)'] }, references: [x] }\n`,
    );
    expect(detect(own, { text: `${far}c = Client("${key}", "${secret}")\n`, path: 'c.py' }).findings.map((f) => f.secret).sort()).toEqual([key, secret].sort());
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

  it('finds a credential on a minified line of megabytes, in plain and escaped JSON alike', () => {
    const key = randChars(ALPHABETS.alnum, 64);
    const secret = randChars(ALPHABETS.alnum, 64);
    const filler = 'function f(a){return a.x+1},'.repeat(1500);
    const plain = `${filler}var binance={apiKey:"${key}",apiSecret:"${secret}"};${filler}`;
    const escaped = `{"sourcesContent":["${filler}const binance = {\\n  \\"api_key\\": \\"${key}\\",\\n  secret: \\"${secret}\\"}${filler}"]}`;
    for (const text of [plain, escaped]) {
      const found = detect(ruleSet, { text, path: 'bundle.min.js' }).findings;
      expect(found.map((f) => [f.ruleId, f.secret === key ? 'key' : f.secret === secret ? 'secret' : f.secret])).toEqual([
        ['t-binance', 'key'],
        ['t-binance', 'secret'],
      ]);
    }
  });

  it('skips a line with no run of a part\'s characters as long as the part, and still sees an escaped slash', () => {
    const { ruleSet: rs } = loadPack(
      [
        'providers: [{ id: acme, name: Acme, aliases: [acme] }]',
        'rules:',
        '  - id: acme-secret',
        '    description: d',
        '    severity: high',
        '    provider: acme',
        '    match: context',
        '    parts: { secret: { alphabet: base64, length: 40 } }',
        '',
      ].join('\n'),
    );
    const part = rs.rules[0]!.context!.parts[0]!;
    expect(part.presence?.source).toBe('[\\\\A-Za-z0-9+/]{40}');
    const secret = `${randChars(ALPHABETS.alnum, 20)}/${randChars(ALPHABETS.alnum, 19)}`;
    // PHP's json_encode writes `/` as `\/`: the value is read with the slash, and the line still passes the test.
    const text = `{"acme": {"secret": "${secret.replace('/', '\\/')}"}}\n`;
    expect(detect(rs, { text, path: 'c.json' }).findings.map((f) => f.secret)).toEqual([secret]);
    expect(detect(rs, { text: `acme_secret = "${randChars(ALPHABETS.alnum, 39)}"\n`, path: 'c.py' }).findings).toEqual([]);
  });

  it('gives a value named for the provider\'s token in general to the one part whose shape it has', () => {
    const secret = randChars(ALPHABETS.hex, 64);
    // `token` names t-bitget's key by default, but only its secret has a 64-hex shape.
    const found = detect(ruleSet, { text: `bitget_token = "${secret}"`, path: 'c.txt' }).findings.filter((f) => f.ruleId === 't-bitget');
    expect(found.map((f) => f.secret)).toEqual([secret]);
    // A password is not a token: it is never given to a part by shape.
    const pw = detect(ruleSet, { text: `bitget_password = "${secret}"`, path: 'c.txt' }).findings.filter((f) => f.ruleId === 't-bitget');
    expect(pw).toEqual([]);
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
