// Local HTTP server for --demo: every upstream route under /<provider>, answered from the SAMPLE model on 127.0.0.1.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bitcoinlayersHistory, hiroReply, lightningHistory, lightningLatest, liquidPegs, liquidPegsMonth, prices, rootstockReply } from './payloads.js';
import type { BitcoinlayersRow } from './payloads.js';
import { DAY_MS, SAMPLE_NETWORKS, sampleAt, sampleDaily, sampleLightningGraphAt, sampleMonthlyFlows, samplePriceAt, utcDayStart } from './sample.js';
import type { SampleNetwork } from './sample.js';

/** The upstream providers, each mounted under /<provider>; keys of `baseUrls`. */
export const DEMO_PROVIDERS = ['mempool', 'liquid', 'rootstock', 'hiro', 'bitcoinlayers'] as const;
/** One of DEMO_PROVIDERS. */
export type DemoProvider = (typeof DEMO_PROVIDERS)[number];

/** The upstream endpoints the app uses; the keys tests fault and count. */
export type UpstreamEndpoint =
  | 'lightning'
  | 'lightning-history'
  | 'liquid'
  | 'liquid-history'
  | 'rootstock'
  | 'stacks'
  | 'price'
  | 'bitcoinlayers-history';

/** A request resolved to an endpoint. */
export interface Route {
  readonly endpoint: UpstreamEndpoint;
  readonly provider: DemoProvider;
  /** The lightning-history interval segment, e.g. "1y". */
  readonly interval?: string;
  readonly query: URLSearchParams;
}

/** matchRoute's answer: a route, or the status to refuse with (405 keeps the endpoint it would have been). */
export type RouteMatch =
  | { readonly kind: 'route'; readonly route: Route }
  | { readonly kind: 'miss'; readonly status: 404 | 405; readonly message: string; readonly endpoint?: UpstreamEndpoint };

/** Days of daily points mempool's /lightning/statistics/{interval} covers; "all" and unknown intervals are capped here. */
export const HISTORY_MAX_DAYS = 1461;
/** Days of daily rows btc-locked.com history covers at most (keeps the body under ~0.5 MB). */
export const LAYERS_MAX_DAYS = 731;
/** Request bodies above this are refused with 413. */
export const MAX_BODY_BYTES = 64 * 1024;
/** btc-locked.com network_slug per sample network. */
export const LAYERS_SLUGS: Readonly<Record<SampleNetwork, string>> = {
  lightning: 'Lightning',
  liquid: 'Liquid',
  rootstock: 'Rootstock',
  stacks: 'Stacks',
};

const SBTC_SUPPLY_PATH = '/v2/contracts/call-read/SM3VDXK3WZZSA84XXFKAFAF15NNZX32CTSG82JFQ4/sbtc-token/get-total-supply';
const WINDOW_DAYS: Readonly<Record<string, number>> = {
  '24h': 1, '3d': 3, '1w': 7, '1m': 30, '3m': 90, '6m': 180, '1y': 365, '2y': 730, '3y': 1095, '4y': 1460,
};

/** Days covered by a lightning-history interval; anything else means full history upstream, capped here. */
export function lightningWindowDays(interval: string): number {
  return WINDOW_DAYS[interval] ?? HISTORY_MAX_DAYS;
}

function endpointOf(provider: DemoProvider, rest: string): { endpoint: UpstreamEndpoint; method: 'GET' | 'POST'; interval?: string } | undefined {
  const path = rest.length > 1 && rest.endsWith('/') ? rest.slice(0, -1) : rest;
  if (provider === 'mempool') {
    if (path === '/api/v1/prices') return { endpoint: 'price', method: 'GET' };
    if (path === '/api/v1/lightning/statistics/latest') return { endpoint: 'lightning', method: 'GET' };
    const m = /^\/api\/v1\/lightning\/statistics\/([^/]+)$/.exec(path);
    if (m?.[1] !== undefined) return { endpoint: 'lightning-history', method: 'GET', interval: m[1] };
  }
  if (provider === 'liquid' && path === '/api/v1/liquid/pegs') return { endpoint: 'liquid', method: 'GET' };
  if (provider === 'liquid' && path === '/api/v1/liquid/pegs/month') return { endpoint: 'liquid-history', method: 'GET' };
  if (provider === 'rootstock' && (path === '' || path === '/')) return { endpoint: 'rootstock', method: 'POST' };
  if (provider === 'hiro' && path === SBTC_SUPPLY_PATH) return { endpoint: 'stacks', method: 'POST' };
  if (provider === 'bitcoinlayers' && path === '/historical_supplies_by_network') return { endpoint: 'bitcoinlayers-history', method: 'GET' };
  return undefined;
}

/** Resolve a request line to an endpoint; never throws (HEAD counts as GET, one trailing slash is ignored). */
export function matchRoute(method: string, url: string): RouteMatch {
  const q = url.indexOf('?');
  const pathname = q < 0 ? url : url.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
  const slash = pathname.indexOf('/', 1);
  const head = slash < 0 ? pathname.slice(1) : pathname.slice(1, slash);
  const provider = DEMO_PROVIDERS.find((p) => p === head);
  const found = provider ? endpointOf(provider, slash < 0 ? '' : pathname.slice(slash)) : undefined;
  if (!provider || !found) return { kind: 'miss', status: 404, message: `no route for ${pathname}` };
  if ((method === 'HEAD' ? 'GET' : method) !== found.method) {
    return { kind: 'miss', status: 405, message: `${found.endpoint} takes ${found.method}`, endpoint: found.endpoint };
  }
  const route: Route = { endpoint: found.endpoint, provider, query, ...(found.interval ? { interval: found.interval } : {}) };
  return { kind: 'route', route };
}

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

/** Send a JSON body with Content-Length; a no-op once the response is finished or its socket is gone. */
export function sendJson(res: ServerResponse, status: number, json: unknown, headers: Readonly<Record<string, string>> = {}): void {
  if (res.writableEnded || res.destroyed) return;
  const body = JSON.stringify(json) ?? 'null';
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

type Test = (value: string) => boolean;

/** One PostgREST-style filter "op.arg" (eq, neq, gt, gte, lt, lte, like, ilike with *, in.(a,b)). */
function parseFilter(expr: string): Test | undefined {
  const dot = expr.indexOf('.');
  if (dot < 0) return undefined;
  const op = expr.slice(0, dot);
  const arg = expr.slice(dot + 1);
  if (op === 'eq') return (v) => v === arg;
  if (op === 'neq') return (v) => v !== arg;
  if (op === 'gt') return (v) => v > arg;
  if (op === 'gte') return (v) => v >= arg;
  if (op === 'lt') return (v) => v < arg;
  if (op === 'lte') return (v) => v <= arg;
  if (op === 'like' || op === 'ilike') {
    const source = arg.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    const re = new RegExp(`^${source}$`, op === 'ilike' ? 'i' : '');
    return (v) => re.test(v);
  }
  const list = op === 'in' ? /^\((.*)\)$/.exec(arg)?.[1] : undefined;
  if (list === undefined) return undefined;
  const members = new Set(list.split(',').map((s) => s.trim().replace(/^"(.*)"$/, '$1')));
  return (v) => members.has(v);
}

/**
 * Apply btc-locked.com query parameters to rows: `date` and `network_slug` filters (repeatable),
 * `order=date.asc|date.desc`, `limit`. Other parameters are ignored; a malformed filter is an error (400 upstream).
 */
export function filterLayersRows(rows: readonly BitcoinlayersRow[], query: URLSearchParams): { ok: true; rows: BitcoinlayersRow[] } | { ok: false; message: string } {
  const tests: { column: 'date' | 'network'; test: Test }[] = [];
  for (const [param, column] of [['date', 'date'], ['network_slug', 'network']] as const) {
    for (const expr of query.getAll(param)) {
      const test = parseFilter(expr);
      if (!test) return { ok: false, message: `bad filter ${param}=${expr}` };
      tests.push({ column, test });
    }
  }
  let out = rows.filter((r) => tests.every(({ column, test }) => test(r[column])));
  if (query.get('order') === 'date.desc') out = [...out].sort((a, b) => b.date.localeCompare(a.date));
  if (query.get('order') === 'date.asc') out = [...out].sort((a, b) => a.date.localeCompare(b.date));
  const limit = Number(query.get('limit') ?? NaN);
  if (Number.isInteger(limit) && limit >= 0) out = out.slice(0, limit);
  return { ok: true, rows: out };
}

/** A running demo server. */
export interface DemoServer {
  /** Provider id -> base URL without a trailing slash: mempool, liquid, rootstock, hiro, bitcoinlayers. */
  readonly baseUrls: Readonly<Record<DemoProvider, string>>;
  /** Stops listening and closes every socket, idle keep-alive ones included. Idempotent. */
  close(): Promise<void>;
}

/** Options for startDemoServer. */
export interface DemoServerOptions {
  /** The clock the sample values follow (ms); default Date.now. */
  readonly now?: () => number;
}

/** Months of Liquid peg flows served by /pegs/month. */
const PEG_MONTHS = 48;
/** Liquid's launch, to derive a plausible block height from the clock. */
const LIQUID_GENESIS_MS = Date.UTC(2018, 8, 27);

function lightningStatsAt(tMs: number): { sats: number; channels: number; nodes: number } {
  return { sats: sampleAt('lightning', tMs), ...sampleLightningGraphAt(tMs) };
}

function lightningLatestBody(now: number): unknown {
  const day = utcDayStart(now);
  const id = Math.floor(day / DAY_MS);
  const prev = day - 7 * DAY_MS;
  return lightningLatest(
    { ...lightningStatsAt(now), addedIso: new Date(day).toISOString(), id },
    { ...lightningStatsAt(prev + DAY_MS), addedIso: new Date(prev).toISOString(), id: id - 7 },
  );
}

function lightningHistoryBody(now: number, interval: string): unknown {
  const from = now - lightningWindowDays(interval) * DAY_MS;
  const points = sampleDaily('lightning', from, now).map((p) => ({
    atMs: p.atMs,
    ...lightningStatsAt(Math.min(p.atMs + DAY_MS, now)),
  }));
  return lightningHistory(points);
}

/** Serve the months rotated by half so the body is not sorted, as upstream's GROUP BY gives no order. */
function liquidMonthBody(now: number): unknown {
  const flows = sampleMonthlyFlows('liquid', PEG_MONTHS, now);
  const half = Math.floor(flows.length / 2);
  return liquidPegsMonth([...flows.slice(half), ...flows.slice(0, half)]);
}

function layersRows(now: number): BitcoinlayersRow[] {
  const rows: BitcoinlayersRow[] = [];
  for (const network of SAMPLE_NETWORKS) {
    for (const p of sampleDaily(network, now - LAYERS_MAX_DAYS * DAY_MS, now)) {
      rows.push({ network: LAYERS_SLUGS[network], date: new Date(p.atMs).toISOString().slice(0, 10), sats: p.sats });
    }
  }
  return rows.sort((a, b) => a.date.localeCompare(b.date) || a.network.localeCompare(b.network));
}

async function handle(req: IncomingMessage, res: ServerResponse, now: () => number): Promise<void> {
  const match = matchRoute(req.method ?? 'GET', req.url ?? '/');
  const body = await readBody(req);
  if (match.kind !== 'route') return sendJson(res, match.status, { error: match.message });
  if (body.tooLarge) return sendJson(res, 413, { error: 'request body too large' });
  const t = now();
  const { route } = match;
  switch (route.endpoint) {
    case 'lightning':
      return sendJson(res, 200, lightningLatestBody(t));
    case 'lightning-history':
      return sendJson(res, 200, lightningHistoryBody(t, route.interval ?? 'all'));
    case 'price':
      return sendJson(res, 200, prices(samplePriceAt(t), Math.floor(t / 1000)));
    case 'liquid': {
      const height = Math.floor((t - LIQUID_GENESIS_MS) / 60_000);
      return sendJson(res, 200, liquidPegs(sampleAt('liquid', t), height, height.toString(16).padStart(64, '0')));
    }
    case 'liquid-history':
      return sendJson(res, 200, liquidMonthBody(t));
    case 'rootstock': {
      const reply = rootstockReply(body.text, sampleAt('rootstock', t));
      return sendJson(res, reply.status, reply.json);
    }
    case 'stacks': {
      const reply = hiroReply(body.text, sampleAt('stacks', t));
      return sendJson(res, reply.status, reply.json);
    }
    case 'bitcoinlayers-history': {
      const filtered = filterLayersRows(layersRows(t), route.query);
      if (!filtered.ok) return sendJson(res, 400, { code: 'PGRST100', message: filtered.message });
      return sendJson(res, 200, bitcoinlayersHistory(filtered.rows));
    }
  }
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
