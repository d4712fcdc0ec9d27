// The verification framework: where keys may go (KEYHOUND_VERIFY_ENDPOINTS), once per credential, timeouts,
// unreachable hosts, no verifier, redirects, the stderr note and live-first order.

import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { checkBase, parseEndpointOverrides } from '../../src/verify/endpoints.js';
import { endpointIds, liveFirst, sentNote, verifyFindings, VerifyConfigError } from '../../src/verify/index.js';
import { startStandIn } from './stand-in.js';
import { binanceStandIns, restrictions, type BinanceStandIn } from './stand-ins/binance.js';
import { fake, findingOf, TEST_LIMITS, verifyAgainst } from './helpers.js';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('KEYHOUND_VERIFY_ENDPOINTS', () => {
  const known = endpointIds();

  it('takes https anywhere, plain http only on loopback, with an optional path prefix', () => {
    expect(checkBase('binance', 'https://proxy.example.com/binance/')).toBe('https://proxy.example.com/binance');
    expect(checkBase('binance', 'http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(checkBase('binance', 'http://localhost:1/x')).toBe('http://localhost:1/x');
    expect(() => checkBase('binance', 'http://attacker.example')).toThrow(/must be an https URL/);
    expect(() => checkBase('binance', 'ftp://127.0.0.1')).toThrow(VerifyConfigError);
    expect(() => checkBase('binance', 'https://u:p@proxy.example')).toThrow(/scheme, host, port and path prefix only/);
    expect(() => checkBase('binance', 'https://proxy.example/?a=1')).toThrow(/path prefix only/);
  });

  it('rejects bad JSON, non-objects and ids no verifier has', () => {
    expect(parseEndpointOverrides(undefined, known).size).toBe(0);
    expect(() => parseEndpointOverrides('{', known)).toThrow(/not valid JSON/);
    expect(() => parseEndpointOverrides('["binance"]', known)).toThrow(/must be a JSON object/);
    expect(() => parseEndpointOverrides('{"binanse": "https://x.example"}', known)).toThrow(/no verifier has the endpoint id "binanse"/);
    expect(parseEndpointOverrides('{"binance": "https://x.example"}', known).get('binance')).toBe('https://x.example');
  });

  it('is checked before anything is sent', async () => {
    const f = findingOf('binance', { key: fake(64), secret: fake(64) });
    await expect(verifyFindings([f], { env: { KEYHOUND_VERIFY_ENDPOINTS: '{"binance": "http://example.com"}' } })).rejects.toThrow(VerifyConfigError);
  });
});

describe('verifyFindings', () => {
  const binance = async () => {
    const state: BinanceStandIn = { accounts: new Map(), clockOffsetMs: 0, alwaysSkewed: false };
    return { state, s: await startStandIn(binanceStandIns(state)) };
  };

  it('checks each credential once per run, and gives every finding of it the answer', async () => {
    const { state, s } = await binance();
    const key = fake(64);
    const secret = fake(64);
    state.accounts.set(key, { secret, restrictions: restrictions() });
    // The key's finding and the secret's finding carry the same pair; a third finding repeats it elsewhere.
    const a = findingOf('binance', { key, secret });
    const b = { ...findingOf('binance', { key, secret }), secret, line: 2 };
    const c = { ...a, path: 'other.env' };
    const run = await verifyAgainst(s, ['binance', 'binance-us'], [a, b, c]);
    expect(run.findings.map((f) => f.verification?.status)).toEqual(['live', 'live', 'live']);
    expect(s.requests).toHaveLength(1);
    expect(run.sent).toEqual(new Map([['binance', 1]]));
  });

  it('a provider that does not answer in time: unknown, timeout', async () => {
    const s = await startStandIn({ binance: () => ({ status: 200, hang: true }) });
    const f = findingOf('binance', { key: fake(64), secret: fake(64) });
    const run = await verifyAgainst(s, ['binance'], [f], { limits: { ...TEST_LIMITS, timeoutMs: 200 } });
    expect(run.findings[0]!.verification).toMatchObject({ status: 'unknown' });
    expect(run.findings[0]!.verification!.message).toMatch(/^timeout: no answer from 127\.0\.0\.1:\d+ within 200 ms$/);
  });

  it('an unreachable provider: unknown, network', async () => {
    const port = await closedPort();
    const f = findingOf('binance', { key: fake(64), secret: fake(64) });
    const run = await verifyFindings([f], { env: { KEYHOUND_VERIFY_ENDPOINTS: JSON.stringify({ binance: `http://127.0.0.1:${port}` }) }, limits: TEST_LIMITS });
    expect(run.findings[0]!.verification).toMatchObject({ status: 'unknown', provider: 'binance' });
    expect(run.findings[0]!.verification!.message).toMatch(/^network: could not reach 127\.0\.0\.1:\d+/);
  });

  it('a provider with no verifier, and a rule with no provider: unknown, no verifier, nothing sent', async () => {
    const f = findingOf('nosuchprovider', { token: fake(40) });
    const g = { ...findingOf('x', { token: fake(40) }), provider: undefined };
    const fetches: string[] = [];
    const run = await verifyFindings([f, g], { env: {}, fetch: (async (u: string) => (fetches.push(u), new Response('{}'))) as unknown as typeof fetch });
    expect(run.findings[0]!.verification!.message).toBe('no verifier: keyhound cannot check nosuchprovider credentials yet');
    expect(run.findings[1]!.verification!.message).toBe('no verifier: the rule names no provider');
    expect(fetches).toHaveLength(0);
    expect(run.sent.size).toBe(0);
  });

  it('never follows a redirect (it could carry the key to another host)', async () => {
    const elsewhere = await startStandIn({ x: () => ({ status: 200, body: restrictions() }) });
    const s = await startStandIn({ binance: () => ({ status: 302, headers: { location: `${elsewhere.base('x')}/steal` } }) });
    const f = findingOf('binance', { key: fake(64), secret: fake(64) });
    const run = await verifyAgainst(s, ['binance'], [f]);
    expect(run.findings[0]!.verification).toMatchObject({ status: 'unknown' });
    expect(run.findings[0]!.verification!.message).toMatch(/redirect \(302\), which is not followed/);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('paces requests to one host', async () => {
    const { state, s } = await binance();
    const fs = Array.from({ length: 3 }, () => {
      const key = fake(64);
      const secret = fake(64);
      state.accounts.set(key, { secret, restrictions: restrictions() });
      return findingOf('binance', { key, secret });
    });
    const started = Date.now();
    await verifyAgainst(s, ['binance', 'binance-us'], fs, { limits: { ...TEST_LIMITS, minIntervalMs: 100 } });
    // Three requests to one host, 100 ms apart at the least, whatever the concurrency.
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(s.requests).toHaveLength(3);
  });
});

describe('the stderr note and the order', () => {
  it('says how many credentials went to which provider', () => {
    expect(sentNote(new Map([['openai', 1], ['binance', 3]]))).toBe('keyhound: --verify: sent 4 credentials to: binance (3), openai (1)\n');
    expect(sentNote(new Map())).toBe('keyhound: --verify: no credential was sent to any provider\n');
  });

  it('puts live findings first, then unknown, then invalid', () => {
    const v = (status: 'live' | 'invalid' | 'unknown', id: string) => ({ id, verification: { status, provider: 'p', checkedAt: '', message: '' } });
    const order = liveFirst([v('invalid', 'a'), v('unknown', 'b'), v('live', 'c'), v('live', 'd')]).map((f) => f.id);
    expect(order).toEqual(['c', 'd', 'b', 'a']);
  });
});
