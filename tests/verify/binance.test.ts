// The Binance verifier against a stand-in that checks the documented signing, and Binance's own worked example.

import { describe, expect, it } from 'vitest';
import { binanceRights, binanceSignature } from '../../src/verify/binance.js';
import { startStandIn } from './stand-in.js';
import { binanceStandIns, restrictions, type BinanceStandIn } from './stand-ins/binance.js';
import { fake, findingOf, secretsOf, verifyAgainst } from './helpers.js';

const IDS = ['binance', 'binance-us'];

describe('Binance signing', () => {
  // The example of Binance's "SIGNED endpoint security" page, byte for byte: its documented secret, query and signature.
  it('reproduces the documented HMAC-SHA256 example', () => {
    const secret = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j'; // keyhound:allow (Binance's public doc example)
    const query = 'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559';
    expect(binanceSignature(secret, query)).toBe('c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71');
    // The second documented example: a percent-encoded Unicode symbol is signed as sent.
    const unicode =
      'symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559';
    expect(binanceSignature(secret, unicode)).toBe('e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3');
  });

  it('maps the permission record to rights, withdrawal first', () => {
    expect(binanceRights(restrictions({ enableWithdrawals: true, enableSpotAndMarginTrading: true, enableFutures: true }))).toEqual(['withdraw', 'trade', 'futures', 'read']);
    expect(binanceRights(restrictions())).toEqual(['read']);
  });
});

describe('Binance verifier', () => {
  const setup = async () => {
    const state: BinanceStandIn = { accounts: new Map(), clockOffsetMs: 0, alwaysSkewed: false };
    const s = await startStandIn(binanceStandIns(state));
    const add = (over: Partial<BinanceStandIn['accounts'] extends Map<string, infer A> ? A : never>) => {
      const key = fake(64);
      const secret = fake(64);
      state.accounts.set(key, { secret, ...over });
      return findingOf('binance', { key, secret });
    };
    return { state, s, add };
  };

  it('a live key with withdrawals and no IP allow-list: withdraw, ipRestricted false', async () => {
    const { s, add } = await setup();
    const f = add({ restrictions: restrictions({ enableWithdrawals: true, enableSpotAndMarginTrading: true, ipRestrict: false }) });
    const [v] = (await verifyAgainst(s, IDS, [f])).findings.map((x) => x.verification!);
    expect(v).toMatchObject({ status: 'live', provider: 'binance', ipRestricted: false, permissions: ['withdraw', 'trade', 'read'] });
    expect(v!.account).toMatchObject({ exchange: 'binance.com', keyCreated: '2023-10-30T05:53:39.000Z' });
    expect(v!.message).toMatch(/can withdraw, usable from any IP/);
    // The stand-in checked the signature: the request carried the key and no secret.
    const req = s.requests[0]!.req;
    expect(req.headers['x-mbx-apikey']).toBe(f.parts!.key);
    expect(req.rawQuery).not.toContain(f.parts!.secret);
  });

  it('a live read-only key behind an IP allow-list', async () => {
    const { s, add } = await setup();
    const f = add({ restrictions: restrictions({ ipRestrict: true }) });
    const [v] = (await verifyAgainst(s, IDS, [f])).findings.map((x) => x.verification!);
    expect(v).toMatchObject({ status: 'live', ipRestricted: true, permissions: ['read'] });
    expect(v!.permissions).not.toContain('withdraw');
  });

  it('a Binance.US key: binance.com refuses it, binance.us knows it', async () => {
    const { s, add } = await setup();
    const f = add({ account: { canTrade: true, canWithdraw: false, accountType: 'SPOT' } });
    const [v] = (await verifyAgainst(s, IDS, [f])).findings.map((x) => x.verification!);
    expect(v).toMatchObject({ status: 'live', permissions: ['trade', 'read'], account: { exchange: 'binance.us', accountType: 'SPOT' } });
    expect(s.requests.map((r) => r.prefix)).toEqual(['binance', 'binance-us']);
  });

  it('an unknown key is invalid on both hosts', async () => {
    const { s } = await setup();
    const f = findingOf('binance', { key: fake(64), secret: fake(64) });
    const [v] = (await verifyAgainst(s, IDS, [f])).findings.map((x) => x.verification!);
    expect(v).toMatchObject({ status: 'invalid' });
    expect(v!.message).toMatch(/-2015/);
  });

  it('a known key with the wrong secret: bad signature (-1022), invalid', async () => {
    const { s, add } = await setup();
    const f = add({ restrictions: restrictions() });
    f.parts = { key: f.parts!.key!, secret: fake(64) };
    const [v] = (await verifyAgainst(s, IDS, [f])).findings.map((x) => x.verification!);
    expect(v).toMatchObject({ status: 'invalid' });
    expect(v!.message).toMatch(/-1022/);
  });

  it('clock skew: a server 10 minutes ahead is caught up with its /api/v3/time', async () => {
    const { s, state, add } = await setup();
    state.clockOffsetMs = 10 * 60_000;
    const f = add({ restrictions: restrictions() });
    const [v] = (await verifyAgainst(s, IDS, [f])).findings.map((x) => x.verification!);
    expect(v).toMatchObject({ status: 'live' });
    expect(s.requests.map((r) => r.req.path)).toEqual(['/sapi/v1/account/apiRestrictions', '/api/v3/time', '/sapi/v1/account/apiRestrictions']);
  });

  it('clock skew that does not go away: unknown, saying so', async () => {
    const { s, state, add } = await setup();
    state.alwaysSkewed = true;
    const [v] = (await verifyAgainst(s, IDS, [add({ restrictions: restrictions() })])).findings.map((x) => x.verification!);
    expect(v).toMatchObject({ status: 'unknown' });
    expect(v!.message).toMatch(/^clock skew:/);
  });

  it('429 after retries: unknown, rate limit', async () => {
    const { s, state, add } = await setup();
    state.failWith = 429;
    const [v] = (await verifyAgainst(s, IDS, [add({ restrictions: restrictions() })])).findings.map((x) => x.verification!);
    expect(v).toMatchObject({ status: 'unknown' });
    expect(v!.message).toMatch(/^rate limit:/);
    expect(s.requests).toHaveLength(3); // the first try and two retries
  });

  it('a server error: unknown, server error', async () => {
    const { s, state, add } = await setup();
    state.failWith = 503;
    const [v] = (await verifyAgainst(s, IDS, [add({ restrictions: restrictions() })])).findings.map((x) => x.verification!);
    expect(v).toMatchObject({ status: 'unknown' });
    expect(v!.message).toMatch(/^server error: Binance answered HTTP 503/);
  });

  it('a key without its secret: unknown, missing part, nothing sent', async () => {
    const { s } = await setup();
    const f = findingOf('binance', { key: fake(64) });
    const run = await verifyAgainst(s, IDS, [f]);
    expect(run.findings[0]!.verification).toMatchObject({ status: 'unknown' });
    expect(run.findings[0]!.verification!.message).toMatch(/^missing part: one value was found alone, and the check needs key \+ secret together/);
    expect(s.requests).toHaveLength(0);
    expect(run.sent.size).toBe(0);
  });

  it('no message holds a key or a secret', async () => {
    const { s, state, add } = await setup();
    const fs = [add({ restrictions: restrictions({ enableWithdrawals: true }) }), findingOf('binance', { key: fake(64), secret: fake(64) })];
    state.failWith = undefined;
    const run = await verifyAgainst(s, IDS, fs);
    const text = JSON.stringify(run.findings.map((f) => f.verification));
    for (const secret of secretsOf(fs)) expect(text).not.toContain(secret);
  });
});
