// Etherscan and its family (API V2, one key for 60+ chains): GET /v2/api?chainid=1&module=stats&action=ethprice&apikey=
// KEY on api.etherscan.io — the API takes the key in the query, as documented. status "1": live; status "0" with
// "Invalid API Key": not valid.
// Since 15 August 2025 the explorers' own V1 APIs (api.bscscan.com, api.polygonscan.com, ...) are retired in favour of
// V2 on api.etherscan.io, which takes Etherscan keys only: a key found as a BscScan or PolygonScan key is checked
// there too, by the same call. Live: it is an Etherscan key that serves that chain; refused: no API takes it today.
// https://docs.etherscan.io/v2-migration  https://docs.etherscan.io/api-endpoints/stats-1
import type { Verifier } from './types.js';
import { field, tokenVerifier } from './token.js';

/** The Etherscan V2 check for the explorer `provider` (a provider id of the rules), named `name` in messages. */
function explorer(provider: string, name: string): Verifier {
  return tokenVerifier({
    provider,
    name: provider === 'etherscan' ? 'Etherscan' : `Etherscan API V2 (for ${name})`,
    endpoints: { etherscan: 'https://api.etherscan.io' },
    sends: 'key in the query string, as the API requires',
    call: 'GET /v2/api?chainid=1&module=stats&action=ethprice',
    request: (t) => ['etherscan', { path: `/v2/api?chainid=1&module=stats&action=ethprice&apikey=${encodeURIComponent(t)}` }],
    invalid: (res) => res.status === 401 || (field(res, 'status') === '0' && /invalid api key/i.test(String(field(res, 'result')))),
    live: (res) => res.status === 200 && field(res, 'status') === '1',
    facts: () => ({
      message: provider === 'etherscan' ? 'live Etherscan key' : `live Etherscan API V2 key, found as a ${name} key (one key serves every chain)`,
    }),
  });
}

export const etherscan = explorer('etherscan', 'Etherscan');

/** Explorers whose chains Etherscan API V2 serves, by the rules' provider ids. */
export const ETHERSCAN_FAMILY: readonly Verifier[] = [
  explorer('bscscan', 'BscScan'),
  explorer('polygonscan', 'PolygonScan'),
  explorer('arbiscan', 'Arbiscan'),
  explorer('basescan', 'BaseScan'),
  explorer('optimistic-etherscan', 'Optimistic Etherscan'),
  explorer('lineascan', 'LineaScan'),
  explorer('scrollscan', 'ScrollScan'),
  explorer('gnosisscan', 'GnosisScan'),
  explorer('celoscan', 'Celoscan'),
  explorer('moonscan', 'Moonscan'),
  explorer('blastscan', 'BlastScan'),
];
