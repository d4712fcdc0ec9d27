import { OK, fail, type ValidatorResult } from './types.js';
import { typedValue } from './util/typed.js';

/** Passwords of documentation and templates: `user:password`, `admin:changeme`, `me:<token>`, `u:${PASSWORD}`. */
const PLACEHOLDER_PASSWORD =
  /^(?:pass(?:word|wd)?\d*|secret|changeme|change_me|token|your[_-]?(?:password|token|pass)|redacted|example|placeholder|x{3,}|\*{3,}|\.{3,}|<[^>]*>|\$\{[^}]*\}|\$[A-Z_]+|\{\{[^}]*\}\}|%[sd])$/i;

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
  const password = text.slice(colon + 1);
  if (password.length < 3 || /^(.)\1*$/.test(password)) return fail('a password of fewer than three characters, or one repeated');
  if (PLACEHOLDER_PASSWORD.test(password)) return fail(`a placeholder password (${password.length} characters)`);
  if (typedValue(password)) return fail('a typed password (abc123, qwerty)');
  return OK;
}
