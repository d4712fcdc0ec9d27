// Etherscan (API V2, one key for its chains): GET /v2/api?chainid=1&module=stats&action=ethprice&apikey=KEY — the API
// takes the key in the query, as documented. status "1": live; status "0" with "Invalid API Key": not valid.
// https://docs.etherscan.io/etherscan-v2/getting-started/creating-an-account  https://docs.etherscan.io/api-endpoints/stats-1
import { field, tokenVerifier } from './token.js';

export const etherscan = tokenVerifier({
  provider: 'etherscan',
  name: 'Etherscan',
  endpoints: { etherscan: 'https://api.etherscan.io' },
  sends: 'key in the query string, as the API requires',
  call: 'GET /v2/api?chainid=1&module=stats&action=ethprice',
  request: (t) => ['etherscan', { path: `/v2/api?chainid=1&module=stats&action=ethprice&apikey=${encodeURIComponent(t)}` }],
  invalid: (res) => res.status === 401 || (field(res, 'status') === '0' && /invalid api key/i.test(String(field(res, 'result')))),
  live: (res) => res.status === 200 && field(res, 'status') === '1',
});
