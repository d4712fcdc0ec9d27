// Binance and Binance.US: a SIGNED GET (HMAC-SHA256 of the query string, hex, with the secret; the key in the
// X-MBX-APIKEY header). On binance.com the key's own permission record, GET /sapi/v1/account/apiRestrictions, gives
// its rights and whether an IP allow-list applies; a key binance.com does not know is tried on Binance.US, whose
// GET /api/v3/account says whether it can trade and withdraw. Both are USER_DATA reads: nothing changes.
// https://developers.binance.com/docs/binance-spot-api-docs/rest-api/request-security
// https://developers.binance.com/docs/wallet/account/api-key-permission
// https://docs.binance.us/#get-user-account-information-user_data

import { hmacHex } from './sign.js';
import type { Credential, Http, HttpResponse, Verifier, VerifyAnswer } from './types.js';
import { VerifyUnknown } from './types.js';
import { needParts, orderPermissions, serverError } from './util.js';

const RECV_WINDOW = 5000;

/** The signature Binance documents: hex HMAC-SHA256 of the total parameters (query string + body) under the secret. */
export function binanceSignature(secret: string, totalParams: string): string {
  return hmacHex('sha256', secret, totalParams);
}

interface BinanceError {
  code: number;
  msg: string;
}

function binanceError(res: HttpResponse): BinanceError | null {
  const j = res.json as { code?: unknown; msg?: unknown } | undefined;
  return j && typeof j.code === 'number' && j.code < 0 ? { code: j.code, msg: typeof j.msg === 'string' ? j.msg : '' } : null;
}

/** Codes that mean "no such key" (format, unknown key id, or key/IP/permission refused). */
const UNKNOWN_KEY = new Set([-2014, -2008, -2015]);

async function signedGet(http: Http, endpoint: string, path: string, key: string, secret: string, offset: number): Promise<HttpResponse> {
  const query = `recvWindow=${RECV_WINDOW}&timestamp=${Math.round(http.now() + offset)}`;
  return http.request(endpoint, { path: `${path}?${query}&signature=${binanceSignature(secret, query)}`, headers: { 'X-MBX-APIKEY': key } });
}

/** A signed GET that, on a timestamp outside the receive window (-1021), asks the server's time and tries once more. */
async function signedGetSynced(http: Http, endpoint: string, path: string, key: string, secret: string): Promise<HttpResponse> {
  const res = await signedGet(http, endpoint, path, key, secret, 0);
  if (binanceError(res)?.code !== -1021) return res;
  const time = await http.request(endpoint, { path: '/api/v3/time' });
  const serverTime = (time.json as { serverTime?: unknown } | undefined)?.serverTime;
  if (typeof serverTime !== 'number') throw new VerifyUnknown('clock skew', 'Binance says the request time is outside its receive window, and its server time could not be read');
  const again = await signedGet(http, endpoint, path, key, secret, serverTime - http.now());
  if (binanceError(again)?.code === -1021) throw new VerifyUnknown('clock skew', 'Binance says the request time is outside its receive window, even at its own server time');
  return again;
}

/** Rights from the apiRestrictions record, withdrawal first. */
export function binanceRights(r: Record<string, unknown>): string[] {
  const out: string[] = [];
  if (r.enableWithdrawals === true) out.push('withdraw');
  if (r.enableInternalTransfer === true || r.permitsUniversalTransfer === true) out.push('transfer');
  if (r.enableSpotAndMarginTrading === true || r.enableFixApiTrade === true) out.push('trade');
  if (r.enableFutures === true) out.push('futures');
  if (r.enableMargin === true || r.enablePortfolioMarginTrading === true) out.push('margin');
  if (r.enableVanillaOptions === true) out.push('options');
  if (r.enableReading === true || r.enableFixReadOnly === true) out.push('read');
  return orderPermissions(out);
}

async function binanceCom(http: Http, key: string, secret: string): Promise<VerifyAnswer | BinanceError | 'restricted-location'> {
  const res = await signedGetSynced(http, 'binance', '/sapi/v1/account/apiRestrictions', key, secret);
  if (res.status === 451) return 'restricted-location';
  serverError(res, 'Binance');
  const err = binanceError(res);
  if (err) return err;
  const r = res.json as Record<string, unknown> | undefined;
  if (res.status !== 200 || !r || typeof r !== 'object') throw new VerifyUnknown('unexpected answer', `Binance answered HTTP ${res.status} without a permission record`);
  const ipRestricted = typeof r.ipRestrict === 'boolean' ? r.ipRestrict : undefined;
  const permissions = binanceRights(r);
  const created = typeof r.createTime === 'number' ? new Date(r.createTime).toISOString() : undefined;
  return {
    status: 'live',
    message: `live Binance key${permissions.includes('withdraw') ? ' that can withdraw' : ''}${ipRestricted === false ? ', usable from any IP' : ipRestricted ? ', limited to an IP allow-list' : ''}`,
    permissions,
    ...(ipRestricted !== undefined ? { ipRestricted } : {}),
    account: { exchange: 'binance.com', ...(created ? { keyCreated: created } : {}) },
  };
}

async function binanceUs(http: Http, key: string, secret: string): Promise<VerifyAnswer | BinanceError> {
  const res = await signedGetSynced(http, 'binance-us', '/api/v3/account', key, secret);
  serverError(res, 'Binance.US');
  const err = binanceError(res);
  if (err) return err;
  const a = res.json as Record<string, unknown> | undefined;
  if (res.status !== 200 || !a || typeof a !== 'object') throw new VerifyUnknown('unexpected answer', `Binance.US answered HTTP ${res.status} without an account`);
  const permissions = orderPermissions([...(a.canWithdraw === true ? ['withdraw'] : []), ...(a.canTrade === true ? ['trade'] : []), 'read']);
  return {
    status: 'live',
    message: `live Binance.US key${permissions.includes('withdraw') ? ' that can withdraw' : ''}`,
    permissions,
    account: { exchange: 'binance.us', ...(typeof a.accountType === 'string' ? { accountType: a.accountType } : {}) },
  };
}

function rejected(err: BinanceError, where: string): VerifyAnswer {
  if (err.code === -1022) return { status: 'invalid', message: `${where} knows the key but the secret does not sign for it (-1022)` };
  if (err.code === -2015) return { status: 'invalid', message: `${where} refused the key (-2015: no such key, or an IP allow-list that excludes this machine)` };
  return { status: 'invalid', message: `${where} does not know the key (${err.code})` };
}

export const binance: Verifier = {
  provider: 'binance',
  endpoints: { binance: 'https://api.binance.com', 'binance-us': 'https://api.binance.us' },
  sends: 'key (header) + HMAC-SHA256 signature made with the secret (the secret itself is never sent)',
  call: 'GET /sapi/v1/account/apiRestrictions (binance.com), then GET /api/v3/account (binance.us) for a key binance.com does not know',
  needs: [['key', 'secret']],
  async verify(c: Credential, http: Http): Promise<VerifyAnswer> {
    const { key, secret } = needParts(c, ['key', 'secret']);
    const com = await binanceCom(http, key, secret);
    if (com !== 'restricted-location' && !('code' in com)) return com;
    if (com !== 'restricted-location' && !UNKNOWN_KEY.has(com.code)) {
      if (com.code === -1022) return rejected(com, 'Binance');
      throw new VerifyUnknown('unexpected answer', `Binance answered error ${com.code}`);
    }
    const us = await binanceUs(http, key, secret);
    if (!('code' in us)) return us;
    if (com === 'restricted-location') {
      throw new VerifyUnknown('network', 'binance.com refuses this machine\'s location (HTTP 451), and Binance.US does not know the key');
    }
    return us.code === -1022 ? rejected(us, 'Binance.US') : rejected(com, 'Binance');
  },
};
