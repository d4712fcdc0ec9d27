// Second round: the configs of popular open-source bots and SDK READMEs' own usage, and crypto-code look-alikes
// that name things "token" or "secret" without holding one.

import { base58Encode } from '../../src/detect/validators/util/base58.js';
import { bip39BadMnemonic, bip39Mnemonic, randBytes } from '../../src/fakes/index.js';
import type { Corpus } from './builder.js';

export function morePositives(c: Corpus): void {
  const k = (accept: string | string[], v: string): string => c.key('crypto-exchanges', accept, v);
  const a64 = (): string => c.chars('alnum', 64);
  // freqtrade config.json: "exchange": { "name": ..., "key": ..., "secret": ... } (freqtrade docs, Configuration).
  c.file(
    'freqtrade/user_data/config.json',
    `{\n  "max_open_trades": 3,\n  "stake_currency": "USDT",\n  "exchange": {\n    "name": "binance",\n    "key": "${k('binance-*', a64())}",\n    "secret": "${k('binance-*', a64())}",\n    "ccxt_config": {},\n    "pair_whitelist": ["BTC/USDT", "ETH/USDT"]\n  },\n  "telegram": { "enabled": false }\n}\n`,
  );
  c.file(
    'freqtrade/user_data/config-okx.json',
    `{\n  "exchange": {\n    "name": "okx",\n    "key": "${k('okx-*', c.uuid())}",\n    "secret": "${k('okx-*', c.chars('HEX', 32))}",\n    "password": "${k('okx-*', c.passphrase())}"\n  }\n}\n`,
  );
  // PHP ccxt, go-binance, node-binance-api, binance-api-node (each library's README usage).
  c.file(
    'php/bot.php',
    `<?php\n$exchange = new \\ccxt\\binance(array(\n    'apiKey' => '${k(['binance-*', 'ccxt-*'], a64())}',\n    'secret' => '${k(['binance-*', 'ccxt-*'], a64())}',\n));\nvar_dump($exchange->fetch_balance());\n`,
  );
  c.file(
    'go-bot/main.go',
    `package main\n\nimport "github.com/adshao/go-binance/v2"\n\nfunc main() {\n\tclient := binance.NewClient("${k('binance-*', a64())}", "${k('binance-*', a64())}")\n\t_ = client\n}\n`,
  );
  c.file(
    'node-bot/index.js',
    `const Binance = require('node-binance-api');\nconst binance = new Binance().options({\n  APIKEY: '${k('binance-*', a64())}',\n  APISECRET: '${k('binance-*', a64())}',\n});\n`,
  );
  c.file(
    'node-bot/client.mjs',
    `import Binance from 'binance-api-node';\n\nconst client = Binance({\n  apiKey: '${k('binance-*', a64())}',\n  apiSecret: '${k('binance-*', a64())}',\n});\n`,
  );
  c.file(
    'jesse/.env',
    `BINANCE_PERPETUAL_FUTURES_API_KEY='${k('binance-*', a64())}'\nBINANCE_PERPETUAL_FUTURES_API_SECRET='${k('binance-*', a64())}'\n`,
  );
  c.file(
    'bots/export.sh',
    `export BYBIT_API_KEY="${k('bybit-*', c.chars('alnum', 18))}"\nexport BYBIT_API_SECRET="${k('bybit-*', c.chars('alnum', 36))}"\nexport KRAKEN_API_KEY='${k('kraken-*', Buffer.from(randBytes(42, c.rng)).toString('base64'))}'\n`,
  );
}

/** Seed phrases written as lists: numbered lines in a backup note, a JSON array, comma-separated. */
export function mnemonicLists(c: Corpus): void {
  const m = (n: number): string => bip39Mnemonic(n, c.rng);
  const numbered = (s: string): string => s.split(' ').map((w, i) => `${i + 1}. ${w}`).join('\n');
  {
    const s = numbered(m(12));
    c.key('wallets', 'bip39-*', s.split('\n')[0]!);
    c.file('backup/ledger-recovery.txt', `Ledger recovery sheet\n\nRecovery phrase (12 words):\n${s}\n\nPIN hint: birthday\n`);
  }
  {
    const words = m(24).split(' ');
    c.key('wallets', 'bip39-*', `"${words[0]}"`.slice(1, -1) + '", "' + words[1]);
    c.file('backup/seed.json', `{\n  "label": "cold wallet",\n  "seed": [${words.map((w) => `"${w}"`).join(', ')}]\n}\n`);
  }
  {
    const s = m(12).split(' ').join(', ');
    c.key('wallets', 'bip39-*', s);
    c.file('backup/NOTES.md', `## Wallet\n\nmnemonic words: ${s}\n`);
  }
  c.neg('backup/template.txt', `Recovery phrase:\n${numbered(bip39BadMnemonic(12, c.rng))}\n`);
}

export function moreNegatives(c: Corpus): void {
  const addr = (): string => `0x${c.hex(40)}`;
  c.neg(
    'dex/.env',
    `TOKEN_ADDRESS=${addr()}\nUSDC_TOKEN_ADDRESS=${addr()}\nROUTER_ADDRESS=${addr()}\nTOKEN_MINT=${base58Encode(randBytes(32, c.rng))}\nPROGRAM_ID=${base58Encode(randBytes(32, c.rng))}\nCHAIN_ID=8453\n`,
  );
  c.neg(
    'dex/swap.ts',
    `const tokenContract = '${addr()}';\nconst secretHash = '0x${c.hex(64)}'; // HTLC hashlock, public by design\nconst signature = '0x${c.hex(130)}';\nconst txHash = '0x${c.hex(64)}';\nconst tokenId = '${c.chars('digits', 30)}';\nexport const config = { tokenContract, secretHash, signature, txHash, tokenId };\n`,
  );
  c.neg(
    'docs/binance-signing.md',
    // Binance's own documentation example key pair (public, printed in the SIGNED endpoint examples).
    `Example from the Binance docs:\n\n| apiKey | vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A |\n| secretKey | NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j |\n`,
  );
  c.neg(
    'infra/variables.tf',
    `variable "binance_api_key" {\n  type      = string\n  sensitive = true\n  default   = ""\n}\n\nvariable "private_key" {\n  type = string\n}\n`,
  );
  c.neg('hardhat.mnemonic.config.js', `module.exports = { networks: { sepolia: { accounts: { mnemonic: process.env.MNEMONIC } } } };\n`);
  c.neg(
    'docs/api.md',
    `curl -H "Authorization: Bearer <token>" -H "X-MBX-APIKEY: \${API_KEY}" https://api.example.com\ncurl -H "OK-ACCESS-KEY: {{okx_key}}" -H "OK-ACCESS-PASSPHRASE: <passphrase>"\nBINANCE_API_KEY=vmPUZE6m…h8A (masked)\n`,
  );
}
