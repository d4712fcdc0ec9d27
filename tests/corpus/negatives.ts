// Look-alikes that must stay quiet: chain data (hashes, addresses, public keys), build metadata (lockfiles, go.sum,
// digests, checksums), documentation placeholders, public test values and random-looking web assets.

import { base58CheckEncode, base58Encode } from '../../src/detect/validators/util/base58.js';
import { ed25519PublicFromSeed } from '../../src/detect/validators/util/ed25519.js';
import { PUBLIC_EVM_KEYS, PUBLIC_MNEMONICS } from '../../src/detect/validators/public-test-values.js';
import { bip39BadMnemonic, randBytes } from '../../src/fakes/index.js';
import { compressedPublicKey, pointMul } from '../helpers/crypto/bip32.js';
import { BIP32_VECTORS, BIP39_VECTOR0_SEED, BIP39_VECTOR0_XPRV, BIP39_VECTORS, WIF_WIKI_COMPRESSED, WIF_WIKI_UNCOMPRESSED } from '../helpers/crypto/vectors.js';
import type { Corpus } from './builder.js';

export function negatives(c: Corpus): void {
  const h64 = (): string => `0x${c.hex(64)}`;
  const addr = (): string => `0x${c.hex(40)}`;
  const b58 = (n: number): string => base58Encode(randBytes(n, c.rng));

  // --- Chain data --------------------------------------------------------------------------------------------
  const logLines: string[] = [];
  for (let i = 0; i < 20; i++) {
    logLines.push(
      `2024-05-0${1 + (i % 9)}T12:${String(10 + i).padStart(2, '0')}:01.${c.chars('digits', 3)}Z INFO  [binance-bridge] sent tx ${h64()} block=${19_000_000 + c.int(999_999)} blockHash=${h64()} from=${addr()} gas=21000`,
    );
  }
  logLines.push(`2024-05-09T13:00:00.000Z WARN  [kucoin] order rejected X-Request-Id: ${c.uuid()} orderId=${c.hex(24)}`);
  logLines.push(`2024-05-09T13:00:01.000Z DEBUG [okx] GET /api/v5/account/balance OK-ACCESS-SIGN=${Buffer.from(randBytes(32, c.rng)).toString('base64')} x-request-id=${c.uuid()}`);
  logLines.push(`2024-05-09T13:00:02.000Z DEBUG [kraken] POST /0/private/Balance API-Sign: ${Buffer.from(randBytes(64, c.rng)).toString('base64')}`);
  logLines.push(`2024-05-09T13:00:03.000Z DEBUG [binance] GET https://api.binance.com/api/v3/account?timestamp=1715259603000&signature=${c.hex(64)}`);
  logLines.push(`2024-05-09T13:00:04.000Z INFO  [solana] confirmed signature ${b58(64)} slot=${260_000_000 + c.int(9_999_999)}`);
  logLines.push(`2024-05-09T13:00:05.000Z INFO  [coinbase] CB-ACCESS-SIGN: ${Buffer.from(randBytes(32, c.rng)).toString('base64')} request_id=${c.uuid()}`);
  c.neg('logs/bridge.log', `${logLines.join('\n')}\n`);

  c.neg(
    'docs/explorer-links.md',
    `# Deployments\n\n| network | contract | tx |\n| --- | --- | --- |\n| mainnet | [${addr()}](https://etherscan.io/address/${addr()}) | [tx](https://etherscan.io/tx/${h64()}) |\n| base | [${addr()}](https://basescan.org/address/${addr()}) | [tx](https://basescan.org/tx/${h64()}) |\n| solana | [program](https://solscan.io/account/${b58(32)}) | [tx](https://solscan.io/tx/${b58(64)}) |\n\nENS: vitalik.eth, treasury.acme.eth\n`,
  );
  c.neg(
    'src/chain/inspect.ts',
    `import { ethers } from 'ethers';\n\nconst provider = new ethers.JsonRpcProvider(process.env.RPC_URL);\n\nexport async function inspect() {\n  const tx = await provider.getTransaction('${h64()}');\n  const receipt = await provider.getTransactionReceipt('${h64()}');\n  const block = await provider.getBlock('${h64()}');\n  // EIP-1967 implementation slot\n  const IMPLEMENTATION_SLOT = '${h64()}';\n  const impl = await provider.getStorage('${addr()}', IMPLEMENTATION_SLOT);\n  const topic = ethers.id('Transfer(address,address,uint256)'); // ${h64()}\n  const MINTER_ROLE = '${h64()}'; // keccak256("MINTER_ROLE")\n  const codeHash = '${h64()}';\n  const messageHash = ethers.hashMessage('hello'); // ${h64()}\n  return { tx, receipt, block, impl, topic, MINTER_ROLE, codeHash, messageHash };\n}\n`,
  );
  c.neg(
    'test/fixtures/receipt.json',
    `${JSON.stringify(
      {
        transactionHash: h64(),
        blockHash: h64(),
        blockNumber: '0x' + c.hex(7),
        from: addr(),
        to: addr(),
        logs: [{ address: addr(), topics: [h64(), `0x000000000000000000000000${c.hex(40)}`], data: h64(), logIndex: '0x0' }],
        logsBloom: '0x' + c.hex(512),
        root: h64(),
        status: '0x1',
      },
      null,
      2,
    )}\n`,
  );

  // Public keys: secp256k1 (compressed and uncompressed), Ed25519 / Solana addresses, xpubs and zpubs.
  {
    const kk = BigInt(`0x${c.hex(64)}`) % 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140n + 1n;
    const pub = compressedPublicKey(kk).toString('hex');
    const pt = pointMul(kk);
    const unc = `04${pt!.x.toString(16).padStart(64, '0')}${pt!.y.toString(16).padStart(64, '0')}`;
    const xpub = (version: number): string => {
      const b = Buffer.alloc(78);
      b.writeUInt32BE(version, 0);
      b[4] = 3;
      Buffer.from(randBytes(4, c.rng)).copy(b, 5);
      b.writeUInt32BE(0x80000000, 9);
      Buffer.from(randBytes(32, c.rng)).copy(b, 13);
      compressedPublicKey(kk).copy(b, 45);
      return base58CheckEncode(new Uint8Array(b));
    };
    const seed = randBytes(32, c.rng);
    c.neg(
      'wallet/public-info.json',
      `{\n  "publicKey": "0x${pub}",\n  "uncompressedPublicKey": "0x${unc}",\n  "xpub": "${xpub(0x0488b21e)}",\n  "zpub": "${xpub(0x04b24746)}",\n  "solanaAddress": "${base58Encode(ed25519PublicFromSeed(seed))}",\n  "ed25519PublicKeyHex": "${Buffer.from(ed25519PublicFromSeed(randBytes(32, c.rng))).toString('hex')}",\n  "ensName": "wallet.acme.eth"\n}\n`,
    );
    c.neg('wallet/verify.py', `from eth_keys import keys\n\npublic_key = keys.PublicKey(bytes.fromhex("${unc.slice(2)}"))\nsignature_hash = "${c.hex(64)}"\nprint(public_key.to_checksum_address())\n`);
  }

  // --- Build metadata ----------------------------------------------------------------------------------------
  const sri = (): string => `sha512-${Buffer.from(randBytes(64, c.rng)).toString('base64')}`;
  const pkgs = ['ethers', 'viem', 'ccxt', 'axios', 'bn.js', 'elliptic', '@noble/hashes', 'bs58', 'tweetnacl', 'ws'];
  c.neg(
    'package-lock.json',
    `${JSON.stringify(
      {
        name: 'trader',
        version: '1.0.0',
        lockfileVersion: 3,
        packages: Object.fromEntries(
          pkgs.map((p) => [`node_modules/${p}`, { version: `${1 + c.int(6)}.${c.int(20)}.${c.int(10)}`, resolved: `https://registry.npmjs.org/${p}/-/${p.split('/').pop()}-1.0.0.tgz`, integrity: sri(), license: 'MIT' }]),
        ),
      },
      null,
      2,
    )}\n`,
  );
  c.neg(
    'yarn.lock',
    pkgs
      .map((p) => `"${p}@^1.0.0":\n  version "1.${c.int(9)}.${c.int(9)}"\n  resolved "https://registry.yarnpkg.com/${p}/-/${p.split('/').pop()}-1.0.0.tgz#${c.hex(40)}"\n  integrity ${sri()}\n`)
      .join('\n'),
  );
  c.neg(
    'go.sum',
    ['github.com/ethereum/go-ethereum v1.14.8', 'github.com/btcsuite/btcd/btcec/v2 v2.3.4', 'github.com/gagliardetto/solana-go v1.11.0', 'golang.org/x/crypto v0.27.0']
      .flatMap((m) => [`${m} h1:${Buffer.from(randBytes(32, c.rng)).toString('base64')}`, `${m}/go.mod h1:${Buffer.from(randBytes(32, c.rng)).toString('base64')}`])
      .join('\n') + '\n',
  );
  c.neg(
    'CHANGELOG.md',
    `# Changelog\n\n## 2.4.0\n- fix Binance websocket reconnect (${c.hex(40)})\n- bump ccxt to 4.3.1 (${c.hex(7)})\n- OKX: passphrase now read from the env (${c.hex(40)})\n\nFull diff: https://github.com/acme/trader/compare/${c.hex(40)}...${c.hex(40)}\n`,
  );
  c.neg(
    'deploy/images.txt',
    `ghcr.io/acme/trader@sha256:${c.hex(64)}\nredis@sha256:${c.hex(64)}\npostgres:16-alpine@sha256:${c.hex(64)}\n`,
  );
  c.neg('release/SHA256SUMS', `${c.hex(64)}  keyhound-linux-x64.tar.gz\n${c.hex(64)}  keyhound-darwin-arm64.tar.gz\n${c.hex(64)}  keyhound-win-x64.zip\n`);
  c.neg('ops/request-ids.log', Array.from({ length: 8 }, () => `X-Request-Id: ${c.uuid()} status=200 path=/api/v3/ticker trace=${c.hex(32)}`).join('\n') + '\n');

  // --- Placeholders and documentation ------------------------------------------------------------------------
  c.neg(
    '.env.example',
    `BINANCE_API_KEY=your_api_key\nBINANCE_API_SECRET=<API_SECRET>\nBYBIT_API_KEY=\nOKX_API_KEY=\${OKX_API_KEY}\nOKX_SECRET_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nOKX_PASSPHRASE=********\nKUCOIN_API_PASSPHRASE=your-passphrase\nOPENAI_API_KEY=sk-...\nANTHROPIC_API_KEY=sk-ant-xxxxxxxx\nPRIVATE_KEY=0x0000000000000000000000000000000000000000000000000000000000000000\nMNEMONIC="word1 word2 word3 ... word12"\nDATABASE_URL=postgres://user:password@localhost:5432/db\nCOINGECKO_API_KEY=CG-xxxxxxxxxxxxxxxxxxxxxxxx\n`,
  );
  c.neg(
    'README.md',
    `# trader\n\nSet your keys before running:\n\n\`\`\`bash\nexport BINANCE_API_KEY="<your binance api key>"\nexport BINANCE_SECRET="\${BINANCE_SECRET}"\n\`\`\`\n\n\`\`\`python\nexchange = ccxt.binance({\n    'apiKey': os.environ["BINANCE_API_KEY"],\n    'secret': os.environ["BINANCE_SECRET"],\n})\nclient = Client(api_key, api_secret)\nsession = HTTP(testnet=True, api_key=API_KEY, api_secret=API_SECRET)\n\`\`\`\n\n\`\`\`js\nconst kraken = new ccxt.kraken({ apiKey: process.env.KRAKEN_KEY, secret: process.env.KRAKEN_SECRET });\nconst wallet = new ethers.Wallet(process.env.PRIVATE_KEY!, provider);\nconst account = privateKeyToAccount(process.env.PRIVATE_KEY as \`0x\${string}\`);\n\`\`\`\n\nHeaders: \`X-MBX-APIKEY: <API_KEY>\`, \`OK-ACCESS-KEY: {{apiKey}}\`, \`KC-API-KEY: YOUR_KEY\`.\n`,
  );
  c.neg(
    'helm/templates/secret.yaml',
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ include "trader.fullname" . }}\nstringData:\n  BINANCE_API_KEY: {{ .Values.binance.apiKey | quote }}\n  BINANCE_API_SECRET: {{ .Values.binance.apiSecret | quote }}\n  PRIVATE_KEY: {{ .Values.wallet.privateKey | quote }}\n`,
  );
  c.neg(
    'hardhat.config.example.ts',
    `const config = {\n  networks: {\n    sepolia: {\n      url: \`https://sepolia.infura.io/v3/\${process.env.INFURA_KEY}\`,\n      accounts: process.env.PRIVATE_KEY ? [process.env.PRIVATE_KEY] : [],\n    },\n  },\n  etherscan: { apiKey: process.env.ETHERSCAN_API_KEY },\n};\nexport default config;\n`,
  );
  c.neg('src/settings.py', `import os\n\nBINANCE_API_KEY = os.environ["BINANCE_API_KEY"]\nBINANCE_API_SECRET = os.getenv("BINANCE_API_SECRET")\nPRIVATE_KEY = os.environ.get("PRIVATE_KEY", "")\nAWS_SECRET_ACCESS_KEY = os.environ["AWS_SECRET_ACCESS_KEY"]\n`);
  c.neg('billing/stripe-client.js', `const stripe = Stripe('pk_live_${c.chars('alnum', 99)}');\nconst elements = stripe.elements();\n`);

  // --- Public test values ------------------------------------------------------------------------------------
  c.neg(
    'test/hardhat-accounts.md',
    `Hardhat / Anvil default accounts (never use on mainnet):\n\nMnemonic: ${PUBLIC_MNEMONICS[0]}\n\n${PUBLIC_EVM_KEYS.slice(0, 5)
      .map((k, i) => `Account #${i}\nPrivate Key: 0x${k}\n`)
      .join('\n')}\n`,
  );
  c.neg('test/anvil.env', `PRIVATE_KEY=0x${PUBLIC_EVM_KEYS[0]}\nMNEMONIC="${PUBLIC_MNEMONICS[0]}"\n`);
  c.neg(
    'test/vectors.json',
    `${JSON.stringify({ english: BIP39_VECTORS.map(([e, m], i) => (i === 0 ? [e, m, BIP39_VECTOR0_SEED, BIP39_VECTOR0_XPRV] : [e, m])) }, null, 2)}\n`,
  );
  c.neg('test/bip32.md', `Test vector 1 chain m: ${BIP32_VECTORS[0]!.seed}\nWIF examples from the wiki: ${WIF_WIKI_UNCOMPRESSED} ${WIF_WIKI_COMPRESSED}\n`);
  c.neg('docs/aws.md', `aws configure\nAWS Access Key ID [None]: AKIAIOSFODNN7EXAMPLE\nAWS Secret Access Key [None]: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n`);
  c.neg('docs/cmc.md', `For the sandbox use:\n\n    X-CMC_PRO_API_KEY: b54bcf4d-1bca-4e8e-9a24-22ff2c3d462c\n`);
  c.neg(
    'docs/jwt.md',
    `Example from jwt.io:\n\n    eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c\n`,
  );
  c.neg(
    'docs/essay.md',
    `Notes\n\n${Array.from({ length: 4 }, (_, i) => bip39BadMnemonic([12, 15, 18, 24][i]!, c.rng)).join('\n\n')}\n\nThe quick brown fox jumps over the lazy dog while the river runs past the old mill.\n`,
  );

  // --- Web assets --------------------------------------------------------------------------------------------
  c.neg(
    'web/styles.css',
    `:root { --brand: #1a2b3c; --accent: #ffcc00; --muted: #a0aec0ff; }\n@font-face {\n  font-family: 'Inter';\n  src: url(data:font/woff2;base64,${Buffer.from(randBytes(600, c.rng)).toString('base64')}) format('woff2');\n}\n.logo { background-image: url("data:image/png;base64,${Buffer.from(randBytes(300, c.rng)).toString('base64')}"); }\n`,
  );
  c.neg(
    'web/icon.svg',
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M${Array.from({ length: 60 }, () => `${c.int(24)}.${c.int(999)} ${c.int(24)}.${c.int(999)}`).join('L')}Z" fill="#0f172a"/></svg>\n`,
  );
  c.neg(
    'web/app.min.js',
    `!function(e){var t={};function n(r){if(t[r])return t[r].exports}n.h="${c.hex(20)}";e.exports={id:"${c.uuid()}",b:"${Buffer.from(randBytes(90, c.rng)).toString('base64')}"}}(this);\n`,
  );
  c.neg(
    'web/app.js.map',
    `{"version":3,"file":"app.min.js","sources":["src/app.ts"],"names":["e","t"],"mappings":"${Array.from({ length: 40 }, () => c.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 4 + c.int(6))).join(';')}","debugId":"${c.uuid()}"}\n`,
  );
}
