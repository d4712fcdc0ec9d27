// Deribit: GET /api/v2/public/auth with grant_type=client_signature, which proves the client secret without sending
// it: signature = hex HMAC-SHA256 of timestamp (ms) + "\n" + nonce + "\n" + data under the secret. The answer's scope
// lists the key's rights (account, trade, wallet... read or read_write); error 13004 (invalid_credentials): not valid.
// https://docs.deribit.com/articles/authentication  https://docs.deribit.com/api-reference/authentication/public-auth
import { hmacHex, nonceHex } from './sign.js';
import type { Credential, Http, Verifier, VerifyAnswer } from './types.js';
import { VerifyUnknown } from './types.js';
import { excerpt, needParts, orderPermissions, serverError } from './util.js';

/** Rights from Deribit's scope words: wallet:read_write can withdraw; trade:read_write trades. */
export function deribitRights(scope: string): string[] {
  const out: string[] = [];
  for (const s of scope.split(/\s+/).filter(Boolean)) {
    const [area, level] = s.split(':');
    if (!level) continue;
    if (area === 'wallet' && level === 'read_write') out.push('withdraw', 'transfer');
    else if ((area === 'trade' || area === 'block_trade') && level === 'read_write') out.push('trade');
    else if (level === 'read_write') out.push(`${area}:write`);
    else if (level === 'read') out.push('read');
  }
  return orderPermissions(out);
}

export const deribit: Verifier = {
  provider: 'deribit',
  endpoints: { deribit: 'https://www.deribit.com' },
  sends: 'client id + HMAC-SHA256 signature made with the client secret (grant client_signature: the secret is never sent)',
  call: 'GET /api/v2/public/auth (grant_type=client_signature)',
  needs: [['id', 'secret']],
  async verify(c: Credential, http: Http): Promise<VerifyAnswer> {
    const { id, secret } = needParts(c, ['id', 'secret']);
    const timestamp = String(Math.round(http.now()));
    const nonce = nonceHex(8);
    const signature = hmacHex('sha256', secret, `${timestamp}\n${nonce}\n`);
    const query = new URLSearchParams({ grant_type: 'client_signature', client_id: id, timestamp, nonce, data: '', signature });
    const res = await http.request('deribit', { path: `/api/v2/public/auth?${query}` });
    serverError(res, 'Deribit');
    const j = res.json as { result?: { scope?: unknown }; error?: { code?: unknown; message?: unknown } } | undefined;
    if (j?.error) {
      const code = Number(j.error.code);
      const message = excerpt(j.error.message);
      if (code === 13004 || code === 13009 || /invalid_credentials|unauthorized/i.test(message)) return { status: 'invalid', message: `Deribit rejected the credentials (${code} ${message})` };
      if (code === 10028 || /too_many_requests/i.test(message)) throw new VerifyUnknown('rate limit', `Deribit answered ${code} ${message}`);
      if (/timestamp|expired/i.test(message)) throw new VerifyUnknown('clock skew', `Deribit: ${message}`);
      throw new VerifyUnknown('unexpected answer', `Deribit answered error ${code} ${message}`);
    }
    const scope = typeof j?.result?.scope === 'string' ? j.result.scope : undefined;
    if (res.status !== 200 || scope === undefined) throw new VerifyUnknown('unexpected answer', `Deribit answered HTTP ${res.status}`);
    const permissions = deribitRights(scope);
    return { status: 'live', message: `live Deribit key${permissions.includes('withdraw') ? ' that can withdraw' : ''}`, permissions, account: { scope: excerpt(scope, 200) } };
  },
};
