// Controllable upstream simulator for tests: the real routes on 127.0.0.1, settable values and injectable faults.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  bitcoinlayersHistory,
  hiroReply,
  lightningHistory,
  lightningLatest,
  liquidPegs,
  liquidPegsMonth,
  prices,
  rootstockReply,
} from '../../src/feeds/demo/payloads.js';
import type { BitcoinlayersRow, JsonReply, LightningPoint, MonthlyFlow } from '../../src/feeds/demo/payloads.js';
import { DEMO_PROVIDERS, filterLayersRows, LAYERS_MAX_DAYS, LAYERS_SLUGS, lightningWindowDays, matchRoute, readBody, sendJson } from '../../src/feeds/demo/server.js';
import type { DemoProvider, Route, UpstreamEndpoint } from '../../src/feeds/demo/server.js';
import { DAY_MS, SAMPLE_NETWORKS, utcDayStart } from '../../src/feeds/demo/sample.js';

export type { UpstreamEndpoint } from '../../src/feeds/demo/server.js';

/** What an endpoint does instead of answering normally. */
export type Fault =
  /** This status with this body (default "simulated <status>", text/plain) and extra headers. */
  | { readonly status: number; readonly body?: string; readonly headers?: Readonly<Record<string, string>> }
  /** Never answer; the request ends only when the simulator closes (or the client gives up). */
  | { readonly hang: true }
  /** 200 with this raw body, e.g. garbage or an HTML error page; content type default text/plain. */
  | { readonly body: string; readonly contentType?: string }
  /** 429 with Retry-After in seconds. */
  | { readonly ratelimit: number }
  /** The normal answer, written at this many bytes per second. */
  | { readonly drip: number }
  /** Headers and half the normal body, then the socket is reset. */
  | { readonly reset: true }
  /** 200 with this value as JSON (e.g. a drifted shape). */
  | { readonly json: unknown }
  /** A redirect to itself, forever (302 for GET, 307 for POST). */
  | { readonly redirectLoop: true };

/** The values the simulator serves. Histories left undefined are derived from the current values (see DEFAULT_VALUES). */
export interface UpstreamValues {
  readonly lightningSats: number;
  readonly channels: number;
  readonly nodes: number;
  readonly liquidSats: number;
  readonly rootstockSats: number;
  readonly stacksSats: number;
  /** BTC/USD; mempool serves it rounded to an integer. */
  readonly priceUsd: number;
  /** Upstream time of the current values (ms): price `time`, Lightning `added` (its UTC day). Default: the clock per request. */
  readonly atMs?: number;
  /** Lightning daily points; served newest first, limited to the requested interval. */
  readonly lightningHistory?: readonly LightningPoint[];
  /** Liquid monthly net flows, served in the given order. */
  readonly liquidHistory?: readonly MonthlyFlow[];
  /** btc-locked.com rows, served through the query's filters. */
  readonly bitcoinlayersHistory?: readonly BitcoinlayersRow[];
}

/**
 * Defaults. Derived histories: Lightning and btc-locked.com have one point per UTC midnight whose value
 * k days back is round(current x (1 - k/2000)) (today's equals the current value); Liquid has 24 months of
 * flows in newest-first order, +-1 % of the supply each, the oldest carrying the rest so they sum to liquidSats.
 */
export const DEFAULT_VALUES: UpstreamValues = {
  lightningSats: 487_654_321_012,
  channels: 51_234,
  nodes: 15_678,
  liquidSats: 371_234_567_890,
  rootstockSats: 321_987_654_321,
  stacksSats: 543_210_987_654,
  priceUsd: 97_284,
};

/** One logged request. */
export interface UpstreamRequest {
  readonly endpoint: UpstreamEndpoint | 'unknown';
  readonly method: string;
  /** Path and query as sent, e.g. "/mempool/api/v1/prices". */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Simulator clock when the request was handled (ms). */
  readonly at: number;
}

/** A running simulator. */
export interface Upstream {
  /** Provider -> base URL, e.g. mempool -> http://127.0.0.1:PORT/mempool. */
  readonly baseUrls: Readonly<Record<DemoProvider, string>>;
  /** Every request so far, oldest first. */
  readonly requests: readonly UpstreamRequest[];
  /** The values currently served. */
  readonly values: UpstreamValues;
  /** Merge new values. An explicit undefined resets atMs or a history to its derived default; numbers ignore undefined. */
  set(values: Partial<UpstreamValues>): void;
  /** Make `endpoint` misbehave until cleared. */
  fault(endpoint: UpstreamEndpoint, behavior: Fault): void;
  /** Restore one endpoint, or all when none is given. */
  clear(endpoint?: UpstreamEndpoint): void;
  /** Requests seen for an endpoint (faulted ones included; 'unknown' counts unrouted ones). */
  hits(endpoint: UpstreamEndpoint | 'unknown'): number;
  /** Resolves once `hits(endpoint) >= count`; rejects after `timeoutMs` (default 5 s). */
  waitForHits(endpoint: UpstreamEndpoint | 'unknown', count?: number, timeoutMs?: number): Promise<void>;
  /** Write `{providers: {<p>: {baseUrl}}, ...extra}` to `<dir>/config.json` and return its path; extra.providers entries merge in. */
  writeConfig(dir: string, extra?: Readonly<Record<string, unknown>>): string;
  /** Ends hanging and dripping requests, closes every socket and the server. Idempotent. */
  close(): Promise<void>;
}

/** Options for startUpstream. */
export interface UpstreamOptions {
  /** Clock for default timestamps, history windows and the request log; default Date.now. */
  readonly now?: () => number;
}

const ramp = (value: number, daysAgo: number): number => Math.round(value * (1 - daysAgo / 2000));
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function defaultLightningHistory(v: UpstreamValues, at: number, days: number): LightningPoint[] {
  const today = utcDayStart(at);
  return Array.from({ length: days + 1 }, (_, k) => ({
    atMs: today - k * DAY_MS,
    sats: ramp(v.lightningSats, k),
    channels: ramp(v.channels, k),
    nodes: ramp(v.nodes, k),
  }));
}

function defaultLiquidHistory(v: UpstreamValues, at: number): MonthlyFlow[] {
  const now = new Date(at);
  const step = Math.round(v.liquidSats / 100);
  const flows = Array.from({ length: 24 }, (_, back) => ({
    date: isoDay(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)),
    sats: back % 3 === 2 ? -step : step,
  }));
  const oldest = flows.pop();
  const rest = flows.reduce((sum, f) => sum + f.sats, 0);
  return [...flows, { date: oldest?.date ?? isoDay(at), sats: v.liquidSats - rest }];
}

function defaultLayersRows(v: UpstreamValues, at: number): BitcoinlayersRow[] {
  const current = { lightning: v.lightningSats, liquid: v.liquidSats, rootstock: v.rootstockSats, stacks: v.stacksSats };
  const today = utcDayStart(at);
  const rows: BitcoinlayersRow[] = [];
  for (let k = LAYERS_MAX_DAYS; k >= 0; k -= 1) {
    for (const n of SAMPLE_NETWORKS) rows.push({ network: LAYERS_SLUGS[n], date: isoDay(today - k * DAY_MS), sats: ramp(current[n], k) });
  }
  return rows;
}

/** The normal answer of an endpoint for the current values. */
function normalReply(route: Route, body: string, v: UpstreamValues, at: number): JsonReply {
  switch (route.endpoint) {
    case 'lightning':
      return { status: 200, json: lightningLatest({ sats: v.lightningSats, channels: v.channels, nodes: v.nodes, addedIso: new Date(utcDayStart(at)).toISOString() }) };
    case 'lightning-history': {
      const days = lightningWindowDays(route.interval ?? 'all');
      const from = at - days * DAY_MS;
      const points = v.lightningHistory ?? defaultLightningHistory(v, at, days);
      return { status: 200, json: lightningHistory(points.filter((p) => p.atMs >= from)) };
    }
    case 'price':
      return { status: 200, json: prices(v.priceUsd, Math.floor(at / 1000)) };
    case 'liquid':
      return { status: 200, json: liquidPegs(v.liquidSats) };
    case 'liquid-history':
      return { status: 200, json: liquidPegsMonth(v.liquidHistory ?? defaultLiquidHistory(v, at)) };
    case 'rootstock':
      return rootstockReply(body, v.rootstockSats);
    case 'stacks':
      return hiroReply(body, v.stacksSats);
    case 'bitcoinlayers-history': {
      const filtered = filterLayersRows(v.bitcoinlayersHistory ?? defaultLayersRows(v, at), route.query);
      return filtered.ok ? { status: 200, json: bitcoinlayersHistory(filtered.rows) } : { status: 400, json: { code: 'PGRST100', message: filtered.message } };
    }
  }
}

interface Live {
  readonly timers: Set<NodeJS.Timeout>;
}

/** Write `reply` at `bytesPerSecond` in 100 ms slices (or 1 byte per 1/bps s when slower than 10 B/s). */
function drip(res: ServerResponse, reply: JsonReply, bytesPerSecond: number, live: Live): void {
  const bytes = Buffer.from(JSON.stringify(reply.json) ?? 'null');
  const rate = Math.max(1, bytesPerSecond);
  const slice = Math.max(1, Math.round(rate / 10));
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': bytes.length });
  res.flushHeaders();
  let offset = 0;
  const timer = setInterval(() => {
    if (res.destroyed) offset = bytes.length;
    else res.write(bytes.subarray(offset, (offset += slice)));
    if (offset >= bytes.length) {
      clearInterval(timer);
      live.timers.delete(timer);
      res.end();
    }
  }, (slice / rate) * 1000);
  live.timers.add(timer);
  res.on('close', () => {
    clearInterval(timer);
    live.timers.delete(timer);
  });
}

function applyFault(fault: Fault, req: IncomingMessage, res: ServerResponse, reply: () => JsonReply, live: Live): void {
  if ('hang' in fault) return;
  if ('status' in fault) {
    res.writeHead(fault.status, { 'content-type': 'text/plain; charset=utf-8', ...fault.headers });
    res.end(fault.body ?? `simulated ${fault.status}`);
  } else if ('ratelimit' in fault) {
    sendJson(res, 429, { error: 'rate limited' }, { 'retry-after': String(fault.ratelimit) });
  } else if ('drip' in fault) {
    drip(res, reply(), fault.drip, live);
  } else if ('reset' in fault) {
    const { status, json } = reply();
    const bytes = Buffer.from(JSON.stringify(json) ?? 'null');
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': bytes.length });
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.resetAndDestroy());
  } else if ('json' in fault) {
    sendJson(res, 200, fault.json);
  } else if ('redirectLoop' in fault) {
    const status = req.method === 'GET' || req.method === 'HEAD' ? 302 : 307;
    res.writeHead(status, { location: req.url ?? '/', 'content-length': 0 });
    res.end();
  } else {
    res.writeHead(200, { 'content-type': fault.contentType ?? 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(fault.body) });
    res.end(fault.body);
  }
}

/** Start the simulator on 127.0.0.1 at a free port, serving DEFAULT_VALUES with no faults. */
export async function startUpstream(opts: UpstreamOptions = {}): Promise<Upstream> {
  const now = opts.now ?? Date.now;
  let values: UpstreamValues = { ...DEFAULT_VALUES };
  const faults = new Map<UpstreamEndpoint, Fault>();
  const requests: UpstreamRequest[] = [];
  const counts = new Map<string, number>();
  const listeners = new Set<() => void>();
  const live: Live = { timers: new Set() };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = matchRoute(req.method ?? 'GET', req.url ?? '/');
    const body = await readBody(req);
    const at = now();
    const endpoint = match.kind === 'route' ? match.route.endpoint : (match.endpoint ?? 'unknown');
    requests.push({ endpoint, method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: body.text, at });
    counts.set(endpoint, (counts.get(endpoint) ?? 0) + 1);
    for (const listener of listeners) listener();
    if (match.kind !== 'route') return sendJson(res, match.status, { error: match.message });
    const fault = faults.get(match.route.endpoint);
    const reply = (): JsonReply => normalReply(match.route, body.text, values, values.atMs ?? at);
    if (fault) return applyFault(fault, req, res, reply, live);
    if (body.tooLarge) return sendJson(res, 413, { error: 'request body too large' });
    const { status, json } = reply();
    sendJson(res, status, json);
  }

  const server = createServer((req, res) => {
    res.on('error', () => undefined);
    handle(req, res).catch(() => (res.headersSent ? res.destroy() : sendJson(res, 500, { error: 'simulator error' })));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const baseUrls = Object.fromEntries(DEMO_PROVIDERS.map((p) => [p, `http://127.0.0.1:${port}/${p}`])) as Record<DemoProvider, string>;
  let closing: Promise<void> | undefined;

  return {
    baseUrls,
    requests,
    get values() {
      return values;
    },
    set(next) {
      values = {
        ...values,
        ...next,
        lightningSats: next.lightningSats ?? values.lightningSats,
        channels: next.channels ?? values.channels,
        nodes: next.nodes ?? values.nodes,
        liquidSats: next.liquidSats ?? values.liquidSats,
        rootstockSats: next.rootstockSats ?? values.rootstockSats,
        stacksSats: next.stacksSats ?? values.stacksSats,
        priceUsd: next.priceUsd ?? values.priceUsd,
      };
    },
    fault(endpoint, behavior) {
      faults.set(endpoint, behavior);
    },
    clear(endpoint) {
      if (endpoint) faults.delete(endpoint);
      else faults.clear();
    },
    hits: (endpoint) => counts.get(endpoint) ?? 0,
    waitForHits(endpoint, count = 1, timeoutMs = 5_000) {
      return new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if ((counts.get(endpoint) ?? 0) < count) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`waitForHits: ${endpoint} had ${counts.get(endpoint) ?? 0} of ${count} hits after ${timeoutMs} ms`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    writeConfig(dir, extra = {}) {
      const extraProviders = isRecord(extra['providers']) ? extra['providers'] : {};
      const providers: Record<string, unknown> = { ...extraProviders };
      for (const p of DEMO_PROVIDERS) {
        const own = extraProviders[p];
        providers[p] = { baseUrl: baseUrls[p], ...(isRecord(own) ? own : {}) };
      }
      const file = join(dir, 'config.json');
      writeFileSync(file, `${JSON.stringify({ ...extra, providers }, null, 2)}\n`);
      return file;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of live.timers) clearInterval(timer);
        live.timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
