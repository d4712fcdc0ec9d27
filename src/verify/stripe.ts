// Stripe: GET /v1/balance with the secret or restricted key as a bearer token: 200 live (and whether it is a live-mode
// key), 403 a restricted key without that right (still live), 401 not valid. Webhook secrets and client secrets
// cannot be checked this way.
// https://docs.stripe.com/api/authentication  https://docs.stripe.com/api/balance/balance_retrieve
import { facts, field, bearer, tokenVerifier } from './token.js';

export const stripe = tokenVerifier({
  provider: 'stripe',
  name: 'Stripe',
  endpoints: { stripe: 'https://api.stripe.com' },
  sends: 'key as a bearer token',
  call: 'GET /v1/balance',
  refuse: (t) => (/^(sk|rk)_/.test(t) ? null : 'keyhound checks Stripe secret and restricted keys (sk_, rk_), not webhook or client secrets'),
  request: (t) => ['stripe', { path: '/v1/balance', headers: bearer(t) }],
  live: (res) => res.status === 200 || res.status === 403,
  facts: (res) =>
    res.status === 403
      ? { message: 'live Stripe restricted key (it may not read the balance)', account: { restricted: true } }
      : { account: facts({ livemode: field(res, 'livemode') }) },
});
