// The request handler: read-only GET/HEAD routes, bodies refused, a bearer token where configured (compared in
// constant time), known routes only, every response passed through the redactor.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The routes serve answers; anything else is 404 (and counted as path "other"). */
export const ROUTES = ['/metrics', '/api/v1/snapshot', '/api/v1/window', '/api/v1/events', '/api/v1/hub/state', '/api/v1/hub/actions', '/healthz', '/readyz'] as const;
export type Route = (typeof ROUTES)[number];

/** Routes open without the token: a load balancer or systemd probes them. */
const OPEN: readonly Route[] = ['/healthz', '/readyz'];

/** What a route answers: a status, a content type and a body; or `handled` when it wrote the response itself (SSE). */
export interface Response {
  readonly status: number;
  readonly type: string;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}
export type Reply = Response | 'handled';

export type RouteHandler = (q: URLSearchParams, req: IncomingMessage, res: ServerResponse) => Reply | Promise<Reply>;

export interface RoutesOptions {
  readonly handlers: Readonly<Record<Route, RouteHandler>>;
  /** The bearer token, when --token-file gave one. */
  readonly token?: string | undefined;
  readonly redact: (text: string) => string;
  readonly count: (path: string, code: number) => void;
  /** A line for stderr (never holding a secret: the redactor runs over it). */
  readonly log: (line: string) => void;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';

export const jsonReply = (status: number, data: unknown): Response => ({ status, type: JSON_TYPE, body: JSON.stringify(data) + '\n' });
export const textReply = (status: number, text: string): Response => ({ status, type: TEXT_TYPE, body: text });

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Constant-time check of "Bearer <token>" (hashes first, so neither the length nor a prefix leaks). */
export function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return timingSafeEqual(digest(m?.[1] ?? ''), digest(token)) && m !== null;
}

function send(res: ServerResponse, reply: Response, redact: (t: string) => string, close = false): void {
  const body = Buffer.from(redact(reply.body));
  res.writeHead(reply.status, {
    'content-type': reply.type, 'content-length': String(body.length), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff',
    ...(close ? { connection: 'close' } : {}), ...reply.headers,
  });
  res.end(body);
}

export function createHandler(o: RoutesOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://serve.invalid');
    } catch {
      url = new URL('http://serve.invalid/?');
      url.pathname = '/invalid';
    }
    const route = (ROUTES as readonly string[]).includes(url.pathname) ? (url.pathname as Route) : undefined;
    res.once('close', () => o.count(route ?? 'other', res.statusCode));
    // A request body has no use here: refuse it unread and close the connection, so it is never buffered.
    const length = req.headers['content-length'];
    if (req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')) {
      send(res, jsonReply(413, { error: 'request bodies are not accepted' }), o.redact, true);
      req.socket.destroySoon();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, { ...jsonReply(405, { error: `method ${req.method ?? ''} not allowed: read-only (GET, HEAD)` }), headers: { allow: 'GET, HEAD' } }, o.redact);
      return;
    }
    if (route === undefined) {
      send(res, jsonReply(404, { error: 'not found' }), o.redact);
      return;
    }
    if (o.token !== undefined && !OPEN.includes(route) && !tokenMatches(req.headers.authorization, o.token)) {
      send(res, { ...jsonReply(401, { error: 'a bearer token is required (Authorization: Bearer <token>)' }), headers: { 'www-authenticate': 'Bearer' } }, o.redact);
      return;
    }
    Promise.resolve()
      .then(() => o.handlers[route](url.searchParams, req, res))
      .then((reply) => {
        if (reply !== 'handled') send(res, reply, o.redact);
      })
      .catch((error: unknown) => {
        o.log(`l2top serve: ${route}: ${error instanceof Error ? error.message : String(error)}`);
        if (!res.headersSent) send(res, jsonReply(500, { error: 'internal error' }), o.redact);
        else res.destroy();
      });
  };
}
