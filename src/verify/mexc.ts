// MEXC (spot v3): a SIGNED GET /api/v3/account, as on Binance: X-MEXC-APIKEY header, hex HMAC-SHA256 of the query
// string under the secret; it says whether the key can trade and withdraw. Error 10072: unknown key; 700002: bad
// signature; 700003: timestamp outside the receive window (resynced once with GET /api/v3/time).
// https://mexcdevelop.github.io/apidocs/spot_v3_en/#signed  https://mexcdevelop.github.io/apidocs/spot_v3_en/#account-information
import { hmacHex } from './sign.js';
import type { Credential, Http, HttpResponse, Verifier, VerifyAnswer } from './types.js';
import { VerifyUnknown } from './types.js';
import { excerpt, needParts, orderPermissions, serverError } from './util.js';

async function call(http: Http, key: string, secret: string, offset: number): Promise<HttpResponse> {
  const query = `recvWindow=5000&timestamp=${Math.round(http.now() + offset)}`;
  return http.request('mexc', { path: `/api/v3/account?${query}&signature=${hmacHex('sha256', secret, query)}`, headers: { 'X-MEXC-APIKEY': key } });
}

const code = (res: HttpResponse): number | undefined => {
  const c = Number((res.json as { code?: unknown } | undefined)?.code);
  return Number.isFinite(c) ? c : undefined;
};

export const mexc: Verifier = {
  provider: 'mexc',
  endpoints: { mexc: 'https://api.mexc.com' },
  sends: 'key (header) + HMAC-SHA256 signature made with the secret',
  call: 'GET /api/v3/account',
  needs: [['key', 'secret']],
  async verify(c: Credential, http: Http): Promise<VerifyAnswer> {
    const { key, secret } = needParts(c, ['key', 'secret']);
    let res = await call(http, key, secret, 0);
    if (code(res) === 700003) {
      const server = Number(((await http.request('mexc', { path: '/api/v3/time' })).json as { serverTime?: unknown } | undefined)?.serverTime);
      if (!Number.isFinite(server) || server <= 0) throw new VerifyUnknown('clock skew', 'MEXC says the timestamp is outside its receive window, and its server time could not be read');
      res = await call(http, key, secret, server - http.now());
      if (code(res) === 700003) throw new VerifyUnknown('clock skew', 'MEXC says the timestamp is outside its receive window, even at its own server time');
    }
    serverError(res, 'MEXC');
    const c0 = code(res);
    if (c0 === 10072 || c0 === 700001) return { status: 'invalid', message: `MEXC does not know the key (${c0})`, unknownPart: 'key' };
    if (c0 === 700002) return { status: 'invalid', message: 'MEXC knows the key but the secret does not sign for it (700002)' };
    if (c0 === 700006) return { status: 'live', ipRestricted: true, message: 'live MEXC key whose IP list excludes this machine (700006); rights not readable from here' };
    const a = res.json as Record<string, unknown> | undefined;
    if (res.status !== 200 || !a || c0 !== undefined) throw new VerifyUnknown('unexpected answer', `MEXC answered HTTP ${res.status}${c0 !== undefined ? `, code ${c0} ${excerpt((a as { msg?: unknown })?.msg)}` : ''}`.trim());
    const permissions = orderPermissions([...(a.canWithdraw === true ? ['withdraw'] : []), ...(a.canTrade === true ? ['trade'] : []), 'read']);
    return {
      status: 'live',
      message: `live MEXC key${permissions.includes('withdraw') ? ' that can withdraw' : ''}`,
      permissions,
      account: { ...(typeof a.accountType === 'string' ? { accountType: a.accountType } : {}) },
    };
  },
};
