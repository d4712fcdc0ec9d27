import { notPublicTestValue } from './not-public-test-value.js';
import { fail, type ValidatorResult } from './types.js';

/**
 * For the generic rule's unquoted form (`token = value` in code, `KEY=value` in .env files): drops values that read
 * as code identifiers rather than random secrets — `babel7CompatTokens`, `SensitiveString2048`,
 * `validToken_1.token` — by how much of the value is made of word-like segments (camelCase, PascalCase or snake_case
 * parts of three letters or more). Random keys are mostly short segments (`gPFEGk7CF4wS`); identifiers are mostly
 * words. Also drops the published development keys (see not-public-test-value).
 */
export function notIdentifier(secret: string): ValidatorResult {
  const publicValue = notPublicTestValue(secret);
  if (!publicValue.ok) return publicValue;
  return looksLikeIdentifier(secret) ? fail('reads as a code identifier, not a random secret') : publicValue;
}

/**
 * An identifier is built like one (a camelCase transition, or words joined by `_` or `.`; no base64 `+/=`), is
 * mostly made of word segments of three letters or more (IDENTIFIER_SHARE of its letters and digits, 4.5 letters a
 * word on average), with at most one stray one- or two-letter segment (`V3`) and at most two runs of digits.
 * Measured on 20,000 random strings per alphabet and length, it takes about 1 in 400 random 16-character mixed-case
 * keys for an identifier and almost none from 32 characters up; lower- or upper-case-only keys, hex and base64 with
 * `+/=` are never taken for one.
 */
export function looksLikeIdentifier(s: string): boolean {
  if (!/[a-z][A-Z]|[A-Za-z0-9][._][A-Za-z]/.test(s) || /[+/=]/.test(s)) return false;
  const alnum = s.replace(/[^A-Za-z0-9]/g, '').length;
  let words = 0;
  let wordCount = 0;
  let short = 0;
  for (const seg of s.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g) ?? []) {
    if (seg.length >= 3) {
      words += seg.length;
      wordCount += 1;
    } else short += 1;
  }
  const digitRuns = (s.match(/\d+/g) ?? []).length;
  return wordCount > 0 && words / alnum >= IDENTIFIER_SHARE && words / wordCount >= 4.5 && short <= 1 && digitRuns <= 2;
}

/** Share of the value's letters and digits in word-like segments from which it counts as an identifier. */
export const IDENTIFIER_SHARE = 0.75;
