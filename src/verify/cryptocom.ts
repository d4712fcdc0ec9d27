// Crypto.com Exchange (v1): POST /exchange/v1/private/user-balance, a read, signed as documented: sig = hex
// HMAC-SHA256 of method + id + api_key + parameter string + nonce under the secret, in the JSON body. Code 40101:
// not authenticated (bad key or signature); 40102: nonce more than 60 s from the server's time; 40103: IP not allowed.
// https://exchange-docs.crypto.com/exchange/v1/rest-ws/index.html#digital-signature
import { hmacHex } from './sign.js';
import type { Credential, Http, Verifier, VerifyAnswer } from './types.js';
import { VerifyUnknown } from './types.js';
import { needParts, serverError } from './util.js';

const METHOD = 'private/user-balance';

/** The documented signature, for a request without parameters. */
export function cryptocomSignature(secret: string, method: string, id: number, apiKey: string, paramString: string, nonce: number): string {
  return hmacHex('sha256', secret, `${method}${id}${apiKey}${paramString}${nonce}`);
}

export const cryptocom: Verifier = {
  provider: 'cryptocom',
  endpoints: { cryptocom: 'https://api.crypto.com' },
  sends: 'key + HMAC-SHA256 signature made with the secret, in the JSON body',
  call: 'POST /exchange/v1/private/user-balance',
  needs: [['key', 'secret']],
  async verify(c: Credential, http: Http): Promise<VerifyAnswer> {
    const { key, secret } = needParts(c, ['key', 'secret']);
    const nonce = Math.round(http.now());
    const id = 1;
    const body = JSON.stringify({ id, method: METHOD, api_key: key, params: {}, nonce, sig: cryptocomSignature(secret, METHOD, id, key, '', nonce) });
    const res = await http.request('cryptocom', { method: 'POST', path: `/exchange/v1/${METHOD}`, headers: { 'content-type': 'application/json' }, body });
    const code = Number((res.json as { code?: unknown } | undefined)?.code);
    if (code === 40101) return { status: 'invalid', message: 'Crypto.com rejected the key or its signature (40101)' };
    if (code === 40102) throw new VerifyUnknown('clock skew', 'Crypto.com says the nonce is more than 60 s from its time (40102)');
    if (code === 40103) return { status: 'live', ipRestricted: true, message: 'live Crypto.com key refused from this machine\'s IP (40103)' };
    if (code === 42901) throw new VerifyUnknown('rate limit', 'Crypto.com answered 42901 (too many requests)');
    serverError(res, 'Crypto.com');
    if (res.status !== 200 || code !== 0) throw new VerifyUnknown('unexpected answer', `Crypto.com answered HTTP ${res.status}, code ${Number.isFinite(code) ? code : 'none'}`);
    return { status: 'live', message: 'live Crypto.com Exchange key (its rights are not exposed by this call)' };
  },
};
