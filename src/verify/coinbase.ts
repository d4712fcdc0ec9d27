// Coinbase, two kinds of key.
// - Coinbase Developer Platform (CDP) keys (a key name `organizations/…/apiKeys/…` and an EC P-256 or Ed25519 private
//   key): a JWT signed with ES256 or EdDSA, as documented, to GET /api/v3/brokerage/key_permissions on
//   api.coinbase.com, which says whether the key can view, trade and transfer (send funds off the platform).
// - Coinbase Exchange keys (key, base64 secret, passphrase): CB-ACCESS-SIGN = base64 HMAC-SHA256, under the decoded
//   secret, of timestamp (seconds) + method + path + body, to GET /profiles on api.exchange.coinbase.com.
// https://docs.cdp.coinbase.com/coinbase-app/authentication-authorization/api-key-authentication
// https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/data-api/get-api-key-permissions
// https://docs.cdp.coinbase.com/exchange/rest-api/authentication

import { createHmac, type KeyObject } from 'node:crypto';
import { nonceHex, privateKeyFrom, signJwt } from './sign.js';
import type { Credential, Http, HttpResponse, Verifier, VerifyAnswer } from './types.js';
import { VerifyUnknown } from './types.js';
import { excerpt, needParts, orderPermissions, serverError } from './util.js';

const CDP_HOST = 'api.coinbase.com';
const PERMISSIONS_PATH = '/api/v3/brokerage/key_permissions';

/** The CDP bearer JWT for one request, as documented: kid and nonce in the header; sub, iss, nbf, exp and uri claims. */
export function cdpJwt(keyName: string, key: KeyObject, method: string, hostAndPath: string, nowSeconds: number): string {
  return signJwt(
    { kid: keyName, nonce: nonceHex(16), typ: 'JWT' },
    { sub: keyName, iss: 'cdp', nbf: nowSeconds, exp: nowSeconds + 120, uri: `${method} ${hostAndPath}` },
    key,
  );
}

/** The Coinbase Exchange signature: base64 HMAC-SHA256(base64decode(secret), timestamp + METHOD + path + body). */
export function exchangeSignature(secret: string, timestamp: string, method: string, path: string, body = ''): string {
  return createHmac('sha256', Buffer.from(secret, 'base64')).update(timestamp + method.toUpperCase() + path + body).digest('base64');
}

async function cdp(c: Credential, http: Http): Promise<VerifyAnswer> {
  const name = c.parts.name!;
  const pem = c.parts.privateKey ?? c.parts.secret ?? c.parts.key;
  if (!pem) throw new VerifyUnknown('missing part', 'a CDP key name was found without its private key beside it');
  const key = privateKeyFrom(pem);
  if (!key) return { status: 'invalid', message: 'the CDP private key is not a readable EC or Ed25519 key' };
  const send = (offsetMs: number) =>
    http.request('coinbase', {
      path: PERMISSIONS_PATH,
      headers: { authorization: `Bearer ${cdpJwt(name, key, 'GET', CDP_HOST + PERMISSIONS_PATH, Math.floor((http.now() + offsetMs) / 1000))}` },
    });
  let res = await send(0);
  if (res.status === 401) {
    // A JWT is refused outside its two-minute life: if this machine's clock is off, sign again at Coinbase's time.
    const skew = await serverSkew(http, 'coinbase', '/api/v3/brokerage/time');
    if (Math.abs(skew) > 30_000) res = await send(skew);
  }
  serverError(res, 'Coinbase');
  if (res.status === 401) return { status: 'invalid', message: 'Coinbase rejected the CDP key (HTTP 401)' };
  const p = res.json as Record<string, unknown> | undefined;
  if (res.status !== 200 || !p) throw new VerifyUnknown('unexpected answer', `Coinbase answered HTTP ${res.status}`);
  // "Transfer" is documented as sending and receiving funds on and off the platform: a withdrawal right.
  const permissions = orderPermissions([...(p.can_transfer === true ? ['withdraw', 'transfer'] : []), ...(p.can_trade === true ? ['trade'] : []), ...(p.can_view === true ? ['read'] : [])]);
  return {
    status: 'live',
    message: `live Coinbase CDP key${permissions.includes('withdraw') ? ' that can send funds off the platform' : ''}`,
    permissions,
    account: { ...(typeof p.portfolio_type === 'string' ? { portfolioType: p.portfolio_type } : {}) },
  };
}

/** Milliseconds the server's clock is ahead of this machine's, from an endpoint answering `epochSeconds` or `epoch`. */
async function serverSkew(http: Http, endpoint: string, path: string): Promise<number> {
  const t = (await http.request(endpoint, { path })).json as { epochSeconds?: unknown; epoch?: unknown } | undefined;
  const seconds = Number(t?.epochSeconds ?? t?.epoch);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 - http.now() : 0;
}

async function exchange(c: Credential, http: Http): Promise<VerifyAnswer> {
  const { key, secret, passphrase } = needParts(c, ['key', 'secret', 'passphrase']);
  const send = (offsetMs: number) => {
    const ts = String(Math.floor((http.now() + offsetMs) / 1000));
    return http.request('coinbase-exchange', {
      path: '/profiles',
      headers: {
        'CB-ACCESS-KEY': key,
        'CB-ACCESS-SIGN': exchangeSignature(secret, ts, 'GET', '/profiles'),
        'CB-ACCESS-TIMESTAMP': ts,
        'CB-ACCESS-PASSPHRASE': passphrase,
      },
    });
  };
  const expired = (r: HttpResponse): boolean => r.status === 400 && /timestamp/i.test(excerpt((r.json as { message?: unknown } | undefined)?.message));
  let res = await send(0);
  if (expired(res)) {
    res = await send(await serverSkew(http, 'coinbase-exchange', '/time'));
    if (expired(res)) throw new VerifyUnknown('clock skew', 'Coinbase Exchange says the request timestamp expired, even at its own server time');
  }
  serverError(res, 'Coinbase Exchange');
  const message = excerpt((res.json as { message?: unknown } | undefined)?.message);
  if (res.status === 401 || res.status === 403) return { status: 'invalid', message: `Coinbase Exchange rejected the key (HTTP ${res.status}${message ? `: ${message}` : ''})` };
  if (res.status !== 200 || !Array.isArray(res.json)) throw new VerifyUnknown('unexpected answer', `Coinbase Exchange answered HTTP ${res.status}`);
  return { status: 'live', message: 'live Coinbase Exchange key (its rights are not exposed by the API)', account: { profiles: res.json.length } };
}

export const coinbase: Verifier = {
  provider: 'coinbase',
  endpoints: { coinbase: `https://${CDP_HOST}`, 'coinbase-exchange': 'https://api.exchange.coinbase.com' },
  sends: 'CDP: a short-lived JWT signed with the private key (never the key); Exchange: key and passphrase + HMAC-SHA256 signature',
  call: 'CDP: GET /api/v3/brokerage/key_permissions; Exchange: GET /profiles',
  needs: [['name', 'secret'], ['key', 'secret', 'passphrase']],
  async verify(c: Credential, http: Http): Promise<VerifyAnswer> {
    if (c.parts.name || c.secret.startsWith('organizations/')) {
      if (!c.parts.name) throw new VerifyUnknown('missing part', 'a CDP key name was found without its private key beside it');
      return cdp(c, http);
    }
    return exchange(c, http);
  },
};
