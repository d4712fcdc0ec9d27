// End to end for the exchanges after Binance: `keyhound scan --verify` on a tree with, per provider, one credential
// the stand-in knows (with withdrawal rights) and one it does not, planted in the shapes the rules describe. The
// scan must tell live from dead for each. (Coinbase CDP keys, whose name and private key two rules report, are
// scanned and verified in tests/verify/pairing.test.ts.)

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../../src/config/load.js';
import { fakePart } from '../../src/fakes/parts.js';
import type { PartSpec, RuleSpec } from '../../src/model/types.js';
import { keyhoundAsync } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tmp.js';
import { endpointsFor, startStandIn } from './stand-in.js';
import {
  bitfinexStandIn,
  bitgetStandIn,
  bitmexStandIn,
  bybitStandIn,
  coinbaseExchangeStandIn,
  cryptocomStandIn,
  deribitStandIn,
  gateStandIn,
  geminiStandIn,
  htxStandIn,
  krakenFuturesStandIn,
  krakenStandIn,
  kucoinStandIn,
  mexcStandIn,
  newState,
  okxStandIn,
  type ExchangeState,
} from './stand-ins/exchanges.js';

const RULES = (parse(readFileSync(join(PACKAGE_ROOT, 'rules', 'crypto-exchanges.yaml'), 'utf8')) as { rules: RuleSpec[] }).rules;

/** Fresh parts in the shape of a rule's parts. */
function partsOf(ruleId: string): Record<string, string> {
  const rule = RULES.find((r) => r.id === ruleId)!;
  return Object.fromEntries(Object.entries(rule.parts as Record<string, PartSpec>).map(([k, v]) => [k, fakePart(v)]));
}

const plant = (section: string, p: Record<string, string>): string =>
  [`${section}:`, `  api_key: "${p.key ?? p.id}"`, `  api_secret: "${p.secret}"`, ...(p.passphrase ? [`  passphrase: "${p.passphrase}"`] : []), ''].join('\n');

/** Provider id, endpoint id, rule, stand-in, and the key record the stand-in answers for a live key with withdrawal rights. */
const PROVIDERS: [string, string, string, (s: ExchangeState) => ReturnType<typeof okxStandIn>, unknown][] = [
  ['okx', 'okx', 'okx-api-credentials', okxStandIn, { uid: '1', mainUid: '1', acctLv: '2', perm: 'read_only,trade,withdraw', ip: '', level: 'Lv1' }],
  ['bybit', 'bybit', 'bybit-api-credentials', bybitStandIn, { readOnly: 0, permissions: { Wallet: ['Withdraw'], Spot: ['SpotTrade'] }, ips: ['*'] }],
  ['kucoin', 'kucoin', 'kucoin-api-credentials', kucoinStandIn, { permission: 'General,Spot,Withdrawal', ipWhitelist: '', isMaster: true }],
  ['kraken', 'kraken', 'kraken-api-credentials', krakenStandIn, { permissions: ['query-funds', 'withdraw-funds'], ipAllowlist: [] }],
  ['kraken-futures', 'kraken-futures', 'kraken-futures-api-credentials', krakenFuturesStandIn, { flex: { type: 'multiCollateralMarginAccount' } }],
  ['coinbase', 'coinbase-exchange', 'coinbase-exchange-api-credentials', coinbaseExchangeStandIn, [{ id: 'p1', name: 'default' }]],
  ['gate', 'gate', 'gate-api-credentials', gateStandIn, { user_id: 1, ip_whitelist: [], key: { mode: 1 } }],
  ['mexc', 'mexc', 'mexc-api-secret', mexcStandIn, { canTrade: true, canWithdraw: true, accountType: 'SPOT' }],
  ['bitfinex', 'bitfinex', 'bitfinex-api-credentials', bitfinexStandIn, [['orders', 1, 1], ['withdraw', 1, 1]]],
  ['gemini', 'gemini', 'gemini-api-credentials', geminiStandIn, { isFundManager: true, isTrader: true, isAuditor: false }],
  ['bitget', 'bitget', 'bitget-api-credentials', bitgetStandIn, { userId: '1', ips: '', authorities: ['withdraw'], parentId: '1' }],
  ['bitmex', 'bitmex', 'bitmex-api-credentials', bitmexStandIn, { id: 1 }],
  ['deribit', 'deribit', 'deribit-api-credentials', deribitStandIn, { scope: 'account:read trade:read_write wallet:read_write connection' }],
  ['htx', 'htx', 'htx-api-credentials', htxStandIn, { note: 'bot', permission: 'readOnly,trade,withdraw', ipAddresses: '', validDays: -1, status: 'normal', createTime: 1 }],
  ['cryptocom', 'cryptocom', 'cryptocom-api-credentials', cryptocomStandIn, { total_available_balance: '0' }],
];

const run = (args: string[], env: NodeJS.ProcessEnv) => keyhoundAsync(args, { env });

describe('keyhound scan --verify on exchange credentials', () => {
  it('tells live from dead for OKX, Bybit, KuCoin, Kraken, Kraken Futures, Coinbase Exchange, Gate, MEXC, Bitfinex, Gemini, Bitget, BitMEX, Deribit, HTX and Crypto.com', async () => {
    const handlers: Record<string, ReturnType<typeof okxStandIn>> = {};
    const dir = tempDir();
    for (const [provider, endpoint, ruleId, standIn, info] of PROVIDERS) {
      const state = newState();
      handlers[endpoint] = standIn(state);
      const live = partsOf(ruleId);
      const dead = partsOf(ruleId);
      state.accounts.set((live.key ?? live.id)!, { secret: live.secret!, ...(live.passphrase ? { passphrase: live.passphrase } : {}), info });
      // Sections named as the rules know the provider (Gate's alias is gateio).
      const section = provider === 'gate' ? 'gateio' : provider === 'kraken-futures' ? 'krakenfutures' : provider;
      writeTree(dir, { [`live/${provider}.yaml`]: plant(section, live), [`dead/${provider}.yaml`]: plant(section, dead) });
    }
    const s = await startStandIn(handlers);
    const r = await run(['scan', dir, '--verify', '--format', 'json'], { KEYHOUND_VERIFY_ENDPOINTS: endpointsFor(s, PROVIDERS.map((p) => p[1])) });
    expect(r.status, r.stderr).toBe(1);
    const findings = (JSON.parse(r.stdout) as { findings: { path: string; provider: string; verification?: { status: string; message: string; permissions?: string[] } }[] }).findings;
    for (const [provider] of PROVIDERS) {
      // A Kraken Futures key has a spot key's shapes and is found as a Kraken key: the spot verifier, which does not know
      // it, tries it on Kraken Futures.
      const as = provider === 'kraken-futures' ? 'kraken' : provider;
      const at = (where: string) => findings.filter((f) => f.path === `${where}/${provider}.yaml` && f.provider === as);
      expect(at('live').length, `${provider}: found`).toBeGreaterThan(0);
      // Every finding of a pair says live (or dead), a part some rule also reports alone (MEXC's mx0v key, Bitget's
      // bg_ key) too: it is paired with the finding of the rest nearby.
      const ok = (f: (typeof findings)[number], status: string) => f.verification?.status === status;
      expect(at('live').filter((f) => f.verification?.status === 'live').length, `${provider} live`).toBeGreaterThan(0);
      for (const f of at('live')) expect(ok(f, 'live'), `${provider} live: ${f.verification?.message}`).toBe(true);
      expect(at('dead').filter((f) => f.verification?.status === 'invalid').length, `${provider} dead`).toBeGreaterThan(0);
      for (const f of at('dead')) expect(ok(f, 'invalid'), `${provider} dead: ${f.verification?.message}`).toBe(true);
      if (!['coinbase', 'gate', 'bitmex', 'kraken-futures', 'cryptocom'].includes(provider)) expect(at('live').find((f) => f.verification?.status === 'live')!.verification!.permissions, provider).toContain('withdraw');
    }
    expect(findings.find((f) => f.path === 'live/kraken-futures.yaml')!.verification!.message).toMatch(/^live Kraken Futures key .*found as a Kraken key/);
    expect(r.stderr).toMatch(/sent 30 credentials to: /);
  });
});
