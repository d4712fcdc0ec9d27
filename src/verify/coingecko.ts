// CoinGecko: a Pro key is checked with GET /api/v3/key on pro-api.coingecko.com (x-cg-pro-api-key), which tells its
// plan, rate limit and monthly credits; a key the Pro API refuses is tried as a Demo key with GET /api/v3/ping on
// api.coingecko.com (x-cg-demo-api-key). Refused by both: not valid.
// https://docs.coingecko.com/reference/api-usage  https://docs.coingecko.com/v3.0.1/reference/authentication
import type { Credential, Http, Verifier, VerifyAnswer } from './types.js';
import { facts, field } from './token.js';
import { mainValue, serverError } from './util.js';
import { VerifyUnknown } from './types.js';

export const coingecko: Verifier = {
  provider: 'coingecko',
  endpoints: { coingecko: 'https://pro-api.coingecko.com', 'coingecko-demo': 'https://api.coingecko.com' },
  sends: 'key in the x-cg-pro-api-key (then x-cg-demo-api-key) header',
  call: 'GET /api/v3/key (Pro), then GET /api/v3/ping (Demo)',
  async verify(c: Credential, http: Http): Promise<VerifyAnswer> {
    const key = mainValue(c, 'key');
    const pro = await http.request('coingecko', { path: '/api/v3/key', headers: { 'x-cg-pro-api-key': key } });
    serverError(pro, 'CoinGecko');
    if (pro.status === 200) {
      return {
        status: 'live',
        message: 'live CoinGecko Pro key',
        account: facts({
          plan: field(pro, 'plan'),
          rateLimitPerMinute: field(pro, 'rate_limit_request_per_minute'),
          monthlyCredits: field(pro, 'monthly_call_credit'),
          creditsUsed: field(pro, 'current_total_monthly_calls'),
          creditsLeft: field(pro, 'current_remaining_monthly_calls'),
        }),
      };
    }
    if (![400, 401, 403].includes(pro.status)) throw new VerifyUnknown('unexpected answer', `CoinGecko answered HTTP ${pro.status}`);
    const demo = await http.request('coingecko-demo', { path: '/api/v3/ping', headers: { 'x-cg-demo-api-key': key } });
    serverError(demo, 'CoinGecko');
    if (demo.status === 200) return { status: 'live', message: 'live CoinGecko Demo key', account: { plan: 'demo' } };
    if ([400, 401, 403].includes(demo.status)) return { status: 'invalid', message: `CoinGecko refused the key as a Pro and as a Demo key (HTTP ${pro.status}, ${demo.status})` };
    throw new VerifyUnknown('unexpected answer', `CoinGecko answered HTTP ${demo.status}`);
  },
};
