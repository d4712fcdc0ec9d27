// Signing schemes the providers document, on node:crypto alone: HMAC (hex or base64), JWTs signed with ES256 or
// Ed25519 (EdDSA), and AWS Signature Version 4.

import { createHash, createHmac, createPrivateKey, randomBytes, sign as cryptoSign, type KeyObject } from 'node:crypto';

export function hmacHex(alg: 'sha256' | 'sha384' | 'sha512', key: string | Buffer, data: string | Buffer): string {
  return createHmac(alg, key).update(data).digest('hex');
}

export function hmacBase64(alg: 'sha256' | 'sha384' | 'sha512', key: string | Buffer, data: string | Buffer): string {
  return createHmac(alg, key).update(data).digest('base64');
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

/** A random hex nonce. */
export function nonceHex(bytes = 16): string {
  return randomBytes(bytes).toString('hex');
}

/**
 * A JWT signed with ES256 (P-256, signature as raw r‖s) or EdDSA (Ed25519). `key` is a PEM private key or, for
 * Ed25519, the base64 of the 64-byte seed‖public key (or 32-byte seed) as Coinbase CDP issues it.
 */
export function signJwt(header: Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject): string {
  const alg = key.asymmetricKeyType === 'ed25519' ? 'EdDSA' : 'ES256';
  const input = `${base64url(JSON.stringify({ ...header, alg }))}.${base64url(JSON.stringify(payload))}`;
  const sig =
    alg === 'EdDSA' ? cryptoSign(null, Buffer.from(input), key) : cryptoSign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${base64url(sig)}`;
}

/** A private key from PEM text (escaped `\n` allowed) or an Ed25519 seed in base64; null when it is neither. */
export function privateKeyFrom(text: string): KeyObject | null {
  const pem = text.includes('\\n') ? text.replace(/\\n/g, '\n') : text;
  if (pem.includes('-----BEGIN')) {
    try {
      return createPrivateKey(pem);
    } catch {
      return null;
    }
  }
  const raw = Buffer.from(pem.replace(/\s+/g, ''), 'base64');
  if (raw.length > 64 && raw[0] === 0x30) {
    // The body of an EC PRIVATE KEY block without its BEGIN/END lines (what a rule capturing between them reports):
    // SEC1 DER.
    try {
      return createPrivateKey({ key: raw, format: 'der', type: 'sec1' });
    } catch {
      return null;
    }
  }
  if (raw.length !== 64 && raw.length !== 32) return null;
  // PKCS#8 wrapping of an Ed25519 seed (RFC 8410): a fixed 16-byte prefix, then the 32-byte seed.
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), raw.subarray(0, 32)]);
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    return null;
  }
}

export interface SigV4Request {
  method: string;
  host: string;
  path: string;
  /** Canonical query string, already sorted and encoded. */
  query: string;
  headers: Record<string, string>;
  body: string;
  region: string;
  service: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `YYYYMMDDTHHMMSSZ`. */
  amzDate: string;
}

/** AWS Signature Version 4: the Authorization header for a request (headers must include host and x-amz-date). */
export function sigV4Authorization(r: SigV4Request): string {
  const names = Object.keys(r.headers).map((h) => h.toLowerCase()).sort();
  const lower = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const canonicalHeaders = names.map((n) => `${n}:${String(lower[n]).trim().replace(/\s+/g, ' ')}\n`).join('');
  const signedHeaders = names.join(';');
  const canonical = [r.method, r.path, r.query, canonicalHeaders, signedHeaders, sha256Hex(r.body)].join('\n');
  const date = r.amzDate.slice(0, 8);
  const scope = `${date}/${r.region}/${r.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', r.amzDate, scope, sha256Hex(canonical)].join('\n');
  let k: Buffer = createHmac('sha256', `AWS4${r.secretAccessKey}`).update(date).digest();
  for (const part of [r.region, r.service, 'aws4_request']) k = createHmac('sha256', k).update(part).digest();
  const signature = createHmac('sha256', k).update(toSign).digest('hex');
  return `AWS4-HMAC-SHA256 Credential=${r.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}
