// Gate (API v4): GET /api/v4/account/detail, signed as documented: SIGN = hex HMAC-SHA512 of
// "METHOD\nPATH\nQUERY\nhex(SHA512(body))\nTIMESTAMP" under the secret, with KEY and Timestamp (seconds) headers. It
// gives the key's IP whitelist and mode; errors are labels: INVALID_KEY, INVALID_SIGNATURE, REQUEST_EXPIRED, FORBIDDEN.
// https://www.gate.com/docs/developers/apiv4/#apiv4-signed-request-requirements
// https://www.gate.com/docs/developers/apiv4/#get-account-detail
import { createHash, createHmac } from 'node:crypto';
import type { Credential, Http, HttpResponse, Verifier, VerifyAnswer } from './types.js';
import { VerifyUnknown } from './types.js';
import { excerpt, needParts, serverError } from './util.js';

const PATH = '/api/v4/account/detail';

/** The documented APIv4 signature. */
export function gateSignature(secret: string, method: string, path: string, query: string, body: string, timestamp: string): string {
  const bodyHash = createHash('sha512').update(body).digest('hex');
  return createHmac('sha512', secret).update(`${method}\n${path}\n${query}\n${bodyHash}\n${timestamp}`).digest('hex');
}

async function call(http: Http, key: string, secret: string, offset: number): Promise<HttpResponse> {
  const ts = String(Math.floor((http.now() + offset) / 1000));
  return http.request('gate', { path: PATH, headers: { KEY: key, Timestamp: ts, SIGN: gateSignature(secret, 'GET', PATH, '', '', ts) } });
}

const label = (res: HttpResponse): string => String((res.json as { label?: unknown } | undefined)?.label ?? '');

export const gate: Verifier = {
  provider: 'gate',
  endpoints: { gate: 'https://api.gateio.ws' },
  sends: 'key (header) + HMAC-SHA512 signature made with the secret',
  call: 'GET /api/v4/account/detail',
  needs: [['key', 'secret']],
  async verify(c: Credential, http: Http): Promise<VerifyAnswer> {
    const { key, secret } = needParts(c, ['key', 'secret']);
    let res = await call(http, key, secret, 0);
    if (label(res) === 'REQUEST_EXPIRED') {
      const server = Number(((await http.request('gate', { path: '/api/v4/spot/time' })).json as { server_time?: unknown } | undefined)?.server_time);
      if (!Number.isFinite(server) || server <= 0) throw new VerifyUnknown('clock skew', 'Gate says the request expired, and its server time could not be read');
      res = await call(http, key, secret, server - http.now());
      if (label(res) === 'REQUEST_EXPIRED') throw new VerifyUnknown('clock skew', 'Gate says the request expired, even at its own server time');
    }
    serverError(res, 'Gate');
    const l = label(res);
    if (l === 'INVALID_KEY') return { status: 'invalid', message: 'Gate does not know the key (INVALID_KEY)', unknownPart: 'key' };
    if (l === 'INVALID_SIGNATURE') return { status: 'invalid', message: 'Gate knows the key but the secret does not sign for it (INVALID_SIGNATURE)' };
    if (l === 'FORBIDDEN') return { status: 'live', ipRestricted: true, message: 'live Gate key refused from this machine (FORBIDDEN: an IP whitelist); rights not readable from here' };
    const d = res.json as Record<string, unknown> | undefined;
    if (res.status !== 200 || !d || l) throw new VerifyUnknown('unexpected answer', `Gate answered HTTP ${res.status} ${excerpt(l)}`.trim());
    const ips = Array.isArray(d.ip_whitelist) ? d.ip_whitelist : [];
    const mode = (d.key as { mode?: unknown } | undefined)?.mode;
    return {
      status: 'live',
      message: `live Gate key${ips.length ? ', limited to an IP whitelist' : ', usable from any IP'} (its rights are not exposed by the account detail)`,
      ipRestricted: ips.length > 0,
      account: { ...(typeof mode === 'number' ? { keyMode: mode === 1 ? 'classic' : mode === 2 ? 'portfolio' : String(mode) } : {}), ...(typeof d.tier === 'number' ? { tier: d.tier } : {}) },
    };
  },
};
