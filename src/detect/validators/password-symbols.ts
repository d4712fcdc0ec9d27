import { isPlaceholder } from '../context.js';
import { PLACEHOLDER_PASSWORD, TEMPLATE_REFERENCE } from './basic-credentials.js';
import { OK, fail, type ValidatorResult } from './types.js';
import { typedValue } from './util/typed.js';

/** A character that token alphabets (base64, hex, URL-safe, paths, versions) do not use: `!`, `@`, `#`, `{`, `¿`… */
const SYMBOLS = /[^A-Za-z0-9_.+/=~:\-\s]/g;
const LETTER = /[A-Za-z\u00c0-\u00ff]/;
/**
 * A well-formed reference a template or shell fills in, anywhere in the value: `${DB_PASS}`, a JavaScript template
 * literal's `${key()}`, `{{ .Values.x }}`, `$(cat f)`, `%(pass)s`, `$PASS`. (TEMPLATE_REFERENCE alone would also take
 * `{{` or `${` in a random password.)
 */
const TEMPLATE = /\$\{[\w$.:()[\]'" ,+*/?-]+\}|\{\{-?\s*[\w. |:"'()-]+?\s*-?\}\}|\$\([\w ./-]+\)|%\(\w+\)s|\$[A-Za-z_]\w*$|^\$[A-Za-z_]/;
/**
 * Text that reads as something else than a password: a URL, a path, an e-mail address, a format, a regular
 * expression, a glob, code, or a sample that calls itself a password.
 */
const NOT_A_PASSWORD = [
  /:\/\//, // a URL
  /^[~./\\]/, // a path
  /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/, // an e-mail address
  /%[-+ #0]*\d*[sdifx]|\{\d*\}|\{[a-z_]\w+\}/i, // a format string: %s, {0}, {}, {name}
  /^[\^[(]|[$)\]]$|\\[dswbDSWB]/, // a regular expression
  /^[#@!*&]?[A-Za-z_][\w-]*[!?]?$/, // one word with a sigil: #password, @secret, error!, Go's *apiKey
  /[*?]\.[a-z]|\*\*\/|[-:./]\*(?:$|[:./-])/i, // a glob or wildcard: *.pem, **/, coinbase-*, api-key:model:*
  /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+[!?]?$/, // a member path, maybe asserted non-null: options.apiKey!
  /passw(?:or)?d|secret/i, // a sample that names itself: SomeKindOfPassword123!@#
];

/**
 * For the generic password rule: a value bound to a password or secret name that holds a letter and a symbol no
 * token alphabet has (the generic binding rule covers values of key characters), and that is not a placeholder
 * (`password!`, `<password>`), a template reference (`${DB_PASS}`, `{{ .Values.password }}`), a URL, a path, an
 * e-mail address, a format string, a regular expression, a glob or a typed sample.
 */
export function passwordSymbols(secret: string): ValidatorResult {
  if (!LETTER.test(secret)) return fail('no letter');
  // Percent-encoding (`%73%65`) is URL text, not a symbol someone chose.
  const plain = secret.replace(/%[0-9A-Fa-f]{2}/g, '');
  const symbols = plain.length - plain.replace(SYMBOLS, '').length;
  if (symbols === 0) return fail('no symbol beyond key characters (the generic binding rule reads those)');
  // A person's password with symbols has them throughout; a long run of key characters with one odd character in
  // it (`?6DzV1nrA53SPRijUoX2o=`, a token with a `!` typed in) is a token or a test's broken sample.
  if (symbols * 16 < secret.length || /^[?!]/.test(secret)) return fail('a run of key characters with a stray symbol');
  if (PLACEHOLDER_PASSWORD.test(secret) || isPlaceholder(secret)) return fail('a placeholder');
  if (TEMPLATE_REFERENCE.test(secret) && TEMPLATE.test(secret)) return fail('holds a template reference');
  for (const re of NOT_A_PASSWORD) if (re.test(secret)) return fail('reads as something else than a password');
  const typed = typedValue(secret);
  return typed ? fail(`a typed sample value: ${typed}`) : OK;
}
