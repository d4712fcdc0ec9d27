// Kraken Futures (derivatives): GET /derivatives/api/v3/accounts on futures.kraken.com, a read of the key's accounts,
// signed as documented: APIKey header, and Authent = base64 HMAC-SHA512, under the base64-decoded secret, of
// SHA-256(postData + nonce + endpointPath), where endpointPath is the path after /derivatives (`/api/v3/accounts`).
// The Nonce header is optional and not sent (so no nonce of the key's owner is ever pushed forward; postData and nonce
// are then empty). {"result":"error","error":"authenticationError"} means the key or its signature is not valid.
// https://docs.kraken.com/api/docs/guides/futures-rest  https://docs.kraken.com/api/docs/futures-api/trading/get-accounts

import { createHash, createHmac } from 'node:crypto';
import type { Credential, Http, Verifier, VerifyAnswer } from './types.js';
import { VerifyUnknown } from './types.js';
import { excerpt, needParts, serverError } from './util.js';

const ENDPOINT_PATH = '/api/v3/accounts';

/** The documented Authent: base64 HMAC-SHA512(base64decode(secret), SHA-256(postData + nonce + endpointPath)). */
export function futuresAuthent(postData: string, nonce: string, endpointPath: string, secret: string): string {
  const digest = createHash('sha256').update(postData + nonce + endpointPath).digest();
  return createHmac('sha512', Buffer.from(secret, 'base64')).update(digest).digest('base64');
}

export const krakenFutures: Verifier = {
  provider: 'kraken-futures',
  endpoints: { 'kraken-futures': 'https://futures.kraken.com' },
  sends: 'public key (APIKey header) + HMAC-SHA512 Authent made with the secret',
  call: 'GET /derivatives/api/v3/accounts',
  needs: [['key', 'secret']],
  async verify(c: Credential, http: Http): Promise<VerifyAnswer> {
    const { key, secret } = needParts(c, ['key', 'secret']);
    const res = await http.request('kraken-futures', {
      path: `/derivatives${ENDPOINT_PATH}`,
      headers: { APIKey: key, Authent: futuresAuthent('', '', ENDPOINT_PATH, secret) },
    });
    serverError(res, 'Kraken Futures');
    const body = res.json as { result?: unknown; error?: unknown; accounts?: unknown } | undefined;
    const error = typeof body?.error === 'string' ? body.error : '';
    if (/^authenticationError/i.test(error) || res.status === 401) return { status: 'invalid', message: `Kraken Futures rejected the key (${error || `HTTP ${res.status}`})` };
    if (/apiLimitExceeded/i.test(error)) throw new VerifyUnknown('rate limit', 'Kraken Futures answered apiLimitExceeded');
    if (/^nonce/i.test(error)) throw new VerifyUnknown('clock skew', `Kraken Futures rejected the nonce (${excerpt(error)})`);
    if (res.status !== 200 || body?.result !== 'success') throw new VerifyUnknown('unexpected answer', `Kraken Futures answered HTTP ${res.status} ${excerpt(error)}`.trim());
    const accounts = body.accounts && typeof body.accounts === 'object' ? Object.values(body.accounts as Record<string, unknown>) : [];
    const types = [...new Set(accounts.map((a) => (a && typeof a === 'object' ? (a as { type?: unknown }).type : undefined)).filter((t): t is string => typeof t === 'string'))];
    return {
      status: 'live',
      message: 'live Kraken Futures key (its rights are not exposed by this call)',
      account: { accounts: accounts.length, ...(types.length ? { accountTypes: types.sort().join(', ') } : {}) },
    };
  },
};
