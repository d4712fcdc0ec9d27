// AWS: STS GetCallerIdentity signed with SigV4, against a stand-in that recomputes the signature as AWS documents it;
// and AWS's own worked SigV4 example, byte for byte.

import { describe, expect, it } from 'vitest';
import { sigV4Authorization } from '../../src/verify/sign.js';
import { startStandIn } from './stand-in.js';
import { awsStandIn, type AwsState } from './stand-ins/aws.js';
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

describe('AWS verifier', () => {
  const setup = async () => {
    const state: AwsState = { keys: new Map(), clockOffsetMs: 0 };
    const { keys } = state;
    const s = await startStandIn({ aws: awsStandIn(state) });
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

  it('a signature mismatch is sent once more: a right pair STS refuses once (after another secret) is live', async () => {
    const { s, state, add, verify } = await setup();
    state.mismatchFirst = 1;
    expect(await verify(add())).toMatchObject({ status: 'live' });
    expect(s.requests.filter((r) => r.prefix === 'aws')).toHaveLength(2);
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
