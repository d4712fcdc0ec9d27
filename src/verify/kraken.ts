// Kraken (spot): POST /0/private/GetApiKeyInfo, which needs no permission and tells the key's permissions
// (query-funds, withdraw-funds, modify-trades...) and IP allow-list. Signed as documented: API-Sign = base64
// HMAC-SHA512, under the base64-decoded secret, of the URI path + SHA256(nonce + POST data). A key spot does not know
// is tried on Kraken Futures, whose keys have the same shapes.
// https://docs.kraken.com/api/docs/guides/spot-rest-auth
// https://docs.kraken.com/api-reference/account-data/get-api-key-info

import { createHash, createHmac } from 'node:crypto';
import type { Credential, Http, Verifier, VerifyAnswer } from './types.js';
import { VerifyUnknown } from './types.js';
import { krakenFutures } from './kraken-futures.js';
import { excerpt, needParts, orderPermissions, serverError } from './util.js';

const PATH = '/0/private/GetApiKeyInfo';

/** The documented signature: base64 HMAC-SHA512(base64decode(secret), path + SHA256(nonce + postData)). */
export function krakenSignature(path: string, nonce: string, postData: string, secret: string): string {
  const digest = createHash('sha256').update(nonce + postData).digest();
  return createHmac('sha512', Buffer.from(secret, 'base64')).update(Buffer.concat([Buffer.from(path), digest])).digest('base64');
}

/** Rights from Kraken's permission names, withdrawal first; the names themselves follow. */
export function krakenRights(perms: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of perms) {
    if (/withdraw/.test(p)) out.push('withdraw');
    else if (/modify-trades|close-trades|cancel/.test(p)) out.push('trade');
    else if (/^query-|ledger|export/.test(p)) out.push('read');
    else out.push(p);
  }
  return orderPermissions(out);
}

/**
 * Kraken Futures keys have the very shapes of spot keys, and a key named only "kraken" may be either: one the spot API
 * does not know is tried on the Futures API (futures.kraken.com, read-only), as Binance's are on Binance.US.
 */
async function futuresOrInvalid(c: Credential, http: Http): Promise<VerifyAnswer> {
  const spot: VerifyAnswer = { status: 'invalid', message: 'Kraken does not know the key (EAPI:Invalid key)', unknownPart: 'key' };
  let futures: VerifyAnswer;
  try {
    futures = await krakenFutures.verify(c, http);
  } catch (err) {
    if (err instanceof VerifyUnknown) return spot;
    throw err;
  }
  if (futures.status === 'live') return { ...futures, message: `${futures.message}, found as a Kraken key (the spot API does not know it)` };
  return { ...spot, message: 'neither Kraken spot (EAPI:Invalid key) nor Kraken Futures knows the key' };
}

export const kraken: Verifier = {
  provider: 'kraken',
  endpoints: { kraken: 'https://api.kraken.com' },
  sends: 'key (header) + HMAC-SHA512 signature made with the secret',
  call: 'POST /0/private/GetApiKeyInfo (reads the key\'s own record)',
  needs: [['key', 'secret']],
  async verify(c: Credential, http: Http): Promise<VerifyAnswer> {
    const { key, secret } = needParts(c, ['key', 'secret']);
    // Kraken takes a nonce that only grows. Milliseconds now, as Kraken's examples use: a larger unit would push the
    // key's nonce past what its owner's software sends next, and break it.
    const nonce = String(Math.round(http.now()));
    const postData = `nonce=${nonce}`;
    const res = await http.request('kraken', {
      method: 'POST',
      path: PATH,
      headers: { 'API-Key': key, 'API-Sign': krakenSignature(PATH, nonce, postData, secret), 'content-type': 'application/x-www-form-urlencoded' },
      body: postData,
    });
    serverError(res, 'Kraken');
    const body = res.json as { error?: unknown; result?: Record<string, unknown> } | undefined;
    const errors = Array.isArray(body?.error) ? (body!.error as unknown[]).map(String) : [];
    const has = (s: string): boolean => errors.some((e) => e.startsWith(s));
    if (has('EAPI:Invalid key')) return futuresOrInvalid(c, http);
    if (has('EAPI:Invalid signature')) return { status: 'invalid', message: 'Kraken knows the key but the secret does not sign for it (EAPI:Invalid signature)' };
    if (has('EAPI:Invalid nonce')) throw new VerifyUnknown('clock skew', 'Kraken rejected the nonce (the key may use a higher one already)');
    if (has('EAPI:Rate limit') || has('EGeneral:Temporary lockout')) throw new VerifyUnknown('rate limit', `Kraken answered ${excerpt(errors[0])}`);
    if (has('EGeneral:Permission denied')) return { status: 'live', message: 'live Kraken key; its record is not readable with it, so its rights are unknown' };
    const info = body?.result;
    if (errors.length || res.status !== 200 || !info) throw new VerifyUnknown('unexpected answer', `Kraken answered HTTP ${res.status} ${excerpt(errors[0])}`.trim());
    const raw = Array.isArray(info.permissions) ? (info.permissions as unknown[]).map(String) : [];
    const permissions = krakenRights(raw);
    const ipRestricted = Array.isArray(info.ipAllowlist) ? info.ipAllowlist.length > 0 : undefined;
    return {
      status: 'live',
      message: `live Kraken key${permissions.includes('withdraw') ? ' that can withdraw' : ''}${ipRestricted === false ? ', usable from any IP' : ipRestricted ? ', limited to an IP allow-list' : ''}`,
      permissions,
      ...(ipRestricted !== undefined ? { ipRestricted } : {}),
      account: {
        ...(typeof info.createdTime === 'string' && Number(info.createdTime) > 0 ? { keyCreated: new Date(Number(info.createdTime) * 1000).toISOString() } : {}),
        ...(typeof info.validUntil === 'string' && Number(info.validUntil) > 0 ? { keyExpires: new Date(Number(info.validUntil) * 1000).toISOString() } : {}),
      },
    };
  },
};
