// Slack: POST /api/auth.test with the token as a bearer token (a read: it only describes the token); ok:false with
// invalid_auth, token_revoked, account_inactive or not_authed means not valid. Scopes come in X-OAuth-Scopes.
// Webhook URLs are not checked: an incoming webhook takes one call, a POST that posts its payload to the channel (a
// change anyone in the channel sees), and Slack documents no read-only check for it; sending a deliberately broken
// payload to read the error would rely on undocumented behaviour to avoid posting.
// https://api.slack.com/methods/auth.test
import { facts, field, bearer, tokenVerifier } from './token.js';

export const slack = tokenVerifier({
  provider: 'slack',
  name: 'Slack',
  endpoints: { slack: 'https://slack.com' },
  sends: 'token as a bearer token',
  call: 'POST /api/auth.test',
  refuse: (t) =>
    /^xox[a-z]-/.test(t)
      ? null
      : 'keyhound checks Slack tokens (xox…-), not webhook URLs: a webhook takes only a POST, which posts a message, and has no read-only check',
  request: (t) => ['slack', { method: 'POST', path: '/api/auth.test', headers: bearer(t) }],
  invalid: (res) => res.status === 401 || (field(res, 'ok') === false && /invalid_auth|token_revoked|token_expired|account_inactive|not_authed/.test(String(field(res, 'error')))),
  live: (res) => res.status === 200 && field(res, 'ok') === true,
  facts: (res) => {
    const scopes = res.headers.get('x-oauth-scopes');
    return {
      ...(scopes !== null ? { permissions: scopes.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
      account: facts({ team: field(res, 'team'), user: field(res, 'user'), bot: typeof field(res, 'bot_id') === 'string' }),
    };
  },
});
