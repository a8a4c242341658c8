// Local HTTP server for --demo: every upstream route under /<provider>, answered from the SAMPLE model on 127.0.0.1.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Reply } from './payloads.js';
import { sampleReply } from './replies.js';
import { DEMO_PROVIDERS, matchRoute } from './routes.js';
import type { DemoProvider } from './routes.js';

export { DEMO_PROVIDERS, HISTORY_MAX_DAYS, lightningWindowDays, matchRoute } from './routes.js';
export type { DemoProvider, Route, RouteMatch, UpstreamEndpoint } from './routes.js';
export { filterLayersRows, LAYERS_MAX_DAYS, LAYERS_SLUGS } from './layers.js';

/** Request bodies above this are refused with 413. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Read a request body, keeping at most `limit` bytes; resolves (never rejects) also when the client goes away. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<{ text: string; tooLarge: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    const done = (): void => resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge });
    req.on('end', done);
    req.on('close', done);
    req.on('error', done);
  });
}

/** A reply's bytes and content type: JSON as application/json, text as its own type (default text/plain). */
export function encodeReply(reply: Reply): { bytes: Buffer; contentType: string } {
  if ('text' in reply) return { bytes: Buffer.from(reply.text), contentType: reply.contentType ?? 'text/plain' };
  return { bytes: Buffer.from(JSON.stringify(reply.json) ?? 'null'), contentType: 'application/json; charset=utf-8' };
}

/** Send a reply with Content-Length; a no-op once the response is finished or its socket is gone. */
export function sendReply(res: ServerResponse, reply: Reply, headers: Readonly<Record<string, string>> = {}): void {
  if (res.writableEnded || res.destroyed) return;
  const { bytes, contentType } = encodeReply(reply);
  res.writeHead(reply.status, { 'content-type': contentType, 'content-length': bytes.length, ...headers });
  res.end(bytes);
}

/** Send a JSON body with Content-Length; a no-op once the response is finished or its socket is gone. */
export function sendJson(res: ServerResponse, status: number, json: unknown, headers: Readonly<Record<string, string>> = {}): void {
  sendReply(res, { status, json }, headers);
}

/** A running demo server. */
export interface DemoServer {
  /** Provider id -> base URL without a trailing slash, one per DEMO_PROVIDERS entry. */
  readonly baseUrls: Readonly<Record<DemoProvider, string>>;
  /** Stops listening and closes every socket, idle keep-alive ones included. Idempotent. */
  close(): Promise<void>;
}

/** Options for startDemoServer. */
export interface DemoServerOptions {
  /** The clock the sample values follow (ms); default Date.now. */
  readonly now?: () => number;
}

async function handle(req: IncomingMessage, res: ServerResponse, now: () => number): Promise<void> {
  const match = matchRoute(req.method ?? 'GET', req.url ?? '/');
  const body = await readBody(req);
  if (match.kind !== 'route') return sendJson(res, match.status, { error: match.message });
  if (body.tooLarge) return sendJson(res, 413, { error: 'request body too large' });
  sendReply(res, sampleReply(match.route, body.text, now()));
}

/**
 * Start the demo upstream on 127.0.0.1 at a free port. Values follow `now`, so live polls move;
 * every route and its body shape match the real provider (see routes.ts), anything else is a JSON 404.
 */
export async function startDemoServer(opts: DemoServerOptions = {}): Promise<DemoServer> {
  const now = opts.now ?? Date.now;
  const server = createServer((req, res) => {
    res.on('error', () => undefined);
    handle(req, res, now).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const root = `http://127.0.0.1:${port}`;
  const baseUrls = Object.fromEntries(DEMO_PROVIDERS.map((p) => [p, `${root}/${p}`])) as Record<DemoProvider, string>;
  let closing: Promise<void> | undefined;
  return {
    baseUrls,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
