// Market-data and node-provider keys as they appear in dashboards' configs, RPC URLs, Hardhat/Foundry configs and
// HTTP clients. URL and header shapes follow each provider's quick-start docs.

import { zuploKey } from '../../src/fakes/index.js';
import type { Corpus } from './builder.js';
import { objectId } from './exchanges.js';

export function dataAndNodes(c: Corpus): void {
  const d = (accept: string | string[], v: string): string => c.key('crypto-data', accept, v);
  const n = (accept: string | string[], v: string): string => c.key('crypto-nodes', accept, v);

  // --- Market data -------------------------------------------------------------------------------------------
  c.file(
    'dashboard/src/prices.ts',
    `import axios from 'axios';\n\nconst cg = axios.create({\n  baseURL: 'https://pro-api.coingecko.com/api/v3',\n  headers: { 'x-cg-pro-api-key': '${d('coingecko-*', `CG-${c.chars('alnum', 24)}`)}' },\n});\n\nexport const simplePrice = (ids: string[]) => cg.get('/simple/price', { params: { ids: ids.join(','), vs_currencies: 'usd' } });\n`,
  );
  c.file('dashboard/.env.local', `NEXT_PUBLIC_COINGECKO_API_KEY=${d('coingecko-*', `CG-${c.chars('alnum', 24)}`)}\nCMC_PRO_API_KEY=${d('coinmarketcap-*', c.uuid())}\n`);
  c.file(
    'dashboard/cmc.py',
    `import requests\n\nurl = 'https://pro-api.coinmarketcap.com/v1/cryptocurrency/listings/latest'\nparameters = {'start': '1', 'limit': '5000', 'convert': 'USD'}\nheaders = {\n    'Accepts': 'application/json',\n    'X-CMC_PRO_API_KEY': '${d('coinmarketcap-*', c.uuid())}',\n}\nsession = requests.Session()\nsession.headers.update(headers)\n`,
  );
  c.file(
    'dashboard/coingecko_demo.sh',
    `curl -X GET "https://api.coingecko.com/api/v3/ping?x_cg_demo_api_key=${d('coingecko-*', `CG-${c.chars('alnum', 24)}`)}"\n`,
  );
  c.file(
    'dashboard/cryptocompare.js',
    `const res = await fetch('https://min-api.cryptocompare.com/data/price?fsym=BTC&tsyms=USD', {\n  headers: { authorization: 'Apikey ${d('cryptocompare-*', c.hex(64))}' },\n});\n`,
  );
  c.file(
    'analytics/config.yaml',
    `providers:\n  messari:\n    api_key: ${d('messari-*', c.chars('b64url', 44))}\n  glassnode:\n    api_key: ${d('glassnode-*', c.chars('alnum', 27))}\n  dune:\n    api_key: ${d('dune-*', c.chars('alnum', 32))}\n  coinapi:\n    api_key: ${d('coinapi-*', c.uuid().toUpperCase())}\n`,
  );
  c.file(
    'analytics/dune_query.py',
    `from dune_client.client import DuneClient\n\ndune = DuneClient(api_key="${d('dune-*', c.chars('alnum', 32))}")\nresults = dune.get_latest_result(3493826)\n`,
  );
  c.file(
    'analytics/.env',
    `NANSEN_API_KEY=${d('nansen-*', c.chars('alnum', 32))}\nTOKEN_METRICS_API_KEY=${d('tokenmetrics-*', `tm-${c.uuid()}`)}\nAMBERDATA_API_KEY=${d('amberdata-*', `UAK${c.chars('alnum', 32)}`)}\nCOVALENT_API_KEY=${d('covalent-*', `cqt_${c.chars('alnum', 28)}`)}\nKAIKO_API_KEY=${d('kaiko-*', c.chars('alnum', 40))}\n`,
  );
  c.file(
    'analytics/goldrush.ts',
    `import { GoldRushClient } from '@covalenthq/client-sdk';\n\nconst client = new GoldRushClient('${d('covalent-*', `cqt_${c.chars('alnum', 28)}`)}');\n`,
  );
  c.file(
    'analytics/bitquery.py',
    `headers = {\n    'Content-Type': 'application/json',\n    'X-API-KEY': '${d('bitquery-*', `BQY${c.chars('alnum', 29)}`)}',\n}\nr = requests.post('https://graphql.bitquery.io', json={'query': query}, headers=headers)\n`,
  );
  c.file(
    'subgraph/client.ts',
    `export const SUBGRAPH_URL =\n  'https://gateway.thegraph.com/api/${d('thegraph-*', c.hex(32))}/subgraphs/id/5zvR82QoaXYFyDEKLZ9t6v9adgnptxYpKpSbxtgVENFV';\n`,
  );

  // --- Node and chain APIs -----------------------------------------------------------------------------------
  c.file(
    'contracts/hardhat.config.ts',
    `import { HardhatUserConfig } from 'hardhat/config';\nimport '@nomicfoundation/hardhat-toolbox';\n\nconst config: HardhatUserConfig = {\n  solidity: '0.8.24',\n  networks: {\n    sepolia: {\n      url: 'https://sepolia.infura.io/v3/${n('infura-*', c.hex(32))}',\n    },\n    mainnet: {\n      url: 'https://eth-mainnet.g.alchemy.com/v2/${n('alchemy-*', c.chars('b64url', 32))}',\n    },\n  },\n  etherscan: {\n    apiKey: '${n('etherscan-*', c.chars('ALNUM', 34))}',\n  },\n};\n\nexport default config;\n`,
  );
  c.file(
    'contracts/foundry.toml',
    `[profile.default]\nsrc = "src"\nout = "out"\nlibs = ["lib"]\n\n[rpc_endpoints]\nmainnet = "https://${c.pick(['wiser', 'young', 'silent'])}-${c.pick(['frosty', 'dark', 'bold'])}-${c.pick(['pond', 'meadow', 'river'])}.quiknode.pro/${n('quicknode-*', c.hex(40))}/"\narbitrum = "https://rpc.ankr.com/arbitrum/${n('ankr-*', c.hex(64))}"\n\n[etherscan]\nmainnet = { key = "${n('etherscan-*', c.chars('ALNUM', 34))}" }\n`,
  );
  c.file(
    'web/.env',
    `NEXT_PUBLIC_ALCHEMY_API_KEY=${n('alchemy-*', c.chars('b64url', 32))}\nINFURA_PROJECT_ID=${n('infura-*', c.hex(32))}\nINFURA_PROJECT_SECRET=${n('infura-*', c.hex(32))}\nETHERSCAN_API_KEY=${n('etherscan-*', c.chars('ALNUM', 34))}\nBSCSCAN_API_KEY=${n('etherscan-*', c.chars('ALNUM', 34))}\n`,
  );
  c.file(
    'web/src/wagmi.ts',
    `import { http, createConfig } from 'wagmi';\nimport { mainnet, polygon } from 'wagmi/chains';\n\nexport const config = createConfig({\n  chains: [mainnet, polygon],\n  transports: {\n    [mainnet.id]: http('https://mainnet.infura.io/v3/${n('infura-*', c.hex(32))}'),\n    [polygon.id]: http('https://polygon-mainnet.g.alchemy.com/v2/${n('alchemy-*', c.chars('b64url', 32))}'),\n  },\n});\n`,
  );
  c.file(
    'web/src/alchemy.ts',
    `import { Alchemy, Network } from 'alchemy-sdk';\n\nconst settings = {\n  apiKey: '${n('alchemy-*', c.chars('b64url', 32))}',\n  network: Network.ETH_MAINNET,\n};\nexport const alchemy = new Alchemy(settings);\n`,
  );
  c.file(
    'solana-app/src/rpc.ts',
    `import { Connection, clusterApiUrl } from '@solana/web3.js';\n\nexport const connection = new Connection('https://mainnet.helius-rpc.com/?api-key=${n('helius-*', c.uuid())}', 'confirmed');\n`,
  );
  c.file(
    'indexer/settings.json',
    `{\n  "rpc": {\n    "ethereum": "https://nd-${c.chars('digits', 3)}-${c.chars('digits', 3)}-${c.chars('digits', 3)}.p2pify.com/${n('chainstack-*', c.hex(32))}",\n    "bsc": "https://go.getblock.io/${n('getblock-*', c.hex(32))}/",\n    "polygon": "https://rpc.ankr.com/polygon/${n('ankr-*', c.hex(64))}"\n  },\n  "moralisApiKey": "${n('moralis-*', moralisKey(c))}",\n  "blockcypherToken": "${n('blockcypher-*', c.hex(32))}"\n}\n`,
  );
  c.file(
    'indexer/moralis.js',
    `const Moralis = require('moralis').default;\n\nawait Moralis.start({\n  apiKey: '${n('moralis-*', moralisKey(c))}',\n});\n`,
  );
  c.file(
    'indexer/tatum.sh',
    `curl --request GET \\\n  --url 'https://api.tatum.io/v3/ethereum/account/balance/0x3f5CE5FBFe3E9af3971dD833D26bA9b5C936f0bE' \\\n  --header 'x-api-key: ${n('tatum-*', `t-${objectId(c)}-${c.hex(24)}`)}'\n`,
  );
  c.file(
    'indexer/blockdaemon.py',
    `import requests\n\nBLOCKDAEMON_API_KEY = "${n('blockdaemon-*', zuploKey(c.rng))}"\nr = requests.get('https://svc.blockdaemon.com/universal/v1/ethereum/mainnet/sync/block_number',\n                 headers={'Authorization': f'Bearer {BLOCKDAEMON_API_KEY}'})\n`,
  );
  c.file(
    'indexer/etherscan.py',
    `import requests\nAPI = "https://api.etherscan.io/v2/api?chainid=1&module=account&action=txlist&address={}&sort=asc&apikey=${n('etherscan-*', c.chars('ALNUM', 34))}"\n`,
  );
  c.file(
    'indexer/ws.go',
    `package main\n\nconst wsURL = "wss://mainnet.infura.io/ws/v3/${n('infura-*', c.hex(32))}"\n`,
  );
}

/** A Moralis v2 key: an HS256 JWT whose payload starts with a nonce claim. */
function moralisKey(c: Corpus): string {
  const h = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const p = Buffer.from(
    JSON.stringify({ nonce: c.uuid(), orgId: String(100000 + c.int(800000)), userId: String(100000 + c.int(800000)), typeId: c.uuid(), type: 'PROJECT', iat: 1690000000 + c.int(50000000), exp: 4860000000 + c.int(1000000) }),
  ).toString('base64url');
  return `${h}.${p}.${c.chars('b64url', 43)}`;
}

