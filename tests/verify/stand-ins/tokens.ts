// Token providers as documented, for the stand-ins: where each takes the token, what it answers for a live one (with
// the rights and account facts it reports) and for an invalid one. Used by tokens.test.ts and scan-tokens.test.ts.

import { expect } from 'vitest';
import type { Verification } from '../../../src/model/types.js';
import type { StandInHandler, StandInReply, StandInRequest } from '../stand-in.js';
import { fake } from '../helpers.js';

export interface TokenCase {
  provider: string;
  /** The endpoint ids the stand-in serves (the first one holds the check). */
  endpoint: string;
  token: () => string;
  /** Part name of the finding (default key). */
  part?: string;
  method?: string;
  path: string | RegExp;
  /** The token as the request presents it, where the provider documents it goes. */
  presented: (req: StandInRequest) => string | undefined;
  /** Other headers the provider requires. */
  requires?: Record<string, string>;
  live: StandInReply;
  invalid: StandInReply;
  /** What the live verification must hold. */
  expectLive?: Partial<Verification>;
  /** Other endpoints the verifier may call. */
  extra?: Record<string, StandInHandler>;
}

const bearerOf = (req: StandInRequest): string | undefined => /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
const headerOf = (name: string) => (req: StandInRequest): string | undefined => (req.headers[name] as string | undefined) ?? undefined;
const rpc = '{"jsonrpc":"2.0","id":1,"result":"0x1406f40"}';

export const TOKEN_CASES: TokenCase[] = [
  {
    provider: 'openai',
    endpoint: 'openai',
    token: () => `sk-proj-${fake(74, 'b64url')}T3BlbkFJ${fake(74, 'b64url')}`,
    path: '/v1/models',
    presented: bearerOf,
    live: { status: 200, body: { object: 'list', data: [{ id: 'gpt-4o', object: 'model' }] }, headers: { 'openai-organization': 'org-demo' } },
    invalid: { status: 401, body: { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' } } },
    expectLive: { account: { organization: 'org-demo' } },
  },
  {
    provider: 'anthropic',
    endpoint: 'anthropic',
    token: () => `sk-ant-api03-${fake(93, 'b64url')}AA`,
    path: '/v1/models',
    presented: headerOf('x-api-key'),
    requires: { 'anthropic-version': '2023-06-01' },
    live: { status: 200, body: { data: [{ type: 'model', id: 'claude-sonnet-4-5' }], has_more: false } },
    invalid: { status: 401, body: { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } } },
  },
  {
    provider: 'google',
    endpoint: 'google',
    token: () => `AIza${fake(35, 'b64url')}`,
    path: '/v1beta/models',
    presented: headerOf('x-goog-api-key'),
    live: { status: 200, body: { models: [{ name: 'models/gemini-2.5-flash' }] } },
    invalid: { status: 400, body: { error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT', details: [{ reason: 'API_KEY_INVALID' }] } } },
    expectLive: { account: { gemini: true } },
  },
  {
    provider: 'groq',
    endpoint: 'groq',
    token: () => `gsk_${fake(52)}`,
    path: '/openai/v1/models',
    presented: bearerOf,
    live: { status: 200, body: { object: 'list', data: [{ id: 'llama-3.3-70b-versatile' }] } },
    invalid: { status: 401, body: { error: { message: 'Invalid API Key', type: 'invalid_request_error', code: 'invalid_api_key' } } },
  },
  {
    provider: 'mistral',
    endpoint: 'mistral',
    token: () => fake(32),
    path: '/v1/models',
    presented: bearerOf,
    live: { status: 200, body: { object: 'list', data: [{ id: 'mistral-large-latest' }] } },
    invalid: { status: 401, body: { message: 'Unauthorized', request_id: 'r1' } },
  },
  {
    provider: 'xai',
    endpoint: 'xai',
    token: () => `xai-${fake(80)}`,
    path: '/v1/api-key',
    presented: bearerOf,
    live: { status: 200, body: { name: 'ci', acls: ['api-key:model:*', 'api-key:endpoint:*'], api_key_blocked: false, api_key_disabled: false, team_blocked: false, create_time: '2026-01-02T03:04:05Z' } },
    invalid: { status: 400, body: { code: 'Client specified an invalid argument', error: 'Incorrect API key provided: xa***. You can obtain an API key from https://console.x.ai.' } },
    expectLive: { permissions: ['api-key:model:*', 'api-key:endpoint:*'], account: { name: 'ci', blocked: false, created: '2026-01-02T03:04:05Z' } },
  },
  {
    provider: 'deepseek',
    endpoint: 'deepseek',
    token: () => `sk-${fake(32, 'hex')}`,
    path: '/user/balance',
    presented: bearerOf,
    live: { status: 200, body: { is_available: true, balance_infos: [{ currency: 'USD', total_balance: '5.00' }] } },
    invalid: { status: 401, body: { error: { message: 'Authentication Fails, Your api key is invalid', type: 'authentication_error' } } },
    expectLive: { account: { available: true } },
  },
  {
    provider: 'openrouter',
    endpoint: 'openrouter',
    token: () => `sk-or-v1-${fake(64, 'hex')}`,
    path: '/api/v1/key',
    presented: bearerOf,
    live: { status: 200, body: { data: { label: 'sk-or-v1-abc…', usage: 1.5, limit: 10, is_free_tier: false } } },
    invalid: { status: 401, body: { error: { message: 'No auth credentials found', code: 401 } } },
    expectLive: { account: { usage: 1.5, limit: 10, freeTier: false } },
  },
  {
    provider: 'huggingface',
    endpoint: 'huggingface',
    token: () => `hf_${fake(34)}`,
    part: 'token',
    path: '/api/whoami-v2',
    presented: bearerOf,
    live: { status: 200, body: { type: 'user', name: 'someone', auth: { accessToken: { displayName: 'ci', role: 'write' } } } },
    invalid: { status: 401, body: { error: 'Invalid credentials in Authorization header' } },
    expectLive: { permissions: ['write'], account: { name: 'someone', type: 'user' } },
  },
  {
    provider: 'cohere',
    endpoint: 'cohere',
    token: () => fake(40),
    path: '/v1/models',
    presented: bearerOf,
    live: { status: 200, body: { models: [{ name: 'command-r' }] } },
    invalid: { status: 401, body: { message: 'invalid api token' } },
  },
  {
    provider: 'github',
    endpoint: 'github',
    token: () => `ghp_${fake(36)}`,
    part: 'token',
    path: '/user',
    presented: bearerOf,
    live: { status: 200, body: { login: 'octocat', type: 'User' }, headers: { 'x-oauth-scopes': 'repo, workflow, admin:org' } },
    invalid: { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } },
    expectLive: { permissions: ['repo', 'workflow', 'admin:org'], account: { login: 'octocat', type: 'User' } },
  },
  {
    provider: 'gitlab',
    endpoint: 'gitlab',
    token: () => `glpat-${fake(20, 'b64url')}`,
    part: 'token',
    path: '/api/v4/personal_access_tokens/self',
    presented: headerOf('private-token'),
    live: { status: 200, body: { id: 1, name: 'ci', revoked: false, active: true, scopes: ['api', 'write_repository'], expires_at: '2027-01-01' } },
    invalid: { status: 401, body: { message: '401 Unauthorized' } },
    expectLive: { permissions: ['api', 'write_repository'], account: { name: 'ci', expires: '2027-01-01', active: true } },
  },
  {
    provider: 'npm',
    endpoint: 'npm',
    token: () => `npm_${fake(36)}`,
    part: 'token',
    path: '/-/whoami',
    presented: bearerOf,
    live: { status: 200, body: { username: 'someone' } },
    invalid: { status: 401, body: { error: 'You must be logged in' } },
    expectLive: { account: { user: 'someone' } },
  },
  {
    provider: 'slack',
    endpoint: 'slack',
    token: () => `xoxb-${fake(12, 'digits')}-${fake(13, 'digits')}-${fake(24)}`,
    part: 'token',
    method: 'POST',
    path: '/api/auth.test',
    presented: bearerOf,
    live: { status: 200, body: { ok: true, url: 'https://demo.slack.com/', team: 'Demo', user: 'bot', team_id: 'T1', user_id: 'U1', bot_id: 'B1' }, headers: { 'x-oauth-scopes': 'chat:write,channels:read' } },
    invalid: { status: 200, body: { ok: false, error: 'invalid_auth' } },
    expectLive: { permissions: ['chat:write', 'channels:read'], account: { team: 'Demo', user: 'bot', bot: true } },
  },
  {
    provider: 'stripe',
    endpoint: 'stripe',
    token: () => `sk_live_${fake(24)}`,
    path: '/v1/balance',
    presented: bearerOf,
    live: { status: 200, body: { object: 'balance', livemode: true, available: [{ amount: 0, currency: 'usd' }] } },
    invalid: { status: 401, body: { error: { type: 'invalid_request_error', message: 'Invalid API Key provided: sk_live_****' } } },
    expectLive: { account: { livemode: true } },
  },
  {
    provider: 'telegram',
    endpoint: 'telegram',
    token: () => `${fake(9, 'digits')}:AA${fake(33, 'b64url')}`,
    part: 'token',
    path: /^\/bot[^/]+\/getMe$/,
    presented: (req) => /^\/bot([^/]+)\/getMe$/.exec(req.path)?.[1],
    live: { status: 200, body: { ok: true, result: { id: 1, is_bot: true, first_name: 'Demo', username: 'demo_bot', can_join_groups: true, can_read_all_group_messages: false } } },
    invalid: { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } },
    expectLive: { account: { bot: 'demo_bot', joinsGroups: true, readsAllGroupMessages: false } },
  },
  {
    provider: 'sendgrid',
    endpoint: 'sendgrid',
    token: () => `SG.${fake(22, 'b64url')}.${fake(43, 'b64url')}`,
    path: '/v3/scopes',
    presented: bearerOf,
    live: { status: 200, body: { scopes: ['mail.send', 'alerts.read'] } },
    invalid: { status: 401, body: { errors: [{ field: null, message: 'authorization required' }] } },
    expectLive: { permissions: ['mail.send', 'alerts.read'] },
  },
  {
    provider: 'coingecko',
    endpoint: 'coingecko',
    token: () => `CG-${fake(25)}`,
    path: '/api/v3/key',
    presented: headerOf('x-cg-pro-api-key'),
    live: { status: 200, body: { plan: 'Analyst', rate_limit_request_per_minute: 500, monthly_call_credit: 500000, current_total_monthly_calls: 10, current_remaining_monthly_calls: 499990 } },
    invalid: { status: 401, body: { status: { error_code: 10002, error_message: 'API Key Missing' } } },
    expectLive: { account: { plan: 'Analyst', rateLimitPerMinute: 500, monthlyCredits: 500000, creditsUsed: 10, creditsLeft: 499990 } },
    // A key the Pro API refuses is tried on the Demo API, which refuses it too.
    extra: { 'coingecko-demo': () => ({ status: 401, body: { status: { error_code: 10002, error_message: 'API Key Missing' } } }) },
  },
  {
    provider: 'coinmarketcap',
    endpoint: 'coinmarketcap',
    token: () => `${fake(8, 'hex')}-${fake(4, 'hex')}-${fake(4, 'hex')}-${fake(4, 'hex')}-${fake(12, 'hex')}`,
    path: '/v1/key/info',
    presented: headerOf('x-cmc_pro_api_key'),
    live: { status: 200, body: { status: { error_code: 0 }, data: { plan: { credit_limit_monthly: 10000, rate_limit_minute: 30 }, usage: { current_month: { credits_used: 5, credits_left: 9995 } } } } },
    invalid: { status: 401, body: { status: { error_code: 1001, error_message: 'This API Key is invalid.' } } },
    expectLive: { account: { creditLimitMonthly: 10000, rateLimitPerMinute: 30, creditsUsedThisMonth: 5, creditsLeftThisMonth: 9995 } },
  },
  {
    provider: 'etherscan',
    endpoint: 'etherscan',
    token: () => fake(34, 'ALNUM'),
    path: '/v2/api',
    presented: (req) => req.query.get('apikey') ?? undefined,
    live: { status: 200, body: { status: '1', message: 'OK', result: { ethbtc: '0.03', ethusd: '3000' } } },
    invalid: { status: 200, body: { status: '0', message: 'NOTOK', result: 'Invalid API Key (#err2)|x' } },
  },
  // The Etherscan family: BscScan and PolygonScan keys are checked on Etherscan API V2 (api.etherscan.io), the only
  // API of those chains since V1 was retired.
  ...(['bscscan', 'polygonscan'] as const).map(
    (provider): TokenCase => ({
      provider,
      endpoint: 'etherscan',
      token: () => fake(34, 'ALNUM'),
      path: '/v2/api',
      presented: (req) => (req.query.get('chainid') === '1' ? (req.query.get('apikey') ?? undefined) : undefined),
      live: { status: 200, body: { status: '1', message: 'OK', result: { ethbtc: '0.03', ethusd: '3000' } } },
      invalid: { status: 200, body: { status: '0', message: 'NOTOK', result: 'Invalid API Key (#err2)|x' } },
      expectLive: { message: expect.stringMatching(/^live Etherscan API V2 key, found as a (BscScan|PolygonScan) key/) as unknown as string },
    }),
  ),
  {
    provider: 'cryptocompare',
    endpoint: 'cryptocompare',
    token: () => fake(64, 'hex'),
    path: '/admin/v2/rate/limit',
    presented: (req) => /^Apikey (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1],
    live: {
      status: 200,
      body: {
        Data: {
          TYPE: '3000',
          API_KEY: { TYPE: '3001', USED: { TYPE: '3002', SECOND: 0, MINUTE: 1, HOUR: 2, DAY: 20, MONTH: 900 }, MAX: { TYPE: '3003', MONTH: 100000, DAY: 10000 }, REMAINING: { TYPE: '3004', MONTH: 99100 } },
        },
        Err: {},
      },
    },
    invalid: { status: 401, body: { Data: {}, Err: { type: 1, message: 'Not authorized: the api_key is invalid' } } },
    expectLive: { account: { callsThisMonth: 900, monthlyLimit: 100000, callsLeftThisMonth: 99100 } },
  },
  {
    provider: 'helius',
    endpoint: 'helius',
    token: () => `${fake(8, 'hex')}-${fake(4, 'hex')}-${fake(4, 'hex')}-${fake(4, 'hex')}-${fake(12, 'hex')}`,
    method: 'POST',
    path: '/',
    presented: (req) => (/"method":"getHealth"/.test(req.body) ? (req.query.get('api-key') ?? undefined) : undefined),
    live: { status: 200, body: { jsonrpc: '2.0', id: '1', result: 'ok' } },
    invalid: { status: 401, body: { jsonrpc: '2.0', error: { code: -32401, message: 'invalid api key provided' } } },
    expectLive: { account: { network: 'solana-mainnet' } },
  },
  {
    provider: 'moralis',
    endpoint: 'moralis',
    token: () => `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJub25jZSI6${fake(220, 'b64url')}.${fake(43, 'b64url')}`,
    path: '/api/v2.2/block/15863321',
    presented: (req) => (req.query.get('chain') === 'eth' ? ((req.headers['x-api-key'] as string | undefined) ?? undefined) : undefined),
    live: { status: 200, body: { hash: `0x${'ab'.repeat(32)}`, number: '15863321', transactions: [] } },
    invalid: { status: 401, body: { message: 'Invalid key' } },
  },
  {
    provider: 'infura',
    endpoint: 'infura',
    token: () => fake(32, 'hex'),
    method: 'POST',
    path: /^\/v3\/[0-9a-f]{32}$/,
    presented: (req) => (/"method":"eth_blockNumber"/.test(req.body) ? /^\/v3\/(.+)$/.exec(req.path)?.[1] : undefined),
    live: { status: 200, body: rpc },
    invalid: { status: 401, body: 'invalid project id\n' },
  },
  {
    provider: 'alchemy',
    endpoint: 'alchemy',
    token: () => fake(32, 'b64url'),
    method: 'POST',
    path: /^\/v2\/.+$/,
    presented: (req) => (/"method":"eth_blockNumber"/.test(req.body) ? /^\/v2\/(.+)$/.exec(req.path)?.[1] : undefined),
    live: { status: 200, body: rpc },
    invalid: { status: 401, body: { jsonrpc: '2.0', id: 1, error: { code: -32000, message: 'Must be authenticated!' } } },
  },
];

/** The stand-in for one case: live for a token in `known`, invalid otherwise; `state.failWith` forces 429 or 5xx. */
export function tokenHandler(c: TokenCase, known: ReadonlySet<string>, state: { failWith?: number } = {}): StandInHandler {
  return (req) => {
    const pathOk = typeof c.path === 'string' ? req.path === c.path : c.path.test(req.path);
    if (!pathOk || req.method !== (c.method ?? 'GET')) return { status: 404, body: { error: 'not found' } };
    if (state.failWith === 429) return { status: 429, body: { error: 'rate limited' }, headers: { 'retry-after': '0' } };
    if (state.failWith) return { status: state.failWith, body: 'bad gateway' };
    for (const [h, v] of Object.entries(c.requires ?? {})) if (req.headers[h] !== v) return { status: 400, body: { error: `missing ${h}` } };
    const presented = c.presented(req);
    return presented && known.has(decodeURIComponent(presented)) ? c.live : c.invalid;
  };
}

/** Twilio: GET /2010-04-01/Accounts/{sid}.json with Basic auth sid:token; 401 code 20003 otherwise. */
export function twilioStandIn(tokens: ReadonlyMap<string, string>, state: { failWith?: number } = {}): StandInHandler {
  return (req) => {
    if (state.failWith === 429) return { status: 429, body: { code: 20429, message: 'Too Many Requests' }, headers: { 'retry-after': '0' } };
    if (state.failWith) return { status: state.failWith, body: 'bad gateway' };
    const m = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\.json$/.exec(req.path);
    const [user, pass] = Buffer.from(String(req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString().split(':');
    if (req.method !== 'GET' || !m || user !== m[1] || tokens.get(user!) !== pass) {
      return { status: 401, body: { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 } };
    }
    return { status: 200, body: { sid: m[1], owner_account_sid: m[1], status: 'active', type: 'Full', friendly_name: 'ci', auth_token: pass } };
  };
}
