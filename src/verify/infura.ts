// Infura: a JSON-RPC eth_blockNumber on mainnet.infura.io/v3/<API key> (the key is in the path, as documented), with
// the API key secret as HTTP Basic auth when it was found too; 401 (invalid project id or secret) means not valid.
// https://docs.metamask.io/services/get-started/infura/  https://docs.metamask.io/services/how-to/use-an-api-key-secret/
import { field, tokenVerifier } from './token.js';

export const infura = tokenVerifier({
  provider: 'infura',
  name: 'Infura',
  endpoints: { infura: 'https://mainnet.infura.io' },
  sends: 'API key in the URL path, as the API requires (and the key secret as Basic auth when found)',
  call: 'POST /v3/<key> eth_blockNumber',
  request: (t, c) => [
    'infura',
    {
      method: 'POST',
      path: `/v3/${encodeURIComponent(t)}`,
      headers: {
        'content-type': 'application/json',
        ...(c.parts.secret ? { authorization: `Basic ${Buffer.from(`:${c.parts.secret}`).toString('base64')}` } : {}),
      },
      body: '{"jsonrpc":"2.0","method":"eth_blockNumber","params":[],"id":1}',
    },
  ],
  invalid: (res) => res.status === 401 || res.status === 403,
  live: (res) => res.status === 200 && typeof field(res, 'result') === 'string',
  facts: () => ({ account: { network: 'mainnet' } }),
});
