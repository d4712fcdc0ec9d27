// Bybit (v5): GET /v5/user/query-api, "Get API Key Information", which any key may call about itself: its rights
// (readOnly, and per area: Wallet's Withdraw, AccountTransfer...; Spot; ContractTrade; Options; Derivatives) and the
// IPs it is bound to. Signed as documented: X-BAPI-SIGN = hex HMAC-SHA256 of timestamp + key + recv_window + query
// string, under the secret.
// https://bybit-exchange.github.io/docs/v5/guide#authentication
// https://bybit-exchange.github.io/docs/v5/user/apikey-info

import { hmacHex } from './sign.js';
import type { Credential, Http, HttpResponse, Verifier, VerifyAnswer } from './types.js';
import { VerifyUnknown } from './types.js';
import { excerpt, needParts, orderPermissions, serverError } from './util.js';

const RECV_WINDOW = '5000';
const PATH = '/v5/user/query-api';

/** The documented GET signature: hex HMAC-SHA256(secret, timestamp + apiKey + recvWindow + queryString). */
export function bybitSignature(secret: string, timestamp: string, key: string, recvWindow: string, query: string): string {
  return hmacHex('sha256', secret, timestamp + key + recvWindow + query);
}

/** Rights from the permissions object, withdrawal first. */
export function bybitRights(info: Record<string, unknown>): string[] {
  const p = (info.permissions ?? {}) as Record<string, unknown>;
  const list = (k: string): string[] => (Array.isArray(p[k]) ? (p[k] as unknown[]).map(String) : []);
  const out = ['read'];
  if (info.readOnly === 1) return out;
  if (list('Wallet').some((x) => /withdraw/i.test(x))) out.push('withdraw');
  if (list('Wallet').some((x) => /transfer/i.test(x))) out.push('transfer');
  if (list('Spot').length) out.push('trade');
  if (list('ContractTrade').length || list('Derivatives').length) out.push('futures');
  if (list('Options').length) out.push('options');
  return orderPermissions(out);
}

async function call(http: Http, key: string, secret: string, offset: number): Promise<HttpResponse> {
  const ts = String(Math.round(http.now() + offset));
  return http.request('bybit', {
    path: PATH,
    headers: {
      'X-BAPI-API-KEY': key,
      'X-BAPI-TIMESTAMP': ts,
      'X-BAPI-RECV-WINDOW': RECV_WINDOW,
      'X-BAPI-SIGN': bybitSignature(secret, ts, key, RECV_WINDOW, ''),
    },
  });
}

const retCode = (res: HttpResponse): number | undefined => {
  const c = (res.json as { retCode?: unknown } | undefined)?.retCode;
  return typeof c === 'number' ? c : undefined;
};

export const bybit: Verifier = {
  provider: 'bybit',
  endpoints: { bybit: 'https://api.bybit.com' },
  sends: 'key (header) + HMAC-SHA256 signature made with the secret',
  call: 'GET /v5/user/query-api',
  needs: [['key', 'secret']],
  async verify(c: Credential, http: Http): Promise<VerifyAnswer> {
    const { key, secret } = needParts(c, ['key', 'secret']);
    let res = await call(http, key, secret, 0);
    if (retCode(res) === 10002) {
      // The request time is outside the receive window: catch up with the server's clock, once.
      const t = await http.request('bybit', { path: '/v5/market/time' });
      const server = Number((t.json as { result?: { timeSecond?: unknown } } | undefined)?.result?.timeSecond) * 1000;
      if (!Number.isFinite(server) || server <= 0) throw new VerifyUnknown('clock skew', 'Bybit says the request time is outside its receive window, and its server time could not be read');
      res = await call(http, key, secret, server - http.now());
      if (retCode(res) === 10002) throw new VerifyUnknown('clock skew', 'Bybit says the request time is outside its receive window, even at its own server time');
    }
    serverError(res, 'Bybit');
    const code = retCode(res);
    const body = res.json as { retMsg?: unknown; result?: Record<string, unknown> } | undefined;
    if (code === 10003) return { status: 'invalid', message: 'Bybit does not know the key (10003)', unknownPart: 'key' };
    if (code === 10004) return { status: 'invalid', message: 'Bybit knows the key but the secret does not sign for it (10004)' };
    if (code === 10010) return { status: 'live', ipRestricted: true, message: 'live Bybit key bound to IP addresses this machine is not among (10010); rights not readable from here' };
    if (code === 10006 || code === 10018) throw new VerifyUnknown('rate limit', `Bybit answered ${code} (too many requests)`);
    if (code !== 0 || !body?.result) throw new VerifyUnknown('unexpected answer', `Bybit answered HTTP ${res.status}, retCode ${code ?? 'none'} ${excerpt(body?.retMsg)}`.trim());
    const info = body.result;
    const ips = Array.isArray(info.ips) ? (info.ips as unknown[]).map(String) : [];
    const ipRestricted = ips.length > 0 && !ips.includes('*');
    const permissions = bybitRights(info);
    return {
      status: 'live',
      message: `live Bybit key${permissions.includes('withdraw') ? ' that can withdraw' : ''}${ipRestricted ? ', bound to an IP list' : ', usable from any IP'}`,
      permissions,
      ipRestricted,
      account: {
        ...(typeof info.createdAt === 'string' ? { keyCreated: info.createdAt } : {}),
        ...(typeof info.expiredAt === 'string' && info.expiredAt ? { keyExpires: info.expiredAt } : {}),
        ...(typeof info.isMaster === 'boolean' ? { master: info.isMaster } : {}),
        ...(typeof info.vipLevel === 'string' ? { vipLevel: info.vipLevel } : {}),
      },
    };
  },
};
