// CryptoCompare (now CoinDesk Data): GET /admin/v2/rate/limit on data-api.coindesk.com with `Authorization: Apikey
// <key>`, which reads the key's own call allowance (changes nothing) and answers it under Data.API_KEY; 401 means not
// valid. A 200 without Data.API_KEY did not take the key as one (anonymous use): unexpected, not live.
// https://developers.coindesk.com/documentation/data-api/admin_v2_rate_limit
import { facts, field, tokenVerifier } from './token.js';

export const cryptocompare = tokenVerifier({
  provider: 'cryptocompare',
  name: 'CryptoCompare',
  endpoints: { cryptocompare: 'https://data-api.coindesk.com' },
  sends: 'key in the Authorization header (Apikey scheme)',
  call: 'GET /admin/v2/rate/limit',
  request: (t) => ['cryptocompare', { path: '/admin/v2/rate/limit', headers: { authorization: `Apikey ${t}` } }],
  invalid: (res) => res.status === 401 || res.status === 403,
  live: (res) => res.status === 200 && typeof field(res, 'Data', 'API_KEY') === 'object' && field(res, 'Data', 'API_KEY') !== null,
  facts: (res) => ({
    account: facts({
      callsThisMonth: field(res, 'Data', 'API_KEY', 'USED', 'MONTH'),
      monthlyLimit: field(res, 'Data', 'API_KEY', 'MAX', 'MONTH'),
      callsLeftThisMonth: field(res, 'Data', 'API_KEY', 'REMAINING', 'MONTH'),
    }),
  }),
});
