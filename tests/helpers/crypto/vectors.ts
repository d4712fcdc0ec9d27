/**
 * PUBLIC TEST DATA from specifications (not secrets):
 *  - BIP-32 test vectors 1–4 (bitcoin/bips bip-0032.mediawiki): seeds, paths, and the serialized keys we check.
 *  - BIP-39 English test vectors (trezor/python-mnemonic vectors.json): entropy → mnemonic, passphrase "TREZOR".
 *  - Bitcoin wiki "Wallet import format" worked example.
 *  - RFC 8032 §7.1 Ed25519 TEST 1.
 */
export interface Bip32Vector {
  name: string;
  seed: string;
  chain: { path: string; xprv?: string }[];
}

export const BIP32_VECTORS: Bip32Vector[] = [
  {
    name: '1',
    seed: '000102030405060708090a0b0c0d0e0f',
    chain: [
      {
        path: 'm',
        xprv: 'xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi',
      },
      {
        path: "m/0'",
        xprv: 'xprv9uHRZZhk6KAJC1avXpDAp4MDc3sQKNxDiPvvkX8Br5ngLNv1TxvUxt4cV1rGL5hj6KCesnDYUhd7oWgT11eZG7XnxHrnYeSvkzY7d2bhkJ7',
      },
      { path: "m/0'/1" },
      { path: "m/0'/1/2'" },
      { path: "m/0'/1/2'/2" },
      { path: "m/0'/1/2'/2/1000000000" },
    ],
  },
  {
    name: '2',
    seed: 'fffcf9f6f3f0edeae7e4e1dedbd8d5d2cfccc9c6c3c0bdbab7b4b1aeaba8a5a29f9c999693908d8a8784817e7b7875726f6c696663605d5a5754514e4b484542',
    chain: [
      {
        path: 'm',
        xprv: 'xprv9s21ZrQH143K31xYSDQpPDxsXRTUcvj2iNHm5NUtrGiGG5e2DtALGdso3pGz6ssrdK4PFmM8NSpSBHNqPqm55Qn3LqFtT2emdEXVYsCzC2U',
      },
      { path: 'm/0' },
      { path: "m/0/2147483647'" },
      { path: "m/0/2147483647'/1" },
      { path: "m/0/2147483647'/1/2147483646'" },
      { path: "m/0/2147483647'/1/2147483646'/2" },
    ],
  },
  {
    name: '3',
    seed: '4b381541583be4423346c643850da4b320e46a87ae3d2a4e6da11eba819cd4acba45d239319ac14f863b8d5ab5a0d0c64d2e8a1e7d1457df2e5a3c51c73235be',
    chain: [{ path: 'm' }, { path: "m/0'" }],
  },
  {
    name: '4',
    seed: '3ddd5602285899a946114506157c7997e5444528f3003f6134712147db19b678',
    chain: [{ path: 'm' }, { path: "m/0'" }, { path: "m/0'/1'" }],
  },
];

/** BIP-39 vectors: [entropy hex, mnemonic]; seed passphrase "TREZOR". */
export const BIP39_VECTORS: [string, string][] = [
  ['00000000000000000000000000000000', 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'],
  ['7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f', 'legal winner thank year wave sausage worth useful legal winner thank yellow'],
  ['80808080808080808080808080808080', 'letter advice cage absurd amount doctor acoustic avoid letter advice cage above'],
  ['ffffffffffffffffffffffffffffffff', 'zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong'],
  ['9e885d952ad362caeb4efe34a8e91bd2', 'ozone drill grab fiber curtain grace pudding thank cruise elder eight picnic'],
  ['6610b25967cdcca9d59875f5cb50b0ea75433311869e930b', 'gravity machine north sort system female filter attitude volume fold club stay feature office ecology stable narrow fog'],
  ['68a79eaca2324873eacc50cb9c6eca8cc68ea5d936f98787c60c7ebc74e6ce7c', 'hamster diagram private dutch cause delay private meat slide toddler razor book happy fancy gospel tennis maple dilemma loan word shrug inflict delay length'],
  ['c0ba5a8e914111210f2bd131f3d5e08d', 'scheme spot photo card baby mountain device kick cradle pact join borrow'],
  ['6d9be1ee6ebd27a258115aad99b7317b9c8d28b6d76431c3', 'horn tenant knee talent sponsor spell gate clip pulse soap slush warm silver nephew swap uncle crack brave'],
  ['9f6a2878b2520799a44ef18bc7df394e7061a224d2c33cd015b157d746869863', 'panda eyebrow bullet gorilla call smoke muffin taste mesh discover soft ostrich alcohol speed nation flash devote level hobby quick inner drive ghost inside'],
  ['23db8160a31d3e0dca3688ed941adbf3', 'cat swing flag economy stadium alone churn speed unique patch report train'],
  ['8197a4a47f0425faeaa69deebc05ca29c0a5b5cc76ceacc0', 'light rule cinnamon wrap drastic word pride squirrel upgrade then income fatal apart sustain crack supply proud access'],
  ['066dca1a2bb7e8a1db2832148ce9933eea0f3ac9548d793112d9a95c9407efad', 'all hour make first leader extend hole alien behind guard gospel lava path output census museum junior mass reopen famous sing advance salt reform'],
  ['f30f8c1da665478f49b001d94c5fc452', 'vessel ladder alter error federal sibling chat ability sun glass valve picture'],
  ['c10ec20dc3cd9f652c7fac2f1230f7a3c828389a14392f05', 'scissors invite lock maple supreme raw rapid void congress muscle digital elegant little brisk hair mango congress clump'],
  ['f585c11aec520db57dd353c69554b21a89b20fb0650966fa0a9d6f74fd989d8f', 'void come effort suffer camp survey warrior heavy shoot primary clutch crush open amazing screen patrol group space point ten exist slush involve unfold'],
];

/** First BIP-39 vector: seed (PBKDF2, passphrase TREZOR) and its BIP-32 master xprv. */
export const BIP39_VECTOR0_SEED =
  'c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04';
export const BIP39_VECTOR0_XPRV =
  'xprv9s21ZrQH143K3h3fDYiay8mocZ3afhfULfb5GX8kCBdno77K4HiA15Tg23wpbeF1pLfs1c5SPmYHrEpTuuRhxMwvKDwqdKiGJS9XFKzUsAF';

/** Bitcoin wiki WIF example: private key and its uncompressed / compressed WIF. */
export const WIF_WIKI_KEY = '0c28fca386c7a227600b2fe50b7cae11ec86d3bf1fbe471be89827e19d72aa1d';
export const WIF_WIKI_UNCOMPRESSED = '5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ';
export const WIF_WIKI_COMPRESSED = 'KwdMAjGmerYanjeui5SHS7JkmpZvVipYvB2LJGU1ZxJwYvP98617';

/** RFC 8032 §7.1 TEST 1: Ed25519 secret key (seed) and public key. */
export const RFC8032_TEST1_SEED = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
export const RFC8032_TEST1_PUBLIC = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
