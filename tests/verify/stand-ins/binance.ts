// Binance and Binance.US as documented: a SIGNED GET carries X-MBX-APIKEY, `timestamp` (ms), `recvWindow` and
// `signature` = hex HMAC-SHA256 of the query string before it, under the key's secret. Errors are
// {"code": -NNNN, "msg": "..."}: -2014 bad key format, -2015 key refused, -1022 bad signature, -1021 timestamp
// outside the receive window. GET /api/v3/time answers {"serverTime": ms}.

import { createHmac } from 'node:crypto';
import type { StandInHandler, StandInReply, StandInRequest } from '../stand-in.js';

export interface BinanceAccount {
  secret: string;
  /** binance.com: the apiRestrictions record. */
  restrictions?: Record<string, unknown>;
  /** binance.us: the account record. */
  account?: Record<string, unknown>;
}

export interface BinanceStandIn {
  accounts: Map<string, BinanceAccount>;
  /** Milliseconds the server's clock is ahead of the real one. */
  clockOffsetMs: number;
  /** Always answer -1021 (a clock the verifier cannot catch up with). */
  alwaysSkewed: boolean;
  /** Answer this status to every signed call (429, 503...). */
  failWith?: number;
}

const error = (status: number, code: number, msg: string): StandInReply => ({ status, body: { code, msg } });

/** A handler for one of the two hosts, serving `path` with the account field `field`. */
export function binanceHandler(state: BinanceStandIn, path: string, field: 'restrictions' | 'account'): StandInHandler {
  return (req: StandInRequest): StandInReply => {
    const now = Date.now() + state.clockOffsetMs;
    if (req.path === '/api/v3/time') return { status: 200, body: { serverTime: now } };
    if (req.path !== path || req.method !== 'GET') return { status: 404, body: { code: -1000, msg: 'not served by the stand-in' } };
    if (state.failWith === 429) return { status: 429, body: { code: -1003, msg: 'Too many requests' }, headers: { 'retry-after': '0' } };
    if (state.failWith) return { status: state.failWith, body: '<html>Service Unavailable</html>' };
    const key = String(req.headers['x-mbx-apikey'] ?? '');
    if (!/^[A-Za-z0-9]{64}$/.test(key)) return error(401, -2014, 'API-key format invalid.');
    const m = /^(.*)&signature=([0-9a-fA-F]{64})$/.exec(req.rawQuery);
    if (!m) return error(400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
    const signed = new URLSearchParams(m[1]);
    const timestamp = Number(signed.get('timestamp'));
    const recvWindow = Number(signed.get('recvWindow') ?? 5000);
    if (!Number.isInteger(timestamp)) return error(400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
    const acct = state.accounts.get(key);
    if (!acct || !acct[field]) return error(401, -2015, 'Invalid API-key, IP, or permissions for action.');
    const expected = createHmac('sha256', acct.secret).update(m[1]!).digest('hex');
    if (expected !== m[2]!.toLowerCase()) return error(400, -1022, 'Signature for this request is not valid.');
    if (state.alwaysSkewed || timestamp > now + 1000 || now - timestamp > recvWindow) {
      return error(400, -1021, 'Timestamp for this request is outside of the recvWindow.');
    }
    return { status: 200, body: acct[field] };
  };
}

/** Both hosts: `binance` (apiRestrictions) and `binance-us` (account). */
export function binanceStandIns(state: BinanceStandIn): Record<string, StandInHandler> {
  return {
    binance: binanceHandler(state, '/sapi/v1/account/apiRestrictions', 'restrictions'),
    'binance-us': binanceHandler(state, '/api/v3/account', 'account'),
  };
}

/** The documented apiRestrictions record, with the given switches. */
export function restrictions(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ipRestrict: false,
    createTime: 1698645219000,
    enableReading: true,
    enableWithdrawals: false,
    enableInternalTransfer: false,
    enableMargin: false,
    enableFutures: false,
    permitsUniversalTransfer: false,
    enableVanillaOptions: false,
    enableFixApiTrade: false,
    enableFixReadOnly: false,
    enableSpotAndMarginTrading: false,
    enablePortfolioMarginTrading: false,
    ...over,
  };
}
