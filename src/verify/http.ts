// The one way verifiers reach the network: Node's fetch, to the endpoint's fixed (or operator-overridden) base URL,
// with a timeout per request, a per-host pace, bounded retries with backoff on 429, and no redirects (a redirect
// could carry a key to another host). Errors become VerifyUnknown with a kind and a few words — never the URL, whose
// path or query may hold a key, and never a header.

import type { Http, HttpRequest, HttpResponse } from './types.js';
import { VerifyUnknown } from './types.js';

export interface HttpLimits {
  /** Milliseconds before one request is abandoned. Default 10 000. */
  timeoutMs: number;
  /** Least milliseconds between two requests to one host. Default 250 (at most 4 a second). */
  minIntervalMs: number;
  /** Retries after a 429. Default 2. */
  maxRetries: number;
  /** First backoff after a 429 without Retry-After, doubled each time; Retry-After is honoured up to 10× this. Default 1 000. */
  backoffMs: number;
}

export const DEFAULT_LIMITS: HttpLimits = { timeoutMs: 10_000, minIntervalMs: 250, maxRetries: 2, backoffMs: 1_000 };

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Paces requests per host: each waits until the host's previous request is `minIntervalMs` old. */
export class HostPacer {
  private readonly next = new Map<string, number>();
  constructor(private readonly minIntervalMs: number) {}

  async wait(host: string): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.next.get(host) ?? 0);
    this.next.set(host, at + this.minIntervalMs);
    if (at > now) await sleep(at - now);
  }
}

/** Shared by every credential of a run: resolved bases, limits, the pacer, and the fetch to use. */
export interface HttpContext {
  base(endpoint: string): string;
  limits: HttpLimits;
  pacer: HostPacer;
  fetch: typeof fetch;
  now(): number;
}

/** The client one credential's check uses; `sent` turns true once a request has left. */
export class CredentialHttp implements Http {
  sent = false;
  constructor(private readonly ctx: HttpContext) {}

  now(): number {
    return this.ctx.now();
  }

  async request(endpoint: string, req: HttpRequest): Promise<HttpResponse> {
    const base = this.ctx.base(endpoint);
    const host = new URL(base).host;
    const { timeoutMs, maxRetries, backoffMs } = this.ctx.limits;
    for (let attempt = 0; ; attempt++) {
      await this.ctx.pacer.wait(host);
      let res: Response;
      try {
        this.sent = true;
        res = await this.ctx.fetch(base + req.path, {
          method: req.method ?? 'GET',
          headers: { 'user-agent': 'keyhound-verify', accept: 'application/json', ...req.headers },
          ...(req.body !== undefined ? { body: req.body } : {}),
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        const name = (err as Error).name;
        if (name === 'TimeoutError' || name === 'AbortError') throw new VerifyUnknown('timeout', `no answer from ${host} within ${timeoutMs} ms`);
        throw new VerifyUnknown('network', `could not reach ${host} (${networkCode(err)})`);
      }
      let text: string;
      try {
        text = await res.text();
      } catch {
        throw new VerifyUnknown('network', `the answer from ${host} was cut off`);
      }
      if (res.status === 429) {
        if (attempt >= maxRetries) throw new VerifyUnknown('rate limit', `${host} answered 429 Too Many Requests ${attempt + 1} times`);
        const after = Number(res.headers.get('retry-after'));
        const wait = Number.isFinite(after) && after >= 0 ? after * 1000 : backoffMs * 2 ** attempt;
        if (wait > backoffMs * 10) throw new VerifyUnknown('rate limit', `${host} asks to wait ${Math.round(wait / 1000)} s`);
        await sleep(wait);
        continue;
      }
      if (res.status >= 300 && res.status < 400) throw new VerifyUnknown('unexpected answer', `${host} answered a redirect (${res.status}), which is not followed`);
      return { status: res.status, headers: res.headers, text, json: parseJson(text) };
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The system error code under fetch's "fetch failed" (ECONNREFUSED, ENOTFOUND...), which names no URL. */
function networkCode(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' && /^[A-Z_]+$/.test(cause.code) ? cause.code : 'connection failed';
}
