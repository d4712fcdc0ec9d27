// Small helpers every verifier shares: the parts it needs, rights in a stable order, and common answers.

import type { Credential, HttpResponse, VerifyAnswer } from './types.js';
import { VerifyUnknown } from './types.js';

/**
 * The named parts, or VerifyUnknown('missing part'). A finding of one value alone (no `parts`) serves a one-part
 * verifier: its value is the part asked for.
 */
export function needParts<K extends string>(c: Credential, names: readonly K[]): Record<K, string> {
  const paired = Object.keys(c.parts).length > 0;
  if (!paired && names.length > 1) throw new VerifyUnknown('missing part', `one value was found alone, and the check needs ${names.join(' + ')} together`);
  const have = paired ? c.parts : { [names[0]!]: c.secret };
  const missing = names.filter((n) => !have[n]);
  if (missing.length) {
    throw new VerifyUnknown('missing part', `the ${missing.join(' and ')} ${missing.length === 1 ? 'was' : 'were'} not found beside it, and the check needs ${names.join(', ')}`);
  }
  return Object.fromEntries(names.map((n) => [n, have[n]!])) as Record<K, string>;
}

/** The one value of a single-part credential: the named part if paired, else the finding's value. */
export function mainValue(c: Credential, ...names: string[]): string {
  for (const n of names) if (c.parts[n]) return c.parts[n]!;
  return c.secret;
}

const ORDER = ['withdraw', 'transfer', 'trade', 'futures', 'margin', 'options', 'read'];

/** Rights without repeats, the dangerous first: withdraw, transfer, trade, futures, margin, options, read, then the provider's own. */
export function orderPermissions(perms: readonly string[]): string[] {
  const unique = [...new Set(perms)];
  const rank = (p: string): number => (ORDER.includes(p) ? ORDER.indexOf(p) : ORDER.length);
  return unique.sort((a, b) => rank(a) - rank(b) || (rank(a) === ORDER.length ? a.localeCompare(b) : 0));
}

/** A 5xx answer: VerifyUnknown('server error'). */
export function serverError(res: HttpResponse, who: string): void {
  if (res.status >= 500) throw new VerifyUnknown('server error', `${who} answered HTTP ${res.status}`);
}

/**
 * The usual reading of a bearer-token check: 200 live, 401/403 invalid, 5xx unknown, anything else unexpected.
 * `live` builds the answer from the 200 response.
 */
export function bearerAnswer(res: HttpResponse, who: string, live: (res: HttpResponse) => VerifyAnswer): VerifyAnswer {
  serverError(res, who);
  if (res.status === 200) return live(res);
  if (res.status === 401 || res.status === 403) return { status: 'invalid', message: `${who} rejected the credential (HTTP ${res.status})` };
  throw new VerifyUnknown('unexpected answer', `${who} answered HTTP ${res.status}`);
}

/** A short, printable excerpt of provider text (an error message), so nothing odd reaches a report. */
export function excerpt(s: unknown, max = 80): string {
  const t = typeof s === 'string' ? s : '';
  // eslint-disable-next-line no-control-regex
  const clean = t.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
