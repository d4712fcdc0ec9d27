// Moralis (Web3 Data API): the X-API-Key header on a read of one block, the call of Moralis's authentication page;
// 401 means the key is not valid. Both key kinds (JWT keys and legacy 64-character keys) go the same way.
// https://docs.moralis.com/web3-data-api/evm/reference/authentication
import { tokenVerifier } from './token.js';

export const moralis = tokenVerifier({
  provider: 'moralis',
  name: 'Moralis',
  endpoints: { moralis: 'https://deep-index.moralis.io' },
  sends: 'key in the X-API-Key header',
  call: 'GET /api/v2.2/block/15863321?chain=eth',
  request: (t) => ['moralis', { path: '/api/v2.2/block/15863321?chain=eth', headers: { 'X-API-Key': t, accept: 'application/json' } }],
  invalid: (res) => res.status === 401,
});
