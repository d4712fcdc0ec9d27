// Exchange credentials as developers write them: .env files, ccxt and official SDK constructors, signed-request
// headers, YAML/JSON bot configs, Kubernetes Secrets, notebooks. Shapes follow each exchange's API docs.

import { ed25519B64, pem } from '../../src/fakes/index.js';
import type { Corpus } from './builder.js';

const F = 'crypto-exchanges';

/** JSON-escapes a source file into a one-cell Jupyter notebook. */
export function notebook(source: string): string {
  const lines = source.split('\n').map((l, i, a) => (i < a.length - 1 ? `${l}\n` : l));
  return JSON.stringify(
    {
      cells: [
        { cell_type: 'markdown', metadata: {}, source: ['# Backtest notebook\n', 'Pull OHLCV and balances.'] },
        { cell_type: 'code', execution_count: 3, metadata: {}, outputs: [], source: lines },
      ],
      metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );
}

export function exchanges(c: Corpus): void {
  const k = (accept: string | string[], v: string): string => c.key(F, accept, v);
  const b64 = (bytes: number): string => Buffer.from(c.chars('hex', bytes * 2), 'hex').toString('base64');

  // --- Binance -----------------------------------------------------------------------------------------------
  c.file(
    'binance-bot/.env',
    `# Binance spot trading bot\nBINANCE_API_KEY=${k('binance-*', c.chars('alnum', 64))}\nBINANCE_API_SECRET=${k('binance-*', c.chars('alnum', 64))}\nBINANCE_TESTNET=false\nLOG_LEVEL=info\n`,
  );
  c.file(
    'binance-bot/bot.py',
    `import ccxt\nimport pandas as pd\n\nexchange = ccxt.binance({\n    'apiKey': '${k(['binance-*', 'ccxt-*'], c.chars('alnum', 64))}',\n    'secret': '${k(['binance-*', 'ccxt-*'], c.chars('alnum', 64))}',\n    'enableRateLimit': True,\n    'options': {'defaultType': 'future'},\n})\n\nbalance = exchange.fetch_balance()\nprint(balance['USDT'])\n`,
  );
  {
    const key = k('binance-*', c.chars('alnum', 64));
    const sec = k('binance-*', c.chars('alnum', 64));
    c.file(
      'binance-bot/client.py',
      `from binance.client import Client\nfrom binance.enums import *\n\nclient = Client("${key}", "${sec}")\nklines = client.get_historical_klines("BTCUSDT", Client.KLINE_INTERVAL_1HOUR, "1 day ago UTC")\n`,
    );
  }
  c.file(
    'binance-bot/signed_request.py',
    `import hmac, hashlib, time, requests\n\nAPI_KEY = "${k('binance-*', c.chars('alnum', 64))}"\nSECRET = "${k('binance-*', c.chars('alnum', 64))}"  # binance\n\ndef signed_get(path, params):\n    params['timestamp'] = int(time.time() * 1000)\n    q = '&'.join(f"{k}={v}" for k, v in params.items())\n    sig = hmac.new(SECRET.encode(), q.encode(), hashlib.sha256).hexdigest()\n    headers = {'X-MBX-APIKEY': API_KEY}\n    return requests.get(f"https://api.binance.com{path}?{q}&signature={sig}", headers=headers)\n`,
  );
  c.file(
    'binance-bot/config.yaml',
    `exchange:\n  name: binance\n  api_key: "${k('binance-*', c.chars('alnum', 64))}"\n  api_secret: "${k('binance-*', c.chars('alnum', 64))}"\n  recv_window: 5000\nstrategy:\n  pair: ETH/USDT\n  grid_levels: 20\n`,
  );
  c.file(
    'scripts/binance-account.sh',
    `#!/usr/bin/env bash\nset -euo pipefail\nTS=$(date +%s000)\ncurl -s -H "X-MBX-APIKEY: ${k('binance-*', c.chars('alnum', 64))}" \\\n  "https://api.binance.us/api/v3/account?timestamp=$TS&signature=$1"\n`,
  );
  c.file(
    'notebooks/binance-research.ipynb',
    notebook(
      `from binance.spot import Spot\nclient = Spot(api_key="${k('binance-*', c.chars('alnum', 64))}", api_secret="${k('binance-*', c.chars('alnum', 64))}")\nprint(client.account())`,
    ),
  );
  c.file(
    'binance-ts/src/exchange.ts',
    `import { MainClient } from 'binance';\n\nconst client = new MainClient({\n  api_key: '${k('binance-*', c.chars('alnum', 64))}',\n  api_secret: '${k('binance-*', c.chars('alnum', 64))}',\n});\n\nexport async function balances() {\n  return client.getBalances();\n}\n`,
  );

  // --- Coinbase ----------------------------------------------------------------------------------------------
  {
    const name = c.id(F, 'coinbase-*', `organizations/${c.uuid()}/apiKeys/${c.uuid()}`);
    const ec = pem('EC PRIVATE KEY', c.rng);
    const body = k(['coinbase-*', 'private-key'], ec.split('\n')[1]!);
    void body;
    c.file('coinbase/cdp_api_key.json', `${JSON.stringify({ name, privateKey: `${ec}\n` }, null, 2)}\n`);
  }
  {
    const id = c.id(F, 'coinbase-*', c.uuid());
    c.file('coinbase/cdp_api_key_ed25519.json', `${JSON.stringify({ id, privateKey: k('coinbase-*', ed25519B64(c.rng)) }, null, 2)}\n`);
  }
  {
    const name = c.id(F, 'coinbase-*', `organizations/${c.uuid()}/apiKeys/${c.uuid()}`);
    const ec = pem('EC PRIVATE KEY', c.rng);
    k(['coinbase-*', 'private-key'], ec.split('\n')[1]!);
    c.file(
      'coinbase/advanced_trade.py',
      `from coinbase.rest import RESTClient\n\napi_key = "${name}"\napi_secret = "${ec.replace(/\n/g, '\\n')}\\n"\n\nclient = RESTClient(api_key=api_key, api_secret=api_secret)\naccounts = client.get_accounts()\n`,
    );
  }
  c.file(
    'coinbase/.env',
    `COINBASE_API_KEY=${c.id(F, 'coinbase-*', `organizations/${c.uuid()}/apiKeys/${c.uuid()}`)}\nCOINBASE_API_SECRET=${k('coinbase-*', ed25519B64(c.rng))}\n`,
  );
  c.file(
    'coinbase/exchange_client.js',
    `const crypto = require('crypto');\nconst axios = require('axios');\n\nconst key = '${k('coinbase-*', c.hex(32))}';\nconst secret = '${k('coinbase-*', b64(64))}';\nconst passphrase = '${k('coinbase-*', c.chars('lalnum', 11))}';\n\nasync function accounts() {\n  const ts = Date.now() / 1000;\n  const what = ts + 'GET' + '/accounts';\n  const sign = crypto.createHmac('sha256', Buffer.from(secret, 'base64')).update(what).digest('base64');\n  return axios.get('https://api.exchange.coinbase.com/accounts', {\n    headers: {\n      'CB-ACCESS-KEY': key,\n      'CB-ACCESS-SIGN': sign,\n      'CB-ACCESS-TIMESTAMP': ts,\n      'CB-ACCESS-PASSPHRASE': passphrase,\n    },\n  });\n}\n`,
  );
  c.file(
    'coinbase/headers.py',
    `headers = {\n    "CB-ACCESS-KEY": "${k('coinbase-*', c.hex(32))}",\n    "CB-ACCESS-PASSPHRASE": "${k('coinbase-*', c.chars('lalnum', 10))}",\n    "CB-ACCESS-TIMESTAMP": str(int(time.time())),\n}\n`,
  );

  // --- Kraken ------------------------------------------------------------------------------------------------
  c.file(
    'kraken/kraken.key',
    `${k('kraken-*', b64(42))}\n${k('kraken-*', b64(64))}\n`,
  );
  c.file(
    'kraken/trade.js',
    `import ccxt from 'ccxt';\n\nconst kraken = new ccxt.kraken({\n  apiKey: '${k(['kraken-*', 'ccxt-*'], b64(42))}',\n  secret: '${k(['kraken-*', 'ccxt-*'], b64(64))}',\n});\n\nconst ticker = await kraken.fetchTicker('BTC/USD');\nconsole.log(ticker.last);\n`,
  );
  c.file(
    'kraken/.env.production',
    `KRAKEN_API_KEY="${k('kraken-*', b64(42))}"\nKRAKEN_PRIVATE_KEY="${k('kraken-*', b64(64))}"\n`,
  );
  c.file(
    'kraken/krakenex_demo.py',
    `import krakenex\n\napi = krakenex.API(key='${k('kraken-*', b64(42))}', secret='${k('kraken-*', b64(64))}')\nprint(api.query_private('Balance'))\n`,
  );

  // --- OKX ---------------------------------------------------------------------------------------------------
  c.file(
    'okx/.env',
    `OKX_API_KEY=${k('okx-*', c.uuid())}\nOKX_SECRET_KEY=${k('okx-*', c.chars('HEX', 32))}\nOKX_PASSPHRASE=${k('okx-*', c.passphrase())}\nOKX_FLAG=0\n`,
  );
  {
    const key = k(['okx-*'], c.uuid());
    const sec = k(['okx-*'], c.chars('HEX', 32));
    const pp = k(['okx-*'], c.passphrase());
    c.file(
      'okx/trade.py',
      `import okx.Trade as Trade\nimport okx.Account as Account\n\napi_key = "${key}"\nsecret_key = "${sec}"\npassphrase = "${pp}"\nflag = "0"  # live trading\n\naccountAPI = Account.AccountAPI(api_key, secret_key, passphrase, False, flag)\ntradeAPI = Trade.TradeAPI(api_key, secret_key, passphrase, False, flag)\n`,
    );
  }
  c.file(
    'okx/rest.py',
    `import requests, base64, hmac, datetime\n\ndef okx_headers(sign, ts):\n    return {\n        'OK-ACCESS-KEY': '${k('okx-*', c.uuid())}',\n        'OK-ACCESS-SIGN': sign,\n        'OK-ACCESS-TIMESTAMP': ts,\n        'OK-ACCESS-PASSPHRASE': '${k('okx-*', c.passphrase())}',\n        'Content-Type': 'application/json',\n    }\n`,
  );
  c.file(
    'okx/ccxt_okx.ts',
    `import * as ccxt from 'ccxt';\n\nexport const okx = new ccxt.okx({\n  apiKey: '${k(['okx-*', 'ccxt-*'], c.uuid())}',\n  secret: '${k(['okx-*', 'ccxt-*'], c.chars('HEX', 32))}',\n  password: '${k(['okx-*', 'ccxt-*'], c.passphrase())}',\n});\n`,
  );

  // --- Bybit -------------------------------------------------------------------------------------------------
  c.file(
    'bybit/pybit_bot.py',
    `from pybit.unified_trading import HTTP\n\nsession = HTTP(\n    testnet=False,\n    api_key="${k('bybit-*', c.chars('alnum', 18))}",\n    api_secret="${k('bybit-*', c.chars('alnum', 36))}",\n)\nprint(session.get_wallet_balance(accountType="UNIFIED"))\n`,
  );
  c.file(
    'bybit/.env',
    `BYBIT_API_KEY=${k('bybit-*', c.chars('alnum', 18))}\nBYBIT_API_SECRET=${k('bybit-*', c.chars('alnum', 36))}\n`,
  );
  c.file(
    'bybit/rest.ts',
    `import axios from 'axios';\n\nconst apiKey = '${k('bybit-*', c.chars('alnum', 18))}';\n\nexport function get(path: string, sign: string, ts: number) {\n  return axios.get('https://api.bybit.com' + path, {\n    headers: {\n      'X-BAPI-API-KEY': apiKey,\n      'X-BAPI-SIGN': sign,\n      'X-BAPI-TIMESTAMP': String(ts),\n      'X-BAPI-RECV-WINDOW': '5000',\n    },\n  });\n}\n`,
  );
  c.file(
    'bybit/ccxt.py',
    `import ccxt\nbybit = ccxt.bybit({"apiKey": "${k(['bybit-*', 'ccxt-*'], c.chars('alnum', 18))}", "secret": "${k(['bybit-*', 'ccxt-*'], c.chars('alnum', 36))}"})\n`,
  );

  // --- KuCoin ------------------------------------------------------------------------------------------------
  {
    const key = k('kucoin-*', objectId(c));
    const sec = k('kucoin-*', c.uuid());
    const pp = k('kucoin-*', c.passphrase());
    c.file(
      'kucoin/market_maker.py',
      `from kucoin.client import Trade, User\n\napi_key = '${key}'\napi_secret = '${sec}'\napi_passphrase = '${pp}'\n\nclient = Trade(key=api_key, secret=api_secret, passphrase=api_passphrase, is_sandbox=False)\nuser = User(api_key, api_secret, api_passphrase)\n`,
    );
  }
  c.file(
    'kucoin/headers.js',
    `const headers = {\n  'KC-API-KEY': '${k('kucoin-*', objectId(c))}',\n  'KC-API-SIGN': signature,\n  'KC-API-TIMESTAMP': now,\n  'KC-API-PASSPHRASE': passphraseSigned,\n  'KC-API-KEY-VERSION': '2',\n};\n`,
  );
  c.file(
    'kucoin/config.yml',
    `kucoin:\n  key: ${k('kucoin-*', objectId(c))}\n  secret: ${k('kucoin-*', c.uuid())}\n  passphrase: ${k('kucoin-*', c.passphrase())}\n  sandbox: false\n`,
  );
  c.file(
    'kucoin/.env',
    `KUCOIN_API_KEY=${k('kucoin-*', objectId(c))}\nKUCOIN_API_SECRET=${k('kucoin-*', c.uuid())}\nKUCOIN_API_PASSPHRASE=${k('kucoin-*', c.passphrase())}\n`,
  );

  // --- Bitfinex, Bitstamp, Gemini ----------------------------------------------------------------------------
  c.file(
    'bitfinex/.env',
    `BFX_API_KEY=${k('bitfinex-*', c.chars('b64url', 43))}\nBFX_API_SECRET=${k('bitfinex-*', c.chars('b64url', 43))}\n`,
  );
  c.file(
    'bitfinex/client.js',
    `const { RESTv2 } = require('bfx-api-node-rest');\n\nconst rest = new RESTv2({\n  apiKey: '${k('bitfinex-*', c.chars('alnum', 43))}',\n  apiSecret: '${k('bitfinex-*', c.chars('alnum', 43))}',\n  transform: true,\n});\n`,
  );
  c.file(
    'bitstamp/settings.json',
    `{\n  "bitstamp": {\n    "customer_id": "${c.id(F, 'bitstamp-*', c.chars('digits', 6))}",\n    "api_key": "${k('bitstamp-*', c.chars('alnum', 32))}",\n    "api_secret": "${k('bitstamp-*', c.chars('alnum', 32))}"\n  },\n  "poll_seconds": 30\n}\n`,
  );
  c.file(
    'bitstamp/balance.sh',
    `curl -X POST https://www.bitstamp.net/api/v2/balance/ \\\n  -H "X-Auth: BITSTAMP ${k('bitstamp-*', c.chars('alnum', 32))}" \\\n  -H "X-Auth-Signature: $SIG" -H "X-Auth-Nonce: $NONCE" -H "X-Auth-Timestamp: $TS" -H "X-Auth-Version: v2"\n`,
  );
  c.file(
    'gemini/.env',
    `GEMINI_API_KEY=${k('gemini-*', `account-${c.chars('alnum', 20)}`)}\nGEMINI_API_SECRET=${k('gemini-*', c.chars('alnum', 28))}\n`,
  );
  c.file(
    'gemini/orders.py',
    `import requests, json, base64, hmac, hashlib, datetime\n\ngemini_api_key = "${k('gemini-*', `master-${c.chars('alnum', 20)}`)}"\ngemini_api_secret = "${k('gemini-*', c.chars('alnum', 28))}".encode()\n\nurl = "https://api.gemini.com/v1/order/new"\nrequest_headers = {'Content-Type': "text/plain", 'X-GEMINI-APIKEY': gemini_api_key}\n`,
  );

  // --- HTX, Gate, MEXC, Bitget -------------------------------------------------------------------------------
  const htxKey = (): string => `${c.chars('lalnum', 8)}-${c.pick(['qv2d5ctgbn', 'bg5t6ygr6y', 'ez2xc4vb6n', 'dbuqg6hkte'])}-${c.chars('hex', 8)}-${c.chars('hex', 5)}`;
  const htxSecret = (): string => `${c.hex(8)}-${c.hex(8)}-${c.hex(8)}-${c.hex(5)}`;
  c.file('htx/.env', `HUOBI_ACCESS_KEY=${k('htx-*', htxKey())}\nHUOBI_SECRET_KEY=${k('htx-*', htxSecret())}\n`);
  c.file(
    'htx/client.py',
    `from huobi.client.account import AccountClient\n\naccess_key = "${k('htx-*', htxKey())}"\nsecret_key = "${k('htx-*', htxSecret())}"\naccount_client = AccountClient(api_key=access_key, secret_key=secret_key)\n`,
  );
  c.file(
    'gate/gate_bot.py',
    `import gate_api\n\nconfiguration = gate_api.Configuration(\n    host="https://api.gateio.ws/api/v4",\n    key="${k('gate-*', c.hex(32))}",\n    secret="${k('gate-*', c.hex(64))}",\n)\napi_client = gate_api.ApiClient(configuration)\n`,
  );
  c.file('gate/.env', `GATEIO_API_KEY=${k('gate-*', c.hex(32))}\nGATEIO_API_SECRET=${k('gate-*', c.hex(64))}\n`);
  c.file('mexc/.env', `MEXC_API_KEY=${k('mexc-*', `mx0v${c.chars('alnum', 14)}`)}\nMEXC_SECRET_KEY=${k('mexc-*', c.hex(32))}\n`);
  c.file(
    'mexc/spot.js',
    `const Mexc = require('mexc-api-sdk');\nconst client = new Mexc.Spot('${k('mexc-*', `mx0v${c.chars('alnum', 14)}`)}', '${k('mexc-*', c.hex(32))}');\nclient.accountInfo().then(console.log);\n`,
  );
  c.file(
    'bitget/.env',
    `BITGET_API_KEY=${k('bitget-*', `bg_${c.hex(32)}`)}\nBITGET_SECRET_KEY=${k('bitget-*', c.hex(64))}\nBITGET_PASSPHRASE=${k('bitget-*', c.passphrase())}\n`,
  );
  c.file(
    'bitget/rest.go',
    `package bitget\n\nimport "net/http"\n\nconst (\n\tapiKey     = "${k('bitget-*', `bg_${c.hex(32)}`)}"\n\tsecretKey  = "${k('bitget-*', c.hex(64))}"\n)\n\nfunc sign(req *http.Request, s, ts string) {\n\treq.Header.Set("ACCESS-KEY", apiKey)\n\treq.Header.Set("ACCESS-SIGN", s)\n\treq.Header.Set("ACCESS-TIMESTAMP", ts)\n}\n`,
  );

  // --- Deribit, BitMEX, Crypto.com, Upbit, Poloniex ----------------------------------------------------------
  c.file(
    'deribit/auth.py',
    `import requests\n\nparams = {\n    "grant_type": "client_credentials",\n    "client_id": "${c.id(F, 'deribit-*', c.chars('b64url', 8))}",\n    "client_secret": "${k('deribit-*', c.chars('b64url', 43))}",\n}\nr = requests.get("https://www.deribit.com/api/v2/public/auth", params=params)\n`,
  );
  c.file('deribit/.env', `DERIBIT_CLIENT_ID=${c.id(F, 'deribit-*', c.chars('alnum', 8))}\nDERIBIT_CLIENT_SECRET=${k('deribit-*', c.chars('b64url', 43))}\n`);
  c.file(
    'bitmex/market_maker/settings.py',
    `BASE_URL = "https://www.bitmex.com/api/v1/"\n\n# BitMEX API credentials\nAPI_KEY = "${k('bitmex-*', c.chars('b64url', 24))}"\nAPI_SECRET = "${k('bitmex-*', c.chars('b64url', 48))}"\n\nORDER_PAIRS = 6\n`,
  );
  c.file(
    'cryptocom/.env',
    `CRYPTOCOM_API_KEY=${k('cryptocom-*', c.chars('alnum', 22))}\nCRYPTOCOM_API_SECRET=${k('cryptocom-*', c.chars('alnum', 22))}\n`,
  );
  c.file(
    'upbit/upbit.py',
    `import pyupbit\n\naccess = "${k('upbit-*', c.chars('alnum', 40))}"  # upbit access key\nsecret = "${k('upbit-*', c.chars('alnum', 40))}"  # upbit secret key\nupbit = pyupbit.Upbit(access, secret)\nprint(upbit.get_balances())\n`,
  );
  c.file(
    'poloniex/.env',
    `POLONIEX_API_KEY=${k('poloniex-*', [8, 8, 8, 8].map((n) => c.chars('ALNUM', n)).join('-'))}\nPOLONIEX_SECRET=${k('poloniex-*', c.hex(128))}\n`,
  );

  // --- Mixed: docker-compose, k8s Secret, Terraform, GitHub Actions ------------------------------------------
  c.file(
    'deploy/docker-compose.yml',
    `version: "3.9"\nservices:\n  bot:\n    image: ghcr.io/acme/trader:1.4.2\n    environment:\n      - BINANCE_API_KEY=${k('binance-*', c.chars('alnum', 64))}\n      - BINANCE_API_SECRET=${k('binance-*', c.chars('alnum', 64))}\n      - BYBIT_API_KEY=${k('bybit-*', c.chars('alnum', 18))}\n      - BYBIT_API_SECRET=${k('bybit-*', c.chars('alnum', 36))}\n    restart: unless-stopped\n`,
  );
  c.file(
    'deploy/k8s/exchange-secret.yaml',
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: exchange-credentials\n  namespace: trading\ntype: Opaque\nstringData:\n  OKX_API_KEY: "${k('okx-*', c.uuid())}"\n  OKX_SECRET_KEY: "${k('okx-*', c.chars('HEX', 32))}"\n  OKX_PASSPHRASE: "${k('okx-*', c.passphrase())}"\n  KUCOIN_API_KEY: "${k('kucoin-*', objectId(c))}"\n  KUCOIN_API_SECRET: "${k('kucoin-*', c.uuid())}"\n`,
  );
  c.file(
    'deploy/terraform.tfvars',
    `region = "eu-west-1"\nkraken_api_key = "${k('kraken-*', b64(42))}"\nkraken_api_secret = "${k('kraken-*', b64(64))}"\ngate_api_key = "${k('gate-*', c.hex(32))}"\n`,
  );
  c.file(
    '.github/workflows/trade.yml',
    `name: nightly-rebalance\non:\n  schedule:\n    - cron: "0 2 * * *"\njobs:\n  run:\n    runs-on: ubuntu-latest\n    env:\n      BINANCE_API_KEY: ${k('binance-*', c.chars('alnum', 64))}\n      BINANCE_API_SECRET: ${k('binance-*', c.chars('alnum', 64))}\n    steps:\n      - uses: actions/checkout@v4\n      - run: python rebalance.py\n`,
  );
  c.file(
    'java/src/main/java/com/acme/BinanceConfig.java',
    `package com.acme;\n\nimport com.binance.connector.client.impl.SpotClientImpl;\n\npublic class BinanceConfig {\n    private static final String API_KEY = "${k('binance-*', c.chars('alnum', 64))}";\n    private static final String SECRET_KEY = "${k('binance-*', c.chars('alnum', 64))}";\n\n    public static SpotClientImpl client() {\n        return new SpotClientImpl(API_KEY, SECRET_KEY);\n    }\n}\n`,
  );
  c.file(
    'rust/src/main.rs',
    `use binance::api::*;\nuse binance::account::*;\n\nfn main() {\n    let api_key = Some("${k('binance-*', c.chars('alnum', 64))}".into());\n    let secret_key = Some("${k('binance-*', c.chars('alnum', 64))}".into());\n    let account: Account = Binance::new(api_key, secret_key);\n}\n`,
  );
}

/** A KuCoin-style key: MongoDB ObjectId with a plausible creation time. */
export function objectId(c: Corpus): string {
  const t = 1546300800 + c.int(1700000000 - 1546300800);
  return t.toString(16).padStart(8, '0') + c.hex(16);
}
