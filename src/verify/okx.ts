// OKX (v5): GET /api/v5/account/config, whose `perm` lists the key's rights (read_only, trade, withdraw) and `ip` the
// IPs it is bound to. Signed as documented: OK-ACCESS-SIGN = base64 HMAC-SHA256 of timestamp (ISO 8601, ms) + method
// + request path + body under the secret, with the passphrase in OK-ACCESS-PASSPHRASE.
// https://www.okx.com/docs-v5/en/#overview-rest-authentication
// https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-account-configuration

import { hmacBase64 } from './sign.js';
import type { Credential, Http, HttpResponse, Verifier, VerifyAnswer } from './types.js';
import { VerifyUnknown } from './types.js';
import { excerpt, needParts, orderPermissions, serverError } from './util.js';

const PATH = '/api/v5/account/config';

/** The documented signature: base64 HMAC-SHA256(secret, timestamp + METHOD + requestPath + body). */
export function okxSignature(secret: string, timestamp: string, method: string, path: string, body = ''): string {
  return hmacBase64('sha256', secret, timestamp + method.toUpperCase() + path + body);
}

async function call(http: Http, key: string, secret: string, passphrase: string, offset: number): Promise<HttpResponse> {
  const ts = new Date(Math.round(http.now() + offset)).toISOString();
  return http.request('okx', {
    path: PATH,
    headers: {
      'OK-ACCESS-KEY': key,
      'OK-ACCESS-SIGN': okxSignature(secret, ts, 'GET', PATH),
      'OK-ACCESS-TIMESTAMP': ts,
      'OK-ACCESS-PASSPHRASE': passphrase,
    },
  });
}

const code = (res: HttpResponse): string | undefined => {
  const c = (res.json as { code?: unknown } | undefined)?.code;
  return c === undefined ? undefined : String(c);
};

export const okx: Verifier = {
  provider: 'okx',
  endpoints: { okx: 'https://www.okx.com' },
  sends: 'key and passphrase (headers) + HMAC-SHA256 signature made with the secret',
  call: 'GET /api/v5/account/config',
  needs: [['key', 'secret', 'passphrase']],
  async verify(c: Credential, http: Http): Promise<VerifyAnswer> {
    const { key, secret, passphrase } = needParts(c, ['key', 'secret', 'passphrase']);
    let res = await call(http, key, secret, passphrase, 0);
    if (code(res) === '50102') {
      const t = await http.request('okx', { path: '/api/v5/public/time' });
      const server = Number((t.json as { data?: { ts?: unknown }[] } | undefined)?.data?.[0]?.ts);
      if (!Number.isFinite(server) || server <= 0) throw new VerifyUnknown('clock skew', 'OKX says the request timestamp expired, and its server time could not be read');
      res = await call(http, key, secret, passphrase, server - http.now());
      if (code(res) === '50102') throw new VerifyUnknown('clock skew', 'OKX says the request timestamp expired, even at its own server time');
    }
    serverError(res, 'OKX');
    const c0 = code(res);
    const body = res.json as { msg?: unknown; data?: Record<string, unknown>[] } | undefined;
    if (c0 === '50111' || c0 === '50119') return { status: 'invalid', message: `OKX does not know the key (${c0})`, unknownPart: 'key' };
    if (c0 === '50113') return { status: 'invalid', message: 'OKX knows the key but the secret does not sign for it (50113)' };
    if (c0 === '50105') return { status: 'invalid', message: 'OKX knows the key but the passphrase is wrong (50105)' };
    if (c0 === '50110') return { status: 'live', ipRestricted: true, message: 'live OKX key bound to IP addresses this machine is not among (50110); rights not readable from here' };
    if (c0 === '50011' || c0 === '50061') throw new VerifyUnknown('rate limit', `OKX answered ${c0} (too many requests)`);
    const cfg = body?.data?.[0];
    if (c0 !== '0' || !cfg) throw new VerifyUnknown('unexpected answer', `OKX answered HTTP ${res.status}, code ${c0 ?? 'none'} ${excerpt(body?.msg)}`.trim());
    const perm = String(cfg.perm ?? '').split(',').map((p) => p.trim()).filter(Boolean);
    const permissions = orderPermissions(perm.map((p) => (p === 'read_only' ? 'read' : p)));
    const ipRestricted = String(cfg.ip ?? '').trim() !== '';
    return {
      status: 'live',
      message: `live OKX key${permissions.includes('withdraw') ? ' that can withdraw' : ''}${ipRestricted ? ', bound to an IP list' : ', usable from any IP'}`,
      permissions,
      ipRestricted,
      account: {
        ...(cfg.acctLv !== undefined ? { accountLevel: String(cfg.acctLv) } : {}),
        ...(typeof cfg.level === 'string' ? { feeLevel: cfg.level } : {}),
        ...(cfg.uid !== undefined && cfg.mainUid !== undefined ? { subAccount: String(cfg.uid) !== String(cfg.mainUid) } : {}),
      },
    };
  },
};
