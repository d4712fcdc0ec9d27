// Helius (Solana RPC): a JSON-RPC getHealth on mainnet.helius-rpc.com with the key in the `api-key` query parameter,
// as documented (it reads the node's health, changes nothing); 401 or 403 (invalid key, or an IP/domain rule of the
// key that excludes this machine) means not usable from here.
// https://www.helius.dev/docs/api-reference/authentication  https://www.helius.dev/docs/api-reference/rpc/http/gethealth
import { tokenVerifier } from './token.js';

export const helius = tokenVerifier({
  provider: 'helius',
  name: 'Helius',
  endpoints: { helius: 'https://mainnet.helius-rpc.com' },
  sends: 'key in the api-key query parameter, as the API requires',
  call: 'POST /?api-key=<key> getHealth',
  request: (t) => [
    'helius',
    { method: 'POST', path: `/?api-key=${encodeURIComponent(t)}`, headers: { 'content-type': 'application/json' }, body: '{"jsonrpc":"2.0","id":"1","method":"getHealth"}' },
  ],
  invalid: (res) => res.status === 401 || res.status === 403,
  // An unhealthy node still answers 200 with a JSON-RPC error: the key was accepted.
  live: (res) => res.status === 200,
  facts: () => ({ account: { network: 'solana-mainnet' } }),
});
