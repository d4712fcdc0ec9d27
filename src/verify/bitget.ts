// Bitget (v2): GET /api/v2/spot/account/info, the key's account record: its authorities (Bitget's own permission
// codes) and bound IPs. Signed as documented: ACCESS-SIGN = base64 HMAC-SHA256 of timestamp (ms) + METHOD +
// requestPath (+ "?" + query) + body under the secret, with the passphrase in ACCESS-PASSPHRASE.
// https://www.bitget.com/api-doc/common/signature  https://www.bitget.com/api-doc/spot/account/Get-Account-Info
// https://www.bitget.com/api-doc/common/error-code
import { hmacBase64 } from './sign.js';
import type { Credential, Http, HttpResponse, Verifier, VerifyAnswer } from './types.js';
import { VerifyUnknown } from './types.js';
import { excerpt, needParts, orderPermissions, serverError } from './util.js';

const PATH = '/api/v2/spot/account/info';

async function call(http: Http, key: string, secret: string, passphrase: string, offset: number): Promise<HttpResponse> {
  const ts = String(Math.round(http.now() + offset));
  return http.request('bitget', {
    path: PATH,
    headers: { 'ACCESS-KEY': key, 'ACCESS-SIGN': hmacBase64('sha256', secret, `${ts}GET${PATH}`), 'ACCESS-TIMESTAMP': ts, 'ACCESS-PASSPHRASE': passphrase, locale: 'en-US' },
  });
}

const code = (res: HttpResponse): string => String((res.json as { code?: unknown } | undefined)?.code ?? '');

export const bitget: Verifier = {
  provider: 'bitget',
  endpoints: { bitget: 'https://api.bitget.com' },
  sends: 'key and passphrase (headers) + HMAC-SHA256 signature made with the secret',
  call: 'GET /api/v2/spot/account/info',
  needs: [['key', 'secret', 'passphrase']],
  async verify(c: Credential, http: Http): Promise<VerifyAnswer> {
    const { key, secret, passphrase } = needParts(c, ['key', 'secret', 'passphrase']);
    let res = await call(http, key, secret, passphrase, 0);
    if (code(res) === '40008') {
      const server = Number(((await http.request('bitget', { path: '/api/v2/public/time' })).json as { data?: { serverTime?: unknown } } | undefined)?.data?.serverTime);
      if (!Number.isFinite(server) || server <= 0) throw new VerifyUnknown('clock skew', 'Bitget says the request timestamp expired, and its server time could not be read');
      res = await call(http, key, secret, passphrase, server - http.now());
      if (code(res) === '40008') throw new VerifyUnknown('clock skew', 'Bitget says the request timestamp expired, even at its own server time');
    }
    serverError(res, 'Bitget');
    const c0 = code(res);
    if (c0 === '40006' || c0 === '40037') return { status: 'invalid', message: `Bitget does not know the key (${c0})`, unknownPart: 'key' };
    if (c0 === '40009') return { status: 'invalid', message: 'Bitget knows the key but the secret does not sign for it (40009)' };
    if (c0 === '40012') return { status: 'invalid', message: 'Bitget knows the key but the passphrase is wrong (40012)' };
    if (c0 === '40018') return { status: 'live', ipRestricted: true, message: 'live Bitget key bound to IP addresses this machine is not among (40018); rights not readable from here' };
    if (c0 === '429') throw new VerifyUnknown('rate limit', 'Bitget answered 429 (too many requests)');
    const d = (res.json as { data?: Record<string, unknown>; msg?: unknown } | undefined)?.data;
    if (c0 !== '00000' || !d) throw new VerifyUnknown('unexpected answer', `Bitget answered HTTP ${res.status}, code ${c0 || 'none'} ${excerpt((res.json as { msg?: unknown } | undefined)?.msg)}`.trim());
    const authorities = Array.isArray(d.authorities) ? d.authorities.map(String) : [];
    const ipRestricted = String(d.ips ?? '').trim() !== '';
    return {
      status: 'live',
      message: `live Bitget key${ipRestricted ? ', bound to an IP list' : ', usable from any IP'}`,
      // Bitget's own authority codes, as the API names them (withdrawal ones first where their name says so).
      permissions: orderPermissions(authorities.map((a) => (/withdraw/i.test(a) ? 'withdraw' : a))),
      ipRestricted,
      account: { ...(d.parentId !== undefined && d.userId !== undefined ? { subAccount: String(d.parentId) !== String(d.userId) && String(d.parentId) !== '0' } : {}) },
    };
  },
};
