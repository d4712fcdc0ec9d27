// HTX (Huobi): Signature Version 2 on the query string (AccessKeyId, SignatureMethod=HmacSHA256, SignatureVersion=2,
// Timestamp; Signature = base64 HMAC-SHA256 of "GET\nhost\npath\nsorted query" under the secret). GET /v2/user/uid
// gives the key's user, then GET /v2/user/api-key (uid, accessKey) the key's permission (readOnly, trade, withdraw)
// and bound IP addresses.
// https://huobiapi.github.io/docs/spot/v1/en/#signing-api-requests  https://huobiapi.github.io/docs/spot/v1/en/#query-api-key-information
import { hmacBase64 } from './sign.js';
import type { Credential, Http, HttpResponse, Verifier, VerifyAnswer } from './types.js';
import { VerifyUnknown } from './types.js';
import { excerpt, needParts, orderPermissions, serverError } from './util.js';

const HOST = 'api.huobi.pro';

/** RFC 3986 encoding, as the signing guide asks (spaces %20, no `+`). */
const enc = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

/** The signed query of a GET to `path` with `params`, as Signature Version 2 builds it. */
export function htxSignedQuery(key: string, secret: string, path: string, params: Record<string, string>, nowMs: number): string {
  const all: Record<string, string> = {
    AccessKeyId: key,
    SignatureMethod: 'HmacSHA256',
    SignatureVersion: '2',
    Timestamp: new Date(nowMs).toISOString().slice(0, 19),
    ...params,
  };
  const query = Object.keys(all)
    .sort()
    .map((k) => `${enc(k)}=${enc(all[k]!)}`)
    .join('&');
  return `${query}&Signature=${enc(hmacBase64('sha256', secret, `GET\n${HOST}\n${path}\n${query}`))}`;
}

function failure(res: HttpResponse): string | null {
  const j = res.json as { status?: unknown; 'err-code'?: unknown; 'err-msg'?: unknown; code?: unknown; message?: unknown } | undefined;
  if (j?.status === 'error') return `${excerpt(j['err-code'])}: ${excerpt(j['err-msg'])}`;
  if (j?.code !== undefined && Number(j.code) !== 200) return `${excerpt(String(j.code))}: ${excerpt(j.message)}`;
  return null;
}

function judge(res: HttpResponse): VerifyAnswer | null {
  serverError(res, 'HTX');
  const f = failure(res);
  if (!f) return null;
  if (/timestamp|expired/i.test(f)) throw new VerifyUnknown('clock skew', `HTX: ${f}`);
  if (/signature|access ?key|unauthori[sz]ed|api-key-invalid|invalid-key/i.test(f)) return { status: 'invalid', message: `HTX rejected the key (${f})` };
  if (/ip/i.test(f)) return { status: 'live', ipRestricted: true, message: `live HTX key refused from this machine's IP (${f})` };
  throw new VerifyUnknown('unexpected answer', `HTX answered ${f}`);
}

export const htx: Verifier = {
  provider: 'htx',
  endpoints: { htx: `https://${HOST}` },
  sends: 'access key id + HMAC-SHA256 signature (Signature Version 2) made with the secret, in the query',
  call: 'GET /v2/user/uid, then GET /v2/user/api-key',
  needs: [['key', 'secret']],
  async verify(c: Credential, http: Http): Promise<VerifyAnswer> {
    const { key, secret } = needParts(c, ['key', 'secret']);
    const first = await http.request('htx', { path: `/v2/user/uid?${htxSignedQuery(key, secret, '/v2/user/uid', {}, http.now())}` });
    const bad = judge(first);
    if (bad) return bad;
    const uid = (first.json as { data?: unknown } | undefined)?.data;
    if (uid === undefined) throw new VerifyUnknown('unexpected answer', `HTX answered HTTP ${first.status} without a user id`);
    const res = await http.request('htx', { path: `/v2/user/api-key?${htxSignedQuery(key, secret, '/v2/user/api-key', { uid: String(uid), accessKey: key }, http.now())}` });
    const bad2 = judge(res);
    if (bad2) return bad2;
    const info = ((res.json as { data?: Record<string, unknown>[] } | undefined)?.data ?? [])[0];
    if (!info) return { status: 'live', message: 'live HTX key; its record could not be read' };
    const permissions = orderPermissions(String(info.permission ?? '').split(',').map((p) => p.trim()).filter(Boolean).map((p) => (p === 'readOnly' ? 'read' : p)));
    const ipRestricted = String(info.ipAddresses ?? '').trim() !== '';
    return {
      status: 'live',
      message: `live HTX key${permissions.includes('withdraw') ? ' that can withdraw' : ''}${ipRestricted ? ', bound to IP addresses' : ', usable from any IP'}`,
      permissions,
      ipRestricted,
      account: { ...(info.validDays !== undefined ? { validDays: Number(info.validDays) } : {}), ...(typeof info.status === 'string' ? { keyStatus: info.status } : {}) },
    };
  },
};
