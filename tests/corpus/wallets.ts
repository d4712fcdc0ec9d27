// Wallet secrets as they leak: deploy scripts and Hardhat/Foundry configs with a literal key, viem/ethers/web3.py
// code, Solana id.json and base58 exports, seed phrases in backups and READMEs, Bitcoin WIF and xprv in scripts.

import { bip39Mnemonic, evmKey, solanaB58, solanaJson, wif, xprv } from '../../src/fakes/index.js';
import type { Corpus } from './builder.js';

const F = 'wallets';

export function wallets(c: Corpus): void {
  const w = (accept: string | string[], v: string): string => c.key(F, accept, v);
  const pk = (): string => w('evm-private-key', evmKey(c.rng));

  c.file('deployer/.env', `PRIVATE_KEY=${pk()}\nRPC_URL=https://rpc.sepolia.org\nCHAIN_ID=11155111\n`);
  c.file('deployer/.env.mainnet', `DEPLOYER_PRIVATE_KEY=0x${pk()}\n`);
  c.file(
    'deployer/hardhat.config.js',
    `require('@nomicfoundation/hardhat-toolbox');\n\nconst PRIVATE_KEY = '0x${pk()}';\n\nmodule.exports = {\n  solidity: '0.8.20',\n  networks: {\n    base: {\n      url: 'https://mainnet.base.org',\n      accounts: [PRIVATE_KEY],\n    },\n  },\n};\n`,
  );
  c.file(
    'deployer/hardhat.config.ts',
    `import type { HardhatUserConfig } from 'hardhat/config';\n\nconst config: HardhatUserConfig = {\n  solidity: '0.8.24',\n  networks: {\n    arbitrumSepolia: {\n      url: 'https://sepolia-rollup.arbitrum.io/rpc',\n      accounts: ['0x${pk()}'],\n    },\n  },\n};\nexport default config;\n`,
  );
  c.file(
    'deployer/scripts/send.ts',
    `import { ethers } from 'ethers';\n\nconst provider = new ethers.JsonRpcProvider('https://rpc.ankr.com/eth');\nconst wallet = new ethers.Wallet('0x${pk()}', provider);\n\nconst tx = await wallet.sendTransaction({ to: '0x${c.hex(40)}', value: ethers.parseEther('0.01') });\nconsole.log(tx.hash);\n`,
  );
  c.file(
    'deployer/scripts/viem.ts',
    `import { createWalletClient, http } from 'viem';\nimport { privateKeyToAccount } from 'viem/accounts';\nimport { base } from 'viem/chains';\n\nconst account = privateKeyToAccount('0x${pk()}');\nexport const client = createWalletClient({ account, chain: base, transport: http() });\n`,
  );
  c.file(
    'deployer/web3_send.py',
    `from web3 import Web3\nfrom eth_account import Account\n\nw3 = Web3(Web3.HTTPProvider("https://eth.llamarpc.com"))\nacct = Account.from_key("0x${pk()}")\nprint(acct.address)\n`,
  );
  c.file(
    'deployer/deploy.sh',
    `#!/bin/sh\nforge script script/Deploy.s.sol:Deploy \\\n  --rpc-url "$RPC_URL" \\\n  --private-key 0x${pk()} \\\n  --broadcast --verify\n`,
  );
  c.file(
    'deployer/bot/config.json',
    `{\n  "network": "bsc",\n  "wallet": {\n    "address": "0x${c.hex(40)}",\n    "privateKey": "${pk()}"\n  },\n  "slippage": 0.5\n}\n`,
  );
  c.file(
    'deployer/main.go',
    `package main\n\nimport (\n\t"log"\n\n\t"github.com/ethereum/go-ethereum/crypto"\n)\n\nfunc main() {\n\tprivateKey, err := crypto.HexToECDSA("${pk()}")\n\tif err != nil {\n\t\tlog.Fatal(err)\n\t}\n\t_ = privateKey\n}\n`,
  );
  c.file('deployer/notebook.ipynb', JSON.stringify({ cells: [{ cell_type: 'code', source: [`PRIVATE_KEY = "0x${pk()}"\n`, 'acct = w3.eth.account.from_key(PRIVATE_KEY)'] }], nbformat: 4 }, null, 1));

  // --- Solana ------------------------------------------------------------------------------------------------
  c.file('solana/id.json', `${w('solana-secret-key', solanaJson(c.rng))}\n`);
  c.file(
    'solana/src/payer.ts',
    `import { Connection, Keypair, clusterApiUrl } from '@solana/web3.js';\n\nconst connection = new Connection(clusterApiUrl('devnet'), 'confirmed');\nconst payer = Keypair.fromSecretKey(\n  Uint8Array.from(${w('solana-secret-key', JSON.stringify(Array.from(JSON.parse(solanaJson(c.rng)) as number[])).replace(/,/g, ', '))}),\n);\n`,
  );
  c.file(
    'solana/src/bs58.ts',
    `import bs58 from 'bs58';\nimport { Keypair } from '@solana/web3.js';\n\nconst keypair = Keypair.fromSecretKey(bs58.decode('${w('solana-secret-key', solanaB58(c.rng))}'));\n`,
  );
  c.file('solana/.env', `SOLANA_PRIVATE_KEY=${w('solana-secret-key', solanaB58(c.rng))}\n`);

  // --- Seed phrases ------------------------------------------------------------------------------------------
  c.file('backup/wallet-backup.txt', `Metamask backup - do not share\ncreated 2023-04-11\n\n${w('bip39-mnemonic', bip39Mnemonic(12, c.rng))}\n`);
  c.file(
    'backup/README.md',
    `# Test wallet\n\nThe deployer wallet for staging. Recovery phrase:\n\n\`\`\`\n${w('bip39-mnemonic', bip39Mnemonic(24, c.rng))}\n\`\`\`\n`,
  );
  c.file('backup/keys.json', `{\n  "mnemonic": "${w('bip39-mnemonic', bip39Mnemonic(12, c.rng))}",\n  "path": "m/44'/60'/0'/0/0"\n}\n`);
  c.file('backup/.env', `MNEMONIC="${w('bip39-mnemonic', bip39Mnemonic(12, c.rng))}"\nSEED_PHRASE=${w('bip39-mnemonic', bip39Mnemonic(18, c.rng))}\n`);
  c.file(
    'backup/hardhat.mnemonic.js',
    `module.exports = {\n  networks: {\n    goerli: {\n      url: process.env.RPC,\n      accounts: { mnemonic: '${w('bip39-mnemonic', bip39Mnemonic(15, c.rng))}' },\n    },\n  },\n};\n`,
  );
  c.file('backup/ethers-mnemonic.ts', `const wallet = ethers.Wallet.fromPhrase("${w('bip39-mnemonic', bip39Mnemonic(12, c.rng))}");\n`);
  c.file('backup/phrase.txt', `${w('bip39-mnemonic', bip39Mnemonic(21, c.rng))}\n`);

  // --- Bitcoin -----------------------------------------------------------------------------------------------
  c.file(
    'btc/sign.py',
    `from bitcoinlib.keys import Key\n\nk = Key('${w('bitcoin-wif', wif({}, c.rng))}')\nprint(k.address())\n`,
  );
  c.file('btc/.env', `BTC_WIF=${w('bitcoin-wif', wif({ compressed: false }, c.rng))}\nTESTNET_WIF=${w('bitcoin-wif', wif({ testnet: true }, c.rng))}\n`);
  c.file(
    'btc/hd.js',
    `const bip32 = BIP32Factory(ecc);\nconst root = bip32.fromBase58('${w('bip32-extended-private-key', xprv('xprv', c.rng))}');\nconst child = root.derivePath("m/84'/0'/0'/0/0");\n`,
  );
  c.file('btc/electrum.json', `{\n  "keystore": {\n    "type": "bip32",\n    "xprv": "${w('bip32-extended-private-key', xprv('zprv', c.rng))}",\n    "xpub": "zpub6r${c.chars('base58', 105)}"\n  }\n}\n`);

  // --- Keystore v3 (encrypted, medium) -----------------------------------------------------------------------
  c.file(
    'keystore/UTC--2024-03-01T10-22-41.512Z--' + c.hex(40),
    JSON.stringify({
      address: c.hex(40),
      crypto: {
        cipher: 'aes-128-ctr',
        ciphertext: w('ethereum-keystore-v3', c.hex(64)),
        cipherparams: { iv: c.hex(32) },
        kdf: 'scrypt',
        kdfparams: { dklen: 32, n: 262144, p: 1, r: 8, salt: c.hex(64) },
        mac: c.hex(64),
      },
      id: c.uuid(),
      version: 3,
    }),
  );
}
