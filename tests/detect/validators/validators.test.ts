import { describe, expect, it } from 'vitest';
import { validators } from '../../../src/detect/validators/index.js';
import type { ValidatorResult } from '../../../src/detect/validators/types.js';
import * as F from '../../../src/fakes/index.js';
import { BASE58_ALPHABET } from '../../../src/detect/validators/util/base58.js';
import { SECP256K1_N } from '../../../src/detect/validators/util/secp256k1.js';
import { isPublicGoogleApiKey, PUBLIC_EVM_KEYS, PUBLIC_GOOGLE_API_KEY_DIGESTS } from '../../../src/detect/validators/public-test-values.js';
import { seededRng } from '../../helpers/crypto/rng.js';

const N = 40;
const rng = seededRng(20240601);
const ALNUM = F.ALPHABETS.alnum;
const HEX = F.ALPHABETS.hex;
const B64URL = F.ALPHABETS.b64url;

function expectOk(r: ValidatorResult, what: string): void {
  expect(r, what).toEqual({ ok: true });
}
function expectFail(r: ValidatorResult, what: string, reason?: RegExp): void {
  expect(r.ok, what).toBe(false);
  if (!r.ok && reason) expect(r.reason, what).toMatch(reason);
}

/** Flip one char at a position in [from, to) to another char of the alphabet. */
function flipAt(s: string, alphabet: string, from: number, to = s.length): string {
  const i = from + Math.floor(rng() * (to - from));
  let c = s[i] as string;
  while (c === s[i]) c = alphabet[Math.floor(rng() * alphabet.length)] as string;
  return s.slice(0, i) + c + s.slice(i + 1);
}

type Case = { name: string; gen: () => string; corrupt: (s: string) => string };

const CHECKSUM_CASES: Case[] = [
  ...['ghp', 'gho', 'ghu', 'ghs'].map((p) => ({
    name: 'github-crc32',
    gen: () => F.githubToken(p, rng),
    corrupt: (s: string) => flipAt(s, ALNUM, 4),
  })),
  { name: 'npm-crc32', gen: () => F.npmToken(rng), corrupt: (s) => flipAt(s, ALNUM, 4) },
  { name: 'zuplo-crc32', gen: () => F.zuploKey(rng), corrupt: (s) => flipAt(s.slice(0, 37), HEX, 5) + s.slice(37) },
  { name: 'zuplo-crc32', gen: () => F.zuploKey(rng), corrupt: (s) => s.slice(0, 38) + flipAt(s.slice(38), HEX, 0) },
  { name: 'gitlab-routable', gen: () => F.gitlabRoutableToken('glpat-', rng), corrupt: (s) => flipAt(s, ALNUM, 6, s.length - 13) },
  { name: 'gitlab-routable', gen: () => F.gitlabRoutableToken('glpat-', rng), corrupt: (s) => flipAt(s, F.ALPHABETS.lalnum, s.length - 7) },
  ...['compressed', 'uncompressed', 'testnet', 'testnet-uncompressed'].map((v) => ({
    name: 'base58check-wif',
    gen: () => F.expandTemplate(`{{wif:${v}}}`, rng),
    corrupt: (s: string) => flipAt(s, BASE58_ALPHABET, 2),
  })),
  ...['xprv', 'tprv', 'yprv', 'zprv', 'Yprv', 'Zprv', 'uprv', 'vprv'].map((v) => ({
    name: 'base58check-xprv',
    gen: () => F.xprv(v, rng),
    corrupt: (s: string) => flipAt(s, BASE58_ALPHABET, 4),
  })),
  { name: 'solana-keypair', gen: () => F.solanaB58(rng), corrupt: (s) => flipAt(s, BASE58_ALPHABET, 1) },
  {
    name: 'solana-keypair',
    gen: () => F.solanaJson(rng),
    corrupt: (s) => {
      const a = JSON.parse(s) as number[];
      const i = Math.floor(rng() * 64);
      a[i] = ((a[i] as number) + 1) % 256;
      return JSON.stringify(a);
    },
  },
  { name: 'bip39', gen: () => F.bip39Mnemonic(12, rng), corrupt: (s) => s.replace(/^\w+/, (w) => (w === 'zoo' ? 'zooo' : w + 'x')) },
  { name: 'groq-marker', gen: () => F.groqKey(rng), corrupt: (s) => flipAt(s, ALNUM, 24, 32) },
  { name: 'openai-marker', gen: () => F.openaiKey('proj', rng), corrupt: (s) => flipAt(s, B64URL, 82, 90) },
  { name: 'openai-marker', gen: () => F.openaiKey('legacy', rng), corrupt: (s) => flipAt(s, ALNUM, 23, 31) },
  { name: 'objectid-timestamp', gen: () => F.objectid(rng), corrupt: (s) => '0' + s.slice(1) },
  { name: 'objectid-timestamp', gen: () => F.objectid(rng), corrupt: (s) => 'f' + s.slice(1) },
];

describe('validators accept generated values and reject a one-char corruption', () => {
  for (const c of CHECKSUM_CASES) {
    it(`${c.name}`, () => {
      const v = validators[c.name];
      expect(v, c.name).toBeTypeOf('function');
      for (let i = 0; i < N; i++) {
        const good = c.gen();
        expectOk(v!(good), `${c.name} accepts ${good}`);
        const bad = c.corrupt(good);
        expect(bad).not.toBe(good);
        expectFail(v!(bad), `${c.name} rejects ${bad}`);
      }
    });
  }

  it('bip39: every mnemonic size; bad-checksum variants rejected; whitespace and case tolerant', () => {
    for (const n of [12, 15, 18, 21, 24]) {
      for (let i = 0; i < 10; i++) {
        const m = F.bip39Mnemonic(n, rng);
        expectOk(validators.bip39!(m), m);
        expectOk(validators.bip39!('  ' + m.split(' ').join('\n\t ').toUpperCase() + '\n'), 'reformatted ' + m);
        expectFail(validators.bip39!(F.bip39BadMnemonic(n, rng)), `bad ${n}`, /checksum/);
      }
    }
    expectFail(validators.bip39!(F.bip39Mnemonic(12, rng).split(' ').slice(0, 11).join(' ')), '11 words', /11 words/);
    expectFail(validators.bip39!(''), 'empty');
  });

  it('bip39 rejects the famous public mnemonics', () => {
    const famous = [
      'test test test test test test test test test test test junk',
      'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about',
      Array(23).fill('abandon').join(' ') + ' art',
      Array(17).fill('abandon').join(' ') + ' agent',
      'zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong',
      'legal winner thank year wave sausage worth useful legal winner thank yellow',
      'myth like bonus scare over problem client lizard pioneer submit female collect',
    ];
    for (const m of famous) expectFail(validators.bip39!(m), m);
  });

  it('solana-keypair: JSON with spaces/newlines; wrong lengths; bad variants', () => {
    const j = F.solanaJson(rng);
    expectOk(validators['solana-keypair']!(j.replace(/,/g, ', ').replace('[', '[\n  ')), 'spaced json');
    expectFail(validators['solana-keypair']!('[1,2,3]'), 'short', /3 bytes/);
    expectFail(validators['solana-keypair']!('[' + Array(64).fill(300).join(',') + ']'), '>255');
    for (let i = 0; i < 10; i++) {
      expectFail(validators['solana-keypair']!(F.solanaBad('b58', rng)), 'bad b58', /public key/);
      expectFail(validators['solana-keypair']!(F.solanaBad('json', rng)), 'bad json', /public key/);
    }
    expectFail(validators['solana-keypair']!('0OIl' + 'a'.repeat(84)), 'not base58');
  });

  it('evm-private-key: range, shape, patterns and public keys', () => {
    const v = validators['evm-private-key']!;
    for (let i = 0; i < N; i++) {
      const k = F.evmKey(rng);
      expectOk(v(k), k);
      expectOk(v('0x' + k), '0x' + k);
      expectOk(v(k.toUpperCase()), 'upper');
      expectFail(v(k.slice(1)), '63 hex');
      expectFail(v(k + 'a'), '65 hex');
      expectFail(v(k.slice(0, 10) + 'g' + k.slice(11)), 'non-hex');
    }
    expectFail(v('0'.repeat(64)), 'zero', /range|\[1, n\)/);
    expectFail(v(SECP256K1_N.toString(16)), 'n', /\[1, n\)/);
    expectFail(v('f'.repeat(64)), '>= n');
    expectFail(v('1'.repeat(64)), 'ones');
    expectFail(v('deadbeef'.repeat(8)), 'deadbeef', /repeating/);
    expectFail(v('0123456789abcdef'.repeat(4)), 'sequence', /repeating/);
    expectFail(v('0x0123456789012345678901234567890123456789012345678901234567890123'), 'ethers docs style', /repeating/);
    expectFail(v('0'.repeat(63) + '1'), 'one', /distinct|repeating/);
    expectFail(v('ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'), 'hardhat #0', /public/);
    expectFail(v('0xAC0974BEC39A17E36BA4A6B4D238FF944BACB478CBED5EFCAE784D7BF4F2FF80'), 'hardhat #0 upper', /public/);
    for (const k of PUBLIC_EVM_KEYS) expectFail(v(k), k, /public/);
  });

  it('groq-marker: shape and marker offset', () => {
    const v = validators['groq-marker']!;
    const k = F.groqKey(rng);
    expect(k.slice(4 + 20, 4 + 28)).toBe('WGdyb3FY');
    expectFail(v(k.slice(0, -1)), 'short');
    expectFail(v('gsk_' + 'WGdyb3FY' + k.slice(4, 24) + k.slice(32)), 'marker at 0', /offset/);
  });

  it('openai-marker and objectid edge cases', () => {
    expectFail(validators['openai-marker']!('sk-proj-' + 'a'.repeat(156)), 'no marker');
    expectOk(validators['objectid-timestamp']!('4f00000000000000000000ab'), '2012-01-25');
    expectFail(validators['objectid-timestamp']!('4eff0000' + 'a'.repeat(16)), '2011', /2012/);
    expectFail(validators['objectid-timestamp']!(F.uuid(rng).replace(/-/g, '').slice(0, 23) + 'g'), 'non-hex');
  });

  it('github/npm: wrong prefix and length', () => {
    const t = F.githubToken('ghp', rng);
    expectFail(validators['github-crc32']!('ghx_' + t.slice(4)), 'prefix');
    expectFail(validators['github-crc32']!(t + 'a'), 'length');
    expectFail(validators['npm-crc32']!(t), 'npm needs npm_');
    expectOk(validators['npm-crc32']!('npm_' + t.slice(4)), 'same body under npm_');
  });

  it('gitlab-routable: custom and other prefixes are inside the CRC', () => {
    const v = validators['gitlab-routable']!;
    const t = F.gitlabRoutableToken('glpat-', rng);
    expectFail(v('glrt-' + t.slice(6)), 'prefix swapped', /CRC/);
    expectOk(v(F.gitlabRoutableToken('glrt-', rng)), 'glrt-');
    expectOk(v(F.gitlabRoutableToken('mycorp-glpat-', rng)), 'instance prefix');
    expectFail(v('glpat-' + 'a'.repeat(20)), 'legacy 20-char token has no routable tail');
  });
});

describe('jwt-structure', () => {
  const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  it('keeps a JWT whose header and payload decode to JSON objects', () => {
    for (let i = 0; i < N; i++) expectOk(validators['jwt-structure']!(F.jwt(rng)), 'generated jwt');
    const sig = F.randChars(B64URL, 43, rng);
    expectOk(validators['jwt-structure']!(`${b64({ kty: 'EC' })}.${b64({ iss: 'joe', exp: 1300819380 })}.${sig}`), 'header without alg');
  });
  it('drops a header or a payload that is not a JSON object', () => {
    const sig = F.randChars(B64URL, 43, rng);
    const cut = Buffer.from('{"alg":"HS256","kid":"k1"').toString('base64url'); // the closing brace is missing
    expectFail(validators['jwt-structure']!(`${cut}.${b64({ sub: 'x' })}.${sig}`), 'broken header', /header/);
    expectFail(validators['jwt-structure']!(`${b64(['HS256'])}.${b64({ sub: 'x' })}.${sig}`), 'array header', /header/);
    expectFail(validators['jwt-structure']!(`${b64({ alg: 'HS256' })}.eyJ${F.randChars(B64URL, 40, rng)}.${sig}`), 'payload', /payload/);
  });
  // The bench's real code: AWS SDK examples carry id tokens whose claims read EXAMPLE… (sso-oidc examples.json).
  it('drops a token whose claims say it is a sample, and keeps one whose claims merely mention a word', () => {
    const sig = F.randChars(B64URL, 43, rng);
    const head = b64({ alg: 'HS256', typ: 'JWT' });
    const ctx = `EXAMPLE${F.randChars(F.ALPHABETS.upper, 12, rng)}`;
    expectFail(validators['jwt-structure']!(`${head}.${b64({ sub: 'u-1', ctx })}.${sig}`), 'EXAMPLE claim', /sample/);
    expectFail(validators['jwt-structure']!(`${head}.${b64({ iss: 'https://auth.example.com', iat: 1 })}.${sig}`), 'example.com', /sample/);
    expectFail(validators['jwt-structure']!(`${head}.${b64({ name: 'Fake User' })}.${sig}`), 'fake user', /sample/);
    expectOk(validators['jwt-structure']!(`${head}.${b64({ sub: 'u-1', scope: 'read:samplesets', aud: 'fakelake' })}.${sig}`), 'words inside words');
  });
});

describe('basic-credentials', () => {
  const b64 = (s: string): string => Buffer.from(s, 'latin1').toString('base64');
  const check = validators['basic-credentials']!;
  it('accepts the base64 of user:password, with or without padding, and what the fake generator makes', () => {
    for (let i = 0; i < N; i++) {
      const user = F.randChars(F.ALPHABETS.lower, 3 + (i % 9), rng);
      const password = F.randChars(ALNUM, 4 + (i % 30), rng);
      expectOk(check(b64(`${user}:${password}`)), `${user}:${password}`);
      expectOk(check(b64(`${user}:${password}`).replace(/=+$/, '')), 'unpadded');
      expectOk(check(F.expandTemplate('{{basic-b64}}', rng)), 'fake');
    }
    // a token as the password, a user name with a dot, a password with punctuation
    expectOk(check(b64('sfcs.tester:Zq8!kd-2')), 'punctuation');
  });
  it('refuses random base64, no colon, placeholder or typed passwords, and text that is not base64', () => {
    for (let i = 0; i < N; i++) expectFail(check(F.randChars(F.ALPHABETS.base64, 40, rng)), 'random', /printable|user:password|base64/);
    expectFail(check(b64('justonetoken1234')), 'no colon', /user:password/);
    expectFail(check(b64(':passw0rdXY')), 'no user', /user:password/);
    for (const p of ['password', 'Password1', 'changeme', '<token>', '${DOCKER_PASSWORD}', 'xxxx', '****', 'qwerty123']) {
      expectFail(check(b64(`user:${p}`)), p, /placeholder|typed|repeated/);
    }
    expectFail(check(b64('user:ab')), 'two characters', /three/);
    expectFail(check(b64('user:aaaaaa')), 'one repeated', /three|repeated/);
    expectFail(check('Zm9v$YmFy'), 'not base64', /base64/);
    expectFail(check(b64('user:p\u0001ss')), 'control character', /printable/);
  });
});

describe('user-password', () => {
  const check = validators['user-password']!;
  it('takes user:password of a command line, and an API key as the user with no password', () => {
    for (const v of ['elastic:Pq8ssw0rdZ1', 'developer:yqDVtkqPECriaLRi', '"api:d2LkV78zLx!t"', 'j.smith@example.org:dB2yF6@qL9vZm1P#4J', 'sk_4f9a1c0d7e2b8a63:']) {
      expectOk(check(v), v);
    }
  });
  it('refuses placeholders, template references, short or numeric passwords, and a bare user name', () => {
    for (const v of ['user:password', 'admin:changeme', '$USER:$PASSWORD', '${{ needs.vault.outputs.id }}:${{ needs.vault.outputs.password }}', 'u:{{ .Password }}', 'db:5432', 'elastic:abc', 'admin', 'apiuser:', ':']) {
      expectFail(check(v), v);
    }
  });
});

describe('validators map', () => {
  it('has exactly the validator names of SPEC.md', () => {
    expect(Object.keys(validators).sort()).toEqual(
      [
        'base58check-wif',
        'base58check-xprv',
        'base64-secret',
        'basic-credentials',
        'bip39',
        'bip39-list',
        'evm-private-key',
        'generic-secret',
        'github-crc32',
        'gitlab-routable',
        'groq-marker',
        'jwt-structure',
        'not-identifier',
        'not-public-test-value',
        'not-typed',
        'npm-crc32',
        'objectid-timestamp',
        'openai-marker',
        'password-symbols',
        'plain-secret',
        'solana-keypair',
        'user-password',
        'zuplo-crc32',
      ].sort(),
    );
  });
  it('never throws on arbitrary input', () => {
    const junk = ['', ' ', '[', ']', '[,]', '0x', 'ghp_', 'zpka__', '.01.', 'x'.repeat(5000), '\u0000\uffff', '[' + '1,'.repeat(70) + ']'];
    for (const v of Object.values(validators)) for (const j of junk) expect(() => v(j)).not.toThrow();
  });
});

describe('bip39-list', () => {
  const rng = seededRng(7);
  it('reads a numbered, comma-separated or JSON list as a mnemonic', () => {
    const m = F.bip39Mnemonic(12, rng).split(' ');
    expect(validators['bip39-list']!(m.map((w, i) => `${i + 1}. ${w}`).join('\n')).ok).toBe(true);
    expect(validators['bip39-list']!(m.join(', ')).ok).toBe(true);
    expect(validators['bip39-list']!(m.map((w) => `"${w}"`).join(', ')).ok).toBe(true);
  });
  it('drops a bad checksum and a wrong word count', () => {
    expect(validators['bip39-list']!(F.bip39BadMnemonic(12, rng).split(' ').join('\n')).ok).toBe(false);
    expect(validators['bip39-list']!(F.bip39Mnemonic(12, rng).split(' ').slice(0, 11).join('\n')).ok).toBe(false);
  });
});

describe('not-public-test-value', () => {
  it('drops the Hardhat/Anvil keys with or without 0x and keeps a random key', () => {
    expect(validators['not-public-test-value']!(`0x${PUBLIC_EVM_KEYS[0]!}`).ok).toBe(false);
    expect(validators['not-public-test-value']!(PUBLIC_EVM_KEYS[1]!).ok).toBe(false);
    expect(validators['not-public-test-value']!(F.evmKey(seededRng(3))).ok).toBe(true);
    expect(validators['not-public-test-value']!('some-other-secret-value-1234').ok).toBe(true);
  });

  // The one listed Google key that is fake by its own account (firebase-dataconnect's google-services.json, project
  // "fakeproject", AIzay instead of AIzaSy): the others are real keys of Google's test projects, kept out of this repo.
  const FIREBASE_FAKE = ['AIzay', 'DNSXIbFmlXbIE6mCzDLQAqITYefhixbX4A'].join('');

  it('drops the Google API keys published in the Firebase SDK tests, by digest, and keeps other AIza keys', () => {
    expect(PUBLIC_GOOGLE_API_KEY_DIGESTS.every((d) => /^[0-9a-f]{64}$/.test(d))).toBe(true);
    expect(isPublicGoogleApiKey(FIREBASE_FAKE)).toBe(true);
    expect(validators['not-public-test-value']!(FIREBASE_FAKE).ok).toBe(false);
    expect(validators['not-typed']!(FIREBASE_FAKE).ok).toBe(false);
    expect(validators['generic-secret']!(FIREBASE_FAKE).ok).toBe(false);
    for (let i = 0; i < N; i++) {
      const key = `AIzaSy${F.randChars(B64URL, 33, rng)}`;
      expect(isPublicGoogleApiKey(key), key).toBe(false);
      expect(validators['not-typed']!(key).ok, key).toBe(true);
    }
    // One character changed: no longer the published key.
    expect(isPublicGoogleApiKey(flipAt(FIREBASE_FAKE, B64URL, 10, 11))).toBe(false);
  });
});

describe('not-identifier', () => {
  const v = validators['not-identifier']!;
  it.each(['babel7CompatTokens', 'SensitiveString2048', 'validToken_1.token', 'exchangeRecaptchaV3Token', 'smallTextTokens0Line'])(
    'drops the code identifier %s',
    (id) => expect(v(id).ok).toBe(false),
  );
  it('keeps random keys of every alphabet, leetspeak passwords, and drops the public development keys', () => {
    const rng = seededRng(11);
    for (let i = 0; i < 200; i++) {
      for (const kind of ['alnum', 'hex', 'base64', 'b64url'] as const) {
        const s = F.randChars(F.ALPHABETS[kind], 32, rng);
        expect(v(s).ok, s).toBe(true);
      }
    }
    expect(v('Sup3rS3cr3tPassw0rd12').ok).toBe(true);
    // Vowel-less segments (`Ngw`, `Xxxsy`) are not words: this random key once read as an identifier.
    expect(v('zmregUdofqNgwJYxxxsy').ok).toBe(true);
  });
  it('takes few random 20-character mixed-case keys for identifiers', () => {
    const rng = seededRng(7);
    let taken = 0;
    for (let i = 0; i < 5000; i++) if (!v(F.randChars(F.ALPHABETS.alnum, 20, rng)).ok) taken += 1;
    // About 1 in 1,500 (1 in 500 when a segment needed no vowel to count as a word: 10 of these 5,000, against 3 now).
    expect(taken).toBeLessThanOrEqual(6);
    expect(v(`0x${PUBLIC_EVM_KEYS[0]!}`).ok).toBe(false);
  });
});
