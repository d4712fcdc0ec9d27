// Bybit, OKX, KuCoin, Kraken and Coinbase (CDP with ES256 and Ed25519 keys, and Exchange keys) against stand-ins
// that check the documented signing: live with and without withdrawal and IP restriction, invalid key, bad
// signature, clock skew, 429 and server errors — one table, the same cases for each. Kraken's documented signing
// example is reproduced byte for byte.

import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/types.js';
import { krakenSignature } from '../../src/verify/kraken.js';
import { startStandIn, type StandInHandler } from './stand-in.js';
import {
  bybitStandIn,
  coinbaseExchangeStandIn,
  coinbaseStandIn,
  krakenFuturesStandIn,
  krakenStandIn,
  kucoinStandIn,
  bitfinexStandIn,
  bitgetStandIn,
  bitmexStandIn,
  cryptocomStandIn,
  deribitStandIn,
  htxStandIn,
  gateStandIn,
  geminiStandIn,
  mexcStandIn,
  newState,
  okxStandIn,
  type Account,
  type ExchangeState,
} from './stand-ins/exchanges.js';
import { fake, findingOf, secretsOf, verifyAgainst } from './helpers.js';

/** What a provider's key record says, in the provider's own shape, for the two live cases. */
type Rights = { withdraw: boolean; ipList: boolean };

interface Case {
  provider: string;
  /** The endpoint id the stand-in serves. */
  endpoint: string;
  standIn: (s: ExchangeState) => StandInHandler;
  /** A fresh credential: the finding, and the account to register for it (info from rights). */
  make: (rights: Rights) => { finding: Finding; key: string; account: Account };
  /** The same credential with a wrong secret (its signature then fails). */
  wrongSecret: (f: Finding) => Finding;
  /** Whether the verifier catches up with a skewed server clock (else: unknown, clock skew). */
  resyncs: boolean;
  /** Whether the API reports the IP restriction. */
  reportsIp: boolean;
  /** Whether the API reports the key's rights (Coinbase Exchange does not). */
  reportsRights?: boolean;
}

const with_ = (f: Finding, parts: Record<string, string>): Finding => ({ ...f, parts: { ...f.parts, ...parts } });

const CASES: Case[] = [
  {
    provider: 'bybit',
    endpoint: 'bybit',
    standIn: bybitStandIn,
    make: ({ withdraw, ipList }) => {
      const key = fake(18);
      const secret = fake(36);
      const info = {
        id: '1',
        note: 'bot',
        apiKey: key,
        readOnly: 0,
        secret: '',
        permissions: { ContractTrade: ['Order', 'Position'], Spot: ['SpotTrade'], Wallet: withdraw ? ['AccountTransfer', 'Withdraw'] : [], Options: [], Derivatives: [] },
        ips: ipList ? ['203.0.113.7'] : ['*'],
        type: 1,
        createdAt: '2026-01-02T03:04:05Z',
        isMaster: true,
        vipLevel: 'No VIP',
      };
      return { finding: findingOf('bybit', { key, secret }), key, account: { secret, info } };
    },
    wrongSecret: (f) => with_(f, { secret: fake(36) }),
    resyncs: true,
    reportsIp: true,
  },
  {
    provider: 'okx',
    endpoint: 'okx',
    standIn: okxStandIn,
    make: ({ withdraw, ipList }) => {
      const key = `${fake(8, 'hex')}-${fake(4, 'hex')}-${fake(4, 'hex')}-${fake(4, 'hex')}-${fake(12, 'hex')}`;
      const secret = fake(32, 'HEX');
      const passphrase = fake(12);
      const info = { uid: '44705892343619584', mainUid: '44705892343619584', acctLv: '2', perm: withdraw ? 'read_only,trade,withdraw' : 'read_only', ip: ipList ? '203.0.113.7' : '', level: 'Lv1', label: 'bot' };
      return { finding: findingOf('okx', { key, secret, passphrase }), key, account: { secret, passphrase, info } };
    },
    wrongSecret: (f) => with_(f, { secret: fake(32, 'HEX') }),
    resyncs: true,
    reportsIp: true,
  },
  {
    provider: 'kucoin',
    endpoint: 'kucoin',
    standIn: kucoinStandIn,
    make: ({ withdraw, ipList }) => {
      const key = fake(24, 'hex');
      const secret = `${fake(8, 'hex')}-${fake(4, 'hex')}-${fake(4, 'hex')}-${fake(4, 'hex')}-${fake(12, 'hex')}`;
      const passphrase = fake(12);
      const info = { remark: 'bot', apiKey: key, apiVersion: 3, permission: withdraw ? 'General,Spot,Futures,Withdrawal' : 'General', ipWhitelist: ipList ? '203.0.113.7' : '', isMaster: true, createdAt: 1767323045000 };
      return { finding: findingOf('kucoin', { key, secret, passphrase }), key, account: { secret, passphrase, info } };
    },
    wrongSecret: (f) => with_(f, { secret: fake(36) }),
    resyncs: true,
    reportsIp: true,
  },
  {
    provider: 'kraken',
    endpoint: 'kraken',
    standIn: krakenStandIn,
    make: ({ withdraw, ipList }) => {
      const key = fake(56, 'base64');
      const secret = Buffer.from(fake(64)).toString('base64');
      const info = {
        apiKeyName: 'bot',
        apiKey: key,
        nonce: '0',
        nonceWindow: 0,
        permissions: ['query-funds', 'query-open-trades', 'modify-trades', ...(withdraw ? ['withdraw-funds'] : [])],
        validUntil: '0',
        createdTime: '1772542900',
        ipAllowlist: ipList ? ['203.0.113.7/32'] : [],
      };
      return { finding: findingOf('kraken', { key, secret }), key, account: { secret, info } };
    },
    wrongSecret: (f) => with_(f, { secret: Buffer.from(fake(64)).toString('base64') }),
    resyncs: false,
    reportsIp: true,
  },
  {
    provider: 'kraken-futures',
    endpoint: 'kraken-futures',
    standIn: krakenFuturesStandIn,
    make: () => {
      const key = fake(56, 'base64');
      const secret = Buffer.from(fake(64)).toString('base64');
      const info = { flex: { type: 'multiCollateralMarginAccount', currencies: {} }, cash: { type: 'cashAccount', balances: {} } };
      return { finding: findingOf('kraken-futures', { key, secret }), key, account: { secret, info } };
    },
    wrongSecret: (f) => with_(f, { secret: Buffer.from(fake(64)).toString('base64') }),
    // No nonce is sent (it is optional): nothing depends on the clock.
    resyncs: true,
    reportsIp: false,
    reportsRights: false,
  },
  {
    provider: 'mexc',
    endpoint: 'mexc',
    standIn: mexcStandIn,
    make: ({ withdraw }) => {
      const key = `mx0v${fake(28)}`;
      const secret = fake(32, 'hex');
      return { finding: findingOf('mexc', { secret, key }), key, account: { secret, info: { canTrade: true, canWithdraw: withdraw, canDeposit: true, accountType: 'SPOT', permissions: ['SPOT'], balances: [] } } };
    },
    wrongSecret: (f) => with_(f, { secret: fake(32, 'hex') }),
    resyncs: true,
    reportsIp: false,
  },
  {
    provider: 'gate',
    endpoint: 'gate',
    standIn: gateStandIn,
    make: ({ ipList }) => {
      const key = fake(32, 'hex');
      const secret = fake(64, 'hex');
      return { finding: findingOf('gate', { key, secret }), key, account: { secret, info: { user_id: 1, ip_whitelist: ipList ? ['203.0.113.7'] : [], currency_pairs: [], key: { mode: 1 }, tier: 2 } } };
    },
    wrongSecret: (f) => with_(f, { secret: fake(64, 'hex') }),
    resyncs: true,
    reportsIp: true,
    reportsRights: false,
  },
  {
    provider: 'bitfinex',
    endpoint: 'bitfinex',
    standIn: bitfinexStandIn,
    make: ({ withdraw }) => {
      const key = fake(43);
      const secret = fake(43);
      const rows = [['account', 1, 0], ['history', 1, 0], ['orders', 1, 1], ['positions', 1, 0], ['funding', 1, 0], ['settings', 1, 0], ['wallets', 1, 0], ['withdraw', 0, withdraw ? 1 : 0]];
      return { finding: findingOf('bitfinex', { key, secret }), key, account: { secret, info: rows } };
    },
    wrongSecret: (f) => with_(f, { secret: fake(43) }),
    resyncs: false,
    reportsIp: false,
  },
  {
    provider: 'gemini',
    endpoint: 'gemini',
    standIn: geminiStandIn,
    make: ({ withdraw }) => {
      const key = `account-${fake(20)}`;
      const secret = fake(28);
      return { finding: findingOf('gemini', { key, secret }), key, account: { secret, info: { isAuditor: false, isFundManager: withdraw, isTrader: true, counterparty_id: 'ABC123' } } };
    },
    wrongSecret: (f) => with_(f, { secret: fake(28) }),
    resyncs: false,
    reportsIp: false,
  },
  {
    provider: 'bitget',
    endpoint: 'bitget',
    standIn: bitgetStandIn,
    make: ({ withdraw, ipList }) => {
      const key = `bg_${fake(32, 'hex')}`;
      const secret = fake(64, 'hex');
      const passphrase = fake(12);
      const info = { userId: '1', inviterId: '0', ips: ipList ? '203.0.113.7' : '', authorities: ['readonly', 'spot_trade', ...(withdraw ? ['withdraw'] : [])], parentId: '1', traderType: 'trader' };
      return { finding: findingOf('bitget', { secret, passphrase, key }), key, account: { secret, passphrase, info } };
    },
    wrongSecret: (f) => with_(f, { secret: fake(64, 'hex') }),
    resyncs: true,
    reportsIp: true,
  },
  {
    provider: 'bitmex',
    endpoint: 'bitmex',
    standIn: bitmexStandIn,
    make: () => {
      const key = fake(24);
      const secret = fake(48, 'b64url');
      return { finding: findingOf('bitmex', { key, secret }), key, account: { secret, info: { id: 123456, username: 'demo' } } };
    },
    wrongSecret: (f) => with_(f, { secret: fake(48, 'b64url') }),
    resyncs: false,
    reportsIp: false,
    reportsRights: false,
  },
  {
    provider: 'deribit',
    endpoint: 'deribit',
    standIn: deribitStandIn,
    make: ({ withdraw }) => {
      const id = fake(8, 'b64url');
      const secret = fake(43, 'b64url');
      const scope = `account:read trade:read_write wallet:${withdraw ? 'read_write' : 'read'} connection`;
      return { finding: findingOf('deribit', { secret, id }), key: id, account: { secret, info: { scope } } };
    },
    wrongSecret: (f) => with_(f, { secret: fake(43, 'b64url') }),
    resyncs: false,
    reportsIp: false,
  },
  {
    provider: 'htx',
    endpoint: 'htx',
    standIn: htxStandIn,
    make: ({ withdraw, ipList }) => {
      const key = `${fake(8, 'lalnum')}-${fake(8, 'lalnum')}-${fake(8, 'lalnum')}-${fake(5, 'lalnum')}`;
      const secret = `${fake(8, 'hex')}-${fake(8, 'hex')}-${fake(8, 'hex')}-${fake(5, 'hex')}`;
      const info = { accessKey: key, note: 'bot', permission: withdraw ? 'readOnly,trade,withdraw' : 'readOnly', ipAddresses: ipList ? '203.0.113.7' : '', validDays: -1, status: 'normal', createTime: 1 };
      return { finding: findingOf('htx', { key, secret }), key, account: { secret, info } };
    },
    wrongSecret: (f) => with_(f, { secret: fake(32, 'hex') }),
    resyncs: false,
    reportsIp: true,
  },
  {
    provider: 'cryptocom',
    endpoint: 'cryptocom',
    standIn: cryptocomStandIn,
    make: () => {
      const key = fake(22);
      const secret = fake(22);
      return { finding: findingOf('cryptocom', { key, secret }), key, account: { secret, info: { total_available_balance: '0' } } };
    },
    wrongSecret: (f) => with_(f, { secret: fake(22) }),
    resyncs: false,
    reportsIp: false,
    reportsRights: false,
  },
  {
    provider: 'coinbase (Exchange)',
    endpoint: 'coinbase-exchange',
    standIn: coinbaseExchangeStandIn,
    make: () => {
      const key = fake(32, 'hex');
      const secret = Buffer.from(fake(64)).toString('base64');
      const passphrase = fake(11, 'lalnum');
      return { finding: findingOf('coinbase', { key, secret, passphrase }), key, account: { secret, passphrase, info: [{ id: 'p1', name: 'default', active: true }] } };
    },
    wrongSecret: (f) => with_(f, { secret: Buffer.from(fake(64)).toString('base64') }),
    resyncs: true,
    reportsIp: false,
    reportsRights: false,
  },
  ...(['ec', 'ed25519'] as const).map(
    (type): Case => ({
      provider: `coinbase (CDP, ${type === 'ec' ? 'ES256' : 'Ed25519'})`,
      endpoint: 'coinbase',
      standIn: coinbaseStandIn,
      make: ({ withdraw }) => {
        const { name, secret, publicKey } = cdpKey(type);
        const info = { can_view: true, can_trade: true, can_transfer: withdraw, portfolio_uuid: 'p1', portfolio_type: 'DEFAULT' };
        return { finding: findingOf('coinbase', { name, privateKey: secret }), key: name, account: { secret: '', info, publicKey } };
      },
      wrongSecret: (f) => with_(f, { privateKey: cdpKey(type).secret }),
      resyncs: true,
      reportsIp: false,
    }),
  ),
];

/** A fresh CDP key: its name, its private key as CDP hands it out (SEC1 PEM, or base64 seed‖public for Ed25519), and the public key. */
function cdpKey(type: 'ec' | 'ed25519'): { name: string; secret: string; publicKey: KeyObject } {
  const uuid = () => `${fake(8, 'hex')}-${fake(4, 'hex')}-${fake(4, 'hex')}-${fake(4, 'hex')}-${fake(12, 'hex')}`;
  const name = `organizations/${uuid()}/apiKeys/${uuid()}`;
  if (type === 'ec') {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    return { name, secret: privateKey.export({ type: 'sec1', format: 'pem' }).toString(), publicKey };
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  const secret = Buffer.concat([Buffer.from(jwk.d!, 'base64url'), Buffer.from(jwk.x!, 'base64url')]).toString('base64');
  return { name, secret, publicKey };
}

describe.each(CASES)('$provider verifier', (c) => {
  const setup = async () => {
    const state = newState();
    const s = await startStandIn({ [c.endpoint]: c.standIn(state) });
    const add = (rights: Rights) => {
      const made = c.make(rights);
      state.accounts.set(made.key, made.account);
      return made.finding;
    };
    const verify = async (f: Finding) => (await verifyAgainst(s, [c.endpoint], [f])).findings[0]!.verification!;
    return { state, s, add, verify };
  };

  it('live, with withdrawal rights and no IP list', async () => {
    const { add, verify } = await setup();
    const v = await verify(add({ withdraw: true, ipList: false }));
    expect(v).toMatchObject({ status: 'live' });
    if (c.reportsRights === false) expect(v.message).toMatch(/rights are not exposed/);
    else expect(v.permissions![0]).toBe('withdraw');
    if (c.reportsIp) expect(v.ipRestricted).toBe(false);
  });

  it('live, without withdrawal rights, behind an IP list', async () => {
    const { add, verify } = await setup();
    const v = await verify(add({ withdraw: false, ipList: true }));
    expect(v).toMatchObject({ status: 'live' });
    expect(v.permissions ?? []).not.toContain('withdraw');
    if (c.reportsIp) expect(v.ipRestricted).toBe(true);
  });

  it('an unknown key: invalid', async () => {
    const { add, verify } = await setup();
    const f = add({ withdraw: true, ipList: false });
    const other = c.make({ withdraw: true, ipList: false }).finding; // never registered
    expect((await verify(other)).status).toBe('invalid');
    expect((await verify(f)).status).toBe('live');
  });

  it('a bad signature (the wrong secret): invalid', async () => {
    const { add, verify } = await setup();
    const v = await verify(c.wrongSecret(add({ withdraw: true, ipList: false })));
    expect(v.status).toBe('invalid');
  });

  it(`clock skew: ${c.resyncs ? "caught up with the server's time" : 'unknown, saying so'}`, async () => {
    const { state, add, verify } = await setup();
    state.clockOffsetMs = 10 * 60_000;
    const f = add({ withdraw: false, ipList: false });
    // Kraken and Bitfinex take a growing nonce: the key's owner has used one from a clock ahead.
    if (c.provider === 'kraken') state.nonces.set(f.parts!.key!, BigInt(Date.now() + 10 * 60_000));
    if (c.provider === 'bitfinex') state.nonces.set(f.parts!.key!, BigInt(Date.now() + 10 * 60_000) * 1000n);
    const v = await verify(f);
    if (c.resyncs) expect(v.status).toBe('live');
    else expect(v).toMatchObject({ status: 'unknown', message: expect.stringMatching(/^clock skew:/) });
  });

  it('429 after retries: unknown, rate limit', async () => {
    const { state, add, verify } = await setup();
    state.failWith = 429;
    expect(await verify(add({ withdraw: false, ipList: false }))).toMatchObject({ status: 'unknown', message: expect.stringMatching(/^rate limit:/) });
  });

  it('a server error: unknown, server error', async () => {
    const { state, add, verify } = await setup();
    state.failWith = 502;
    expect(await verify(add({ withdraw: false, ipList: false }))).toMatchObject({ status: 'unknown', message: expect.stringMatching(/^server error:/) });
  });

  it('no message holds a credential part', async () => {
    const { add, s } = await setup();
    const fs = [add({ withdraw: true, ipList: false }), c.make({ withdraw: true, ipList: false }).finding];
    const run = await verifyAgainst(s, [c.endpoint], fs);
    const text = JSON.stringify(run.findings.map((f) => f.verification));
    for (const secret of secretsOf(fs)) expect(text).not.toContain(secret);
  });
});

describe('documented signing examples', () => {
  // Kraken's "Spot REST authentication" guide: its example secret, nonce, POST data and path, and the API-Sign it gives.
  it('Kraken: the worked example, byte for byte', () => {
    const secret = 'kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg=='; // keyhound:allow (Kraken's public doc example)
    const postData = 'nonce=1616492376594&ordertype=limit&pair=XBTUSD&price=37500&type=buy&volume=1.25';
    expect(krakenSignature('/0/private/AddOrder', '1616492376594', postData, secret)).toBe(
      '4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H8ndwLUQ==',
    );
  });
});
