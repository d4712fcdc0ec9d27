import { createHash } from 'node:crypto';

/**
 * Well-known PUBLIC test values that must never be reported. None of these is a secret: they are published in
 * specifications and developer-tool documentation, and anyone who funds them loses the funds.
 */

/** Mnemonics of public development tools (normalised: single spaces, lower case). */
export const PUBLIC_MNEMONICS: readonly string[] = [
  // Hardhat Network / Anvil (Foundry) default accounts
  'test test test test test test test test test test test junk',
  // Ganache (ganache-cli --deterministic) default
  'myth like bonus scare over problem client lizard pioneer submit female collect',
  // Truffle develop / Ganache UI classic default
  'candy maple cake sugar pudding cream honey rich smooth crumble sweet treat',
  // BIP-39 test vectors, the most copied ones
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about',
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon agent',
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon art',
];

/**
 * Entropies of the official BIP-39 English test vectors (trezor/python-mnemonic vectors.json) that are not a single
 * repeated byte (those — 00…, 7f…, 80…, ff… — are rejected by a structural rule). PUBLIC TEST DATA.
 */
export const BIP39_VECTOR_ENTROPIES: readonly string[] = [
  '9e885d952ad362caeb4efe34a8e91bd2',
  '6610b25967cdcca9d59875f5cb50b0ea75433311869e930b',
  '68a79eaca2324873eacc50cb9c6eca8cc68ea5d936f98787c60c7ebc74e6ce7c',
  'c0ba5a8e914111210f2bd131f3d5e08d',
  '6d9be1ee6ebd27a258115aad99b7317b9c8d28b6d76431c3',
  '9f6a2878b2520799a44ef18bc7df394e7061a224d2c33cd015b157d746869863',
  '23db8160a31d3e0dca3688ed941adbf3',
  '8197a4a47f0425faeaa69deebc05ca29c0a5b5cc76ceacc0',
  '066dca1a2bb7e8a1db2832148ce9933eea0f3ac9548d793112d9a95c9407efad',
  'f30f8c1da665478f49b001d94c5fc452',
  'c10ec20dc3cd9f652c7fac2f1230f7a3c828389a14392f05',
  'f585c11aec520db57dd353c69554b21a89b20fb0650966fa0a9d6f74fd989d8f',
];

/**
 * EVM private keys that are public: Hardhat/Anvil accounts #0..#9 (m/44'/60'/0'/0/i of the `test … junk`
 * mnemonic) and Ganache --deterministic accounts #0..#9 (same path, `myth like bonus …`). Derived at development
 * time with tests/helpers/bip32.ts; tests/public-keys.test.ts re-derives and compares. Lower-case, no 0x.
 */
export const PUBLIC_EVM_KEYS: readonly string[] = [
  // Hardhat / Anvil accounts #0..#9 (PUBLIC)
  'ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  '59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  '5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
  '7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6',
  '47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a',
  '8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba',
  '92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e',
  '4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356',
  'dbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97',
  '2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6',
  // Ganache --deterministic accounts #0..#9 (PUBLIC)
  '4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d',
  '6cbed15c793ce57650b9877cf6fa156fbef513c4e6134f022a85b1ffdd59b2a1',
  '6370fd033278c143179d81c5526140625662b8daa446c22ee2d73db3707e620c',
  '646f1ce2fdad0e6deeeb5c7e8e5543bdde65e86029e2fd9fc169899c440a7913',
  'add53f9a7e588d003326d1cbf9e4a43c061aadd9bc938c843a79e7b4fd2ad743',
  '395df67f0c2d2d9fe1ad08d1bc8b6627011959b79c53d7dd6a3536a33ab8a4fd',
  'e485d098507f54e7733a205420dfddbe58db035fa577fc294ebd14db90767a52',
  'a453611d9419d0e56f499079478fd72c37b251a94bfde4d19872c44cf65386e3',
  '829e924fdf021ba3dbbc4225edfece9aca04b929d6e75613329ca6f1d31c0bb4',
  'b0057716d5917badaf911b193b12b910811c1497b5bada8d7711f758981c3773',
];

/**
 * secp256k1 private keys published as test data (PUBLIC): every key of the BIP-32 test-vector chains 1–4, the BIP-32
 * master keys of the BIP-39 English test vectors (passphrase "TREZOR"), the masters of PUBLIC_MNEMONICS (empty
 * passphrase), and the Bitcoin wiki WIF example. Used by the WIF, xprv and EVM validators. Lower-case, no 0x.
 * Derived with tests/helpers/bip32.ts; tests/public-keys.test.ts re-derives them.
 */
export const PUBLIC_SECP256K1_KEYS: readonly string[] = [
  'e8f32e723decf4051aefac8e2c93c9c5b214313817cdb01a1494b917c8436b35', // BIP-32 vector 1 m
  'edb2e14f9ee77d26dd93b4ecede8d16ed408ce149b6cd80b0715a2d911a0afea', // BIP-32 vector 1 m/0'
  '3c6cb8d0f6a264c91ea8b5030fadaa8e538b020f0a387421a12de9319dc93368', // BIP-32 vector 1 m/0'/1
  'cbce0d719ecf7431d88e6a89fa1483e02e35092af60c042b1df2ff59fa424dca', // BIP-32 vector 1 m/0'/1/2'
  '0f479245fb19a38a1954c5c7c0ebab2f9bdfd96a17563ef28a6a4b1a2a764ef4', // BIP-32 vector 1 m/0'/1/2'/2
  '471b76e389e528d6de6d816857e012c5455051cad6660850e58372a6c3e6e7c8', // BIP-32 vector 1 m/0'/1/2'/2/1000000000
  '4b03d6fc340455b363f51020ad3ecca4f0850280cf436c70c727923f6db46c3e', // BIP-32 vector 2 m
  'abe74a98f6c7eabee0428f53798f0ab8aa1bd37873999041703c742f15ac7e1e', // BIP-32 vector 2 m/0
  '877c779ad9687164e9c2f4f0f4ff0340814392330693ce95a58fe18fd52e6e93', // BIP-32 vector 2 m/0/2147483647'
  '704addf544a06e5ee4bea37098463c23613da32020d604506da8c0518e1da4b7', // BIP-32 vector 2 m/0/2147483647'/1
  'f1c7c871a54a804afe328b4c83a1c33b8e5ff48f5087273f04efa83b247d6a2d', // BIP-32 vector 2 m/0/2147483647'/1/2147483646'
  'bb7d39bdb83ecf58f2fd82b6d918341cbef428661ef01ab97c28a4842125ac23', // BIP-32 vector 2 m/0/2147483647'/1/2147483646'/2
  '00ddb80b067e0d4993197fe10f2657a844a384589847602d56f0c629c81aae32', // BIP-32 vector 3 m
  '491f7a2eebc7b57028e0d3faa0acda02e75c33b03c48fb288c41e2ea44e1daef', // BIP-32 vector 3 m/0'
  '12c0d59c7aa3a10973dbd3f478b65f2516627e3fe61e00c345be9a477ad2e215', // BIP-32 vector 4 m
  '00d948e9261e41362a688b916f297121ba6bfb2274a3575ac0e456551dfd7f7e', // BIP-32 vector 4 m/0'
  '3a2086edd7d9df86c3487a5905a1712a9aa664bce8cc268141e07549eaa8661d', // BIP-32 vector 4 m/0'/1'
  'cbedc75b0d6412c85c79bc13875112ef912fd1e756631b5a00330866f22ff184', // BIP-39 vector 00000000… (passphrase TREZOR) master
  '410bbd9109b987e9e078ec6035745fa05515fda018214013153a5e6ed671d1b2', // BIP-39 vector 00000000… (passphrase TREZOR) master
  'c8b4073ccfcc63475c3d5202c6594484ee4e77b867cde3c3b46432fd71b467ae', // BIP-39 vector 00000000… (passphrase TREZOR) master
  'dddda5cdef032caf0b966bb1c7d2a8836e827aaa6480e9067080a075656d3228', // BIP-39 vector 7f7f7f7f… (passphrase TREZOR) master
  'b3226e9690ec49ce0cefe1c28b340d129779f2933857186400d92e0e2449f398', // BIP-39 vector 7f7f7f7f… (passphrase TREZOR) master
  'fe743fd5f203af53ccd9568df27f6d09d7f756a21ae9cd6135506844a90f45cf', // BIP-39 vector 7f7f7f7f… (passphrase TREZOR) master
  '2fd0c70b975d9a38f84fba956ed795075fe43a85a45336143fe855551f1356db', // BIP-39 vector 80808080… (passphrase TREZOR) master
  'fa8d0cde12d29eebecac474e4927e52cb80613e009f4208dc1e887b7c00c4fcf', // BIP-39 vector 80808080… (passphrase TREZOR) master
  'af8b72038eef1f2c1ab6ce2ddbb50d149f744396b04ced94e7bf38d2ff14ebd9', // BIP-39 vector 80808080… (passphrase TREZOR) master
  'e1330e46e88f1c65cc1e228a16e3f0b94a316ae4fcfda1df4996b85c70d7b909', // BIP-39 vector ffffffff… (passphrase TREZOR) master
  '2786d73ac9c0261e01880df13e2751c89d3ac9f0cbdfd93fff342f122f80d04a', // BIP-39 vector ffffffff… (passphrase TREZOR) master
  '40c1cf7c7d5fcd6a4b1f8460efb62a47c3680e4c378d70e6ffa5b5baa310efac', // BIP-39 vector ffffffff… (passphrase TREZOR) master
  'ac0164daefba477910d503a14743787982a118ca53adbc0044561b0088bd2e53', // BIP-39 vector 9e885d95… (passphrase TREZOR) master
  '0bf8f75e9eb03c1fe723da7e30cae8d267a9adf4091dc8140868cbbf16f650df', // BIP-39 vector 6610b259… (passphrase TREZOR) master
  'f2a26d6881b5d3bbdc4e16f1339f345d688eb129b5f5a602cfb1ab9db09218a0', // BIP-39 vector 68a79eac… (passphrase TREZOR) master
  '4ff56dc2209441bb4be12a366816727c343d5fd0e12c004505fe270ae3819e10', // BIP-39 vector c0ba5a8e… (passphrase TREZOR) master
  '489f1bafdb0c9468aa153f54d9326f3504919484323190dbd5dd32c10f4d7587', // BIP-39 vector 6d9be1ee… (passphrase TREZOR) master
  'ea8667131075ad759ed74127dba8ab373da4a3f65f057ecd420ece1694e44330', // BIP-39 vector 9f6a2878… (passphrase TREZOR) master
  '430efb10b6d3c065239eca4bc81fb49180651aeb0d536d689432de2d2d48034f', // BIP-39 vector 23db8160… (passphrase TREZOR) master
  'ae24b4f0967f28aa39341834b79532c0079c0ed5557b592675516c98f2c18850', // BIP-39 vector 8197a4a4… (passphrase TREZOR) master
  'b91171c99f7097fd754b48f2521133a1e0a694b86ea5de6bba60045b0f254c61', // BIP-39 vector 066dca1a… (passphrase TREZOR) master
  'dd22914cf6b4086123a487e82abe565eba0b1c0f1ba794a945d974182812c793', // BIP-39 vector f30f8c1d… (passphrase TREZOR) master
  '6d7c8d14d5e949647c9a3bf85344f9e40e82bff96789965acbf83bb66a7f9e5d', // BIP-39 vector c10ec20d… (passphrase TREZOR) master
  '679bf92c04cf16307053cbed33784f3c4266b362bf5f3d7ee13bed6f2719743c', // BIP-39 vector f585c11a… (passphrase TREZOR) master
  'ada5f7928ef8f684afa7b06929b5d1f653e486b52077ba9d798eded96c851ade', // master of "test test test test test…"
  '119f6f1e1aa13ded96fd670f6468102ac38b0a5b3ba39ff0e7230e46eab32f8a', // master of "myth like bonus scare ov…"
  '89bd8e7c0f45e5f927df05ee866b8288baca982c53a40239bba0bd9ce1433aea', // master of "candy maple cake sugar p…"
  '1837c1be8e2995ec11cda2b066151be2cfb48adf9e47b151d46adab3a21cdf67', // master of "abandon abandon abandon …"
  '673dd13b7c50798fa354fe99071af01ee487dc6e3a76101fa562873b0766918f', // master of "abandon abandon abandon …"
  '235b34cd7c9f6d7e4595ffe9ae4b1cb5606df8aca2b527d20a07c8f56b2342f4', // master of "abandon abandon abandon …"
  '0c28fca386c7a227600b2fe50b7cae11ec86d3bf1fbe471be89827e19d72aa1d', // Bitcoin wiki WIF example
];

const PUBLIC_KEY_SET: ReadonlySet<string> = new Set([...PUBLIC_EVM_KEYS, ...PUBLIC_SECP256K1_KEYS]);

/** True when a 32-byte secp256k1 private key (bytes or hex) is one of the published test keys above. */
export function isPublicSecp256k1Key(key: Uint8Array | string): boolean {
  const hex = typeof key === 'string' ? key.toLowerCase() : Buffer.from(key).toString('hex');
  return PUBLIC_KEY_SET.has(hex);
}

/**
 * Google API keys that Google itself publishes in the public test code of its Firebase SDKs (PUBLIC): found in
 * firebase/firebase-android-sdk (at a089298ed9e0 unless a range of commits is given; each file "Copyright Google LLC",
 * in a com.google.firebase package). Anyone can read them there, so a copy in a user's tree leaks nothing of the
 * user's. Kept as SHA-256 digests of the whole key, so this file holds no key. Checked by not-public-test-value.
 */
export const PUBLIC_GOOGLE_API_KEY_DIGESTS: readonly string[] = [
  '2037abcaffb2b77785da716cf7ccff4ff4d00c4ea930db0167b7d71f50af7eb4', // AIzaSyAnLA… firebase-installations FirebaseInstallationsTest (valid key formats)
  'eb540d2b6ee2a0a47c5779bc8a0141784c6b753840d4c6f4e2428a6e86e9e0b1', // AIzaSyAdOS… firebase-installations FirebaseInstallationsTest (valid key formats)
  '37f8f09bdf12c2f2eae4ead7273a62ddb0c23459cbf902892f282b57f7ed6619', // AIzaSyASWm… firebase-installations FirebaseInstallationsTest (valid key formats)
  '8731261cb72d86267a32a532ebd3df429e2144e5e4ced7e13568bc9e6c8fb1b1', // AIzaSyANUv… firebase-installations FirebaseInstallationsTest (valid key formats)
  '49f777db995e8260da7ca9ffdf0c08d66f0453e97ec967018baf2cdfe3b582d0', // AIzaSyA5_i… firebase-installations FirebaseInstallationsTest (valid key formats)
  '27a9a42931dff7eb2f8434e20a9bce976ea364e7bee49187f19d5cfeca9c7045', // AIzaSyA4Ur… firebase-installations FirebaseInstallationsTest (valid key formats)
  'a19f89ab3555eac10c40741f6df79ecf0935998f15569f8db9d67bce0181fff6', // AIzaSyD3as… firebase-common FirebaseAppTest / FirebaseOptionsTest
  '3f370c9dd8225c63b5c77de1f785edc9712958f18bb612d5fa2e0ae33aeca682', // AIzaSyCkEh… firebase-storage TestUtil (00d46269f1ef to 36e728a53ae3)
  'e4a5542bb7fd7b67e943c71ad29c34b5972c9840597e7eda53e666f44d5da0b9', // AIzaSyDMAS… firebase-storage IntegrationTest (00d46269f1ef to 36e728a53ae3)
  'dc0fcf046c61640cbd1e8b999ada3262d722c2ca4bf42dceac999020ffdbb614', // AIzaSyDSb5… firebase-messaging MessagingTestHelper
  '4c98242dcadc8b29005c6b4aad526552d5ea1842149154c0694adeec75847583', // AIzaSyBF2R… firebase-messaging FirebaseIidTestUtil
  'ea9bb1082cf95663f5faca23b8b15ef2aa0fce0a5c6df9c32dcb85b2e0a4513d', // AIzaSyBcE-… firebase-perf FirebasePerformanceTestBase (FAKE_FIREBASE_API_KEY)
  '0b476bdf9acf2123d547b5ae76f1e59884d8ec9553ee0c47e9f31fd4768f3f3c', // AIzayDNSXI… firebase-dataconnect google-services.json (a fake config)
];

const PUBLIC_GOOGLE_DIGESTS: ReadonlySet<string> = new Set(PUBLIC_GOOGLE_API_KEY_DIGESTS);

/** True when `key` (AIza + 35 characters) is one of the Google API keys above. */
export function isPublicGoogleApiKey(key: string): boolean {
  return key.length === 39 && key.startsWith('AIza') && PUBLIC_GOOGLE_DIGESTS.has(createHash('sha256').update(key).digest('hex'));
}
