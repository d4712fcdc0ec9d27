import { notIdentifier } from './not-identifier.js';
import { notTyped } from './not-typed.js';
import { fail, type ValidatorResult } from './types.js';

/**
 * For the generic rules (the grammar's binding and the regex assignments): a value mixes letters and digits (a word,
 * a number or a version string does not), does not read as a code identifier (see not-identifier), and was not typed
 * by a person as a sample (`abc123def456…`, `qwerty12345…`, `…fake…`, a host name; see util/typed).
 */
export function genericSecret(secret: string): ValidatorResult {
  if (!/[0-9]/.test(secret) || !/[A-Za-z]/.test(secret)) return fail('no mix of letters and digits');
  const id = notIdentifier(secret);
  return id.ok ? notTyped(secret) : id;
}
