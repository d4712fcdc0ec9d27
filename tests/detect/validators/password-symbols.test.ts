// The generic password rule's validator (src/detect/validators/password-symbols.ts): a password with symbols passes;
// what only looks like one (a template, a format, a URL, a token with one stray character) does not.

import { describe, expect, it } from 'vitest';
import { passwordSymbols } from '../../../src/detect/validators/password-symbols.js';

describe('password-symbols', () => {
  it.each([
    'Tr0ub4dor&3xK!',
    'm{{h}o)p${e]nob(ody[finds>-_$#thisone}}',
    'Wq7#zLp!2vRn',
    'A,.:-¨@*¿?!',
    'sk_ubb4yN3mzqGR2x8#P7r5&@*xC$utE',
  ])('passes %s', (v) => {
    expect(passwordSymbols(v).ok).toBe(true);
  });

  it.each([
    ['no letter', '12#45!78@9'],
    ['key characters only', 'q9Zr4TfW2mKx8LbP'],
    ['a template', '${DB_PASSWORD}'],
    ['a template inside', 'user:${DB_PASSWORD}@x'],
    ['a Helm template', '{{ .Values.db.password }}'],
    ['a URL', 'https://example.com/reset?x=1'],
    ['an e-mail address', 'admin@example.com'],
    ['a format string', 'user:%s@host'],
    ['a format with a name', 'Bearer {token}'],
    ['a regular expression', '^[A-Za-z0-9]{32}$'],
    ['a glob', 'secrets/*.pem'],
    ['a wildcard', 'coinbase-*'],
    ['a scope with a wildcard', 'api-key:endpoint:*'],
    ['a JavaScript template literal', '0x${pk()}'],
    ['template literals around a word', '${v()}token${v()}'],
    ['one stray symbol in a token', 'BXIMbhBlC3=5hIbqCEKvq7op!V2ZfO0XWbcnas'],
    ['a leading ?', '?6DzV1nrA53SPRijUoX2o='],
    ['a placeholder', '<password>'],
    ['a word with a sigil', '#password'],
    ['a member path asserted non-null', 'options.apiKey!'],
    ['a dereferenced Go pointer', '*gcsAPIKey'],
    ['percent-encoded text', 'decoded-%73%65%63%72%65%74-valuev2'],
    ['a sample that names itself', 'SomeKindOfPassword123!@#'],
  ])('fails %s: %s', (_why, v) => {
    expect(passwordSymbols(v).ok).toBe(false);
  });
});
