// A kraken.key file (krakenex and python-kraken-sdk: line 1 the API key, line 2 the private key) is found by a raw
// regex rule (kraken-key-file), whose findings hold one value each and no part name. r-kraken-key: each line's value
// used to be named `secret` for want of a better name, so the two lines never paired and `scan --verify` said
// "missing part" for both. Each now takes its part name from the shapes the Kraken provider's rules declare (the key is
// 56 base64 characters, the private key 86 and `==`), and the two lines verify together against the Kraken stand-in.

import { describe, expect, it } from 'vitest';
import { fakePart } from '../../src/fakes/parts.js';
import { keyhoundAsync } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tmp.js';
import { endpointsFor, startStandIn } from './stand-in.js';
import { krakenFuturesStandIn, krakenStandIn, newState } from './stand-ins/exchanges.js';

const krakenKey = (): string => fakePart({ alphabet: 'base64', length: 56 });
const krakenSecret = (): string => fakePart({ segments: [{ base64: 86 }, '=='] });

interface JsonFinding {
  ruleId: string;
  path: string;
  line: number;
  secret: string;
  verification?: { status: string; message: string; permissions?: string[]; ipRestricted?: boolean; pairedWith?: { part: string; ruleId: string; line: number }[] };
}

describe('kraken.key files under scan --verify', () => {
  it('the two lines of a kraken.key pair and verify: live with its rights, a wrong private key invalid, an unknown key invalid', async () => {
    const state = newState();
    const futures = newState();
    const live = { key: krakenKey(), secret: krakenSecret() };
    const badSig = { key: krakenKey(), secret: krakenSecret() };
    const unknown = { key: krakenKey(), secret: krakenSecret() };
    state.accounts.set(live.key, { secret: live.secret, info: { permissions: ['query-funds', 'withdraw-funds'], ipAllowlist: [] } });
    // Kraken knows this key, but with another private key than the one in the file.
    state.accounts.set(badSig.key, { secret: krakenSecret(), info: { permissions: ['query-funds'], ipAllowlist: [] } });
    const s = await startStandIn({ kraken: krakenStandIn(state), 'kraken-futures': krakenFuturesStandIn(futures) });
    const dir = tempDir();
    const file = (c: { key: string; secret: string }) => `${c.key}\n${c.secret}\n`;
    writeTree(dir, { 'live/kraken.key': file(live), 'bad-signature/kraken.key': file(badSig), 'unknown/kraken.key': file(unknown) });

    const r = await keyhoundAsync(['scan', dir, '--verify', '--no-redact', '--format', 'json'], {
      env: { KEYHOUND_VERIFY_ENDPOINTS: endpointsFor(s, ['kraken', 'kraken-futures']) },
    });
    expect(r.status, r.stderr).toBe(1);
    const findings = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
    const at = (where: string) => findings.filter((f) => f.path === `${where}/kraken.key`);
    for (const where of ['live', 'bad-signature', 'unknown']) {
      expect(at(where).map((f) => [f.ruleId, f.line]), where).toEqual([
        ['kraken-key-file', 1],
        ['kraken-key-file', 2],
      ]);
      for (const f of at(where)) expect(f.verification?.message, `${where} line ${f.line}`).not.toMatch(/missing part/);
    }

    const [key, secret] = at('live');
    expect(key!.verification).toMatchObject({ status: 'live', permissions: ['withdraw', 'read'], ipRestricted: false, pairedWith: [{ part: 'secret', ruleId: 'kraken-key-file', line: 2 }] });
    expect(secret!.verification).toMatchObject({ status: 'live', pairedWith: [{ part: 'key', ruleId: 'kraken-key-file', line: 1 }] });
    for (const f of at('bad-signature')) expect(f.verification).toMatchObject({ status: 'invalid', message: expect.stringMatching(/Invalid signature/) });
    for (const f of at('unknown')) expect(f.verification).toMatchObject({ status: 'invalid', message: expect.stringMatching(/neither Kraken spot .* nor Kraken Futures knows the key/) });

    // One credential per file reached Kraken, with the file's own key; an unknown key was then tried on Futures once.
    const sentKeys = s.requests.filter((q) => q.prefix === 'kraken').map((q) => q.req.headers['api-key']);
    expect(sentKeys.sort()).toEqual([live.key, badSig.key, unknown.key].sort());
    expect(s.requests.filter((q) => q.prefix === 'kraken-futures').map((q) => q.req.headers.apikey)).toEqual([unknown.key]);
    expect(r.stderr).toMatch(/sent 3 credentials to: kraken \(3\)/);
  });
});
