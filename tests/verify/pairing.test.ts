// Cross-rule pairing (src/verify/pairing.ts): parts of one credential reported by different rules are put back
// together from findings of the same provider in the same file, within PAIR_LINES lines, and each combination is
// checked once. Real scans of planted files (in process), verified against the AWS STS and MEXC stand-ins.

import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fakePart } from '../../src/fakes/parts.js';
import type { Finding } from '../../src/model/types.js';
import { scan } from '../../src/scan.js';
import { PAIR_LINES, partNamer } from '../../src/verify/pairing.js';
import { ruleSetOf } from '../helpers/rules.js';
import { tempDir, writeTree } from '../helpers/tmp.js';
import { fake, secretsOf, verifyAgainst } from './helpers.js';
import { startStandIn } from './stand-in.js';
import { awsStandIn, type AwsState } from './stand-ins/aws.js';
import { coinbaseStandIn, mexcStandIn, newState } from './stand-ins/exchanges.js';
import { twilioStandIn } from './stand-ins/tokens.js';

const awsKey = (): string => `AKIA${fake(16, 'upper')}`;
const awsSecret = (): string => fake(38, 'alnum') + fake(2, 'base64');

async function scanned(files: Record<string, string>) {
  const dir = tempDir();
  writeTree(dir, files);
  return scan({ paths: [dir], redact: false });
}

async function awsSetup() {
  const state: AwsState = { keys: new Map(), clockOffsetMs: 0 };
  const s = await startStandIn({ aws: awsStandIn(state) });
  const requests = () => s.requests.filter((r) => r.prefix === 'aws').map((r) => /Credential=([^/]+)/.exec(String(r.req.headers.authorization))?.[1]);
  return { state, s, requests };
}

const byRule = (findings: readonly Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId);

describe('cross-rule pairing', () => {
  it('an AWS access key id and its secret on separate lines verify live together, each saying where the other part came from', async () => {
    const { state, s, requests } = await awsSetup();
    const key = awsKey();
    const secret = awsSecret();
    state.keys.set(key, secret);
    const result = await scanned({ '.env': `AWS_ACCESS_KEY_ID=${key}\n# the deploy user\nAWS_REGION=eu-west-1\nAWS_SECRET_ACCESS_KEY=${secret}\n` });
    const run = await verifyAgainst(s, ['aws'], result.findings, { ruleSet: result.ruleSet });
    const [id] = byRule(run.findings, 'aws-access-key-id');
    const [sec] = byRule(run.findings, 'aws-secret-access-key');
    expect(id!.verification).toMatchObject({ status: 'live', account: { account: '123456789012' }, pairedWith: [{ part: 'secret', ruleId: 'aws-secret-access-key', line: 4 }] });
    expect(id!.verification!.message).toMatch(/with the secret from aws-secret-access-key, line 4/);
    expect(sec!.verification).toMatchObject({ status: 'live', pairedWith: [{ part: 'key', ruleId: 'aws-access-key-id', line: 1 }] });
    // One credential, one request.
    expect(requests()).toEqual([key]);
    expect(run.sent.get('aws')).toBe(1);
    const text = JSON.stringify(run.findings.map((f) => f.verification));
    for (const v of secretsOf(result.findings)) expect(text).not.toContain(v);
  });

  it('an id without a secret stays unknown (missing part); nothing is sent', async () => {
    const { s, requests } = await awsSetup();
    const result = await scanned({ '.env': `AWS_ACCESS_KEY_ID=${awsKey()}\n` });
    const run = await verifyAgainst(s, ['aws'], result.findings, { ruleSet: result.ruleSet });
    expect(run.findings).toHaveLength(1);
    expect(run.findings[0]!.verification).toMatchObject({ status: 'unknown', message: expect.stringMatching(/^missing part:/) });
    expect(run.findings[0]!.verification!.pairedWith).toBeUndefined();
    expect(requests()).toEqual([]);
  });

  it('two ids and one secret: each pair is tried once, and the secret is live with the id it belongs to', async () => {
    const { state, s, requests } = await awsSetup();
    const [other, mine] = [awsKey(), awsKey()];
    const secret = awsSecret();
    state.keys.set(mine, secret);
    const result = await scanned({ 'config/aws.ini': `[old]\naws_access_key_id = ${other}\n\n[ci]\naws_access_key_id = ${mine}\naws_secret_access_key = ${secret}\n` });
    const run = await verifyAgainst(s, ['aws'], result.findings, { ruleSet: result.ruleSet });
    const ids = byRule(run.findings, 'aws-access-key-id');
    const [sec] = byRule(run.findings, 'aws-secret-access-key');
    expect(ids.map((f) => [f.secret, f.verification!.status])).toEqual([
      [other, 'invalid'],
      [mine, 'live'],
    ]);
    expect(sec!.verification).toMatchObject({ status: 'live', pairedWith: [{ part: 'key', ruleId: 'aws-access-key-id', line: 5 }] });
    expect(requests().sort()).toEqual([other, mine].sort());
  });

  it('two ids and one secret, neither live: still each pair once, and the secret says how many were tried', async () => {
    const { s, requests } = await awsSetup();
    const result = await scanned({ '.env': `AWS_ACCESS_KEY_ID=${awsKey()}\nAWS_ACCESS_KEY_ID_OLD=${awsKey()}\nAWS_SECRET_ACCESS_KEY=${awsSecret()}\n` });
    const run = await verifyAgainst(s, ['aws'], result.findings, { ruleSet: result.ruleSet });
    expect(requests()).toHaveLength(2);
    expect(new Set(requests()).size).toBe(2);
    const [sec] = byRule(run.findings, 'aws-secret-access-key');
    expect(sec!.verification).toMatchObject({ status: 'invalid', message: expect.stringMatching(/2 combinations nearby were tried/) });
  });

  it('profiles of unknown key ids cost one request each: a key id AWS does not know is tried with no other secret', async () => {
    const { s, requests } = await awsSetup();
    const profiles = [0, 1, 2].map((p) => `[p${p}]\naws_access_key_id = ${awsKey()}\naws_secret_access_key = ${awsSecret()}\n`).join('\n');
    const result = await scanned({ credentials: profiles });
    const run = await verifyAgainst(s, ['aws'], result.findings, { ruleSet: result.ruleSet });
    expect(run.findings).toHaveLength(6);
    for (const f of run.findings) expect(f.verification!.status).toBe('invalid');
    expect(requests()).toHaveLength(3);
  });

  it('a known key id with the wrong secret nearest: the farther secret is tried, and is the live one', async () => {
    const { state, s, requests } = await awsSetup();
    const key = awsKey();
    const [wrong, right] = [awsSecret(), awsSecret()];
    state.keys.set(key, right);
    const result = await scanned({ '.env': `AWS_SECRET_ACCESS_KEY=${wrong}\nAWS_ACCESS_KEY_ID=${key}\n\n\nAWS_SECRET_ACCESS_KEY=${right}\n` });
    const run = await verifyAgainst(s, ['aws'], result.findings, { ruleSet: result.ruleSet });
    const [id] = byRule(run.findings, 'aws-access-key-id');
    expect(id!.verification).toMatchObject({ status: 'live', pairedWith: [{ part: 'secret', ruleId: 'aws-secret-access-key', line: 5 }] });
    expect(byRule(run.findings, 'aws-secret-access-key').map((f) => f.verification!.status)).toEqual(['invalid', 'live']);
    // The wrong secret's mismatch is sent once more (see aws.ts), then the right one.
    expect(requests()).toEqual([key, key, key]);
  });

  it(`never pairs across files, nor farther than ${PAIR_LINES} lines`, async () => {
    const { state, s, requests } = await awsSetup();
    const key = awsKey();
    const secret = awsSecret();
    state.keys.set(key, secret);
    const far = awsKey();
    const result = await scanned({
      'a.env': `AWS_ACCESS_KEY_ID=${key}\n`,
      'b.env': `AWS_SECRET_ACCESS_KEY=${secret}\n${'# -\n'.repeat(PAIR_LINES)}AWS_ACCESS_KEY_ID=${far}\n`,
    });
    const run = await verifyAgainst(s, ['aws'], result.findings, { ruleSet: result.ruleSet });
    for (const f of run.findings) expect(f.verification).toMatchObject({ status: 'unknown', message: expect.stringMatching(/^missing part:/) });
    expect(requests()).toEqual([]);
  });

  it('without the rule set (nothing says what a lone value is), findings are checked alone as before', async () => {
    const { state, s, requests } = await awsSetup();
    const key = awsKey();
    const secret = awsSecret();
    state.keys.set(key, secret);
    const result = await scanned({ '.env': `AWS_ACCESS_KEY_ID=${key}\nAWS_SECRET_ACCESS_KEY=${secret}\n` });
    const run = await verifyAgainst(s, ['aws'], result.findings);
    for (const f of run.findings) expect(f.verification!.status).toBe('unknown');
    expect(requests()).toEqual([]);
  });

  it('MEXC: the mx0v key reported alone pairs with the secret finding nearby, and both verify with one request', async () => {
    const state = newState();
    const s = await startStandIn({ mexc: mexcStandIn(state) });
    const key = fakePart({ prefix: 'mx0v', alphabet: 'alnum', length: 14 });
    const secret = fake(32, 'hex');
    state.accounts.set(key, { secret, info: { canTrade: true, canWithdraw: true, accountType: 'SPOT' } });
    const result = await scanned({ '.env': `MEXC_API_KEY=${key}\n\nMEXC_SECRET_KEY=${secret}\n` });
    const run = await verifyAgainst(s, ['mexc'], result.findings, { ruleSet: result.ruleSet });
    expect(byRule(run.findings, 'mexc-api-key')).toHaveLength(1);
    for (const f of run.findings) expect(f.verification, f.ruleId).toMatchObject({ status: 'live', permissions: expect.arrayContaining(['withdraw']) });
    expect(s.requests.filter((r) => r.prefix === 'mexc' && r.req.path === '/api/v3/account')).toHaveLength(1);
  });

  it('Coinbase CDP: the key name and the EC private key of a cdp_api_key.json (two rules) verify together', async () => {
    const state = newState();
    const s = await startStandIn({ coinbase: coinbaseStandIn(state) });
    const name = `organizations/${randomUUID()}/apiKeys/${randomUUID()}`;
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ format: 'pem', type: 'sec1' }).toString();
    state.accounts.set(name, { secret: '', publicKey, info: { can_view: true, can_trade: true, can_transfer: true, portfolio_type: 'DEFAULT' } });
    const result = await scanned({ 'cdp_api_key.json': `${JSON.stringify({ name, privateKey: pem }, null, 2)}\n` });
    const run = await verifyAgainst(s, ['coinbase'], result.findings, { ruleSet: result.ruleSet });
    const cdp = run.findings.filter((f) => f.provider === 'coinbase');
    expect(cdp.map((f) => f.ruleId).sort()).toEqual(['coinbase-cdp-api-key-name', 'coinbase-cdp-ec-private-key']);
    for (const f of cdp) expect(f.verification, f.ruleId).toMatchObject({ status: 'live', permissions: ['withdraw', 'transfer', 'trade', 'read'] });
    expect(cdp.find((f) => f.ruleId === 'coinbase-cdp-api-key-name')!.verification!.pairedWith).toEqual([{ part: 'secret', ruleId: 'coinbase-cdp-ec-private-key', line: 3 }]);
    expect(s.requests.filter((r) => r.req.path === '/api/v3/brokerage/key_permissions')).toHaveLength(1);
  });

  it('Twilio: the rule attaches the account SID to the auth token, and the pair verifies', async () => {
    const tokens = new Map<string, string>();
    const s = await startStandIn({ twilio: twilioStandIn(tokens) });
    const sid = `AC${fake(32, 'hex')}`;
    const token = fake(32, 'hex');
    tokens.set(sid, token);
    const result = await scanned({ '.env': `TWILIO_ACCOUNT_SID=${sid}\nTWILIO_AUTH_TOKEN=${token}\n` });
    const run = await verifyAgainst(s, ['twilio'], result.findings, { ruleSet: result.ruleSet });
    const [f] = byRule(run.findings, 'twilio-auth-token');
    expect(f!.verification).toMatchObject({ status: 'live', account: { status: 'active', type: 'Full' } });
  });

  describe('a raw-regex value found alone is named after its provider\'s declared part shapes', () => {
    // Two rules of one provider: one declares the parts, the other is a raw regex that finds either.
    const ruleSet = ruleSetOf([
      { id: 'acme-pair', provider: 'acme', description: 'Acme key and secret', match: 'context', parts: { key: { alphabet: 'hex', length: 24 }, secret: { alphabet: 'base64', length: 40 } } },
      { id: 'acme-raw', provider: 'acme', description: 'Acme value in acme.key', regex: '(?<secret>[A-Za-z0-9+/]{24,40})', keywords: [] },
      { id: 'plain-raw', description: 'no provider', regex: '(?<secret>[0-9a-f]{24})', keywords: [] },
    ] as never);
    const name = partNamer(ruleSet);
    const lone = (ruleId: string, secret: string, provider?: string): Finding => ({ ...findingAt(ruleId, secret), ...(provider ? { provider } : {}) });
    it('the one part whose shape fits', () => {
      expect(name(lone('acme-raw', fake(24, 'hex'), 'acme'))).toBe('key');
      expect(name(lone('acme-raw', fake(40, 'base64'), 'acme'))).toBe('secret');
    });
    it('`secret`, the capture group\'s name, when no part fits or the rule names no provider', () => {
      expect(name(lone('acme-raw', fake(30, 'alnum'), 'acme'))).toBe('secret');
      expect(name(lone('plain-raw', fake(24, 'hex')))).toBe('secret');
    });
    it('the kraken.key rule: line 1 is a Kraken key, line 2 its private key', async () => {
      const { ruleSet: real } = await scanned({});
      const named = partNamer(real);
      expect(named(lone('kraken-key-file', fakePart({ alphabet: 'base64', length: 56 }), 'kraken'))).toBe('key');
      expect(named(lone('kraken-key-file', fakePart({ segments: [{ base64: 86 }, '=='] }), 'kraken'))).toBe('secret');
    });
  });
});

/** A finding of one value, as a raw-regex rule reports it. */
function findingAt(ruleId: string, secret: string): Finding {
  return { ruleId, description: ruleId, severity: 'high', path: 'x', line: 1, column: 1, endLine: 1, endColumn: secret.length, secret, fingerprint: `fp-${ruleId}` };
}
