// The decoding step end to end with the built-in rules: keys wrapped by base64, hex, percent, JSON escapes, HTML
// entities and string concatenation are found, reported at the encoded span, and carry their chain of encodings.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectDecoded } from '../../src/decode/detect.js';
import { ALPHABETS, anthropicKey, githubToken, groqKey, npmToken, openaiKey, pem, randBytes, randChars } from '../../src/fakes/index.js';
import type { Finding } from '../../src/model/types.js';
import { loadRuleSet } from '../../src/scan.js';

const { ruleSet } = loadRuleSet(mkdtempSync(join(tmpdir(), 'kh-decode-')));
const b64 = (s: string): string => Buffer.from(s).toString('base64');

function scan(text: string, depth = 2, path = 'x.txt'): Finding[] {
  return detectDecoded(ruleSet, { text, path }, {}, depth).findings;
}
const awsKey = (): string => `AKIA${randChars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`;
const stripeKey = (): string => `sk_live_${randChars(ALPHABETS.alnum, 24)}`;

describe('base64', () => {
  it('finds an Anthropic key and a GitHub token in a Kubernetes Secret, at the encoded value', () => {
    const ant = anthropicKey();
    const gh = githubToken();
    const yaml = `apiVersion: v1\nkind: Secret\ndata:\n  anthropic: ${b64(ant)}\n  github: ${b64(gh)}\n`;
    const found = scan(yaml);
    const a = found.find((f) => f.secret === ant)!;
    expect(a).toMatchObject({ ruleId: 'anthropic-api-key', line: 4, column: 14, decoded: ['base64'] });
    const g = found.find((f) => f.secret === gh)!;
    expect(g).toMatchObject({ ruleId: 'github-token', line: 5, column: 11, decoded: ['base64'] });
    // The generic finding on the encoded value yields to the specific one inside it.
    expect(found.filter((f) => f.line === 5)).toHaveLength(1);
  });
});

describe('base64 (more)', () => {
  it('finds the token in a docker config.json auth (base64 of user:token)', () => {
    const gh = githubToken();
    const json = `{\n  "auths": {\n    "ghcr.io": {\n      "auth": "${b64(`octo:${gh}`)}"\n    }\n  }\n}\n`;
    const f = scan(json).find((x) => x.secret === gh);
    expect(f).toMatchObject({ ruleId: 'github-token', line: 4, column: 16, decoded: ['base64'] });
  });

  it('finds the token in an Authorization: Basic header', () => {
    const key = npmToken();
    const f = scan(`curl -H "Authorization: Basic ${b64(`ci:${key}`)}" https://registry.example\n`).find((x) => x.secret === key);
    expect(f).toMatchObject({ ruleId: 'npm-access-token', line: 1, decoded: ['base64'] });
  });

  it('finds every key of a whole .env committed base64-encoded and line-wrapped', () => {
    const keys = [openaiKey(), anthropicKey(), stripeKey()];
    const env = `OPENAI_API_KEY=${keys[0]}\nANTHROPIC_API_KEY=${keys[1]}\nSTRIPE_KEY=${keys[2]}\n`;
    const wrapped = b64(env).replace(/.{76}/g, '$&\n');
    const found = scan(`${wrapped}\n`);
    for (const k of keys) expect(found.find((f) => f.secret === k)).toMatchObject({ line: 1, column: 1, decoded: ['base64'] });
  });

  it('finds a key encoded twice, and one base64url-encoded without padding', () => {
    const ant = anthropicKey();
    const twice = scan(`value: ${b64(b64(ant))}\n`).find((f) => f.secret === ant);
    expect(twice).toMatchObject({ ruleId: 'anthropic-api-key', decoded: ['base64', 'base64'] });
    const gh = githubToken();
    const url = Buffer.from(`token=${gh}?`).toString('base64url');
    expect(scan(`x = "${url}"\n`).find((f) => f.secret === gh)).toMatchObject({ decoded: ['base64'] });
  });

  it('stops at --max-decode-depth: depth 1 misses the doubly encoded key, 0 decodes nothing', () => {
    const ant = anthropicKey();
    expect(scan(`value: ${b64(b64(ant))}\n`, 1).find((f) => f.secret === ant)).toBeUndefined();
    expect(scan(`value: ${b64(ant)}\n`, 0).find((f) => f.secret === ant)).toBeUndefined();
  });

  it('finds a key in long hex', () => {
    const gh = githubToken();
    const f = scan(`blob = ${Buffer.from(gh).toString('hex')}\n`).find((x) => x.secret === gh);
    expect(f).toMatchObject({ ruleId: 'github-token', column: 8, decoded: ['hex'] });
  });
});

describe('escapes before a key', () => {
  const keys: [string, () => string][] = [
    ['github-token', () => githubToken()],
    ['aws-access-key-id', awsKey],
    ['openai-api-key', () => openaiKey()],
    ['anthropic-api-key', () => anthropicKey()],
    ['npm-access-token', npmToken],
    ['groq-api-key', groqKey],
    ['stripe-secret-key', stripeKey],
  ];
  for (const [rule, make] of keys) {
    for (const [name, wrap] of [
      ['%3D', (k: string) => `https://example.com/cb?token%3D${k}&x=1`],
      ['%20', (k: string) => `https://example.com/run?cmd=login%20${k}`],
      ['%22', (k: string) => `https://example.com/q?body=%7B%22k%22:%22${k}%22%7D`],
      ['\\n', (k: string) => `{"script": "export X=1\\n${k}"}`],
    ] as const) {
      it(`${rule} after ${name}`, () => {
        const key = make();
        const found = scan(`${wrap(key)}\n`);
        expect(found.find((f) => f.ruleId === rule && f.secret === key)).toBeDefined();
        // Without decoding too: a v2 prefixed rule's left boundary lets an escape through (src/config/v2.ts).
        expect(scan(`${wrap(key)}\n`, 0).find((f) => f.ruleId === rule && f.secret === key)).toBeDefined();
      });
    }
  }

  it('finds an assignment behind HTML entities and reports the chain', () => {
    const secret = randChars(ALPHABETS.alnum, 32);
    const html = `<div data-config="{&quot;api_key&quot;:&quot;${secret}&quot;}"></div>\n`;
    expect(scan(html, 0).find((x) => x.secret === secret)).toBeUndefined();
    expect(scan(html).find((x) => x.secret === secret)).toMatchObject({ decoded: ['html'] });
  });
});

describe('PEM blocks in disguise', () => {
  const key = pem('RSA PRIVATE KEY');
  const lines = key.split('\n');

  it('in a notebook cell, one JSON string per line', () => {
    const cell = `{\n "cells": [{\n  "source": [\n${lines.map((l) => `    "${l}\\n"`).join(',\n')}\n  ]\n }]\n}\n`;
    const f = scan(cell, 2, 'a.ipynb').find((x) => x.ruleId === 'private-key');
    expect(f).toMatchObject({ line: 4, column: 5, decoded: ['concat'] });
  });

  it('across Python implicit concatenation, JS/Java/Go/C# + and an array join', () => {
    const py = `KEY = (\n${lines.map((l) => `    "${l}\\n"`).join('\n')}\n)\n`;
    const js = `const key = ${lines.map((l) => `'${l}\\n'`).join(' +\n  ')};\n`;
    const java = `String key = ${lines.map((l) => `"${l}"`).join(' + "\\n" +\n  ')};\n`;
    const go = `var key = \`${lines[0]}\n\` +\n${lines.slice(1).map((l) => `\t"${l}\\n"`).join(' +\n')}\n`;
    const cs = `var key = @"${lines[0]}" +\n${lines.slice(1).map((l) => `  "${l}\\n"`).join(' +\n')};\n`;
    const arr = `key = [\n${lines.map((l) => `  "${l}"`).join(',\n')}\n].join("\\n")\n`;
    for (const src of [py, js, java, go, cs, arr]) {
      expect(scan(src).find((x) => x.ruleId === 'private-key'), src.slice(0, 40)).toMatchObject({ decoded: ['concat'] });
    }
  });

  it('in JSON with \\/ escapes', () => {
    const escaped = key.replace(/\//g, '\\/').replace(/\n/g, '\\n');
    const f = scan(`{"private_key": "${escaped}"}\n`).find((x) => x.ruleId === 'private-key');
    expect(f).toMatchObject({ line: 1, decoded: ['escape'] });
  });
});

describe('reporting', () => {
  it('keeps the fingerprint of the decoded secret, whatever the encoding', () => {
    const gh = githubToken();
    const a = scan(`a: ${b64(gh)}\n`).find((f) => f.secret === gh)!;
    const b = scan(`\n\nb: ${Buffer.from(gh).toString('hex')}\n`).find((f) => f.secret === gh)!;
    const plain = scan(`${gh}\n`).find((f) => f.secret === gh)!;
    expect(a.fingerprint).toBe(plain.fingerprint);
    expect(b.fingerprint).toBe(plain.fingerprint);
  });

  it('honours an inline allow on the encoded line, and on the line before', () => {
    const gh = githubToken();
    expect(scan(`a: ${b64(gh)} # keyhound:allow\n`).find((f) => f.secret === gh)).toBeUndefined();
    expect(scan(`# keyhound:allow-next-line\na: ${b64(gh)}\n`).find((f) => f.secret === gh)).toBeUndefined();
  });

  it('does not report a key twice when the plain text shows it too', () => {
    const gh = githubToken();
    const found = scan(`{"k": "x\\/y ${gh}"}\n`).filter((f) => f.secret === gh);
    expect(found).toHaveLength(1);
    expect(found[0]!.decoded).toBeUndefined();
  });

  it('keeps only findings on the lines asked for (diffs), mapped to the encoded line', () => {
    const gh = githubToken();
    const text = `a: 1\nb: ${b64(gh)}\n`;
    const on = detectDecoded(ruleSet, { text, path: 'x', onlyLines: new Set([2]) }, {}, 2).findings;
    const off = detectDecoded(ruleSet, { text, path: 'x', onlyLines: new Set([1]) }, {}, 2).findings;
    expect(on.find((f) => f.secret === gh)).toBeDefined();
    expect(off.find((f) => f.secret === gh)).toBeUndefined();
  });
});

describe('negatives: random base64 raises nothing', () => {
  const rnd = (n: number): string => Buffer.from(randBytes(n)).toString('base64');
  it('in images, fonts, source maps and lockfile integrity fields', () => {
    const cases = [
      `<img src="data:image/png;base64,${rnd(3000)}">`,
      `@font-face { src: url(data:font/woff2;base64,${rnd(6000)}) format("woff2"); }`,
      `{"version":3,"sources":["a.ts"],"mappings":"AAAA,SAASA,IAAI;AACb,OAAO,CAAC,GAAG","sourcesContent":["${rnd(200)}"]}`,
      `"node_modules/x": {"integrity": "sha512-${rnd(64)}"}`,
      `  integrity sha1-${rnd(20)} sha512-${rnd(64)}`,
      `"hash": "${Buffer.from(randBytes(32)).toString('hex')}"`,
    ];
    for (const c of cases) expect(scan(`${c}\n`), c.slice(0, 30)).toEqual(scan(`${c}\n`, 0));
  });
});

describe('long PEM and PGP blocks', () => {
  it('finds a PGP private key block whose body is over 16 KiB, at the block', () => {
    const body = Buffer.from(randBytes(15_000)).toString('base64').replace(/.{64}/g, '$&\n');
    const block = `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${body}\n=abcd\n-----END PGP PRIVATE KEY BLOCK-----\n`;
    expect(block.length).toBeGreaterThan(16 * 1024);
    const text = `# exported\n${block}`;
    expect(scan(text, 0).find((f) => f.ruleId === 'private-key')).toBeUndefined();
    expect(scan(text).find((f) => f.ruleId === 'private-key')).toMatchObject({ line: 2, column: 1, decoded: ['pem'] });
  });
});
