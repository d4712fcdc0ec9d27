import { OK, fail, type ValidatorResult } from './types.js';
import { typedValue } from './util/typed.js';

/** Passwords of documentation: `user:password`, `admin:changeme`, `me:<token>` (template references: below). */
export const PLACEHOLDER_PASSWORD =
  /^(?:pass(?:word|wd)?\d*|secret|changeme|change_me|token|your[_-]?(?:password|token|pass)|redacted|example|placeholder|x{3,}|\*{3,}|\.{3,}|<[^>]*>|%[sd])$/i;

/** A reference a template or a shell fills in: `${{ secrets.X }}`, `${PASS}`, `{{ .Password }}`, `$(cat f)`, `$PASS`. */
export const TEMPLATE_REFERENCE = /\$\{|\{\{|\$\(|%\(|^\$[A-Za-z_]/;

/**
 * For the base64 of `user:password` (HTTP Basic credentials, the `auth` of a Docker config): the value is base64 that
 * decodes to printable text, with a user name, a colon and a password of three characters or more that is not a
 * placeholder (`password`, `changeme`, `<token>`, `${PASS}`) or typed (`abc123…`, `qwerty`). Random base64 decodes to
 * binary, so this also tells a credential from any other base64 under the same name.
 */
export function basicCredentials(secret: string): ValidatorResult {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(secret) || secret.length % 4 === 1) return fail('not base64');
  const text = Buffer.from(secret, 'base64').toString('latin1');
  if (!/^[\x20-\x7e]+$/.test(text)) return fail('does not decode to printable text');
  const colon = text.indexOf(':');
  if (colon <= 0) return fail('decodes to no user:password');
  return passwordCheck(text.slice(colon + 1));
}

/** A password of three characters or more, not one repeated, not a placeholder, not typed. */
function passwordCheck(password: string): ValidatorResult {
  if (password.length < 3 || /^(.)\1*$/.test(password)) return fail('a password of fewer than three characters, or one repeated');
  if (PLACEHOLDER_PASSWORD.test(password) || TEMPLATE_REFERENCE.test(password)) return fail(`a placeholder password (${password.length} characters)`);
  if (typedValue(password)) return fail('a typed password (abc123, qwerty)');
  return OK;
}

/**
 * For `user:password` as written on a command line (`curl -u user:password`): a password of six characters or more,
 * not digits alone, that {@link basicCredentials} would take; or, with no password (`-u sk_live_…:`, the API key as
 * the user name), a user name that reads as a key — letters and digits mixed, eight characters or more, not typed.
 * Quotes around either side are dropped.
 */
export function userPassword(secret: string): ValidatorResult {
  const text = secret.replace(/["']/g, '');
  const colon = text.indexOf(':');
  if (colon < 0) return fail('no user:password');
  const user = text.slice(0, colon);
  const password = text.slice(colon + 1);
  // A command line's user:password is typed, not drawn: six characters or more, not digits alone (`host:5432`).
  if (password !== '') return password.length < 6 || /^\d+$/.test(password) ? fail('a password of fewer than six characters, or digits alone') : passwordCheck(password);
  if (user.length < 8 || !/[0-9]/.test(user) || !/[A-Za-z]/.test(user) || typedValue(user)) return fail('no password, and a user name that is not a key');
  return OK;
}
