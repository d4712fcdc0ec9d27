// The common shape of a token check: one documented read-only request carrying the token (a bearer header, an API-key
// header, or where the provider documents it, the path or query), read as live, invalid or unknown. Verifiers of
// single-token providers (AI, platforms, market data) are a few lines each on top of this.

import type { Credential, Http, HttpRequest, HttpResponse, Verifier, VerifyAnswer } from './types.js';
import { VerifyUnknown } from './types.js';
import { mainValue, serverError } from './util.js';

export interface TokenSpec {
  provider: string;
  /** The provider's name in messages. */
  name: string;
  /** Endpoint id → documented https base. */
  endpoints: Record<string, string>;
  sends: string;
  call: string;
  /** Part names the token may be under (default key, token). */
  parts?: string[];
  /** Why this kind of credential of the provider cannot be checked, or null when it can. */
  refuse?: (token: string, c: Credential) => string | null;
  /** The request (endpoint id and request) for the token. */
  request: (token: string, c: Credential) => [string, HttpRequest];
  /** Whether the answer says the token is not valid (default: HTTP 401). */
  invalid?: (res: HttpResponse) => boolean;
  /** Whether the answer says it is (default: HTTP 200). */
  live?: (res: HttpResponse) => boolean;
  /** Rights and account facts from a live answer. */
  facts?: (res: HttpResponse) => Omit<VerifyAnswer, 'status' | 'message'> & { message?: string };
}

/** A Verifier from a TokenSpec. */
export function tokenVerifier(spec: TokenSpec): Verifier {
  return {
    provider: spec.provider,
    endpoints: spec.endpoints,
    sends: spec.sends,
    call: spec.call,
    async verify(c: Credential, http: Http): Promise<VerifyAnswer> {
      const token = mainValue(c, ...(spec.parts ?? ['key', 'token']));
      const refused = spec.refuse?.(token, c);
      if (refused) throw new VerifyUnknown('no verifier', refused);
      const [endpoint, req] = spec.request(token, c);
      const res = await http.request(endpoint, req);
      serverError(res, spec.name);
      if ((spec.invalid ?? ((r) => r.status === 401))(res)) return { status: 'invalid', message: `${spec.name} rejected the credential (HTTP ${res.status})` };
      if (!(spec.live ?? ((r) => r.status === 200))(res)) throw new VerifyUnknown('unexpected answer', `${spec.name} answered HTTP ${res.status}`);
      const { message, ...facts } = spec.facts?.(res) ?? {};
      return { status: 'live', message: message ?? `live ${spec.name} credential`, ...facts };
    },
  };
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

/** A JSON object field of the answer, or undefined. */
export function field(res: HttpResponse, ...path: string[]): unknown {
  let v: unknown = res.json;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  return v;
}

/** Keeps only string, number and boolean facts (for `account`). */
export function facts(o: Record<string, unknown>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(o)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  return out;
}
