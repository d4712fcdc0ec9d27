// The syntax corpus: every v2 rule's parts, as fresh fake values, rendered into every syntax of the grammar, each
// found by the rule's own rule; and placeholders in the same syntaxes, which must stay quiet. Where the examples test
// checks what is special to a provider, this checks that the shared grammar serves every rule in every syntax.

import { describe, expect, it } from 'vitest';
import { compileAllowlist, buildRuleSet, compileRule } from '../../src/config/compile.js';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRulePack, loadRulePacks } from '../../src/config/load.js';
import { providerIndex } from '../../src/config/ruleset.js';
import { detect } from '../../src/detect/engine.js';
import { validatorNames, validators } from '../../src/detect/validators/index.js';
import { fakePart } from '../../src/fakes/parts.js';
import type { CompiledRule } from '../../src/model/types.js';
import { seededRng } from '../helpers/crypto/rng.js';

/** One binding to render: the name's words and the value. */
interface Item {
  words: string[];
  value: string;
}

const upper = (w: string[]): string => w.join('_').toUpperCase();
const snake = (w: string[]): string => w.join('_');
const camel = (w: string[]): string => w.map((x, i) => (i ? x[0]!.toUpperCase() + x.slice(1) : x)).join('');
const pascal = (w: string[]): string => w.map((x) => x[0]!.toUpperCase() + x.slice(1)).join('');
const kebab = (w: string[]): string => w.join('-');
const dotted = (w: string[]): string => w.join('.');

/** A syntax renders bindings, one per line; `bare` syntaxes write the value unquoted. */
interface Syntax {
  name: string;
  bare?: boolean;
  render: (items: Item[]) => string;
}

const lines = (f: (i: Item) => string) => (items: Item[]): string => items.map(f).join('\n');

const SYNTAXES: Syntax[] = [
  { name: '.env', bare: true, render: lines((i) => `${upper(i.words)}=${i.value}`) },
  { name: 'shell export', render: lines((i) => `export ${upper(i.words)}="${i.value}"`) },
  { name: 'Dockerfile ENV', bare: true, render: lines((i) => `ENV ${upper(i.words)} ${i.value}`) },
  { name: 'Dockerfile ARG', bare: true, render: lines((i) => `ARG ${upper(i.words)}=${i.value}`) },
  { name: 'Makefile ?=', bare: true, render: lines((i) => `${upper(i.words)} ?= ${i.value}`) },
  { name: 'Makefile ::=', bare: true, render: lines((i) => `${upper(i.words)} ::= ${i.value}`) },
  { name: 'Makefile :::=', render: lines((i) => `${upper(i.words)} :::= "${i.value}"`) },
  { name: 'YAML', render: lines((i) => `${snake(i.words)}: "${i.value}"`) },
  { name: 'YAML bare', bare: true, render: lines((i) => `${snake(i.words)}: ${i.value}`) },
  { name: 'JSON', render: (items) => `{\n${items.map((i) => `  "${camel(i.words)}": "${i.value}"`).join(',\n')}\n}` },
  { name: 'TOML / INI', render: lines((i) => `${snake(i.words)} = "${i.value}"`) },
  { name: '.properties', bare: true, render: lines((i) => `${dotted(i.words)}=${i.value}`) },
  { name: 'HCL', render: (items) => `resource "svc" "main" {\n${items.map((i) => `  ${snake(i.words)} = "${i.value}"`).join('\n')}\n}` },
  { name: 'Python', render: lines((i) => `${upper(i.words)} = "${i.value}"`) },
  { name: 'Python annotated', render: lines((i) => `${snake(i.words)}: str = '${i.value}'`) },
  { name: 'Python kwargs', render: (items) => `client = Client(\n${items.map((i) => `    ${snake(i.words)}="${i.value}",`).join('\n')}\n)` },
  { name: 'Python dict', render: (items) => `CONFIG = {\n${items.map((i) => `    '${snake(i.words)}': '${i.value}',`).join('\n')}\n}` },
  { name: 'JS const', render: lines((i) => `const ${camel(i.words)} = '${i.value}';`) },
  { name: 'JS object', render: (items) => `module.exports = {\n${items.map((i) => `  ${camel(i.words)}: "${i.value}",`).join('\n')}\n};` },
  { name: 'JS template literal', render: lines((i) => `export const ${upper(i.words)} = \`${i.value}\`;`) },
  { name: 'JS env fallback ||', render: lines((i) => `const ${camel(i.words)} = process.env.${upper(i.words)} || "${i.value}";`) },
  { name: 'JS env fallback ??', render: lines((i) => `const ${camel(i.words)} = process.env.${upper(i.words)} ?? '${i.value}';`) },
  { name: 'Python getenv or', render: lines((i) => `${snake(i.words)} = os.getenv("${upper(i.words)}") or "${i.value}"`) },
  { name: 'Python getenv default', render: lines((i) => `${snake(i.words)} = os.environ.get("${upper(i.words)}", "${i.value}")`) },
  { name: 'PHP getenv ?:', render: lines((i) => `$${camel(i.words)} = getenv('${upper(i.words)}') ?: '${i.value}';`) },
  { name: 'shell default', bare: true, render: lines((i) => `${upper(i.words)}="\${${upper(i.words)}:-${i.value}}"`) },
  { name: 'Compose default', bare: true, render: (items) => `environment:\n${items.map((i) => `  ${upper(i.words)}: \${${upper(i.words)}:-${i.value}}`).join('\n')}` },
  { name: 'Go :=', render: lines((i) => `\t${camel(i.words)} := "${i.value}"`) },
  { name: 'Go var', render: lines((i) => `var ${camel(i.words)} string = "${i.value}"`) },
  { name: 'Go struct', render: (items) => `cfg := Config{\n${items.map((i) => `\t${pascal(i.words)}: "${i.value}",`).join('\n')}\n}` },
  { name: 'Java setProperty', render: lines((i) => `System.setProperty("${dotted(i.words)}", "${i.value}");`) },
  { name: 'Java field', render: lines((i) => `private static final String ${upper(i.words)} = "${i.value}";`) },
  { name: 'Java field, operator on the next line', render: lines((i) => `private static final String ${upper(i.words)}\n        = "${i.value}";`) },
  { name: 'C++ brace init', render: lines((i) => `static const std::string ${pascal(i.words)}{"${i.value}"};`) },
  { name: 'Kotlin val', render: lines((i) => `val ${camel(i.words)}: String = "${i.value}"`) },
  { name: 'C# initializer', render: (items) => `var cfg = new Dictionary<string, string> {\n${items.map((i) => `    { "${pascal(i.words)}", "${i.value}" },`).join('\n')}\n};` },
  { name: 'C# Add', render: lines((i) => `settings.Add("${pascal(i.words)}", "${i.value}");`) },
  { name: 'PHP', render: lines((i) => `$config['${snake(i.words)}'] = '${i.value}';`) },
  { name: 'PHP define', render: lines((i) => `define('${upper(i.words)}', '${i.value}');`) },
  { name: 'Ruby =>', render: (items) => `CONFIG = {\n${items.map((i) => `  :${snake(i.words)} => '${i.value}',`).join('\n')}\n}` },
  { name: 'Rust let', render: lines((i) => `let ${snake(i.words)}: &str = "${i.value}";`) },
  { name: 'Rust Some', render: lines((i) => `    ${snake(i.words)}: Some("${i.value}".to_string()),`) },
  { name: 'XML element', render: (items) => `<config>\n${items.map((i) => `  <${camel(i.words)}>${i.value}</${camel(i.words)}>`).join('\n')}\n</config>` },
  { name: 'XML element, value on its own line', render: (items) => `<config>\n${items.map((i) => `  <${camel(i.words)}>\n    ${i.value}\n  </${camel(i.words)}>`).join('\n')}\n</config>` },
  { name: 'XML attribute', render: lines((i) => `<setting ${camel(i.words)}="${i.value}" />`) },
  { name: '.NET appSettings', render: lines((i) => `<add key="${pascal(i.words)}" value="${i.value}" />`) },
  { name: 'CLI --flag value', bare: true, render: lines((i) => `tool run --${kebab(i.words)} ${i.value}`) },
  { name: 'CLI --flag=value', bare: true, render: lines((i) => `tool run --${kebab(i.words)}=${i.value} --verbose`) },
  { name: 'URL query', bare: true, render: lines((i) => `GET https://api.example.com/v1/data?${snake(i.words)}=${i.value}&page=2`) },
  { name: 'connection string', bare: true, render: (items) => `Server=db.local;${items.map((i) => `${pascal(i.words)}=${i.value};`).join('')}Database=app` },
  { name: 'notebook cell', render: (items) => `  "source": [\n${items.map((i) => `    "${upper(i.words)} = \\"${i.value}\\"\\n",`).join('\n')}\n  ]` },
  { name: 'JSON-escaped JSON', render: (items) => `"{${items.map((i) => `\\"${camel(i.words)}\\": \\"${i.value}\\"`).join(', ')}}"` },
];

// The built-in packs, and a small sample pack that exercises every kind of v2 fact even while the catalogue moves.
const packs = [...loadRulePacks(), loadRulePack(join(dirname(fileURLToPath(import.meta.url)), 'fixtures/v2-sample.yaml'))];
const providers = providerIndex(packs.map((p) => ({ file: p.file, providers: p.providers ?? [] })));
const globals = packs.filter((p) => p.allowlist).map((p) => compileAllowlist(p.allowlist!, { file: p.file, field: 'allowlist' }));
const rules = packs
  .flatMap((p) => p.rules.map((spec) => compileRule(spec, { file: p.file, family: p.family }, validatorNames, { providers })))
  .filter((r) => r.spec.match !== undefined);

/** The name words for a part of a rule: the provider's first alias, then the part (`binance`, `api`, `secret`). */
function wordsFor(rule: CompiledRule, part: string): string[] {
  const ctx = rule.context;
  if (!ctx) return ['service', 'token'];
  const alias = (ctx.aliases[0] ?? 'svc').split(/[^a-z0-9]+/).filter(Boolean);
  const spec = rule.spec.parts![part]!;
  const partWord = spec.names?.[0] ?? part;
  return [...alias, ...(part === 'key' || part === 'secret' ? ['api'] : []), partWord];
}

/** Values that an unquoted syntax cannot carry as one word. */
const BARE_SAFE = /^[A-Za-z0-9+/=_.:~@%!*^$-]+$/;

/** Fresh values of each part's shape that also pass the part's own validator (a shape alone may not: `generic-secret`). */
function items(rule: CompiledRule, seed: number): Item[] {
  const rng = seededRng(seed);
  return Object.entries(rule.spec.parts!).map(([name, part]) => {
    const check = validators[part.validate ?? rule.spec.validate ?? ''];
    let value = fakePart(part, rng);
    for (let i = 0; i < 50 && check && !check(value).ok; i++) value = fakePart(part, rng);
    return { words: wordsFor(rule, name), value };
  });
}

/**
 * Rules the syntax corpus cannot render by name: URL-only rules are found by their URL, manifest rules by the
 * manifest's kind and section (their own examples and tests/detect/manifest.test.ts cover them), rules that read a
 * URL's user-info alone (`bindings: [userinfo]`) by the URL, not by a name.
 */
const byName = (r: CompiledRule): boolean => !r.context || ((r.context.aliases.length > 0 || r.context.anyName) && r.context.bindings === null);

describe('syntax corpus', () => {
  it('has v2 rules to render', () => expect(rules.length).toBeGreaterThan(0));

  it.each(rules.filter(byName).map((r) => [r.id, r] as const))('%s: found in every syntax', (_id, rule) => {
    const ruleSet = buildRuleSet([rule], globals, providers);
    const missed: string[] = [];
    SYNTAXES.forEach((syntax, s) => {
      const its = items(rule, s + 1);
      if (syntax.bare && its.some((i) => !BARE_SAFE.test(i.value))) return;
      const text = syntax.render(its);
      const found = new Set(detect(ruleSet, { text, path: 'example.txt' }).findings.filter((f) => f.ruleId === rule.id).map((f) => f.secret));
      // Optional parts travel attached to a finding, never as one of their own.
      const names = Object.keys(rule.spec.parts!);
      const want = rule.context && rule.context.pairing === 'required' ? its.filter((_, k) => !rule.spec.parts![names[k]!]!.optional) : its.slice(0, 1);
      for (const i of want) if (!found.has(i.value)) missed.push(`${syntax.name}:\n${text}`);
    });
    expect(missed).toEqual([]);
  });

  const PLACEHOLDERS = ['your_api_key_here', '${API_KEY}', '<YOUR_API_KEY>', 'changeme', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'null'];
  it.each(rules.map((r) => [r.id, r] as const))('%s: placeholders stay quiet in every syntax', (_id, rule) => {
    const ruleSet = buildRuleSet([rule], globals, providers);
    const alarms: string[] = [];
    for (const syntax of SYNTAXES) {
      for (const value of PLACEHOLDERS) {
        if (syntax.bare && !BARE_SAFE.test(value)) continue;
        const text = syntax.render(Object.keys(rule.spec.parts!).map((p) => ({ words: wordsFor(rule, p), value })));
        if (detect(ruleSet, { text, path: 'example.txt' }).findings.some((f) => f.ruleId === rule.id)) alarms.push(`${syntax.name}: ${text}`);
      }
    }
    expect(alarms).toEqual([]);
  });
});
