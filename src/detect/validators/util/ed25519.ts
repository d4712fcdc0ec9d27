import { createPrivateKey, createPublicKey } from 'node:crypto';

/** PKCS#8 DER prefix for an Ed25519 private key whose 32-byte seed follows (RFC 8410). */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The 32-byte Ed25519 public key of a 32-byte seed, via node:crypto. */
export function ed25519PublicFromSeed(seed: Uint8Array): Uint8Array {
  if (seed.length !== 32) throw new RangeError('Ed25519 seed must be 32 bytes');
  const der = Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.from(seed)]);
  const priv = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  const jwk = createPublicKey(priv).export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('no public key in JWK');
  return new Uint8Array(Buffer.from(jwk.x, 'base64url'));
}
