// Stand-ins for Bybit, OKX, KuCoin, Kraken and Coinbase (CDP and Exchange), each checking the headers and the
// signature exactly as the provider documents them and answering with the documented bodies and error codes.

import { createHash, createHmac, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import type { StandInHandler, StandInReply, StandInRequest } from '../stand-in.js';

/** A key the stand-in knows. */
export interface Account {
  secret: string;
  passphrase?: string;
  /** What the provider's key-information call answers for it. */
  info: unknown;
  /** Coinbase CDP: the public key the JWT must verify with. */
  publicKey?: KeyObject;
}

export interface ExchangeState {
  accounts: Map<string, Account>;
  /** Milliseconds the server's clock is ahead of the real one. */
  clockOffsetMs: number;
  /** Every signed call answers this status (429, 503). */
  failWith?: number;
  /** Kraken: the highest nonce seen per key. */
  nonces: Map<string, bigint>;
}

export const newState = (): ExchangeState => ({ accounts: new Map(), clockOffsetMs: 0, nonces: new Map() });

const json = (status: number, body: unknown): StandInReply => ({ status, body });
const header = (req: StandInRequest, name: string): string => String(req.headers[name.toLowerCase()] ?? '');

/** 429 and 5xx for every signed call, when the test asks for them. */
function failing(state: ExchangeState): StandInReply | null {
  if (state.failWith === 429) return { status: 429, body: { message: 'Too Many Requests' }, headers: { 'retry-after': '0' } };
  if (state.failWith) return { status: state.failWith, body: '<html>502 Bad Gateway</html>' };
  return null;
}

/** Bybit v5: X-BAPI-* headers, hex HMAC-SHA256(timestamp + key + recv_window + query); retCode errors. */
export function bybitStandIn(state: ExchangeState): StandInHandler {
  return (req) => {
    const now = Date.now() + state.clockOffsetMs;
    if (req.path === '/v5/market/time') return json(200, { retCode: 0, retMsg: 'OK', result: { timeSecond: String(Math.floor(now / 1000)), timeNano: `${now}000000` } });
    if (req.path !== '/v5/user/query-api') return json(404, { retCode: 10001, retMsg: 'unknown path' });
    const fail = failing(state);
    if (fail) return fail;
    const key = header(req, 'X-BAPI-API-KEY');
    const ts = header(req, 'X-BAPI-TIMESTAMP');
    const recv = header(req, 'X-BAPI-RECV-WINDOW') || '5000';
    const acct = state.accounts.get(key);
    if (!acct) return json(401, { retCode: 10003, retMsg: 'API key is invalid.', result: {} });
    const expected = createHmac('sha256', acct.secret).update(ts + key + recv + req.rawQuery).digest('hex');
    if (header(req, 'X-BAPI-SIGN') !== expected) return json(401, { retCode: 10004, retMsg: 'error sign!', result: {} });
    if (Math.abs(now - Number(ts)) > Number(recv)) return json(200, { retCode: 10002, retMsg: 'invalid request, please check your server timestamp or recv_window param', result: {} });
    return json(200, { retCode: 0, retMsg: '', result: acct.info, time: now });
  };
}

/** OKX v5: OK-ACCESS-* headers, base64 HMAC-SHA256(ISO timestamp + method + path + body); string codes. */
export function okxStandIn(state: ExchangeState): StandInHandler {
  return (req) => {
    const now = Date.now() + state.clockOffsetMs;
    if (req.path === '/api/v5/public/time') return json(200, { code: '0', msg: '', data: [{ ts: String(now) }] });
    if (req.path !== '/api/v5/account/config') return json(404, { code: '50000', msg: 'unknown path', data: [] });
    const fail = failing(state);
    if (fail) return fail;
    const key = header(req, 'OK-ACCESS-KEY');
    const ts = header(req, 'OK-ACCESS-TIMESTAMP');
    const acct = state.accounts.get(key);
    if (!acct) return json(401, { code: '50111', msg: 'Invalid OK-ACCESS-KEY', data: [] });
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(ts)) return json(400, { code: '50112', msg: 'Invalid OK-ACCESS-TIMESTAMP', data: [] });
    if (Math.abs(now - Date.parse(ts)) > 30_000) return json(401, { code: '50102', msg: 'Timestamp request expired', data: [] });
    const expected = createHmac('sha256', acct.secret).update(`${ts}${req.method}${req.path}${req.body}`).digest('base64');
    if (header(req, 'OK-ACCESS-SIGN') !== expected) return json(401, { code: '50113', msg: 'Invalid Sign', data: [] });
    if (header(req, 'OK-ACCESS-PASSPHRASE') !== acct.passphrase) return json(401, { code: '50105', msg: 'Your OK-ACCESS-PASSPHRASE is incorrect', data: [] });
    return json(200, { code: '0', msg: '', data: [acct.info] });
  };
}

/** KuCoin: KC-API-* headers, base64 HMAC-SHA256 of the request and, for key version 2, of the passphrase. */
export function kucoinStandIn(state: ExchangeState): StandInHandler {
  return (req) => {
    const now = Date.now() + state.clockOffsetMs;
    if (req.path === '/api/v1/timestamp') return json(200, { code: '200000', data: now });
    if (req.path !== '/api/v1/user/api-key') return json(404, { code: '400100', msg: 'unknown path' });
    const fail = failing(state);
    if (fail) return fail;
    const key = header(req, 'KC-API-KEY');
    const ts = header(req, 'KC-API-TIMESTAMP');
    const acct = state.accounts.get(key);
    if (!acct) return json(401, { code: '400003', msg: 'KC-API-KEY not exists' });
    if (Math.abs(now - Number(ts)) > 5000) return json(401, { code: '400002', msg: 'KC-API-TIMESTAMP Invalid -- Time differs from server time by more than 5 seconds' });
    if (header(req, 'KC-API-KEY-VERSION') !== '2') return json(401, { code: '400004', msg: 'Invalid KC-API-PASSPHRASE' });
    const sign = createHmac('sha256', acct.secret).update(`${ts}${req.method}${req.path}${req.rawQuery ? `?${req.rawQuery}` : ''}${req.body}`).digest('base64');
    if (header(req, 'KC-API-SIGN') !== sign) return json(401, { code: '400005', msg: 'Signature verification failed' });
    const pass = createHmac('sha256', acct.secret).update(acct.passphrase ?? '').digest('base64');
    if (header(req, 'KC-API-PASSPHRASE') !== pass) return json(401, { code: '400004', msg: 'Invalid KC-API-PASSPHRASE' });
    return json(200, { code: '200000', data: acct.info });
  };
}

/** Kraken: POST, API-Key and API-Sign = base64 HMAC-SHA512(b64decode(secret), path + SHA256(nonce + body)); a growing nonce. */
export function krakenStandIn(state: ExchangeState): StandInHandler {
  return (req) => {
    if (req.path !== '/0/private/GetApiKeyInfo' || req.method !== 'POST') return json(404, { error: ['EGeneral:Unknown method'] });
    const fail = failing(state);
    if (fail) return fail;
    const key = header(req, 'API-Key');
    const acct = state.accounts.get(key);
    if (!acct) return json(200, { error: ['EAPI:Invalid key'] });
    const nonce = new URLSearchParams(req.body).get('nonce') ?? '';
    const digest = createHash('sha256').update(nonce + req.body).digest();
    const expected = createHmac('sha512', Buffer.from(acct.secret, 'base64')).update(Buffer.concat([Buffer.from(req.path), digest])).digest('base64');
    if (header(req, 'API-Sign') !== expected) return json(200, { error: ['EAPI:Invalid signature'] });
    const last = state.nonces.get(key) ?? 0n;
    if (!/^\d+$/.test(nonce) || BigInt(nonce) <= last) return json(200, { error: ['EAPI:Invalid nonce'] });
    state.nonces.set(key, BigInt(nonce));
    return json(200, { error: [], result: acct.info });
  };
}

/**
 * Kraken Futures: GET /derivatives/api/v3/accounts, APIKey and Authent = base64 HMAC-SHA512(b64decode(secret),
 * SHA-256(postData + nonce + endpointPath)), endpointPath without /derivatives; errors as {result: error, error}.
 */
export function krakenFuturesStandIn(state: ExchangeState): StandInHandler {
  return (req) => {
    if (req.path !== '/derivatives/api/v3/accounts' || req.method !== 'GET') return json(404, { result: 'error', error: 'notFound' });
    if (state.failWith === 429) return { status: 429, body: { result: 'error', error: 'apiLimitExceeded' }, headers: { 'retry-after': '0' } };
    const fail = failing(state);
    if (fail) return fail;
    const acct = state.accounts.get(header(req, 'APIKey'));
    const nonce = header(req, 'Nonce');
    const digest = createHash('sha256').update(req.rawQuery + nonce + '/api/v3/accounts').digest();
    const expected = acct ? createHmac('sha512', Buffer.from(acct.secret, 'base64')).update(digest).digest('base64') : '';
    if (!acct || header(req, 'Authent') !== expected) return json(401, { result: 'error', serverTime: new Date().toISOString(), error: 'authenticationError' });
    return json(200, { result: 'success', serverTime: new Date().toISOString(), accounts: acct.info });
  };
}

function b64urlJson(s: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Coinbase CDP: a bearer JWT whose kid names a known key, signed ES256 or EdDSA, for this exact method, host and path, within its life. */
export function coinbaseStandIn(state: ExchangeState): StandInHandler {
  return (req) => {
    const now = Date.now() + state.clockOffsetMs;
    if (req.path === '/api/v3/brokerage/time') return json(200, { iso: new Date(now).toISOString(), epochSeconds: String(Math.floor(now / 1000)), epochMillis: String(now) });
    if (req.path !== '/api/v3/brokerage/key_permissions') return json(404, { error: 'NOT_FOUND' });
    const fail = failing(state);
    if (fail) return fail;
    const unauthorized = json(401, { error: 'unauthorized', message: 'Unauthorized' });
    const m = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(header(req, 'authorization'));
    if (!m) return unauthorized;
    const head = b64urlJson(m[1]!);
    const claims = b64urlJson(m[2]!);
    const acct = state.accounts.get(String(head.kid));
    if (!acct?.publicKey || claims.sub !== head.kid || claims.iss !== 'cdp') return unauthorized;
    if (claims.uri !== `GET api.coinbase.com${req.path}`) return unauthorized;
    const nbf = Number(claims.nbf);
    const exp = Number(claims.exp);
    if (!(exp - nbf <= 120 && nbf <= now / 1000 + 5 && exp >= now / 1000)) return unauthorized;
    const input = Buffer.from(`${m[1]}.${m[2]}`);
    const sig = Buffer.from(m[3]!, 'base64url');
    const ok =
      head.alg === 'EdDSA'
        ? cryptoVerify(null, input, acct.publicKey, sig)
        : head.alg === 'ES256' && cryptoVerify('sha256', input, { key: acct.publicKey, dsaEncoding: 'ieee-p1363' }, sig);
    if (!ok) return unauthorized;
    return json(200, acct.info);
  };
}

/** Coinbase Exchange: CB-ACCESS-* headers, base64 HMAC-SHA256 under the decoded secret, seconds timestamps. */
export function coinbaseExchangeStandIn(state: ExchangeState): StandInHandler {
  return (req) => {
    const now = Date.now() + state.clockOffsetMs;
    if (req.path === '/time') return json(200, { iso: new Date(now).toISOString(), epoch: now / 1000 });
    if (req.path !== '/profiles') return json(404, { message: 'NotFound' });
    const fail = failing(state);
    if (fail) return fail;
    const key = header(req, 'CB-ACCESS-KEY');
    const ts = header(req, 'CB-ACCESS-TIMESTAMP');
    const acct = state.accounts.get(key);
    if (!acct) return json(401, { message: 'Invalid API Key' });
    if (Math.abs(now / 1000 - Number(ts)) > 30) return json(400, { message: 'request timestamp expired' });
    const expected = createHmac('sha256', Buffer.from(acct.secret, 'base64')).update(`${ts}${req.method}${req.path}${req.body}`).digest('base64');
    if (header(req, 'CB-ACCESS-SIGN') !== expected) return json(401, { message: 'invalid signature' });
    if (header(req, 'CB-ACCESS-PASSPHRASE') !== acct.passphrase) return json(401, { message: 'Invalid Passphrase' });
    return json(200, acct.info);
  };
}


/** MEXC: X-MEXC-APIKEY, `signature` = hex HMAC-SHA256 of the query before it; Binance-style codes. */
export function mexcStandIn(state: ExchangeState): StandInHandler {
  return (req) => {
    const now = Date.now() + state.clockOffsetMs;
    if (req.path === '/api/v3/time') return json(200, { serverTime: now });
    if (req.path !== '/api/v3/account') return json(404, { code: 404, msg: 'not found' });
    const fail = failing(state);
    if (fail) return fail;
    const acct = state.accounts.get(header(req, 'X-MEXC-APIKEY'));
    if (!acct) return json(400, { code: 10072, msg: 'Api key info invalid' });
    const m = /^(.*)&signature=([0-9a-f]{64})$/.exec(req.rawQuery);
    if (!m || createHmac('sha256', acct.secret).update(m[1]!).digest('hex') !== m[2]) return json(400, { code: 700002, msg: 'Signature for this request is not valid.' });
    const q = new URLSearchParams(m[1]);
    if (Math.abs(now - Number(q.get('timestamp'))) > Number(q.get('recvWindow') ?? 5000)) return json(400, { code: 700003, msg: 'Timestamp for this request is outside of the recvWindow.' });
    return json(200, acct.info);
  };
}

/** Gate APIv4: KEY, Timestamp (s), SIGN = hex HMAC-SHA512("GET\npath\nquery\nhex(SHA512(body))\nts"); labels. */
export function gateStandIn(state: ExchangeState): StandInHandler {
  return (req) => {
    const now = Date.now() + state.clockOffsetMs;
    if (req.path === '/api/v4/spot/time') return json(200, { server_time: now });
    if (req.path !== '/api/v4/account/detail') return json(404, { label: 'NOT_FOUND', message: 'not found' });
    const fail = failing(state);
    if (fail) return fail;
    const acct = state.accounts.get(header(req, 'KEY'));
    if (!acct) return json(401, { label: 'INVALID_KEY', message: 'Invalid key provided' });
    const ts = header(req, 'Timestamp');
    const bodyHash = createHash('sha512').update(req.body).digest('hex');
    const expected = createHmac('sha512', acct.secret).update(`${req.method}\n${req.path}\n${req.rawQuery}\n${bodyHash}\n${ts}`).digest('hex');
    if (header(req, 'SIGN') !== expected) return json(401, { label: 'INVALID_SIGNATURE', message: 'Signature mismatch' });
    if (Math.abs(now / 1000 - Number(ts)) > 60) return json(401, { label: 'REQUEST_EXPIRED', message: 'gap between request Timestamp and server time exceeds 60' });
    return json(200, acct.info);
  };
}

/** Bitfinex v2: bfx-nonce, bfx-apikey, bfx-signature = hex HMAC-SHA384("/api" + path + nonce + body); a growing nonce. */
export function bitfinexStandIn(state: ExchangeState): StandInHandler {
  return (req) => {
    if (req.path !== '/v2/auth/r/permissions' || req.method !== 'POST') return json(404, ['error', 10020, 'not found']);
    const fail = failing(state);
    if (fail) return fail;
    const key = header(req, 'bfx-apikey');
    const acct = state.accounts.get(key);
    if (!acct) return json(500, ['error', 10100, 'apikey: invalid']);
    const nonce = header(req, 'bfx-nonce');
    const expected = createHmac('sha384', acct.secret).update(`/api${req.path}${nonce}${req.body}`).digest('hex');
    if (header(req, 'bfx-signature') !== expected) return json(500, ['error', 10100, 'apikey: invalid']);
    const last = state.nonces.get(key) ?? 0n;
    if (!/^\d+$/.test(nonce) || BigInt(nonce) <= last) return json(500, ['error', 10114, 'nonce: small']);
    state.nonces.set(key, BigInt(nonce));
    return json(200, acct.info);
  };
}

/** Gemini: X-GEMINI-APIKEY, X-GEMINI-PAYLOAD (base64 JSON {request, nonce}), X-GEMINI-SIGNATURE = hex HMAC-SHA384(payload). */
export function geminiStandIn(state: ExchangeState): StandInHandler {
  return (req) => {
    const now = Date.now() + state.clockOffsetMs;
    if (req.path !== '/v1/roles' || req.method !== 'POST') return json(404, { result: 'error', reason: 'EndpointNotFound' });
    const fail = failing(state);
    if (fail) return fail;
    const acct = state.accounts.get(header(req, 'X-GEMINI-APIKEY'));
    if (!acct) return json(400, { result: 'error', reason: 'InvalidApiKey', message: 'Invalid API key' });
    const payload = header(req, 'X-GEMINI-PAYLOAD');
    if (createHmac('sha384', acct.secret).update(payload).digest('hex') !== header(req, 'X-GEMINI-SIGNATURE')) {
      return json(400, { result: 'error', reason: 'InvalidSignature', message: 'InvalidSignature' });
    }
    const p = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as { request?: string; nonce?: string };
    if (p.request !== '/v1/roles') return json(400, { result: 'error', reason: 'InvalidRequest', message: 'payload request does not match the path' });
    // A time-based nonce must be within 30 s of the server's time.
    if (Math.abs(now - Number(p.nonce)) > 30_000) return json(400, { result: 'error', reason: 'InvalidNonce', message: 'Nonce out of window' });
    return json(200, acct.info);
  };
}

/** Bitget v2: ACCESS-* headers, base64 HMAC-SHA256(ts + METHOD + path + query + body); string codes. */
export function bitgetStandIn(state: ExchangeState): StandInHandler {
  return (req) => {
    const now = Date.now() + state.clockOffsetMs;
    if (req.path === '/api/v2/public/time') return json(200, { code: '00000', msg: 'success', data: { serverTime: String(now) } });
    if (req.path !== '/api/v2/spot/account/info') return json(404, { code: '40404', msg: 'Request URL NOT FOUND' });
    const fail = failing(state);
    if (fail) return fail;
    const acct = state.accounts.get(header(req, 'ACCESS-KEY'));
    if (!acct) return json(400, { code: '40006', msg: 'Invalid ACCESS_KEY' });
    const ts = header(req, 'ACCESS-TIMESTAMP');
    const expected = createHmac('sha256', acct.secret).update(`${ts}${req.method}${req.path}${req.rawQuery ? `?${req.rawQuery}` : ''}${req.body}`).digest('base64');
    if (header(req, 'ACCESS-SIGN') !== expected) return json(400, { code: '40009', msg: 'sign signature error' });
    if (header(req, 'ACCESS-PASSPHRASE') !== acct.passphrase) return json(400, { code: '40012', msg: 'apikey/password is incorrect' });
    if (Math.abs(now - Number(ts)) > 30_000) return json(400, { code: '40008', msg: 'Request timestamp expired' });
    return json(200, { code: '00000', msg: 'success', requestTime: now, data: acct.info });
  };
}

/** BitMEX: api-key, api-expires (s), api-signature = hex HMAC-SHA256(verb + path + expires + body). */
export function bitmexStandIn(state: ExchangeState): StandInHandler {
  return (req) => {
    const now = Date.now() + state.clockOffsetMs;
    if (req.path !== '/api/v1/user') return json(404, { error: { message: 'Not Found', name: 'HTTPError' } });
    const fail = failing(state);
    if (fail) return fail;
    const acct = state.accounts.get(header(req, 'api-key'));
    if (!acct) return json(401, { error: { message: 'Invalid API Key.', name: 'HTTPError' } });
    const expires = header(req, 'api-expires');
    const expected = createHmac('sha256', acct.secret).update(`${req.method}${req.path}${req.rawQuery ? `?${req.rawQuery}` : ''}${expires}${req.body}`).digest('hex');
    if (header(req, 'api-signature') !== expected) return json(401, { error: { message: 'Signature not valid.', name: 'HTTPError' } });
    if (Number(expires) < now / 1000) return json(401, { error: { message: 'This request has expired - `expires` is in the past. Current time: 1', name: 'HTTPError' } });
    return json(200, acct.info);
  };
}

/** Deribit public/auth, grant client_signature: hex HMAC-SHA256(timestamp\nnonce\ndata) under the client secret. */
export function deribitStandIn(state: ExchangeState): StandInHandler {
  return (req) => {
    const now = Date.now() + state.clockOffsetMs;
    if (req.path !== '/api/v2/public/auth') return json(404, { jsonrpc: '2.0', error: { code: -32601, message: 'Method not found' } });
    const fail = failing(state);
    if (fail) return fail;
    const q = req.query;
    const invalid = json(400, { jsonrpc: '2.0', error: { message: 'invalid_credentials', code: 13004 }, testnet: false });
    if (q.get('grant_type') !== 'client_signature') return invalid;
    const acct = state.accounts.get(q.get('client_id') ?? '');
    if (!acct) return invalid;
    const expected = createHmac('sha256', acct.secret).update(`${q.get('timestamp')}\n${q.get('nonce')}\n${q.get('data') ?? ''}`).digest('hex');
    if (q.get('signature') !== expected) return invalid;
    if (Math.abs(now - Number(q.get('timestamp'))) > 60_000) return json(400, { jsonrpc: '2.0', error: { message: 'invalid_timestamp: timestamp expired', code: 13008 } });
    return json(200, { jsonrpc: '2.0', result: { access_token: 'at', expires_in: 900, refresh_token: 'rt', scope: (acct.info as { scope: string }).scope, token_type: 'bearer' } });
  };
}

/** HTX Signature Version 2: recomputes the query signature for host api.huobi.pro; v2 codes. */
export function htxStandIn(state: ExchangeState): StandInHandler {
  const enc = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return (req) => {
    const now = Date.now() + state.clockOffsetMs;
    if (req.path !== '/v2/user/uid' && req.path !== '/v2/user/api-key') return json(404, { code: 404, message: 'not found' });
    const fail = failing(state);
    if (fail) return fail;
    const params = [...req.query.entries()].filter(([k]) => k !== 'Signature');
    const key = req.query.get('AccessKeyId') ?? '';
    const acct = state.accounts.get(key);
    if (!acct) return json(200, { code: 1003, message: 'invalid signature: Incorrect Access key' });
    const canonical = params.map(([k, v]) => [enc(k), enc(v)] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join('&');
    const expected = createHmac('sha256', acct.secret).update(`GET\napi.huobi.pro\n${req.path}\n${canonical}`).digest('base64');
    if (req.query.get('Signature') !== expected) return json(200, { code: 1003, message: 'invalid signature: Verification failure' });
    if (Math.abs(now - Date.parse(`${req.query.get('Timestamp')}Z`)) > 5 * 60_000) return json(200, { code: 1003, message: 'invalid timestamp: request expired' });
    if (req.path === '/v2/user/uid') return json(200, { code: 200, data: 12345678 });
    if (req.query.get('uid') !== '12345678' || req.query.get('accessKey') !== key) return json(200, { code: 2002, message: 'invalid field value' });
    return json(200, { code: 200, message: 'success', data: [acct.info] });
  };
}

/** Crypto.com Exchange v1: sig = hex HMAC-SHA256(method + id + api_key + params + nonce) in the JSON body. */
export function cryptocomStandIn(state: ExchangeState): StandInHandler {
  return (req) => {
    const now = Date.now() + state.clockOffsetMs;
    if (req.path !== '/exchange/v1/private/user-balance' || req.method !== 'POST') return json(404, { code: 404, message: 'not found' });
    const fail = failing(state);
    if (fail) return fail;
    const b = JSON.parse(req.body || '{}') as { id?: number; method?: string; api_key?: string; nonce?: number; sig?: string; params?: Record<string, unknown> };
    const acct = state.accounts.get(b.api_key ?? '');
    if (!acct) return json(401, { id: b.id, method: b.method, code: 40101, message: 'UNAUTHORIZED' });
    const expected = createHmac('sha256', acct.secret).update(`${b.method}${b.id}${b.api_key}${b.nonce}`).digest('hex');
    if (b.sig !== expected || b.method !== 'private/user-balance') return json(401, { id: b.id, method: b.method, code: 40101, message: 'UNAUTHORIZED' });
    if (Math.abs(now - Number(b.nonce)) > 60_000) return json(401, { id: b.id, method: b.method, code: 40102, message: 'INVALID_NONCE' });
    return json(200, { id: b.id, method: b.method, code: 0, result: { data: [acct.info] } });
  };
}
