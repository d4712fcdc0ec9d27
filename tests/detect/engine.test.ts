import { describe, expect, it } from 'vitest';
import { keywordLed, ruleLeads } from '../../src/detect/anchor.js';
import { detect } from '../../src/detect/engine.js';
import { prefilter, requiredLiterals } from '../../src/detect/prefilter.js';
import { ALPHABETS, expandTemplate, randChars as randomString } from '../../src/fakes/index.js';
import { seededRng as seeded } from '../helpers/crypto/rng.js';
import { loadRulePacks } from '../../src/config/load.js';
import { examplePath } from '../../src/examples.js';
import { partGenerators } from '../../src/fakes/parts.js';
import type { RuleSet, RuleSpec } from '../../src/model/types.js';
import { ruleSetOf } from '../helpers/rules.js';

/** A rule set of one built-in rule (rules/*.yaml), by id. */
function builtinRuleSet(id: string): RuleSet {
  const spec = loadRulePacks()
    .flatMap((p) => p.rules)
    .find((r) => r.id === id);
  if (!spec) throw new Error(`no built-in rule ${id}`);
  return ruleSetOf([spec]);
}

/** The ids of the rules reporting in `text` at `path`. */
const ruleIds = (rs: RuleSet, text: string, path: string): string[] => detect(rs, { text, path }).findings.map((f) => f.ruleId);

const token = (): string => `tok_${randomString(ALPHABETS.alnum, 24)}`;
const tokRule: RuleSpec = {
  id: 'test-token',
  description: 'Test token',
  severity: 'high',
  keywords: ['tok_'],
  regex: '(?<secret>tok_[A-Za-z0-9]{24})(?![A-Za-z0-9])',
  entropy: 3,
};

describe('detect', () => {
  it('reports exact 1-based line, column and inclusive end', () => {
    const t = token();
    const text = `first line\n  key = "${t}"\nlast`;
    const [f] = detect(ruleSetOf([tokRule]), { text, path: 'a.txt' }).findings;
    expect(f).toMatchObject({ ruleId: 'test-token', path: 'a.txt', line: 2, column: 10, endLine: 2, endColumn: 9 + t.length, secret: t });
  });

  it('counts lines right in CRLF files', () => {
    const t = token();
    const [f] = detect(ruleSetOf([tokRule]), { text: `a\r\nb\r\n${t}\r\n`, path: 'x' }).findings;
    expect(f).toMatchObject({ line: 3, column: 1 });
  });

  it('skips a rule whose keyword is absent (the prefilter gate)', () => {
    const rule = { ...tokRule, keywords: ['never-present'] };
    expect(detect(ruleSetOf([rule]), { text: token(), path: 'x' }).findings).toEqual([]);
  });

  it('finds overlapping keywords (a longer keyword containing a shorter one)', () => {
    const a: RuleSpec = { ...tokRule, id: 'long', keywords: ['x-mbx-apikey'], regex: 'X-MBX-APIKEY: (?<secret>[A-Za-z0-9]{24})' };
    const b: RuleSpec = { ...tokRule, id: 'short', keywords: ['apikey'], regex: 'APIKEY: (?<secret>[A-Za-z0-9]{12})', entropy: 0 };
    const text = `X-MBX-APIKEY: ${randomString(ALPHABETS.alnum, 24)}`;
    const ids = detect(ruleSetOf([a, b]), { text, path: 'x' }).findings.map((f) => f.ruleId).sort();
    expect(ids).toEqual(['long', 'short']);
  });

  it('drops candidates below the entropy threshold and counts them', () => {
    const r = detect(ruleSetOf([tokRule]), { text: 'tok_aaaaaaaaaaaaaaaaaaaaaaaa', path: 'x' });
    expect(r.findings).toEqual([]);
    expect(r.dropped.get('entropy')).toBe(1);
  });

  it('honours per-rule and global allowlists (regex on secret, match and line; stopwords; paths)', () => {
    const t = token();
    const withContext = { ...tokRule, regex: 'k=(?<secret>tok_[A-Za-z0-9]{24})' };
    // The secret alone does not contain "k=", the match does.
    expect(detect(ruleSetOf([{ ...withContext, allowlists: [{ regexes: ['k='] }] }]), { text: `k=${t}`, path: 'a' }).findings).toHaveLength(1);
    expect(detect(ruleSetOf([{ ...withContext, allowlists: [{ regexes: ['k='], regexTarget: 'match' }] }]), { text: `k=${t}`, path: 'a' }).findings).toEqual([]);
    const cases: [RuleSpec['allowlists'], string, string][] = [
      [[{ regexes: ['^tok_'] }], `k=${t}`, 'a.txt'],
      [[{ regexes: ['fixture'], regexTarget: 'line' }], `fixture ${t}`, 'a.txt'],
      [[{ stopwords: [t.slice(4, 12).toLowerCase()] }], t, 'a.txt'],
      [[{ paths: ['**/testdata/**'] }], t, 'src/testdata/a.txt'],
    ];
    for (const [allowlists, text, path] of cases) {
      const r = detect(ruleSetOf([{ ...tokRule, allowlists }]), { text, path });
      expect(r.findings, JSON.stringify(allowlists)).toEqual([]);
      expect(r.dropped.get('allowlist')).toBe(1);
    }
    expect(detect(ruleSetOf([tokRule], { paths: ['*.lock'] }), { text: t, path: 'deps/x.lock' }).findings).toEqual([]);
    expect(detect(ruleSetOf([tokRule], { paths: ['*.lock'] }), { text: t, path: 'deps/x.txt' }).findings).toHaveLength(1);
  });

  it('suppresses a finding with keyhound:allow on its line in any comment style, or allow-next-line above it', () => {
    const rs = ruleSetOf([tokRule]);
    for (const text of [
      `k = "${token()}" # keyhound:allow`,
      `k = "${token()}" // keyhound:allow test value`,
      `<!-- keyhound:allow --> ${token()}`,
      `# keyhound:allow-next-line\nk = "${token()}"`,
    ]) {
      expect(detect(rs, { text, path: 'x' }).findings, text).toEqual([]);
    }
    // allow-next-line covers only the next line, not its own.
    expect(detect(rs, { text: `${token()} # keyhound:allow-next-line`, path: 'x' }).findings).toHaveLength(1);
    expect(detect(rs, { text: `# keyhound:allow-next-line\n\n${token()}`, path: 'x' }).findings).toHaveLength(1);
  });

  it('lets a specific rule win over a generic one on the same secret', () => {
    const generic: RuleSpec = { id: 'generic-x', description: 'g', severity: 'low', tags: ['generic'], keywords: ['key'], regex: 'key=(?<secret>\\S+)' };
    const r = detect(ruleSetOf([generic, tokRule]), { text: `key=${token()}\nkey=${randomString(ALPHABETS.alnum, 20)}`, path: 'x' });
    expect(r.findings.map((f) => f.ruleId)).toEqual(['test-token', 'generic-x']);
  });

  it('keeps only findings on the given lines when onlyLines is set, shifted by lineOffset', () => {
    const text = `${token()}\n${token()}\n`;
    const r = detect(ruleSetOf([tokRule]), { text, path: 'x', lineOffset: 10, onlyLines: new Set([12]) });
    expect(r.findings.map((f) => f.line)).toEqual([12]);
  });

  it('gives the same fingerprint when the secret moves, and a different one when it changes', () => {
    const t = token();
    const rs = ruleSetOf([tokRule]);
    const a = detect(rs, { text: t, path: 'p' }).findings[0]!;
    const b = detect(rs, { text: `\n\n\n\n\n\n\n\n\n\n   ${t}`, path: 'p' }).findings[0]!;
    const c = detect(rs, { text: token(), path: 'p' }).findings[0]!;
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a.line).not.toBe(b.line);
    expect(c.fingerprint).not.toBe(a.fingerprint);
  });

  it('runs a named validator and drops candidates that fail it', () => {
    const rule = { ...tokRule, validate: 'always-no' };
    const rs = ruleSetOf([tokRule]);
    rs.rules[0] = { ...rs.rules[0]!, validate: rule.validate };
    rs.byKeyword.set('tok_', [rs.rules[0]!]);
    const r = detect(rs, { text: token(), path: 'x' }, { validators: { 'always-no': () => ({ ok: false, reason: 'no' }) } });
    expect(r.findings).toEqual([]);
    expect(r.dropped.get('validator:always-no')).toBe(1);
  });

  it('finds every occurrence, including two on one line', () => {
    const text = `${token()} ${token()}\n${token()}`;
    expect(detect(ruleSetOf([tokRule]), { text, path: 'x' }).findings.map((f) => `${f.line}:${f.column}`)).toEqual(['1:1', '1:30', '2:1']);
  });
});

describe('detect: keyword-led rules (tried at keyword hits only)', () => {
  // The same rule twice: led by its keywords, and with a leading `[\s\S]{0}` that hides the lead from the analysis, so
  // it scans the text. Both must report exactly the same findings.
  const led: RuleSpec = {
    id: 'led',
    description: 'Led',
    severity: 'high',
    keywords: ['passw', 'password', 'token'],
    regex: '(?<![A-Za-z])(?i:passw(?:ord)?|token)[\\w]{0,10}\\s{0,3}=\\s{0,3}"(?<secret>[^"\\s]{8,40})"',
  };
  const scanned: RuleSpec = { ...led, id: 'scanned', regex: `[\\s\\S]{0}${led.regex}` };
  it('finds what a whole-text scan finds, with overlapping keywords and hits inside a match', () => {
    const v = (): string => randomString(ALPHABETS.alnum, 16);
    const text = [
      `PASSWORD = "${v()}"`, // "passw" and "password" hit the same place
      `xpassword="${v()}"`, // preceded by a letter: no match at either hit
      `token_password = "${v()}token${v()}"`, // hits inside the match are passed over
      `authtoken="${v()}" password="${v()}"`, // two on one line; "authtoken" is no match (lookbehind)
      `password =`,
      `"${v()}"`, // the match runs on over the line break (\s)
    ].join('\n');
    expect(keywordLed(led.regex!, led.keywords!)).toBe(true);
    expect(keywordLed(scanned.regex!, scanned.keywords!)).toBe(false);
    const a = detect(ruleSetOf([led]), { text, path: 'x' }).findings;
    const b = detect(ruleSetOf([scanned]), { text, path: 'x' }).findings;
    expect(a.length).toBe(4);
    const place = (f: { line: number; column: number; endLine: number; endColumn: number; secret: string }): string =>
      `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.secret}`;
    expect(a.map(place)).toEqual(b.map(place));
  });
});

describe('detect: rules led by a literal as well as keywords', () => {
  it('finds what a whole-text scan finds', () => {
    const hex = (): string => randomString('0123456789abcdef', 32);
    const led: RuleSpec = {
      id: 'led-literal',
      description: 'Led',
      severity: 'high',
      keywords: ['gate'],
      regex: '(?:(?<![A-Za-z])(?i:gate)_key\\s{0,3}=\\s{0,3}"|Configuration\\([^)]{0,300}?\\bkey\\s{0,5}=\\s{0,5}")(?<secret>[0-9a-f]{32})"',
    };
    const scanned: RuleSpec = { ...led, id: 'scanned', regex: `[\\s\\S]{0}${led.regex}` };
    const text = [
      'import gate_api',
      `c = gate_api.Configuration(host="x", key="${hex()}", secret="y")`,
      `other = Configuration(key="${hex()}")`,
      `Gate_key = "${hex()}"`,
      `navigate_key = "${hex()}"`,
      `Configurations(key="${hex()}")`,
    ].join('\n');
    expect(ruleLeads(led.regex!, led.keywords!)).toEqual({ literals: ['Configuration('] });
    const place = (f: { line: number; column: number; secret: string }): string => `${f.line}:${f.column} ${f.secret}`;
    const a = detect(ruleSetOf([led]), { text, path: 'x' }).findings.map(place);
    expect(a).toEqual(detect(ruleSetOf([scanned]), { text, path: 'x' }).findings.map(place));
    expect(a.length).toBe(3);
  });

  it('finds what a whole-text scan finds when the lead comes after an assertion-only alternative', () => {
    const led: RuleSpec = {
      id: 'led-after-group',
      description: 'Led',
      severity: 'high',
      keywords: ['gemini'],
      regex: '(?:(?i:gemini)_key\\s{0,3}=\\s{0,3}"|(?<![\\w\\-])(?=(?:account|master)-[A-Za-z0-9]{0,19}[0-9]))(?<secret>(?:account|master)-[A-Za-z0-9]{20})(?![\\w\\-])',
    };
    const scanned: RuleSpec = { ...led, id: 'scanned', regex: `[\\s\\S]{0}${led.regex}` };
    const id = (): string => `${randomString(ALPHABETS.alnum, 19)}7`;
    const text = [`# gemini`, `GEMINI_KEY = "account-${id()}"`, `k = "account-${id()}"`, `master-${id()} x-master-${id()}`, `myaccount-${id()}`].join('\n');
    expect(ruleLeads(led.regex!, led.keywords!)).toEqual({ literals: ['account', 'master'] });
    const place = (f: { line: number; column: number; secret: string }): string => `${f.line}:${f.column} ${f.secret}`;
    const a = detect(ruleSetOf([led]), { text, path: 'x' }).findings.map(place);
    expect(a).toEqual(detect(ruleSetOf([scanned]), { text, path: 'x' }).findings.map(place));
    expect(a.length).toBe(3);
  });
});

describe('detect: rules found through their gate alone', () => {
  // Each gated built-in rule with no keyword to go by is run on the places where its gate holds; the same rule
  // without its gate is run on the whole text. Texts mix real-looking keys with decoys that pass the gates.
  const specs = loadRulePacks().flatMap((p) => p.rules);
  const cases: [string, string[]][] = [
    ['bitcoin-wif', ['{{wif}}', '{{wif:uncompressed}}', '{{wif-bad}}', '{{base58:51}}', '{{base58:52}}', '{{base58:50}}']],
    ['solana-secret-key', ['{{solana-b58}}', '{{solana-json}}', '{{solana-bad}}', '{{base58:87}}', '[{{solana-bad:json}}]']],
    ['bip39-mnemonic', ['{{bip39:12}}', '{{bip39:24}}', '{{bip39-bad:12}}', 'the {{bip39:12}} end', 'Words: {{bip39:15}}.']],
    ['bip39-mnemonic-list', ['seed:\n{{bip39-numbered:12}}', 'words: {{bip39-comma:24}}', 'backup [{{bip39-json:12}}]', 'phrase {{bip39-bad-numbered:12}}']],
  ];
  for (const [id, pieces] of cases) {
    it(`${id}: the same findings as a whole-text scan`, () => {
      const spec = specs.find((r) => r.id === id)!;
      expect(spec.gate).toBeDefined();
      const { gate: _gate, ...ungated } = spec;
      const rng = seeded(7);
      for (let round = 0; round < 20; round++) {
        const parts: string[] = [];
        for (let i = 0; i < 12; i++) {
          parts.push(expandTemplate(pieces[Math.floor(rng() * pieces.length)]!, rng));
          parts.push(['\n', ' x = "', '", ', '\n\n// ', ' '.repeat(70)][Math.floor(rng() * 5)]!);
        }
        const text = parts.join('');
        const place = (f: { line: number; column: number; secret: string }): string => `${f.line}:${f.column} ${f.secret}`;
        const gated = detect(ruleSetOf([spec]), { text, path: 'x.txt' }).findings.map(place);
        expect(gated).toEqual(detect(ruleSetOf([{ ...ungated, id: `${id}-whole` }]), { text, path: 'x.txt' }).findings.map(place));
        if (round === 0) expect(gated.length).toBeGreaterThan(0);
      }
    });
  }
});

describe('detect: one secret, several rules', () => {
  it('reports a secret matched by two specific rules once, keeping the more severe rule', () => {
    const low: RuleSpec = { ...tokRule, id: 'a-low', severity: 'low' };
    const critical: RuleSpec = { ...tokRule, id: 'b-critical', severity: 'critical' };
    const r = detect(ruleSetOf([low, critical]), { text: token(), path: 'x' });
    expect(r.findings.map((f) => f.ruleId)).toEqual(['b-critical']);
  });
});

describe('gitleaks:allow', () => {
  it('is an inline allow only when the engine is asked to honour it', () => {
    const rs = ruleSetOf([{ id: 'acme', description: 'ACME', severity: 'high', regex: 'acme_[a-f0-9]{8}' }]);
    const fragment = { path: 'a.txt', text: 'k = acme_0123abcd // gitleaks:allow\n' };
    expect(detect(rs, fragment).findings).toHaveLength(1);
    const honoured = detect(rs, fragment, { honorGitleaksAllow: true });
    expect(honoured.findings).toHaveLength(0);
    expect(honoured.dropped.get('inline-allow')).toBe(1);
  });
});

describe('keyword guards of prefixed rules', () => {
  const meta: RuleSpec = {
    id: 'meta-like',
    description: 'Meta-like token',
    severity: 'high',
    match: 'prefixed',
    parts: { token: { prefix: ['EAAG', 'EAAB'], alphabet: 'alnum', length: '40-200' } },
  };
  const body = (): string => randomString(ALPHABETS.alnum, 60);

  it('drops hits a prefixed rule cannot match at: wrong case, inside a word, too short a body', () => {
    const rs = ruleSetOf([meta]);
    const rule = rs.rules[0]!;
    const text = `eaag${body()} xEAAG${body()} AEAAB${body()} ;EAAG,EAAB; EAAGshort;`;
    expect(prefilter(rs, text).hits.get(rule)).toBeUndefined();
    expect(prefilter(rs, text).rules).not.toContain(rule);
  });

  it('keeps hits at a token edge, after an escape or a percent-escape, and finds the key there', () => {
    const rs = ruleSetOf([meta]);
    const keys = [`EAAG${body()}`, `EAAB${body()}`, `EAAG${body()}`];
    const text = `t=${keys[0]}\n"x\\n${keys[1]}"\nq%3D${keys[2]}`;
    expect(prefilter(rs, text).hits.get(rs.rules[0]!)).toEqual([2, text.indexOf(keys[1]!), text.indexOf(keys[2]!)]);
    expect(detect(rs, { text, path: 'x' }).findings.map((f) => f.secret)).toEqual(keys);
  });

  it('guards nothing when another rule lists the same keyword, or the rule ignores case', () => {
    const other: RuleSpec = { ...tokRule, id: 'other', keywords: ['eaag'], regex: 'eaag(?<secret>[0-9]{6})' };
    const both = ruleSetOf([meta, other]);
    expect(prefilter(both, 'xeaag123456').hits.get(both.rules[1]!)).toEqual([1]);
    const loose = ruleSetOf([{ ...meta, flags: 'i' }]);
    expect(prefilter(loose, `xeaag${body()}`).hits.get(loose.rules[0]!)).toEqual([1]);
  });
});

describe('required literals of context rules', () => {
  const builtin = loadRulePacks().flatMap((p) => p.rules);
  const azure = builtin.find((r) => r.id === 'azure-ai-services-key')!;
  const key = (): string => expandTemplate(`{{alnum:52}}JQQJ99{{alnum:18}}ACOG{{alnum:4}}`);

  it('make a context rule no candidate where none of its literals occurs, however often its aliases do', () => {
    const rs = ruleSetOf([azure]);
    const rule = rs.rules[0]!;
    const text = 'AZURE_OPENAI_API_KEY=os.environ["AZURE_OPENAI_API_KEY"] # azure openai speech vision\n'.repeat(20);
    expect(prefilter(rs, text).rules).not.toContain(rule);
    const withKey = `${text}AZURE_OPENAI_API_KEY=${key()}\n`;
    expect(prefilter(rs, withKey).rules).toContain(rule);
    expect(detect(rs, { text: withKey, path: 'app.env' }).findings.map((f) => f.ruleId)).toEqual(['azure-ai-services-key']);
    // The literal is looked for whatever its case; the rule's own shape decides.
    expect(prefilter(rs, `${text}azure_key = "jqqj99"`).rules).toContain(rule);
  });

  it('are only literals every value of the rule holds: each built-in rule with one still finds its positive examples', () => {
    const withLiterals = builtin.filter((spec) => requiredLiterals(ruleSetOf([spec]).rules[0]!) !== null);
    expect(withLiterals.map((r) => r.id)).toContain('azure-ai-services-key');
    for (const spec of withLiterals) {
      const rs = ruleSetOf([spec]);
      for (const example of spec.examples?.positive ?? []) {
        const { text } = examplePath(expandTemplate(example, undefined, partGenerators(spec.parts)));
        expect(prefilter(rs, text).rules, `${spec.id}: ${text}`).toContain(rs.rules[0]);
      }
    }
  });
});

describe('detect: URL templates (looked for on the lines holding their host)', () => {
  const set = builtinRuleSet('infura-api-key');
  const key = (): string => randomString('0123456789abcdef', 32);
  const found = (text: string): { line: number; column: number; secret: string }[] =>
    detect(set, { text, path: 'src/app.js' }).findings.map((f) => ({ line: f.line, column: f.column, secret: f.secret }));

  it('finds a key in a URL on an ordinary line, at its place', () => {
    const k = key();
    const text = `const a = 1;\nconst rpc = "https://mainnet.infura.io/v3/${k}";\n`;
    expect(found(text)).toEqual([{ line: 2, column: 13 + 'https://mainnet.infura.io/v3/'.length + 1, secret: k }]);
  });

  it('finds keys in URLs far apart on one huge minified line, and two close together', () => {
    const [k1, k2, k3] = [key(), key(), key()];
    const filler = (n: number): string => 'var q=function(a){return a+1};'.repeat(n);
    const text = `${filler(800)}u="https://mainnet.infura.io/v3/${k1}";${filler(900)}v="wss://goerli.infura.io/ws/v3/${k2}",w="https://x.infura.io/v3/${k3}";${filler(400)}`;
    expect(text.length).toBeGreaterThan(50_000);
    expect(found(text).map((f) => f.secret).sort()).toEqual([k1, k2, k3].sort());
    const at = text.indexOf(k2);
    expect(found(text).find((f) => f.secret === k2)).toEqual({ line: 1, column: at + 1, secret: k2 });
  });

  it('finds a URL whose host is in upper case elsewhere on the line only once, and none without a key', () => {
    const k = key();
    expect(found(`// INFURA.IO endpoint: https://mainnet.infura.io/v3/${k}`)).toHaveLength(1);
    expect(found('see https://mainnet.infura.io/v3/ for your key, or https://infura.io/dashboard')).toEqual([]);
    expect(found(`https://mainnet.infura.io/v3/${key()}abc`)).toEqual([]);
  });
});

// Regression: words of a provider's alias index mark a binding's name as another provider's. `new` (new-relic), `hub`
// (docker_hub) and `auth` (the id basic-auth) stood for their providers alone, so `new_api_key` under `binance:` went
// to the generic rule, and `auth_token` under any provider's section was never that provider's.
describe('alias words of other providers', () => {
  it("claims new_api_key and auth_secret under a provider's section for that provider", async () => {
    const { buildConfiguredRuleSet } = await import('../../src/config/load.js');
    const { defaultUserConfig } = await import('../../src/config/ruleset.js');
    const { validatorNames } = await import('../../src/detect/validators/index.js');
    const ruleSet = buildConfiguredRuleSet(defaultUserConfig(), validatorNames);
    const rng = seeded(7);
    const key = randomString(ALPHABETS.alnum, 64, rng);
    const secret = randomString(ALPHABETS.alnum, 64, rng);
    const text = `binance:\n  new_api_key: "${key}"\n  auth_secret: "${secret}"\n`;
    const found = detect(ruleSet, { text, path: 'config.yaml' }).findings.map((f) => [f.ruleId, f.secret]);
    expect(found).toContainEqual(['binance-api-credentials', key]);
    expect(found).toContainEqual(['binance-api-credentials', secret]);
  });
});

describe('detect: the generic password rule and the languages where single quotes make a character', () => {
  const rs = builtinRuleSet('generic-password');
  const value = (): string => expandTemplate('{{alnum:6}}#{{digits:2}}!{{alnum:6}}@');
  const found = (text: string, path: string): string[] => ruleIds(rs, text, path);

  it('reads a single-quoted value as a string where it is one, and as nothing in C, C++, C# and Objective-C', () => {
    const v = value();
    for (const path of ['app.py', 'config.js', 'settings.yaml', 'App.java']) expect(found(`db_password = '${v}'\n`, path), path).toEqual(['generic-password']);
    for (const path of ['main.c', 'util.h', 'app.cpp', 'Program.cs', 'AppDelegate.m']) expect(found(`db_password = '${v}';\n`, path), path).toEqual([]);
    // double quotes are a string in every one of them
    for (const path of ['main.c', 'Program.cs']) expect(found(`db_password = "${v}";\n`, path), path).toEqual(['generic-password']);
    expect(found(`NSString *password = @"${v}";\n`, 'AppDelegate.m')).toEqual(['generic-password']);
  });
});

describe('detect: a name numbered as the second of two keys', () => {
  const rs = builtinRuleSet('alchemy-api-key');
  const key = (): string => expandTemplate('{{alnum:32}}');
  const found = (text: string): string[] => ruleIds(rs, text, 'app.py');

  it('reads token1, apiKey2 and secret_key_3 as the names they number, but not a word ending in three digits', () => {
    for (const name of ['alchemy_token1', 'alchemyApiKey2', 'ALCHEMY_KEY_3', 'alchemy_key12']) expect(found(`${name} = '${key()}'\n`), name).toEqual(['alchemy-api-key']);
    expect(found(`alchemy_key256 = '${key()}'\n`)).toEqual([]);
  });
});
