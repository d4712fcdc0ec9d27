// Gemini (the exchange): POST /v1/roles, the key's roles (Auditor, Trader, Fund Manager), with the documented private
// REST authentication: the JSON payload {request, nonce} base64-encoded in X-GEMINI-PAYLOAD, its hex HMAC-SHA384
// under the secret in X-GEMINI-SIGNATURE, an empty body. A Fund Manager key can withdraw.
// https://developer.gemini.com/authentication/api-key  https://developer.gemini.com/roles
import { hmacHex } from './sign.js';
import type { Credential, Http, Verifier, VerifyAnswer } from './types.js';
import { VerifyUnknown } from './types.js';
import { excerpt, needParts, orderPermissions, serverError } from './util.js';

export const gemini: Verifier = {
  provider: 'gemini',
  endpoints: { gemini: 'https://api.gemini.com' },
  sends: 'key (header) + base64 payload and its HMAC-SHA384 signature made with the secret',
  call: 'POST /v1/roles (reads the key\'s roles)',
  needs: [['key', 'secret']],
  async verify(c: Credential, http: Http): Promise<VerifyAnswer> {
    const { key, secret } = needParts(c, ['key', 'secret']);
    const payload = Buffer.from(JSON.stringify({ request: '/v1/roles', nonce: String(Math.round(http.now())) })).toString('base64');
    const res = await http.request('gemini', {
      method: 'POST',
      path: '/v1/roles',
      headers: { 'content-type': 'text/plain', 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': hmacHex('sha384', secret, payload), 'cache-control': 'no-cache' },
      body: '',
    });
    serverError(res, 'Gemini');
    const j = res.json as Record<string, unknown> | undefined;
    if (j?.result === 'error') {
      const reason = excerpt(j.reason);
      if (/nonce/i.test(reason)) throw new VerifyUnknown('clock skew', `Gemini rejected the nonce (${reason})`);
      if (/RateLimit/i.test(reason)) throw new VerifyUnknown('rate limit', `Gemini answered ${reason}`);
      if (/Invalid|Missing|Unauthorized|Signature/i.test(reason)) return { status: 'invalid', message: `Gemini rejected the key (${reason})` };
      throw new VerifyUnknown('unexpected answer', `Gemini answered ${reason}`);
    }
    if (res.status !== 200 || !j) throw new VerifyUnknown('unexpected answer', `Gemini answered HTTP ${res.status}`);
    const permissions = orderPermissions([
      ...(j.isFundManager === true ? ['withdraw', 'transfer'] : []),
      ...(j.isTrader === true ? ['trade'] : []),
      ...(j.isAuditor === true || j.isTrader === true || j.isFundManager === true ? ['read'] : []),
    ]);
    return {
      status: 'live',
      message: `live Gemini key${permissions.includes('withdraw') ? ' with the Fund Manager role (withdrawals)' : ''}`,
      permissions,
      account: { ...(typeof j.counterparty_id === 'string' ? { counterpartyId: j.counterparty_id } : {}) },
    };
  },
};
