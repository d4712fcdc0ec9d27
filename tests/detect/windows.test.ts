// The engine runs a rule only on the lines around its keyword hits when every match must contain a keyword.
// These pin that windowing never changes what is found, or where.

import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/engine.js';
import { ALPHABETS, randChars as randomString } from '../../src/fakes/index.js';
import type { RuleSpec } from '../../src/model/types.js';
import { ruleSetOf } from '../helpers/rules.js';

const ctxRule: RuleSpec = {
  id: 'ctx-secret',
  description: 'Context secret',
  severity: 'high',
  keywords: ['acme'],
  regex: '(?i:acme)[\\w.\\-]{0,20}?(?i:secret)["\']?\\s{0,3}[:=]\\s{0,3}["\']?(?<secret>[A-Za-z0-9]{32})(?![A-Za-z0-9])',
  entropy: 3,
};
const filler = (n: number): string => Array.from({ length: n }, (_, i) => `  total += weights[${i}] * values[${i}];`).join('\n');

describe('detect: keyword windows', () => {
  it('finds a key far from any other text at the right line and column, in a big file', () => {
    const key = randomString(ALPHABETS.alnum, 32);
    const text = `${filler(30000)}\nACME_SECRET = "${key}"\n${filler(30000)}\n`;
    const findings = detect(ruleSetOf([ctxRule]), { text, path: 'big.js' }).findings;
    expect(findings).toMatchObject([{ line: 30001, column: 16, secret: key }]);
  });

  it('finds a match spanning lines around the keyword (the reach covers line feeds)', () => {
    const key = randomString(ALPHABETS.alnum, 32);
    const text = `${filler(500)}\nacme.secret =\n  "${key}"\n${filler(500)}`;
    expect(detect(ruleSetOf([ctxRule]), { text, path: 'x' }).findings).toMatchObject([{ line: 502, column: 4, secret: key }]);
  });

  it('still scans the whole text for a rule whose keyword need not be in the match', () => {
    const bare: RuleSpec = { ...ctxRule, id: 'bare', regex: '(?<![A-Z0-9])(?<secret>[A-Z0-9]{8}-[A-Z0-9]{8})(?![A-Z0-9])', entropy: 0 };
    const key = `${randomString(ALPHABETS.ALNUM, 8)}-${randomString(ALPHABETS.ALNUM, 8)}`;
    const text = `// acme\n${filler(2000)}\nk = ${key}\n`;
    expect(detect(ruleSetOf([bare]), { text, path: 'x' }).findings).toMatchObject([{ line: 2002, secret: key }]);
  });

  it('reports the same findings as one whole-text run when hits are dense and sparse', () => {
    const keys = Array.from({ length: 40 }, () => randomString(ALPHABETS.alnum, 32));
    const parts: string[] = [];
    keys.forEach((k, i) => parts.push(filler(i % 3 === 0 ? 1 : 300), `acme_secret: ${k}`, 'acme acme acme'));
    const text = parts.join('\n');
    const found = detect(ruleSetOf([ctxRule]), { text, path: 'x' }).findings.map((f) => f.secret);
    expect(found).toEqual(keys);
    // The same text as many small fragments (never windowed: small) gives the same secrets.
    const lines = text.split('\n');
    const one = lines.flatMap((l) => detect(ruleSetOf([ctxRule]), { text: l, path: 'x' }).findings.map((f) => f.secret));
    expect(one).toEqual(keys);
  });
});
