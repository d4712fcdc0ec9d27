// KuCoin: GET /api/v1/user/api-key, "Get API Key Info": the key's permission list (General, Spot, Margin, Futures,
// Withdrawal, transfers...) and its IP whitelist. Signed as documented (key version 2): KC-API-SIGN = base64
// HMAC-SHA256 of timestamp (ms) + method + endpoint + body under the secret, and KC-API-PASSPHRASE = base64
// HMAC-SHA256 of the passphrase under the secret.
// https://www.kucoin.com/docs-new/authentication
// https://www.kucoin.com/docs-new/rest/account-info/account-funding/get-apikey-info

import { hmacBase64 } from './sign.js';
import type { Credential, Http, HttpResponse, Verifier, VerifyAnswer } from './types.js';
import { VerifyUnknown } from './types.js';
import { excerpt, needParts, orderPermissions, serverError } from './util.js';

const PATH = '/api/v1/user/api-key';

/** The documented request signature and the version-2 passphrase header. */
export function kucoinHeaders(key: string, secret: string, passphrase: string, timestamp: string, method: string, path: string, body = ''): Record<string, string> {
  return {
    'KC-API-KEY': key,
    'KC-API-SIGN': hmacBase64('sha256', secret, timestamp + method.toUpperCase() + path + body),
    'KC-API-TIMESTAMP': timestamp,
    'KC-API-PASSPHRASE': hmacBase64('sha256', secret, passphrase),
    'KC-API-KEY-VERSION': '2',
  };
}

/** Rights from KuCoin's comma-separated permission names. */
export function kucoinRights(permission: string): string[] {
  const out: string[] = [];
  for (const raw of permission.split(',')) {
    const p = raw.trim().toLowerCase();
    if (!p) continue;
    if (p.includes('withdraw')) out.push('withdraw');
    else if (p.includes('transfer')) out.push('transfer');
    else if (p === 'spot' || p === 'trade') out.push('trade');
    else if (p.includes('margin')) out.push('margin');
    else if (p.includes('futures')) out.push('futures');
    else if (p === 'general') out.push('read');
    else out.push(p);
  }
  return orderPermissions(out);
}

async function call(http: Http, key: string, secret: string, passphrase: string, offset: number): Promise<HttpResponse> {
  const ts = String(Math.round(http.now() + offset));
  return http.request('kucoin', { path: PATH, headers: kucoinHeaders(key, secret, passphrase, ts, 'GET', PATH) });
}

const code = (res: HttpResponse): string | undefined => {
  const c = (res.json as { code?: unknown } | undefined)?.code;
  return c === undefined ? undefined : String(c);
};

export const kucoin: Verifier = {
  provider: 'kucoin',
  endpoints: { kucoin: 'https://api.kucoin.com' },
  sends: 'key (header) + HMAC-SHA256 signatures of the request and of the passphrase, made with the secret',
  call: 'GET /api/v1/user/api-key',
  needs: [['key', 'secret', 'passphrase']],
  async verify(c: Credential, http: Http): Promise<VerifyAnswer> {
    const { key, secret, passphrase } = needParts(c, ['key', 'secret', 'passphrase']);
    let res = await call(http, key, secret, passphrase, 0);
    if (code(res) === '400002') {
      const t = await http.request('kucoin', { path: '/api/v1/timestamp' });
      const server = Number((t.json as { data?: unknown } | undefined)?.data);
      if (!Number.isFinite(server) || server <= 0) throw new VerifyUnknown('clock skew', 'KuCoin says the timestamp is invalid, and its server time could not be read');
      res = await call(http, key, secret, passphrase, server - http.now());
      if (code(res) === '400002') throw new VerifyUnknown('clock skew', 'KuCoin says the timestamp is invalid, even at its own server time');
    }
    serverError(res, 'KuCoin');
    const c0 = code(res);
    const body = res.json as { msg?: unknown; data?: Record<string, unknown> } | undefined;
    if (c0 === '400003') return { status: 'invalid', message: 'KuCoin does not know the key (400003)', unknownPart: 'key' };
    if (c0 === '400005') return { status: 'invalid', message: 'KuCoin knows the key but the secret does not sign for it (400005)' };
    if (c0 === '400004') return { status: 'invalid', message: 'KuCoin knows the key but the passphrase is wrong (400004)' };
    if (c0 === '400006') return { status: 'live', ipRestricted: true, message: 'live KuCoin key whose IP whitelist excludes this machine (400006); rights not readable from here' };
    if (c0 === '429000') throw new VerifyUnknown('rate limit', 'KuCoin answered 429000 (too many requests)');
    const info = body?.data;
    if (c0 !== '200000' || !info) throw new VerifyUnknown('unexpected answer', `KuCoin answered HTTP ${res.status}, code ${c0 ?? 'none'} ${excerpt(body?.msg)}`.trim());
    const permissions = kucoinRights(String(info.permission ?? ''));
    const ipRestricted = String(info.ipWhitelist ?? '').trim() !== '';
    return {
      status: 'live',
      message: `live KuCoin key${permissions.includes('withdraw') ? ' that can withdraw' : ''}${ipRestricted ? ', limited to an IP whitelist' : ', usable from any IP'}`,
      permissions,
      ipRestricted,
      account: {
        ...(typeof info.isMaster === 'boolean' ? { master: info.isMaster } : {}),
        ...(info.apiVersion !== undefined ? { keyVersion: String(info.apiVersion) } : {}),
        ...(typeof info.createdAt === 'number' ? { keyCreated: new Date(info.createdAt).toISOString() } : {}),
      },
    };
  },
};
