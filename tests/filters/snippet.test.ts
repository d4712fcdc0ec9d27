// The finding's line in the text report (issue 21: "the report never shows the (masked) line"): trimmed around the
// match without cutting a token in two, and masked by redaction like the secret itself.

import { describe, expect, it } from 'vitest';
import { ALPHABETS, expandTemplate, randChars } from '../../src/fakes/index.js';
import { redact } from '../../src/filters/redact.js';
import { makeSnippet, SNIPPET_CONTEXT, withSnippets } from '../../src/filters/snippet.js';
import type { Finding } from '../../src/model/types.js';

function finding(over: Partial<Finding>): Finding {
  return {
    ruleId: 'github-token',
    description: 'GitHub token',
    severity: 'critical',
    path: 'a.js',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    secret: 'x',
    fingerprint: 'f',
    ...over,
  };
}

/** A finding of `secret` where it first occurs in `text`, as the engine would report it. */
function at(text: string, secret: string, over: Partial<Finding> = {}): Finding {
  const i = text.indexOf(secret);
  const before = text.slice(0, i).split('\n');
  const column = before.at(-1)!.length + 1;
  return finding({ line: before.length, column, endLine: before.length, endColumn: column + secret.length - 1, secret, ...over });
}

describe('snippets', () => {
  it('keep a short line whole, without its indentation', () => {
    const token = expandTemplate('{{github:ghp}}');
    const text = `first line\n\t  const token = "${token}"; // deploy\nlast`;
    const [f] = withSnippets([at(text, token)], { text, path: 'a.js' });
    expect(f!.snippet!.text).toBe(`const token = "${token}"; // deploy`);
    expect(f!.snippet!.text.slice(f!.snippet!.start, f!.snippet!.end)).toBe(token);
  });

  it('count lines from the fragment offset (a staged hunk, a history blob)', () => {
    const token = expandTemplate('{{github:ghp}}');
    const text = `a\nGITHUB_TOKEN=${token}\n`;
    const f = at(text, token);
    const [g] = withSnippets([{ ...f, line: f.line + 40, endLine: f.endLine + 40 }], { text, path: 'a.js', lineOffset: 40 });
    expect(g!.snippet!.text).toBe(`GITHUB_TOKEN=${token}`);
  });

  it('trim a long line around the match, never leaving part of a token at either edge', () => {
    const token = expandTemplate('{{github:ghp}}');
    const left = randChars(ALPHABETS.alnum, 300);
    const right = randChars(ALPHABETS.alnum, 300);
    const line = `var a = "${left}", b = 1, t = "${token}", c = 2, d = "${right}";`;
    const s = makeSnippet(line, line.indexOf(token), line.indexOf(token) + token.length);
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.text.endsWith('…')).toBe(true);
    expect(s.text.length).toBeLessThan(token.length + 2 * SNIPPET_CONTEXT + 4);
    expect(s.text.slice(s.start, s.end)).toBe(token);
    // Neither random run appears in part: a piece of it could be a piece of another secret.
    for (let i = 0; i + 6 <= 300; i += 6) {
      expect(s.text).not.toContain(left.slice(i, i + 6));
      expect(s.text).not.toContain(right.slice(i, i + 6));
    }
  });

  it('are masked by redaction: the secret as elsewhere, the paired part and other key-shaped text too', () => {
    const key = randChars(ALPHABETS.alnum, 64);
    const secret = randChars(ALPHABETS.alnum, 64);
    const text = `client = Client(api_key="${key}", api_secret="${secret}")\n`;
    const f = at(text, secret, { parts: { key, secret } });
    const [r] = redact(withSnippets([f], { text, path: 'a.py' }));
    // Trimmed 60 characters before the match, which falls in the key: the key is then taken whole, and masked.
    expect(r!.snippet!.text).toBe(`…${key.slice(0, 4)}…", api_secret="${secret.slice(0, 4)}…")`);
    expect(r!.snippet!.text.slice(r!.snippet!.start, r!.snippet!.end)).toBe(r!.secret);
  });

  it('of a decoded finding hide the encoded text whole', () => {
    const token = expandTemplate('{{github:ghp}}');
    const encoded = Buffer.from(`GITHUB_TOKEN=${token}`).toString('base64');
    const text = `const cfg = "${encoded}";`;
    const f = at(text, encoded, { secret: token, decoded: ['base64'] });
    const [r] = redact(withSnippets([f], { text, path: 'a.js' }));
    expect(r!.snippet!.text).toBe('const cfg = "…";');
  });

  it('of a multi-line match show its first line', () => {
    const text = 'key = """-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----"""\n';
    const f = finding({ line: 1, column: 10, endLine: 3, endColumn: 27, secret: text.slice(9, 72) });
    const [g] = withSnippets([f], { text, path: 'a.py' });
    expect(g!.snippet).toEqual({ text: 'key = """-----BEGIN PRIVATE KEY-----', start: 9, end: 36 });
  });
});
