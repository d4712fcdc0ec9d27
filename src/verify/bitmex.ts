// BitMEX: GET /api/v1/user, signed as documented: api-signature = hex HMAC-SHA256 of verb + path + expires + body
// under the secret, with api-key and api-expires (a Unix time a minute ahead). 401 with "Invalid API Key." or
// "Signature not valid." means not valid; an expiry in the past means the clock is off.
// https://www.bitmex.com/app/apiKeysUsage
import { hmacHex } from './sign.js';
import type { Credential, Http, Verifier, VerifyAnswer } from './types.js';
import { VerifyUnknown } from './types.js';
import { excerpt, needParts, serverError } from './util.js';

const PATH = '/api/v1/user';

/** The documented signature: hex HMAC-SHA256(secret, VERB + path + expires + body). */
export function bitmexSignature(secret: string, verb: string, path: string, expires: string, body = ''): string {
  return hmacHex('sha256', secret, verb + path + expires + body);
}

export const bitmex: Verifier = {
  provider: 'bitmex',
  endpoints: { bitmex: 'https://www.bitmex.com' },
  sends: 'key (header) + HMAC-SHA256 signature made with the secret',
  call: 'GET /api/v1/user',
  needs: [['key', 'secret']],
  async verify(c: Credential, http: Http): Promise<VerifyAnswer> {
    const { key, secret } = needParts(c, ['key', 'secret']);
    const expires = String(Math.floor(http.now() / 1000) + 60);
    const res = await http.request('bitmex', { path: PATH, headers: { 'api-expires': expires, 'api-key': key, 'api-signature': bitmexSignature(secret, 'GET', PATH, expires) } });
    serverError(res, 'BitMEX');
    const message = excerpt((res.json as { error?: { message?: unknown } } | undefined)?.error?.message);
    if (/expired|expires/i.test(message)) throw new VerifyUnknown('clock skew', `BitMEX: ${message}`);
    if (res.status === 401 || res.status === 403) return { status: 'invalid', message: `BitMEX rejected the key (${message || `HTTP ${res.status}`})` };
    const u = res.json as Record<string, unknown> | undefined;
    if (res.status !== 200 || !u) throw new VerifyUnknown('unexpected answer', `BitMEX answered HTTP ${res.status}`);
    return { status: 'live', message: 'live BitMEX key (its rights are not exposed by the API)', account: { ...(typeof u.id === 'number' ? { userId: u.id } : {}) } };
  },
};
