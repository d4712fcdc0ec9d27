// The single-token verifiers (AI, platforms, market data and nodes) against stand-ins that check where each provider
// documents the token goes (bearer header, API-key header, path or query) and answer with its documented bodies: live
// (with the rights and account facts it reports), invalid, 429 and server errors. Bearer tokens have no signature
// and no clock: the signature and clock-skew cases are the exchanges' and AWS's (exchanges.test.ts, aws.test.ts).

import { describe, expect, it } from 'vitest';
import { startStandIn } from './stand-in.js';
import { TOKEN_CASES, tokenHandler, twilioStandIn } from './stand-ins/tokens.js';
import { fake, findingOf, secretsOf, verifyAgainst } from './helpers.js';

describe.each(TOKEN_CASES)('$provider verifier', (c) => {
  const setup = async () => {
    const known = new Set<string>();
    const state: { failWith?: number } = {};
    const s = await startStandIn({ [c.endpoint]: tokenHandler(c, known, state), ...c.extra });
    const add = () => {
      const t = c.token();
      known.add(t);
      return findingOf(c.provider, { [c.part ?? 'key']: t });
    };
    const verify = async (f: ReturnType<typeof add>) => (await verifyAgainst(s, [c.endpoint], [f])).findings[0]!.verification!;
    return { s, state, add, verify };
  };

  it('live, with the rights and account facts the provider reports', async () => {
    const { add, verify } = await setup();
    const v = await verify(add());
    expect(v).toMatchObject({ status: 'live', provider: c.provider, ...(c.expectLive ?? {}) });
  });

  it('an unknown token: invalid', async () => {
    const { verify } = await setup();
    expect((await verify(findingOf(c.provider, { [c.part ?? 'key']: c.token() }))).status).toBe('invalid');
  });

  it('429 after retries: unknown, rate limit; a server error: unknown, server error', async () => {
    const { state, add, verify } = await setup();
    state.failWith = 429;
    expect((await verify(add())).message).toMatch(/^rate limit:/);
    state.failWith = 503;
    expect(await verify(add())).toMatchObject({ status: 'unknown', message: expect.stringMatching(/^server error:/) });
  });

  it('no message holds the token', async () => {
    const { s, add } = await setup();
    const fs = [add(), findingOf(c.provider, { [c.part ?? 'key']: c.token() })];
    const text = JSON.stringify((await verifyAgainst(s, [c.endpoint], fs)).findings.map((f) => f.verification));
    for (const secret of secretsOf(fs)) expect(text).not.toContain(secret);
  });
});

describe('provider-specific answers', () => {
  it('Google: a valid key not enabled for the Gemini API (403) is live, saying so', async () => {
    const s = await startStandIn({ google: () => ({ status: 403, body: { error: { code: 403, status: 'PERMISSION_DENIED', message: 'Generative Language API has not been used in project 1 before or it is disabled.' } } }) });
    const v = (await verifyAgainst(s, ['google'], [findingOf('google', { key: `AIza${fake(35, 'b64url')}` })])).findings[0]!.verification!;
    expect(v).toMatchObject({ status: 'live', account: { gemini: false } });
  });

  it('CoinGecko: a Demo key (refused by the Pro API) is live on the Demo API', async () => {
    const key = `CG-${fake(25)}`;
    const s = await startStandIn({
      coingecko: () => ({ status: 400, body: { status: { error_code: 10010, error_message: 'If you are using Demo API key, please change your root URL from pro-api.coingecko.com to api.coingecko.com' } } }),
      'coingecko-demo': (req) => (req.path === '/api/v3/ping' && req.headers['x-cg-demo-api-key'] === key ? { status: 200, body: { gecko_says: '(V3) To the Moon!' } } : { status: 401, body: {} }),
    });
    const [v, dead] = (await verifyAgainst(s, ['coingecko', 'coingecko-demo'], [findingOf('coingecko', { key }), findingOf('coingecko', { key: `CG-${fake(25)}` })])).findings.map((f) => f.verification!);
    expect(v).toMatchObject({ status: 'live', account: { plan: 'demo' } });
    expect(dead!.status).toBe('invalid');
  });

  it('kinds of credential a verifier cannot check are unknown, and nothing is sent', async () => {
    const s = await startStandIn({});
    const fs = [
      findingOf('anthropic', { token: `sk-ant-oat01-${fake(80, 'b64url')}` }),
      findingOf('github', { secret: fake(40, 'hex') }),
      findingOf('slack', { url: `https://hooks.slack.com/services/T${fake(8, 'ALNUM')}/B${fake(8, 'ALNUM')}/${fake(24)}` }),
      findingOf('stripe', { secret: `whsec_${fake(32)}` }),
    ];
    const run = await verifyAgainst(s, ['anthropic', 'github', 'slack', 'stripe'], fs);
    for (const f of run.findings) expect(f.verification!.message).toMatch(/^no verifier: keyhound checks /);
    expect(run.findings[2]!.verification!.message).toMatch(/a webhook takes only a POST, which posts a message, and has no read-only check/);
    expect(s.requests).toHaveLength(0);
  });

  it('QuickNode endpoint tokens are not sent anywhere (their host is per endpoint, not fixed), and say so', async () => {
    const s = await startStandIn({});
    const run = await verifyAgainst(s, [], [findingOf('quicknode', { token: fake(40, 'hex') })]);
    expect(run.findings[0]!.verification).toMatchObject({ status: 'unknown', message: expect.stringMatching(/^no verifier: a QuickNode endpoint token is only accepted at its own endpoint host/) });
    expect(s.requests).toHaveLength(0);
    expect(run.sent.size).toBe(0);
  });
});

describe('Twilio verifier (account SID + auth token, Basic auth)', () => {
  const setup = async () => {
    const tokens = new Map<string, string>();
    const state: { failWith?: number } = {};
    const s = await startStandIn({ twilio: twilioStandIn(tokens, state) });
    const make = () => ({ sid: `AC${fake(32, 'hex')}`, token: fake(32, 'hex') });
    const add = () => {
      const p = make();
      tokens.set(p.sid, p.token);
      return findingOf('twilio', { token: p.token, sid: p.sid }, 'twilio-auth-token');
    };
    const verify = async (f: ReturnType<typeof add>) => (await verifyAgainst(s, ['twilio'], [f])).findings[0]!.verification!;
    return { s, state, add, make, verify };
  };

  it('live: the account status and type, never the token the record holds', async () => {
    const { add, verify } = await setup();
    const f = add();
    const v = await verify(f);
    expect(v).toMatchObject({ status: 'live', account: { status: 'active', type: 'Full', subaccount: false } });
    expect(JSON.stringify(v)).not.toContain(f.parts!.token);
  });

  it('an unknown pair, or a known SID with a wrong token: invalid', async () => {
    const { add, make, verify } = await setup();
    expect((await verify(findingOf('twilio', make(), 'twilio-auth-token'))).status).toBe('invalid');
    const f = add();
    expect((await verify({ ...f, parts: { ...f.parts!, token: fake(32, 'hex') } })).status).toBe('invalid');
  });

  it('a token without its SID: unknown, missing part, nothing sent', async () => {
    const { s, verify } = await setup();
    expect(await verify(findingOf('twilio', { token: fake(32, 'hex') }, 'twilio-auth-token'))).toMatchObject({ status: 'unknown', message: expect.stringMatching(/^missing part:/) });
    expect(s.requests).toHaveLength(0);
  });

  it('429 after retries and 5xx: unknown', async () => {
    const { state, add, verify } = await setup();
    state.failWith = 429;
    expect((await verify(add())).message).toMatch(/^rate limit:/);
    state.failWith = 500;
    expect((await verify(add())).message).toMatch(/^server error:/);
  });
});
