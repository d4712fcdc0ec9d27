// The grammar of where secrets sit (src/detect/grammar.ts): each syntax the rule model v2 relies on binds the
// right name to the right value, at the right offset.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bindingsAt, continuedValueLine, denseBindings, userinfoBindings, inlineSectionNames, lineBindings, sectionNames, xmlValueLine } from '../../src/detect/grammar.js';

const V = 'q9Zr4TfW2mKx8LbP';

/** [syntax, line, expected name]; the value is always V. */
const CASES: [string, string, string][] = [
  ['.env', `BINANCE_API_KEY=${V}`, 'BINANCE_API_KEY'],
  ['shell export', `export BINANCE_API_KEY="${V}"`, 'BINANCE_API_KEY'],
  ['Dockerfile ENV with a space', `ENV BINANCE_API_KEY ${V}`, 'BINANCE_API_KEY'],
  ['Dockerfile ARG', `ARG BINANCE_API_KEY=${V}`, 'BINANCE_API_KEY'],
  ['Makefile ?=', `KEY ?= ${V}`, 'KEY'],
  ['Makefile ::=', `KEY ::= ${V}`, 'KEY'],
  ['Makefile :=', `KEY := ${V}`, 'KEY'],
  ['Makefile :::=', `KEY :::= "${V}"`, 'KEY'],
  ['YAML', `  api_key: "${V}"`, 'api_key'],
  ['YAML list item, bare value', `- api_key: ${V}`, 'api_key'],
  ['JSON', `"apiKey": "${V}",`, 'apiKey'],
  ['TOML / INI / HCL', `api_key = "${V}"`, 'api_key'],
  ['.properties', `api.key=${V}`, 'api.key'],
  ['Python annotated', `token: str = "${V}"`, 'token'],
  ['Python kwargs', `client = Client(api_key="${V}")`, 'api_key'],
  ['Python dict', `{'apiKey': '${V}'}`, 'apiKey'],
  ['JS template literal', `const apiKey = \`${V}\`;`, 'apiKey'],
  ['Go :=', `token := "${V}"`, 'token'],
  ['Go var with a type', `var token string = "${V}"`, 'token'],
  ['Go struct field', `APIKey: "${V}",`, 'APIKey'],
  ['Java setProperty', `System.setProperty("BINANCE_KEY", "${V}");`, 'BINANCE_KEY'],
  ['Java field', `private static final String API_KEY = "${V}";`, 'API_KEY'],
  ['Kotlin val', `val apiKey: String = "${V}"`, 'apiKey'],
  ['C# initializer', `{ "AccountKey", "${V}" },`, 'AccountKey'],
  ['C# .Add', `settings.Add("AccountKey", "${V}");`, 'AccountKey'],
  ['PHP .=', `$t .= "${V}";`, '$t'],
  ['PHP define', `define('API_KEY', '${V}');`, 'API_KEY'],
  ['Ruby =>', `:api_key => "${V}"`, 'api_key'],
  ['Ruby ||=', `ENV["API_KEY"] ||= "${V}"`, 'API_KEY'],
  ['Rust let', `let api_key: &str = "${V}";`, 'api_key'],
  ['Rust Some(...)', `key: Some("${V}".into()),`, 'key'],
  ['Python environ', `os.environ["BINANCE_KEY"] = "${V}"`, 'BINANCE_KEY'],
  ['XML element', `<apiKey>${V}</apiKey>`, 'apiKey'],
  ['XML attribute', `<cfg apiKey="${V}" />`, 'apiKey'],
  ['.NET appSettings', `<add key="BinanceKey" value="${V}" />`, 'BinanceKey'],
  ['Jenkins credentials XML', `<secret>${V}</secret>`, 'secret'],
  ['CLI --flag value', `tool --api-key ${V} --x=1`, 'api-key'],
  ['CLI --flag=value', `tool --api-key=${V}`, 'api-key'],
  ['CLI -flag "value"', `az storage -storagekey "${V}"`, 'storagekey'],
  ['HTTP header in curl', `curl -H "X-MBX-APIKEY: ${V}" https://example.com`, 'X-MBX-APIKEY'],
  ['HTTP Authorization header', `Authorization: Bearer ${V}`, 'Authorization'],
  ['URL query parameter', `https://x.example/api?api_key=${V}&x=1`, 'api_key'],
  ['URL user-info', `postgres://admin:${V}@db.example:5432/x`, 'postgres.password'],
  ['connection string', `Server=x;Password=${V};Database=y`, 'Password'],
  ['notebook cell (JSON-escaped)', `"source": ["API_KEY = \\"${V}\\"\\n"]`, 'API_KEY'],
  ['JSON inside a JSON string', `{\\"apiKey\\": \\"${V}\\"}`, 'apiKey'],
  ['prose', `twilio token - '${V}'`, 'token'],
  ['comparison', `if token == "${V}":`, 'token'],
  ['comparison, value first', `if ("${V}" === token) {`, 'token'],
  ['C# verbatim string', `var apiKey = @"${V}";`, 'apiKey'],
  ['Objective-C string', `NSString *apiKey = @"${V}";`, 'apiKey'],
  ['JS env fallback ||', `const apiKey = process.env.API_KEY || "${V}";`, 'apiKey'],
  ['JS env fallback ??', `const apiKey = process.env["API_KEY"] ?? '${V}';`, 'apiKey'],
  ['Python getenv or', `api_key = os.getenv("API_KEY") or "${V}"`, 'api_key'],
  ['Python getenv default', `api_key = os.getenv("API_KEY", "${V}")`, 'API_KEY'],
  ['PHP getenv ?:', `$apiKey = getenv('API_KEY') ?: '${V}';`, '$apiKey'],
  ['shell default', `API_KEY=\${API_KEY:-${V}}`, 'API_KEY'],
  ['Compose default', `  API_KEY: \${API_KEY:-${V}}`, 'API_KEY'],
  ['C++ brace init', `static const std::string ApiSecret{"${V}"};`, 'ApiSecret'],
];

describe('grammar: lineBindings', () => {
  it.each(CASES)('%s', (_syntax, line, name) => {
    const found = lineBindings(line).filter((b) => b.value === V);
    expect(found.map((b) => b.name)).toContain(name);
    for (const b of found) expect(line.slice(b.at, b.at + V.length)).toBe(V);
  });

  it('binds an XML element whose value sits alone on the line between its tags', () => {
    const b = xmlValueLine('<settings><apiKey>', `    ${V}`, '</apiKey></settings>');
    expect(b).toEqual({ name: 'apiKey', value: V, at: 4, kind: 'xml' });
    expect(xmlValueLine('<apiKey>', `    ${V}`, '</other>')).toBeNull();
    expect(xmlValueLine('<apiKey>', `    ${V} more`, '</apiKey>')).toBeNull();
    expect(xmlValueLine('<apiKey attr="1">', `\t${V}`, '  </apiKey>')?.value).toBe(V);
  });

  it('binds an assignment whose value sits alone on the next line', () => {
    expect(continuedValueLine('const scrapingBeeApiKey =', `  "${V}"; // the key`)).toEqual({ name: 'scrapingBeeApiKey', value: V, at: 3, kind: 'assign' });
    expect(continuedValueLine('  "apiKey":', `    "${V}",`)?.name).toBe('apiKey');
    expect(continuedValueLine('API_TOKEN =', `'${V}'`)?.value).toBe(V);
    expect(continuedValueLine('const x = f(', `  "${V}"`)).toBeNull();
    // broken before the operator, as Java formatters break a long constant
    expect(continuedValueLine('    public static final String API_KEY', `            = "${V}";`)).toEqual({ name: 'API_KEY', value: V, at: 15, kind: 'assign' });
    expect(continuedValueLine('    foo(bar)', `            = "${V}";`)).toBeNull();
    expect(continuedValueLine('token =', `  "${V}" + suffix`)).toBeNull();
  });

  it('binds a flag to a value that starts with a dash, but not to the next flag', () => {
    const dashed = `-${V}xY`;
    expect(lineBindings(`ibmcloud login --apikey ${dashed}`).map((b) => [b.name, b.value])).toContainEqual(['apikey', dashed]);
    expect(lineBindings('tool --api-key --verbose').filter((b) => b.name === 'api-key')).toEqual([]);
    expect(lineBindings('tool --token -Dsonar.login=Ab1cdefghijklmnop').filter((b) => b.name === 'token')).toEqual([]);
    expect(lineBindings('tool --token -lowercaseonlyvalue').filter((b) => b.name === 'token')).toEqual([]);
  });

  it('finds a comparison written value first from its name alone, as the generic rules look', () => {
    const line = `if ("${V}" != secret) {`;
    expect(bindingsAt(line, line.indexOf('secret'))).toEqual([{ name: 'secret', value: V, at: 5, kind: 'assign' }]);
    // a call's result compared, not a name
    expect(lineBindings(`if ("${V}" == token()) {`).filter((b) => b.name === 'token')).toEqual([]);
  });

  it('reads URL user-info as a regex led by the scheme would (fuzzed)', () => {
    const REFERENCE = /\b(?<scheme>[a-z][a-z0-9+.-]{1,20}):\/\/(?<user>[^\s:/@"'`]{1,200}):(?<qv>[^\s@/"'`]{1,500})@/dgi;
    const reference = (line: string): [string, string, number][] => {
      const out: [string, string, number][] = [];
      for (const u of line.matchAll(REFERENCE)) {
        out.push([`${u.groups!.scheme}.password`, u.groups!.qv!, u.indices!.groups!.qv![0]]);
        out.push([`${u.groups!.scheme}.username`, u.groups!.user!, u.indices!.groups!.user![0]]);
      }
      return out;
    };
    const piece = fc.constantFrom('https', 'h', 'S', '1', '+', '.', '-', '_', ':', '/', '://', '@', 'u', 'pw9', ' ', '"', 'ftp://', 'a:b@');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const line = pieces.join('');
        expect(userinfoBindings(line).map((b) => [b.name, b.value, b.at])).toEqual(reference(line));
      }),
      { numRuns: 3000 },
    );
    expect(userinfoBindings(`git+https://ci:${V}@git.acme.io`).map((b) => [b.name, b.value])).toEqual([
      ['git+https.password', V],
      ['git+https.username', 'ci'],
    ]);
  });

  it('binds nothing on a line without a binding character', () => {
    expect(lineBindings(`just some words ${V}`)).toEqual([]);
  });
});

describe('grammar: what is not a binding', () => {
  it.each([
    ['an ARN segment', `"SecretId": "arn:aws:secretsmanager:us-east-1:012345678901:secret:myuser/${V}"`, ['SecretId', 'arn']],
    ['an ARN segment after an entity', `"ARN": "&asm-service-name;:us-west-2:&Id;:secret:MySecret1-${V}"`, ['ARN']],
    ['a TypeScript member type', `  KdcAdminPassword: XmlStringMaxLen256;`, []],
    ['a method called', `  const child = parse(tag, currentToken = scanner2.reScanJsxToken());`, ['child']],
  ])('%s', (_what, line, names) => {
    expect(lineBindings(line).map((b) => b.name)).toEqual(names);
  });
});

describe('grammar: denseBindings (minified code, one-line JSON)', () => {
  it.each([
    ['object literal', `a({apiKey:"${V}",b:1})`, 'apiKey'],
    ['member assignment', `x.token='${V}';`, 'x.token'],
    ['JSON', `{"apiKey": "${V}"}`, 'apiKey'],
    ['JSON inside a JSON string', `"{\\"apiKey\\":\\"${V}\\"}"`, 'apiKey'],
    ['Ruby =>', `:api_key => "${V}"`, 'api_key'],
    ['after a filler of code', `${'f(a,b);'.repeat(2000)}secret="${V}"`, 'secret'],
  ])('%s', (_syntax, line, name) => {
    const found = denseBindings(line);
    expect(found.map((b) => [b.name, b.value])).toEqual([[name, V]]);
    expect(line.slice(found[0]!.at, found[0]!.at + V.length)).toBe(V);
  });

  it('reads a value whose opening quote closes the quoted code before it', () => {
    // `"+String(d));f=>"` looks like a value of key characters after `h:`; its closing quote opens the real one.
    const line = `g({h:"+String(d));d=c.find(f=>"${V}"==f)})`;
    expect(denseBindings(line).map((b) => [b.name, b.value])).toEqual([
      ['h', '+String(d));d=c.find(f=>'],
      ['f', V],
    ]);
  });

  it('finds the same bindings in a range of the line as in the whole line, wherever the range starts (fuzzed)', () => {
    const pieces = ['a', 'k', ':', '=', '=>', ' ', '\t', '"', "'", '`', '\\', '(', ')', ',', 'apiKey', 'x.t', '0123456789', 'ABCDEFGHij', '+/'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 120 }), fc.nat(400), fc.nat(400), (parts, a, b) => {
        const line = parts.join('');
        const from = Math.min(a, b, line.length);
        const to = Math.min(Math.max(a, b), line.length);
        const want = denseBindings(line).filter((x) => x.at >= from && x.at < to);
        expect(denseBindings(line, from, to)).toEqual(want);
      }),
      { numRuns: 3000 },
    );
    // Blanks between the operator and the value, across the range's start.
    const line = `x;token:${' '.repeat(300)}"${V}"`;
    const at = line.indexOf(V);
    expect(denseBindings(line, at, line.length).map((b) => b.value)).toEqual([V]);
  });

  it.each([
    ['comparison', `if(t==="${V}")`],
    ['compound assignment', `t+="${V}"`],
    ['value with a space', `t="${V} x"`],
    ['too short', `t="abc1234"`],
    ['no name', `f("${V}")`],
  ])('nothing for a %s', (_what, line) => {
    expect(denseBindings(line)).toEqual([]);
  });
});

describe('grammar: sections', () => {
  const lines = (text: string) => (n: number): string => text.split('\n')[n] ?? '';

  it('follows YAML nesting up to the top', () => {
    const y = lines('exchanges:\n  binance:\n    enabled: true\n    api_key: x\n  kraken:\n    key: y');
    expect(sectionNames(y, 3)).toEqual(['binance', 'exchanges']);
    expect(sectionNames(y, 5)).toEqual(['kraken', 'exchanges']);
  });

  it('stops at an INI or TOML header', () => {
    expect(sectionNames(lines('[other]\na = 1\n[binance]\nkey = x'), 3)).toEqual(['binance']);
  });

  it('names a constructor call opened on an earlier line', () => {
    expect(sectionNames(lines("exchange = ccxt.binance({\n    'apiKey': 'x',\n})"), 1)).toEqual(['exchange', 'ccxt.binance']);
  });

  it('names brackets still open on the same line', () => {
    expect(inlineSectionNames('{"binance":{"apiKey":"x"}}', 22)).toEqual(['binance']);
    expect(inlineSectionNames("ex = ccxt.binance({'apiKey': 'x'})", 30)).toEqual(['ex', 'ccxt.binance']);
    expect(inlineSectionNames('{"kraken":{"k":"1"},"binance":{"apiKey":"x"}}', 42)).toEqual(['binance']);
  });
});
