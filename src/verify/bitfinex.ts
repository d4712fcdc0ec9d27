// Bitfinex (v2): POST /v2/auth/r/permissions, the key's own permissions (scope, read, write) for account, orders,
// funding, wallets, withdraw...; signed as documented: bfx-signature = hex HMAC-SHA384 of "/api/v2/auth/r/permissions"
// + nonce + body under the secret, with bfx-nonce and bfx-apikey. Errors: ["error", code, "apikey: invalid"...].
// https://docs.bitfinex.com/docs/rest-auth  https://docs.bitfinex.com/reference/key-permissions
import { hmacHex } from './sign.js';
import type { Credential, Http, Verifier, VerifyAnswer } from './types.js';
import { VerifyUnknown } from './types.js';
import { excerpt, needParts, orderPermissions, serverError } from './util.js';

const PATH = '/v2/auth/r/permissions';

/** Rights from [scope, read, write] rows, withdrawal first. */
export function bitfinexRights(rows: unknown[]): string[] {
  const out: string[] = [];
  for (const r of rows) {
    if (!Array.isArray(r)) continue;
    const [scope, read, write] = r as [string, number, number];
    if (write === 1) {
      if (scope === 'withdraw' || scope === 'ui_withdraw') out.push('withdraw');
      else if (scope === 'wallets') out.push('transfer');
      else if (scope === 'orders' || scope === 'positions') out.push('trade');
      else if (scope === 'funding') out.push('margin');
      else out.push(`${scope}:write`);
    } else if (read === 1) out.push('read');
  }
  return orderPermissions(out);
}

export const bitfinex: Verifier = {
  provider: 'bitfinex',
  endpoints: { bitfinex: 'https://api.bitfinex.com' },
  sends: 'key (header) + HMAC-SHA384 signature made with the secret',
  call: 'POST /v2/auth/r/permissions (reads the key\'s own permissions)',
  needs: [['key', 'secret']],
  async verify(c: Credential, http: Http): Promise<VerifyAnswer> {
    const { key, secret } = needParts(c, ['key', 'secret']);
    const nonce = String(Math.round(http.now()) * 1000);
    const body = '{}';
    const res = await http.request('bitfinex', {
      method: 'POST',
      path: PATH,
      headers: { 'content-type': 'application/json', 'bfx-nonce': nonce, 'bfx-apikey': key, 'bfx-signature': hmacHex('sha384', secret, `/api${PATH}${nonce}${body}`) },
      body,
    });
    // Bitfinex answers its errors, bad keys included, with HTTP 500 and ["error", code, message]: read them first.
    const j = res.json;
    if (Array.isArray(j) && j[0] === 'error') {
      const msg = excerpt(j[2]);
      if (/nonce/i.test(msg)) throw new VerifyUnknown('clock skew', `Bitfinex rejected the nonce (${msg})`);
      if (/ratelimit|rate limit/i.test(msg)) throw new VerifyUnknown('rate limit', `Bitfinex answered ${msg}`);
      if (/apikey|signature|invalid/i.test(msg)) return { status: 'invalid', message: `Bitfinex rejected the key (${msg})` };
      throw new VerifyUnknown('unexpected answer', `Bitfinex answered error ${excerpt(String(j[1]))} ${msg}`.trim());
    }
    serverError(res, 'Bitfinex');
    if (res.status !== 200 || !Array.isArray(j)) throw new VerifyUnknown('unexpected answer', `Bitfinex answered HTTP ${res.status}`);
    const permissions = bitfinexRights(j);
    return { status: 'live', message: `live Bitfinex key${permissions.includes('withdraw') ? ' that can withdraw' : ''}`, permissions };
  },
};
