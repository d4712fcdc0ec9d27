// The shapes of verification: a credential as a verifier receives it, what a verifier answers, and the small HTTP
// client every verifier calls through (src/verify/http.ts), which owns hosts, limits, timeouts and retries.

import type { Verification } from '../model/types.js';

/** One credential to check: the parts a rule paired, by part name (`key`, `secret`, `passphrase`, ...), whole. */
export interface Credential {
  provider: string;
  ruleId: string;
  /** Every part found, by name; empty when the rule reported one value alone (then `secret` is that value). */
  parts: Readonly<Record<string, string>>;
  /** The finding's main value. */
  secret: string;
}

/** What a verifier learned; the framework adds `provider` and `checkedAt`. */
export type VerifyAnswer = Omit<Verification, 'provider' | 'checkedAt'> & {
  /**
   * The part the provider said it does not know at all (`key`: an unknown access key id), whatever the other parts:
   * pairing then tries no other combination with that value. Not reported.
   */
  unknownPart?: string;
};

export interface HttpRequest {
  method?: 'GET' | 'POST';
  /** Path and query, from the host's root (`/sapi/v1/account/apiRestrictions?timestamp=...`). */
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/** What a verifier may do: requests to its own endpoints, and the clock it signs with. */
export interface Http {
  /** Sends a request to one of the verifier's endpoints (by endpoint id), through the run's limits. */
  request(endpoint: string, req: HttpRequest): Promise<HttpResponse>;
  /** Milliseconds since the epoch (a test may pin it). */
  now(): number;
}

/** One provider's verifier: `src/verify/<provider>.ts`. Never a call that changes state. */
export interface Verifier {
  /** The rule model's provider id (`binance`). */
  provider: string;
  /** Endpoint ids (the provider id, and more for providers with several hosts) → the documented `https://host`. */
  endpoints: Readonly<Record<string, string>>;
  /** The parts it needs, by name, in words for the README table (`key + secret`). */
  sends: string;
  /** The documented call, in words (`GET /sapi/v1/account/apiRestrictions`). */
  call: string;
  /**
   * The parts of one whole credential, by part name, when it has more than one (a list per kind of credential the
   * provider has): what cross-rule pairing (src/verify/pairing.ts) completes from other findings nearby. Absent for
   * single-value credentials.
   */
  needs?: readonly (readonly string[])[];
  verify(credential: Credential, http: Http): Promise<VerifyAnswer>;
}

/** Why a check could not say live or invalid; becomes `unknown` with a message saying so. */
export type UnknownKind = 'timeout' | 'rate limit' | 'network' | 'server error' | 'clock skew' | 'unexpected answer' | 'missing part' | 'no verifier';

/** Thrown by the HTTP client or a verifier when the answer is unknown; its message never holds a secret. */
export class VerifyUnknown extends Error {
  override name = 'VerifyUnknown';
  constructor(
    readonly kind: UnknownKind,
    detail: string,
  ) {
    super(`${kind}: ${detail}`);
  }
}

/** A bad `KEYHOUND_VERIFY_ENDPOINTS`: a usage error (exit 2), before anything is sent. */
export class VerifyConfigError extends Error {
  override name = 'VerifyConfigError';
}
