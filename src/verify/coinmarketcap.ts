// CoinMarketCap: GET /v1/key/info with the key in X-CMC_PRO_API_KEY: the plan's limits and this month's usage;
// 401 (error_code 1001, invalid key) means not valid.
// https://coinmarketcap.com/api/documentation/v1/#operation/getV1KeyInfo
import { facts, field, tokenVerifier } from './token.js';

export const coinmarketcap = tokenVerifier({
  provider: 'coinmarketcap',
  name: 'CoinMarketCap',
  endpoints: { coinmarketcap: 'https://pro-api.coinmarketcap.com' },
  sends: 'key in the X-CMC_PRO_API_KEY header',
  call: 'GET /v1/key/info',
  request: (t) => ['coinmarketcap', { path: '/v1/key/info', headers: { 'X-CMC_PRO_API_KEY': t } }],
  invalid: (res) => res.status === 401 || [1001, 1002].includes(Number(field(res, 'status', 'error_code'))),
  facts: (res) => ({
    account: facts({
      creditLimitMonthly: field(res, 'data', 'plan', 'credit_limit_monthly'),
      rateLimitPerMinute: field(res, 'data', 'plan', 'rate_limit_minute'),
      creditsUsedThisMonth: field(res, 'data', 'usage', 'current_month', 'credits_used'),
      creditsLeftThisMonth: field(res, 'data', 'usage', 'current_month', 'credits_left'),
    }),
  }),
});
