// AWS: STS GetCallerIdentity signed with SigV4, against a stand-in that recomputes the signature as AWS documents it;
// and AWS's own worked SigV4 example, byte for byte.

import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sigV4Authorization } from '../../src/verify/sign.js';
import { startStandIn, type StandInReply } from './stand-in.js';
import { fake, findingOf, secretsOf, verifyAgainst } from './helpers.js';

describe('SigV4', () => {
  // "Create a signed AWS API request": GET iam ListUsers at 20150830T123600Z with the documentation's example key.
  it("reproduces AWS's documented example", () => {
    const auth = sigV4Authorization({
      method: 'GET',
      host: 'iam.amazonaws.com',
      path: '/',
      query: 'Action=ListUsers&Version=2010-05-08',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8', Host: 'iam.amazonaws.com', 'X-Amz-Date': '20150830T123600Z' },
      body: '',
      region: 'us-east-1',
      service: 'iam',
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', // keyhound:allow (AWS's public documentation example)
      amzDate: '20150830T123600Z',
    });
    expect(auth).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, ' +
        'Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    );
  });
});

const xmlError = (code: string, message: string): StandInReply => ({
  status: 403,
  body: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r1</RequestId></ErrorResponse>`,
  headers: { 'content-type': 'text/xml' },
});

describe('AWS verifier', () => {
  const setup = async () => {
    const keys = new Map<string, string>();
    const state: { clockOffsetMs: number; failWith?: number } = { clockOffsetMs: 0 };
    const s = await startStandIn({
      aws: (req) => {
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
        return {
          status: 200,
          headers: { 'content-type': 'text/xml' },
          body: '<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/ci</Arn><UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>',
        };
      },
    });
    const add = () => {
      const key = `AKIA${fake(16, 'upper')}`;
      const secret = fake(40, 'base64');
      keys.set(key, secret);
      return findingOf('aws', { key, secret });
    };
    const verify = async (f: ReturnType<typeof add>) => (await verifyAgainst(s, ['aws'], [f])).findings[0]!.verification!;
    return { s, state, add, verify };
  };

  it('live: the account and the ARN', async () => {
    const { add, verify } = await setup();
    expect(await verify(add())).toMatchObject({ status: 'live', account: { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/ci' } });
  });

  it('an unknown key id: invalid; a wrong secret: invalid (signature does not match)', async () => {
    const { add, verify } = await setup();
    expect(await verify(findingOf('aws', { key: `AKIA${fake(16, 'upper')}`, secret: fake(40, 'base64') }))).toMatchObject({ status: 'invalid', message: expect.stringMatching(/InvalidClientTokenId/) });
    const f = add();
    expect(await verify({ ...f, parts: { ...f.parts!, secret: fake(40, 'base64') } })).toMatchObject({ status: 'invalid', message: expect.stringMatching(/SignatureDoesNotMatch/) });
  });

  it('clock skew: unknown, saying so', async () => {
    const { state, add, verify } = await setup();
    state.clockOffsetMs = 60 * 60_000;
    expect(await verify(add())).toMatchObject({ status: 'unknown', message: expect.stringMatching(/^clock skew:/) });
  });

  it('429 and 5xx: unknown', async () => {
    const { state, add, verify } = await setup();
    state.failWith = 429;
    expect((await verify(add())).message).toMatch(/^rate limit:/);
    state.failWith = 500;
    expect((await verify(add())).message).toMatch(/^server error:/);
  });

  it('a key id alone: unknown, missing part; no message holds a secret', async () => {
    const { s, add } = await setup();
    const fs = [add(), findingOf('aws', { key: `AKIA${fake(16, 'upper')}` })];
    const run = await verifyAgainst(s, ['aws'], fs);
    expect(run.findings[1]!.verification!.message).toMatch(/^missing part:/);
    const text = JSON.stringify(run.findings.map((f) => f.verification));
    for (const secret of secretsOf(fs)) expect(text).not.toContain(secret);
  });
});
