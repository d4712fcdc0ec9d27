/**
 * Test/development-only BIP-32 derivation (secp256k1 with BigInt, HMAC-SHA512 and PBKDF2 from node:crypto).
 * Used to derive the public Hardhat/Ganache development keys and to check BIP-32 published test vectors.
 * Not constant-time: never use it on real keys.
 */
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { SECP256K1_N } from '../../../src/detect/validators/util/secp256k1.js';
import { bytesToBigInt } from '../../../src/detect/validators/util/hash.js';
import { base58CheckEncode } from '../../../src/detect/validators/util/base58.js';

const P = 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2fn;
const N = SECP256K1_N;
const G = {
  x: 0x79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798n,
  y: 0x483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8n,
};
type Point = { x: bigint; y: bigint } | null; // null = point at infinity

const mod = (a: bigint, m: bigint): bigint => ((a % m) + m) % m;

function inv(a: bigint, m: bigint): bigint {
  let [r0, r1] = [mod(a, m), m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== 1n) throw new Error('not invertible');
  return mod(s0, m);
}

function add(p: Point, q: Point): Point {
  if (p === null) return q;
  if (q === null) return p;
  if (p.x === q.x) {
    if (mod(p.y + q.y, P) === 0n) return null;
    const l = mod(3n * p.x * p.x * inv(2n * p.y, P), P); // doubling (a = 0)
    const x = mod(l * l - 2n * p.x, P);
    return { x, y: mod(l * (p.x - x) - p.y, P) };
  }
  const l = mod((q.y - p.y) * inv(q.x - p.x, P), P);
  const x = mod(l * l - p.x - q.x, P);
  return { x, y: mod(l * (p.x - x) - p.y, P) };
}

export function pointMul(k: bigint, p: Point = G): Point {
  let r: Point = null;
  let a: Point = p;
  let e = k;
  while (e > 0n) {
    if (e & 1n) r = add(r, a);
    a = add(a, a);
    e >>= 1n;
  }
  return r;
}

const be = (v: bigint, len: number): Buffer => Buffer.from(v.toString(16).padStart(len * 2, '0'), 'hex');

/** SEC1 compressed public key (33 bytes) of a private scalar. */
export function compressedPublicKey(k: bigint): Buffer {
  const pt = pointMul(k);
  if (pt === null) throw new Error('infinity');
  return Buffer.concat([Buffer.from([pt.y & 1n ? 0x03 : 0x02]), be(pt.x, 32)]);
}

export interface ExtendedKey {
  key: bigint;
  chainCode: Buffer;
  depth: number;
  parentFingerprint: Buffer;
  childNumber: number;
}

export function masterFromSeed(seed: Uint8Array): ExtendedKey {
  const I = createHmac('sha512', 'Bitcoin seed').update(seed).digest();
  return {
    key: bytesToBigInt(I.subarray(0, 32)),
    chainCode: I.subarray(32),
    depth: 0,
    parentFingerprint: Buffer.alloc(4),
    childNumber: 0,
  };
}

function hash160(data: Buffer): Buffer {
  return createHash('ripemd160').update(createHash('sha256').update(data).digest()).digest();
}

export function childPrivate(parent: ExtendedKey, index: number): ExtendedKey {
  const hardened = index >= 0x80000000;
  const ser32 = Buffer.alloc(4);
  ser32.writeUInt32BE(index >>> 0);
  const pub = compressedPublicKey(parent.key);
  const data = hardened ? Buffer.concat([Buffer.alloc(1), be(parent.key, 32), ser32]) : Buffer.concat([pub, ser32]);
  const I = createHmac('sha512', parent.chainCode).update(data).digest();
  const il = bytesToBigInt(I.subarray(0, 32));
  if (il >= N) throw new Error('invalid child (IL ≥ n), try next index');
  const key = mod(il + parent.key, N);
  if (key === 0n) throw new Error('invalid child (k = 0), try next index');
  return {
    key,
    chainCode: I.subarray(32),
    depth: parent.depth + 1,
    parentFingerprint: hash160(pub).subarray(0, 4),
    childNumber: index >>> 0,
  };
}

/** Path like m/44'/60'/0'/0/3 (also accepts h for hardened). */
export function derivePath(seed: Uint8Array, path: string): ExtendedKey {
  const parts = path.split('/');
  if (parts[0] !== 'm') throw new Error('path must start with m');
  let k = masterFromSeed(seed);
  for (const part of parts.slice(1)) {
    const hard = part.endsWith("'") || part.endsWith('h') || part.endsWith('H');
    const n = Number.parseInt(hard ? part.slice(0, -1) : part, 10);
    k = childPrivate(k, hard ? n + 0x80000000 : n);
  }
  return k;
}

export function serializeXprv(k: ExtendedKey, version = 0x0488ade4): string {
  const b = Buffer.alloc(78);
  b.writeUInt32BE(version >>> 0, 0);
  b[4] = k.depth;
  k.parentFingerprint.copy(b, 5);
  b.writeUInt32BE(k.childNumber, 9);
  k.chainCode.copy(b, 13);
  b[45] = 0;
  be(k.key, 32).copy(b, 46);
  return base58CheckEncode(b);
}

/** BIP-39 seed: PBKDF2-HMAC-SHA512(mnemonic NFKD, "mnemonic" + passphrase NFKD, 2048, 64). */
export function mnemonicToSeed(mnemonic: string, passphrase = ''): Uint8Array {
  return new Uint8Array(
    pbkdf2Sync(mnemonic.normalize('NFKD'), ('mnemonic' + passphrase).normalize('NFKD'), 2048, 64, 'sha512'),
  );
}

export function hex64(k: bigint): string {
  return k.toString(16).padStart(64, '0');
}
