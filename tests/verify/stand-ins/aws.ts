// AWS STS stand-in: GetCallerIdentity, with the SigV4 signature recomputed as AWS documents it, and the documented
// XML errors (InvalidClientTokenId, SignatureDoesNotMatch, expired signature).

import { createHash, createHmac } from 'node:crypto';
import type { StandInHandler, StandInReply } from '../stand-in.js';

export const xmlError = (code: string, message: string): StandInReply => ({
  status: 403,
  body: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r1</RequestId></ErrorResponse>`,
  headers: { 'content-type': 'text/xml' },
});

export interface AwsState {
  /** Known access key id → secret access key. */
  keys: Map<string, string>;
  clockOffsetMs: number;
  failWith?: number;
  /** Refuse this many right signatures with SignatureDoesNotMatch first (STS's behaviour after another secret). */
  mismatchFirst?: number;
}

export function awsStandIn(state: AwsState): StandInHandler {
  const { keys } = state;
  return (req) => {
    if (state.failWith) return { status: state.failWith, body: 'throttled' };
    if (req.method !== 'POST' || req.body !== 'Action=GetCallerIdentity&Version=2011-06-15') return xmlError('InvalidAction', 'Could not find operation');
    const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/us-east-1\/sts\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(String(req.headers.authorization ?? ''));
    if (!m) return xmlError('IncompleteSignature', 'bad Authorization header');
    const [, keyId, day, signedHeaders, signature] = m;
    const secret = keys.get(keyId!);
    if (!secret) return xmlError('InvalidClientTokenId', 'The security token included in the request is invalid.');
    const date = String(req.headers['x-amz-date'] ?? '');
    // Recompute as AWS does, with the host the client signed for (the real STS host, which this stand-in plays).
    const values: Record<string, string> = { host: 'sts.amazonaws.com', 'content-type': String(req.headers['content-type'] ?? ''), 'x-amz-date': date };
    const names = signedHeaders!.split(';');
    const canonical = ['POST', '/', '', names.map((n) => `${n}:${values[n] ?? ''}\n`).join(''), signedHeaders, createHash('sha256').update(req.body).digest('hex')].join('\n');
    const toSign = ['AWS4-HMAC-SHA256', date, `${day}/us-east-1/sts/aws4_request`, createHash('sha256').update(canonical).digest('hex')].join('\n');
    let k: Buffer = createHmac('sha256', `AWS4${secret}`).update(day!).digest();
    for (const p of ['us-east-1', 'sts', 'aws4_request']) k = createHmac('sha256', k).update(p).digest();
    if (createHmac('sha256', k).update(toSign).digest('hex') !== signature) return xmlError('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
    const sent = Date.UTC(+date.slice(0, 4), +date.slice(4, 6) - 1, +date.slice(6, 8), +date.slice(9, 11), +date.slice(11, 13), +date.slice(13, 15));
    if (Math.abs(Date.now() + state.clockOffsetMs - sent) > 15 * 60_000) return xmlError('SignatureDoesNotMatch', 'Signature expired: 20260101T000000Z is now earlier than 20260101T001500Z');
    if (state.mismatchFirst) {
      state.mismatchFirst--;
      return xmlError('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
    }
    return {
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body: '<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/ci</Arn><UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>',
    };
  };
}
