import { notPublicTestValue } from './not-public-test-value.js';
import { fail, type ValidatorResult } from './types.js';
import { typedValue } from './util/typed.js';

/**
 * For prefixed keys whose body is random (Google's AIza…): drops bodies a person typed as a sample (`abcdefgh…`,
 * `qwerty…`, `…fake…`; see util/typed). A prefix of letters such as `AIzaSy` holds no run that counts. Also drops
 * the published test keys (see not-public-test-value): Google's own Firebase SDK test keys.
 */
export function notTyped(secret: string): ValidatorResult {
  const typed = typedValue(secret);
  return typed ? fail(`a typed sample value: ${typed}`) : notPublicTestValue(secret);
}
