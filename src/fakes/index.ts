/**
 * Fake-value generators for rule example templates (SPEC.md "Example templates"). Every value is freshly random;
 * formats with a checksum get a valid one, and the `*-bad` kinds are deliberately broken. Nothing here is, or is
 * derived from, a real secret.
 */
import { randomInt } from 'node:crypto';
import { base58CheckEncode, base58Encode, BASE58_ALPHABET } from '../detect/validators/util/base58.js';
import { BIP39_WORDS, checkMnemonicChecksum, entropyToMnemonic } from '../detect/validators/util/bip39-words.js';
import { crc32 } from '../detect/validators/util/crc32.js';
import { ed25519PublicFromSeed } from '../detect/validators/util/ed25519.js';
import { bytesToBigInt } from '../detect/validators/util/hash.js';
import { base36Crc, base62Crc, hex32, BASE36_ALPHABET } from '../detect/validators/util/radix.js';
import { isValidSecp256k1Scalar } from '../detect/validators/util/secp256k1.js';
import { XPRV_VERSIONS } from '../detect/validators/base58check-xprv.js';
import { base58checkWif } from '../detect/validators/base58check-wif.js';
import { evmPrivateKey } from '../detect/validators/evm-private-key.js';
import { bip39 as bip39Validator } from '../detect/validators/bip39.js';
import { GROQ_MARKER } from '../detect/validators/groq-marker.js';

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

const TWO_47 = 2 ** 47; // randomInt needs max - min < 2^48
/** Default RNG: node:crypto randomInt (47 bits of a CSPRNG per call). */
export const defaultRng: Rng = () => randomInt(0, TWO_47) / TWO_47;

export const ALPHABETS = {
  hex: '0123456789abcdef',
  HEX: '0123456789ABCDEF',
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  ALNUM: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  lalnum: 'abcdefghijklmnopqrstuvwxyz0123456789',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digits: '0123456789',
  base64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  b64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-',
  base58: BASE58_ALPHABET,
  base36: BASE36_ALPHABET,
  base32: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
} as const;
export type AlphabetKind = keyof typeof ALPHABETS;

export function randInt(n: number, rng: Rng = defaultRng): number {
  const v = Math.floor(rng() * n);
  return v >= n ? n - 1 : v < 0 ? 0 : v;
}

export function randChars(alphabet: string, n: number, rng: Rng = defaultRng): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[randInt(alphabet.length, rng)];
  return s;
}

export function randBytes(n: number, rng: Rng = defaultRng): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = randInt(256, rng);
  return b;
}

const hexOf = (b: Uint8Array): string => Buffer.from(b).toString('hex');

export function uuid(rng: Rng = defaultRng): string {
  const h = randChars(ALPHABETS.hex, 32, rng).split('');
  h[12] = '4';
  h[16] = '89ab'[randInt(4, rng)] as string;
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** 24 hex whose first 8 are a Unix time between 2015-01-01 and yesterday. */
export function objectid(rng: Rng = defaultRng): string {
  const lo = 1420070400;
  const hi = Math.floor(Date.now() / 1000) - 86400;
  const t = lo + randInt(hi - lo, rng);
  return t.toString(16).padStart(8, '0') + randChars(ALPHABETS.hex, 16, rng);
}

/** GitHub token with a valid CRC32-base62 checksum; prefix ghp/gho/ghu/ghs. */
export function githubToken(prefix = 'ghp', rng: Rng = defaultRng): string {
  if (!['ghp', 'gho', 'ghu', 'ghs'].includes(prefix)) throw new Error(`unknown GitHub token prefix: ${prefix}`);
  const body = randChars(ALPHABETS.alnum, 30, rng);
  return `${prefix}_${body}${base62Crc(crc32(body))}`;
}

export function npmToken(rng: Rng = defaultRng): string {
  const body = randChars(ALPHABETS.alnum, 30, rng);
  return `npm_${body}${base62Crc(crc32(body))}`;
}

export function zuploKey(rng: Rng = defaultRng): string {
  const body = randChars(ALPHABETS.hex, 32, rng);
  return `zpka_${body}_${hex32(crc32(body))}`;
}

/** GitLab routable token (glpat- by default) with a valid payload and base36 CRC32. */
export function gitlabRoutableToken(prefix = 'glpat-', rng: Rng = defaultRng): string {
  const payload = `o:${(1 + randInt(5000, rng)).toString(36)}\nu:${(1 + randInt(9_000_000, rng)).toString(36)}`;
  const raw = Buffer.concat([Buffer.from(randBytes(16, rng)), Buffer.from(payload), Buffer.from([payload.length])]);
  const b64 = raw.toString('base64url');
  const head = `${prefix}${b64}.01.${b64.length.toString(36).padStart(2, '0')}`;
  return head + base36Crc(crc32(head));
}

function wordCount(arg: string | undefined, def = 12): number {
  const n = arg === undefined || arg === '' ? def : Number(arg);
  if (![12, 15, 18, 21, 24].includes(n)) throw new Error(`bip39 word count must be 12/15/18/21/24, got ${arg}`);
  return n;
}

/** A valid BIP-39 mnemonic (random entropy, correct checksum, not a public test mnemonic). */
export function bip39Mnemonic(words = 12, rng: Rng = defaultRng): string {
  wordCount(String(words));
  for (;;) {
    const m = entropyToMnemonic(randBytes((words * 11 * 32) / 33 / 8, rng)).join(' ');
    if (bip39Validator(m).ok) return m;
  }
}

/** Words all in the list, but the checksum is wrong. */
export function bip39BadMnemonic(words = 12, rng: Rng = defaultRng): string {
  const good = bip39Mnemonic(words, rng).split(' ');
  for (;;) {
    const w = [...good];
    w[w.length - 1] = BIP39_WORDS[randInt(2048, rng)] as string;
    const m = w.join(' ');
    if (!checkMnemonicChecksum(m).ok) return m;
  }
}

function secpKey(rng: Rng): Uint8Array {
  for (;;) {
    const k = randBytes(32, rng);
    if (isValidSecp256k1Scalar(bytesToBigInt(k))) return k;
  }
}

export type WifOptions = { testnet?: boolean; compressed?: boolean };

/** Bitcoin WIF: mainnet compressed (K/L…) by default; `uncompressed` → 5…, testnet → c… / 9…. */
export function wif(opts: WifOptions = {}, rng: Rng = defaultRng): string {
  const compressed = opts.compressed ?? true;
  const payload = new Uint8Array(compressed ? 34 : 33);
  payload[0] = opts.testnet === true ? 0xef : 0x80;
  payload.set(secpKey(rng), 1);
  if (compressed) payload[33] = 0x01;
  return base58CheckEncode(payload);
}

function wifOptions(arg: string | undefined): WifOptions {
  switch (arg ?? '') {
    case '':
    case 'compressed':
      return { compressed: true };
    case 'uncompressed':
      return { compressed: false };
    case 'testnet':
      return { testnet: true, compressed: true };
    case 'testnet-uncompressed':
      return { testnet: true, compressed: false };
    default:
      throw new Error(`unknown wif variant: ${arg}`);
  }
}

/** Replace one character of `s` (not the first) with a different character of `alphabet`. */
export function flipOneChar(s: string, alphabet: string, rng: Rng = defaultRng, from = 1): string {
  const i = from + randInt(s.length - from, rng);
  const cur = s[i] as string;
  let c = cur;
  while (c === cur) c = alphabet[randInt(alphabet.length, rng)] as string;
  return s.slice(0, i) + c + s.slice(i + 1);
}

/** A WIF-shaped string whose base58check checksum fails. */
export function wifBad(opts: WifOptions = {}, rng: Rng = defaultRng): string {
  const good = wif(opts, rng);
  for (;;) {
    const bad = flipOneChar(good, BASE58_ALPHABET, rng, 2);
    if (!base58checkWif(bad).ok) return bad;
  }
}

/** BIP-32 extended private key with the given version name (xprv, tprv, yprv, zprv, Yprv, Zprv, uprv, vprv). */
export function xprv(version = 'xprv', rng: Rng = defaultRng): string {
  const v = XPRV_VERSIONS[version];
  if (v === undefined) throw new Error(`unknown extended private key version: ${version}`);
  const b = Buffer.alloc(78);
  b.writeUInt32BE(v, 0);
  const depth = [0, 0, 3, 5][randInt(4, rng)] as number;
  b[4] = depth;
  if (depth > 0) {
    Buffer.from(randBytes(4, rng)).copy(b, 5);
    b.writeUInt32BE((randInt(100, rng) + 0x80000000) >>> 0, 9);
  }
  Buffer.from(randBytes(32, rng)).copy(b, 13);
  b[45] = 0;
  Buffer.from(secpKey(rng)).copy(b, 46);
  return base58CheckEncode(new Uint8Array(b));
}

/** 64-byte Solana keypair: Ed25519 seed ‖ public key. */
export function solanaKeypairBytes(rng: Rng = defaultRng): Uint8Array {
  const seed = randBytes(32, rng);
  const out = new Uint8Array(64);
  out.set(seed);
  out.set(ed25519PublicFromSeed(seed), 32);
  return out;
}

export function solanaB58(rng: Rng = defaultRng): string {
  return base58Encode(solanaKeypairBytes(rng));
}

/** As in a solana-keygen id.json: `[n,n,…]` with no spaces. */
export function solanaJson(rng: Rng = defaultRng): string {
  return `[${Array.from(solanaKeypairBytes(rng)).join(',')}]`;
}

/** 64 random bytes whose second half is NOT the public key of the first (base58, or JSON with arg "json"). */
export function solanaBad(form = 'b58', rng: Rng = defaultRng): string {
  const b = solanaKeypairBytes(rng);
  const i = 32 + randInt(32, rng);
  b[i] = (b[i] as number) ^ (1 + randInt(255, rng));
  if (form === 'json') return `[${Array.from(b).join(',')}]`;
  if (form !== 'b58' && form !== '') throw new Error(`unknown solana-bad form: ${form}`);
  return base58Encode(b);
}

/** 64 lower hex, a valid secp256k1 scalar that passes the evm-private-key validator. */
export function evmKey(rng: Rng = defaultRng): string {
  for (;;) {
    const k = hexOf(secpKey(rng));
    if (evmPrivateKey(k).ok) return k;
  }
}

/** OpenAI key: proj | svcacct | admin (sk-<kind>- + 74 + T3BlbkFJ + 74), or legacy (sk- + 20 + T3BlbkFJ + 20). */
export function openaiKey(kind = 'proj', rng: Rng = defaultRng): string {
  if (kind === 'legacy') {
    return `sk-${randChars(ALPHABETS.alnum, 20, rng)}T3BlbkFJ${randChars(ALPHABETS.alnum, 20, rng)}`;
  }
  if (!['proj', 'svcacct', 'admin'].includes(kind)) throw new Error(`unknown openai key kind: ${kind}`);
  return `sk-${kind}-${randChars(ALPHABETS.b64url, 74, rng)}T3BlbkFJ${randChars(ALPHABETS.b64url, 74, rng)}`;
}

/** Anthropic key: sk-ant-api03- (default) or sk-ant-admin01- + 93 [A-Za-z0-9_-] + AA. */
export function anthropicKey(kind = 'api03', rng: Rng = defaultRng): string {
  const prefix = kind === 'admin' || kind === 'admin01' ? 'sk-ant-admin01-' : kind === 'api03' ? 'sk-ant-api03-' : null;
  if (prefix === null) throw new Error(`unknown anthropic key kind: ${kind}`);
  return `${prefix}${randChars(ALPHABETS.b64url, 93, rng)}AA`;
}

export function groqKey(rng: Rng = defaultRng): string {
  return `gsk_${randChars(ALPHABETS.alnum, 20, rng)}${GROQ_MARKER}${randChars(ALPHABETS.alnum, 24, rng)}`;
}

const b64url = (s: string): string => Buffer.from(s).toString('base64url');

/** A JWT with a random HS256-looking signature. */
export function jwt(rng: Rng = defaultRng): string {
  const iat = 1600000000 + randInt(200_000_000, rng);
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(
    JSON.stringify({ sub: uuid(rng), name: randChars(ALPHABETS.lower, 8, rng), iat, exp: iat + 3600 }),
  );
  return `${header}.${payload}.${randChars(ALPHABETS.b64url, 43, rng)}`;
}

/** DER/armor starts that make the body look like the real thing, and realistic total sizes in bytes. */
const PEM_SHAPES: Record<string, { head: string; size: number; width: number }> = {
  'RSA PRIVATE KEY': { head: '308204a40201000282010100', size: 1192, width: 64 },
  'PRIVATE KEY': { head: '308204be020100300d06092a864886f70d0101010500048204a8', size: 1218, width: 64 },
  'EC PRIVATE KEY': { head: '307702010104', size: 121, width: 64 },
  'DSA PRIVATE KEY': { head: '308201bb02010002818100', size: 443, width: 64 },
  'ENCRYPTED PRIVATE KEY': { head: '308205', size: 1298, width: 64 },
  'OPENSSH PRIVATE KEY': { head: Buffer.from('openssh-key-v1\0').toString('hex'), size: 399, width: 70 },
  'PGP PRIVATE KEY BLOCK': { head: '9503c604', size: 1000, width: 64 },
};

/** A fake PEM block (lines joined with \n) with a random base64 body of realistic length for the type. */
export function pem(type = 'RSA PRIVATE KEY', rng: Rng = defaultRng): string {
  const shape = PEM_SHAPES[type] ?? { head: '3082', size: 600, width: 64 };
  const head = Buffer.from(shape.head, 'hex');
  const body = Buffer.concat([head, Buffer.from(randBytes(Math.max(0, shape.size - head.length), rng))]).toString(
    'base64',
  );
  const lines: string[] = [];
  for (let i = 0; i < body.length; i += shape.width) lines.push(body.slice(i, i + shape.width));
  const armor = type.startsWith('PGP') ? ['', ...lines, '=' + randChars(ALPHABETS.base64, 4, rng)] : lines;
  return [`-----BEGIN ${type}-----`, ...armor, `-----END ${type}-----`].join('\n');
}

/** 88-char base64 of 64 bytes: Ed25519 seed ‖ public key (as Coinbase CDP Ed25519 keys). */
export function ed25519B64(rng: Rng = defaultRng): string {
  return Buffer.from(solanaKeypairBytes(rng)).toString('base64');
}

function needLength(kind: string, arg: string | undefined): number {
  const n = Number(arg);
  if (arg === undefined || !Number.isInteger(n) || n < 0 || n > 100_000) {
    throw new Error(`template {{${kind}:N}} needs a length, got ${arg === undefined ? 'none' : JSON.stringify(arg)}`);
  }
  return n;
}

type Gen = (arg: string | undefined, rng: Rng) => string;

const numbered = (m: string): string => m.split(' ').map((w, i) => `${i + 1}. ${w}`).join('\n');

const GENERATORS: Record<string, Gen> = {
  uuid: (_a, r) => uuid(r),
  UUID: (_a, r) => uuid(r).toUpperCase(),
  objectid: (_a, r) => objectid(r),
  github: (a, r) => githubToken(a ?? 'ghp', r),
  npm: (_a, r) => npmToken(r),
  zuplo: (_a, r) => zuploKey(r),
  gitlab: (a, r) => gitlabRoutableToken(a ?? 'glpat-', r),
  bip39: (a, r) => bip39Mnemonic(wordCount(a), r),
  'bip39-bad': (a, r) => bip39BadMnemonic(wordCount(a), r),
  // List forms of a mnemonic, as wallet backups write them.
  'bip39-numbered': (a, r) => numbered(bip39Mnemonic(wordCount(a), r)),
  'bip39-bad-numbered': (a, r) => numbered(bip39BadMnemonic(wordCount(a), r)),
  'bip39-comma': (a, r) => bip39Mnemonic(wordCount(a), r).split(' ').join(', '),
  'bip39-json': (a, r) => bip39Mnemonic(wordCount(a), r).split(' ').map((w) => `"${w}"`).join(', '),
  wif: (a, r) => wif(wifOptions(a), r),
  'wif-bad': (a, r) => wifBad(wifOptions(a), r),
  xprv: (a, r) => xprv(a ?? 'xprv', r),
  'solana-b58': (_a, r) => solanaB58(r),
  'solana-json': (_a, r) => solanaJson(r),
  'solana-bad': (a, r) => solanaBad(a ?? 'b58', r),
  evmkey: (_a, r) => evmKey(r),
  jwt: (_a, r) => jwt(r),
  pem: (a, r) => pem(a ?? 'RSA PRIVATE KEY', r),
  'pem-b64': (a, r) => Buffer.from(`${pem(a ?? 'RSA PRIVATE KEY', r)}\n`).toString('base64'),
  openai: (a, r) => openaiKey(a ?? 'proj', r),
  anthropic: (a, r) => anthropicKey(a ?? 'api03', r),
  groq: (_a, r) => groqKey(r),
  'ed25519-b64': (_a, r) => ed25519B64(r),
  // HTTP Basic credentials as sent and as a Docker config keeps them: base64 of `user:password`.
  'basic-b64': (_a, r) => Buffer.from(`${randChars(ALPHABETS.lower, 8, r)}:${randChars(ALPHABETS.alnum, 20, r)}`).toString('base64'),
};
for (const k of Object.keys(ALPHABETS) as AlphabetKind[]) {
  GENERATORS[k] = (a, r) => randChars(ALPHABETS[k], needLength(k, a), r);
}

/** Kinds understood by expandTemplate. */
export const TEMPLATE_KINDS: readonly string[] = Object.keys(GENERATORS).sort();

/** `{{kind}}` or `{{kind:arg}}`; kind starts with a letter, so `{{ .Values.x }}` placeholders are left alone. */
const TEMPLATE = /\{\{([A-Za-z][A-Za-z0-9-]*)(?::([^{}]*))?\}\}/g;

/** Replace every `{{kind[:arg]}}` with a fresh random value. Unknown kinds throw an Error naming the kind. */
export function expandTemplate(template: string, rng: Rng = defaultRng, own: Readonly<Record<string, (rng: Rng) => string>> = {}): string {
  return template.replace(TEMPLATE, (_m, kind: string, arg: string | undefined) => {
    const part = own[kind];
    if (part !== undefined && arg === undefined) return part(rng);
    const gen = GENERATORS[kind];
    if (gen === undefined) throw new Error(`unknown template kind: ${kind}`);
    return gen(arg, rng);
  });
}
