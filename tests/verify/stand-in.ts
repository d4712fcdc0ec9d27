// A local HTTP server standing in for providers' APIs in tests: 127.0.0.1 only, on a free port, closed after the
// test file (and by itself after two minutes at the latest). Each provider is served under its own path prefix
// (`/binance/...`), which KEYHOUND_VERIFY_ENDPOINTS points at: the verifiers accept plain http only on loopback.
// Every request is recorded, so a test can count them.

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll } from 'vitest';

export interface StandInRequest {
  method: string;
  /** The path after the provider prefix, without the query. */
  path: string;
  /** The raw query string, without `?`. */
  rawQuery: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface StandInReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Never answer (for timeouts). */
  hang?: boolean;
}

export type StandInHandler = (req: StandInRequest) => StandInReply;

export interface StandIn {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** Requests received, per provider prefix. */
  requests: { prefix: string; req: StandInRequest }[];
  /** Base URL of a provider prefix. */
  base(prefix: string): string;
  close(): Promise<void>;
}

const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(
    servers.map(
      (s) =>
        new Promise<void>((r) => {
          s.closeAllConnections();
          s.close(() => r());
        }),
    ),
  );
});

/** Starts a stand-in serving `handlers` by first path segment. */
export async function startStandIn(handlers: Record<string, StandInHandler>): Promise<StandIn> {
  const requests: StandIn['requests'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const fullPath = q === -1 ? url : url.slice(0, q);
      const rawQuery = q === -1 ? '' : url.slice(q + 1);
      const [, prefix = '', ...rest] = fullPath.split('/');
      const sreq: StandInRequest = {
        method: req.method ?? 'GET',
        path: `/${rest.join('/')}`,
        rawQuery,
        query: new URLSearchParams(rawQuery),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push({ prefix, req: sreq });
      const handler = handlers[prefix];
      const reply: StandInReply = handler ? handler(sreq) : { status: 404, body: { error: `no stand-in for ${prefix}` } };
      if (reply.hang) return;
      const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(text);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const timer = setTimeout(() => server.close(), 120_000);
  timer.unref();
  server.on('close', () => clearTimeout(timer));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    base: (prefix) => `${origin}/${prefix}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A JSON object for KEYHOUND_VERIFY_ENDPOINTS: each endpoint id served under its own prefix of `s`. */
export function endpointsFor(s: StandIn, ids: readonly string[]): string {
  return JSON.stringify(Object.fromEntries(ids.map((id) => [id, s.base(id)])));
}
