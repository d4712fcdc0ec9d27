// Twilio: GET /2010-04-01/Accounts/{AccountSid}.json on api.twilio.com with HTTP Basic auth (account SID : auth
// token), a read of the account's own record; 401 (code 20003) means the pair is not valid. The record also holds the
// auth token itself: only its status, type and whether it is a subaccount are kept.
// https://www.twilio.com/docs/iam/api/account  https://www.twilio.com/docs/usage/requests-to-twilio
import type { Credential, Http, Verifier, VerifyAnswer } from './types.js';
import { VerifyUnknown } from './types.js';
import { facts, field } from './token.js';
import { needParts, serverError } from './util.js';

export const twilio: Verifier = {
  provider: 'twilio',
  endpoints: { twilio: 'https://api.twilio.com' },
  sends: 'account SID + auth token as HTTP Basic auth',
  call: 'GET /2010-04-01/Accounts/{AccountSid}.json',
  needs: [['sid', 'token']],
  async verify(c: Credential, http: Http): Promise<VerifyAnswer> {
    const { sid, token } = needParts(c, ['sid', 'token']);
    if (!/^AC[0-9a-fA-F]{32}$/.test(sid)) throw new VerifyUnknown('missing part', 'the account SID beside the token is not an AC… SID');
    const res = await http.request('twilio', {
      path: `/2010-04-01/Accounts/${sid}.json`,
      headers: { authorization: `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`, accept: 'application/json' },
    });
    serverError(res, 'Twilio');
    if (res.status === 401 || res.status === 403 || res.status === 404) return { status: 'invalid', message: `Twilio rejected the account SID and auth token (HTTP ${res.status})` };
    if (res.status === 429) throw new VerifyUnknown('rate limit', 'Twilio answered HTTP 429');
    if (res.status !== 200) throw new VerifyUnknown('unexpected answer', `Twilio answered HTTP ${res.status}`);
    const status = field(res, 'status');
    const owner = field(res, 'owner_account_sid');
    return {
      status: 'live',
      message: `live Twilio auth token${status && status !== 'active' ? ` (account ${String(status)})` : ''}`,
      account: facts({ status, type: field(res, 'type'), subaccount: typeof owner === 'string' ? owner !== sid : undefined }),
    };
  },
};
