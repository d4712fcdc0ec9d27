import { isPlaceholder } from '../context.js';
import { PLACEHOLDER_PASSWORD, TEMPLATE_REFERENCE } from './basic-credentials.js';
import { OK, fail, type ValidatorResult } from './types.js';
import { typedValue } from './util/typed.js';

/** Whether a secret stored by name (any text: a password, a token, a certificate) says it is none. */
function placeholderText(text: string): string | null {
  if (text.length < 6 || /^(.)\1*$/.test(text)) return 'fewer than six characters, or one repeated';
  if (PLACEHOLDER_PASSWORD.test(text) || TEMPLATE_REFERENCE.test(text) || isPlaceholder(text)) return 'a placeholder or template reference';
  // A value encrypted in place (SOPS writes ENC[AES256_GCM,data:…,type:str]) is no secret in the clear.
  if (text.startsWith('ENC[')) return 'encrypted in place (SOPS)';
  if (typedValue(text)) return 'a typed sample (abc123, qwerty)';
  return null;
}

/**
 * For a value stored base64-encoded under a name of its own (a Kubernetes Secret's `data`): canonical base64 (whole
 * groups of four, padding only at the end) of six bytes or more; when it decodes to one word of text (a password, a
 * token), that word is not a placeholder, a template reference or a typed sample; a PEM certificate or public key
 * is public. Binary (a key, a keystore) and other longer or structured text (a private key, a JSON config) pass.
 */
export function base64Secret(secret: string): ValidatorResult {
  if (secret.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(secret)) return fail('not base64 in whole groups of four');
  const bytes = Buffer.from(secret, 'base64');
  if (bytes.length < 6) return fail('decodes to fewer than six bytes');
  // Only a value that decodes to one short word of text (a password, a token) can say it is a placeholder; a
  // certificate, a JSON config or binary is taken as it is.
  const text = bytes.toString('latin1').trim();
  // A certificate or a public key is public by design (a Secret's tls.crt, ca.crt).
  if (/^-----BEGIN (?:[A-Z0-9]+ )*(?:CERTIFICATE|PUBLIC KEY)-----/.test(text)) return fail('a certificate or public key');
  if (!/^[\x21-\x7e]{1,100}$/.test(text) || /^[{[<]/.test(text)) return OK;
  const why = placeholderText(text);
  return why ? fail(`decodes to ${why}`) : OK;
}

/**
 * For a value stored in the clear under a name of its own (a Kubernetes Secret's `stringData`): six characters or
 * more, not a placeholder, a template reference (`{{ .Values.x }}`, `${PASS}`), a SOPS-encrypted value or a typed
 * sample.
 */
export function plainSecret(secret: string): ValidatorResult {
  const why = placeholderText(secret.trim());
  return why ? fail(why) : OK;
}
