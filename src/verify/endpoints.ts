// Where keys may be sent. Each verifier fixes its provider's documented https host; only the person running keyhound
// can point a provider elsewhere, with the KEYHOUND_VERIFY_ENDPOINTS environment variable (tests, proxies, GitHub
// Enterprise). Nothing read from a repository (.keyhound.yaml, files being scanned) reaches this module, so a pull
// request can never send your keys to its author.

import { VerifyConfigError } from './types.js';

export const ENDPOINTS_ENV = 'KEYHOUND_VERIFY_ENDPOINTS';

/** Loopback host names: the only hosts a plain-http override may name (a test's stand-in server). */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A base URL, checked: https anywhere, http only on loopback; no credentials, query or fragment. Returns it without a trailing slash. */
export function checkBase(id: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new VerifyConfigError(`${ENDPOINTS_ENV}: "${id}" needs a base URL string`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new VerifyConfigError(`${ENDPOINTS_ENV}: "${id}" is not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new VerifyConfigError(`${ENDPOINTS_ENV}: "${id}" must be an https URL (plain http only on 127.0.0.1, localhost or [::1]), not ${url.protocol}//${url.host}`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new VerifyConfigError(`${ENDPOINTS_ENV}: "${id}" may hold a scheme, host, port and path prefix only`);
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * Parses KEYHOUND_VERIFY_ENDPOINTS: a JSON object from endpoint id (a provider id of the rule model, or a verifier's
 * extra host such as `binance-us`) to a base URL replacing the scheme and host. Unknown ids are an error, so a typo
 * does not silently send keys to the real provider.
 */
export function parseEndpointOverrides(raw: string | undefined, known: ReadonlySet<string>): Map<string, string> {
  const out = new Map<string, string>();
  if (raw === undefined || raw.trim() === '') return out;
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch {
    throw new VerifyConfigError(`${ENDPOINTS_ENV} is not valid JSON (expected an object such as {"binance": "https://proxy.example"})`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new VerifyConfigError(`${ENDPOINTS_ENV} must be a JSON object from provider id to base URL`);
  for (const [id, value] of Object.entries(doc)) {
    if (!known.has(id)) throw new VerifyConfigError(`${ENDPOINTS_ENV}: no verifier has the endpoint id "${id}" (known: ${[...known].sort().join(', ')})`);
    out.set(id, checkBase(id, value));
  }
  return out;
}
