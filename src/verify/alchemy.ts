// Alchemy: a JSON-RPC eth_blockNumber on eth-mainnet.g.alchemy.com/v2/<key> (the key is in the path, as documented);
// 401 ("Must be authenticated!") or 403 means not valid.
// https://www.alchemy.com/docs/reference/api-overview
import { field, tokenVerifier } from './token.js';

export const alchemy = tokenVerifier({
  provider: 'alchemy',
  name: 'Alchemy',
  endpoints: { alchemy: 'https://eth-mainnet.g.alchemy.com' },
  sends: 'key in the URL path, as the API requires',
  call: 'POST /v2/<key> eth_blockNumber',
  request: (t) => [
    'alchemy',
    { method: 'POST', path: `/v2/${encodeURIComponent(t)}`, headers: { 'content-type': 'application/json' }, body: '{"jsonrpc":"2.0","method":"eth_blockNumber","params":[],"id":1}' },
  ],
  invalid: (res) => res.status === 401 || res.status === 403,
  live: (res) => res.status === 200 && typeof field(res, 'result') === 'string',
});
