import { notIdentifier } from './not-identifier.js';
import { fail, type ValidatorResult } from './types.js';

/**
 * For the generic rule in the grammar's syntaxes: a value mixes letters and digits (a word, a number or a version
 * string does not) and does not read as a code identifier (see not-identifier).
 */
export function genericSecret(secret: string): ValidatorResult {
  if (!/[0-9]/.test(secret) || !/[A-Za-z]/.test(secret)) return fail('no mix of letters and digits');
  return notIdentifier(secret);
}
