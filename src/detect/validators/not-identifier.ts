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
 * mostly made of word segments (three letters or more, with a vowel: IDENTIFIER_SHARE of its letters and digits, 4.5
 * letters a word on average), with at most one stray segment (`V3`, `Http`) and at most two runs of digits.
 * Measured on 40,000 random mixed-case strings per length, it takes 1 in 94 of 12 characters for an identifier, 1 in
 * 476 of 16, 1 in 1,379 of 20, 1 in 3,636 of 24 and almost none from 32 up (1 in 56, 190, 500 and 1,379 before the
 * vowel was asked for); lower- or upper-case-only keys, hex and base64 with `+/=` are never taken for one. Of 200,138
 * identifiers of 10 characters or more in the bench tree's npm code, it takes 88.1 % (89.0 % before): those it no
 * longer takes are mostly built on vowel-less abbreviations (`HttpClient`, `TmplAstElement`).
 */
export function looksLikeIdentifier(s: string): boolean {
  if (!/[a-z][A-Z]|[A-Za-z0-9][._][A-Za-z]/.test(s) || /[+/=]/.test(s)) return false;
  const alnum = s.replace(/[^A-Za-z0-9]/g, '').length;
  let words = 0;
  let wordCount = 0;
  let short = 0;
  for (const seg of s.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g) ?? []) {
    if (seg.length >= 3 && VOWEL.test(seg)) {
      words += seg.length;
      wordCount += 1;
    } else short += 1;
  }
  const digitRuns = (s.match(/\d+/g) ?? []).length;
  return wordCount > 0 && words / alnum >= IDENTIFIER_SHARE && words / wordCount >= 4.5 && short <= 1 && digitRuns <= 2;
}

/**
 * A word segment holds a vowel (y counts): `Ngw` and `Xxxsy` in a random key are not words. Without this, 1 random
 * 20-character mixed-case key in 500 read as an identifier (`zmregUdofqNgwJY…`), and a context rule dropped it.
 */
const VOWEL = /[aeiouy]/i;

/** Share of the value's letters and digits in word-like segments from which it counts as an identifier. */
export const IDENTIFIER_SHARE = 0.75;
