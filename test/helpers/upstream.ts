// Controllable upstream simulator for tests: the real routes on 127.0.0.1, settable values and injectable faults.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { llamaChains, llamaHistoryReply, LLAMA_OTHER_CHAINS_TVL, resolveLlamaChain } from '../../src/feeds/demo/defillama.js';
import type { TvlPoint } from '../../src/feeds/demo/defillama.js';
import { LAYERS_MAX_DAYS, LAYERS_SLUGS, layersCurrentReply, layersHistoryReply, layersTokenHistoryReply, layersTokensReply, splitOverTokens } from '../../src/feeds/demo/layers.js';
import type { LayersTokenRow } from '../../src/feeds/demo/layers.js';
import { liquidBlockReply, liquidPegsListReply, liquidPegsReply, liquidVolumeReply, type LiquidChain } from '../../src/feeds/demo/liquid-chain.js';
import { stacksBlockAtReply, stacksBlocksReply, stacksCallReply, stacksTipTimeMs, type StacksChain } from '../../src/feeds/demo/stacks-chain.js';
import { coingeckoSimplePrice, historicalPrices, llamaCoinsPrices } from '../../src/feeds/demo/market.js';
import type { PricePoint } from '../../src/feeds/demo/market.js';
import {
  citreaReply,
  hiroFtMetadata,
  lightningHistory,
  lightningLatest,
  liquidPegsMonth,
  liquidReserves,
  prices,
  rootstockCirculating,
  rootstockReply,
  ROOTSTOCK_BLOCK_MS,
  CITREA_BLOCK_MS,
} from '../../src/feeds/demo/payloads.js';
import type { BridgeChain, BitcoinlayersRow, LightningPoint, MonthlyFlow, Reply } from '../../src/feeds/demo/payloads.js';
import { DEMO_PROVIDERS, lightningWindowDays, matchRoute } from '../../src/feeds/demo/routes.js';
import type { DemoProvider, Route, UpstreamEndpoint } from '../../src/feeds/demo/routes.js';
import { DAY_MS, utcDayStart } from '../../src/feeds/demo/sample.js';
import { sampleTipHeightAt } from '../../src/feeds/demo/sample-market.js';
import { encodeReply, readBody, sendJson, sendReply } from '../../src/feeds/demo/server.js';

export type { UpstreamEndpoint } from '../../src/feeds/demo/routes.js';
export type { PricePoint } from '../../src/feeds/demo/market.js';
export type { TvlPoint } from '../../src/feeds/demo/defillama.js';

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
  | { readonly redirectLoop: true }
  /**
   * These bytes as the body, as is (default status 200); Content-Length is set unless `headers` gives one
   * (or a Transfer-Encoding). No Content-Type unless `headers` gives one: e.g. a gzip bomb with Content-Encoding.
   */
  | { readonly raw: Buffer | string; readonly status?: number; readonly headers?: Readonly<Record<string, string>> }
  /**
   * 200 with a body of exactly this many bytes (a valid JSON array `[0   …]`), streamed in 64 KiB slices with
   * back-pressure, never held in memory; stops when the client goes away. Chunked unless `contentLength`.
   */
  | { readonly big: number; readonly contentLength?: boolean; readonly contentType?: string };

/**
 * The values the simulator serves. Optional values left undefined are derived (see DEFAULT_VALUES): a second source
 * of a number follows the first (esplora and Liquid, explorer and Rootstock, metadata and Stacks, the prices), histories
 * follow the current values.
 */
export interface UpstreamValues {
  readonly lightningSats: number;
  readonly channels: number;
  readonly nodes: number;
  readonly liquidSats: number;
  readonly rootstockSats: number;
  readonly stacksSats: number;
  /** BTC locked in Citrea: its Bridge answers (21 M BTC - this) x 1e18 wei. */
  readonly citreaSats: number;
  /** BTC/USD; mempool serves it rounded to an integer. */
  readonly priceUsd: number;
  /** DefiLlama USD TVL per chain `name`: /v2/chains lists exactly these, in this order; others are 404 in history. */
  readonly llamaTvl: Readonly<Record<string, number>>;
  /** Upstream time of the current values (ms): price `time`, Lightning `added` (its UTC day). Default: the clock per request. */
  readonly atMs?: number;
  /** Lightning daily points; served newest first, limited to the requested interval. */
  readonly lightningHistory?: readonly LightningPoint[];
  /** Liquid monthly net flows, served in the given order. */
  readonly liquidHistory?: readonly MonthlyFlow[];
  /** btc-locked.com rows, served through the query's filters. */
  readonly bitcoinlayersHistory?: readonly BitcoinlayersRow[];
  /** btc-locked.com current balances in BTC per network_slug (exactly these rows); default: see layersBalances. */
  readonly layersBtc?: Readonly<Record<string, number>>;
  /** latest_date of every current_supplies row, "YYYY-MM-DD"; default: today (UTC) by the simulator's time. */
  readonly layersLatestDate?: string;
  /** Esplora L-BTC /supply; default liquidSats. */
  readonly esploraLiquidSats?: number;
  /** liquid.network federation reserves; default liquidSats + 0.25 %. */
  readonly liquidReservesSats?: number;
  /** Rootstock explorer /circulating; default rootstockSats. */
  readonly rootstockExplorerSats?: number;
  /** Hiro token-metadata total_supply; default stacksSats. */
  readonly hiroMetadataSats?: number;
  /** CoinGecko BTC/USD; default priceUsd. */
  readonly coingeckoUsd?: number;
  /** DefiLlama coins BTC/USD; default priceUsd. */
  readonly llamaCoinsUsd?: number;
  /** DefiLlama daily points per chain name, served oldest first; chains not in it are derived from llamaTvl. */
  readonly llamaTvlHistory?: Readonly<Record<string, readonly TvlPoint[]>>;
  /** mempool's historical prices (USD), served newest first through `currency` and `timestamp`. */
  readonly priceHistory?: readonly PricePoint[];
  /** The day of mempool's newest Lightning stats row (its stats updater stopped); default: today by the simulator's time. */
  readonly lightningAddedMs?: number;
  /** How far Liquid's peg parser and Stacks' newest block are behind the simulator's time; default 0. */
  readonly liquidLagMs?: number;
  readonly stacksLagMs?: number;
  /** The `date` of single btc-locked.com token rows by token_implementation (e.g. a stale "BOB-tBTC_BOB"). */
  readonly layersTokenDates?: Readonly<Record<string, string>>;
  /** How far Rootstock's / Citrea's node tip is behind the simulator's time (a node that stopped syncing); default 0. */
  readonly rootstockLagMs?: number;
  readonly citreaLagMs?: number;
  /** mempool /blocks/tip/height; default one block per 10 minutes of the simulator's time (sampleTipHeightAt). */
  readonly tipHeight?: number;
}

/** btc-locked.com balances (BTC) of the networks the simulator has no number of its own for. */
const OTHER_LAYERS_BTC: Readonly<Record<string, number>> = {
  [LAYERS_SLUGS.merlin]: 2_104.56789012,
  [LAYERS_SLUGS.bob]: 1_543.21098765,
  [LAYERS_SLUGS.core]: 2_789.01234567,
  [LAYERS_SLUGS.bitlayer]: 1_587.65432109,
  [LAYERS_SLUGS.bsquared]: 51.23456789,
  [LAYERS_SLUGS.botanix]: 268.97654321,
  [LAYERS_SLUGS.hemi]: 871.3456789,
  [LAYERS_SLUGS.mezo]: 312.5,
  [LAYERS_SLUGS.corn]: 187.25,
  [LAYERS_SLUGS.bevm]: 41.125,
};

/**
 * Defaults. Derived histories: Lightning and btc-locked.com have one row per UTC day holding the value at the
 * day's end, round(current x (1 - d/2000)) with d the (fractional) days from then to now, as the real upstreams
 * close a day's row (today's equals the current value); Liquid has 24 months of
 * flows in newest-first order, +-1 % of the supply each, the oldest carrying the rest so they sum to liquidSats;
 * DefiLlama has 731 daily points (k days back: tvl x (1 - k/2000), to the cent); mempool's price history has one
 * point per hour for 365 days back from the current hour (k hours back: round(priceUsd x (1 - k/48000))).
 */
export const DEFAULT_VALUES: UpstreamValues = {
  lightningSats: 487_654_321_012,
  channels: 51_234,
  nodes: 15_678,
  liquidSats: 371_234_567_890,
  rootstockSats: 321_987_654_321,
  stacksSats: 543_210_987_654,
  citreaSats: 31_234_567_890,
  priceUsd: 97_284,
  llamaTvl: {
    Stacks: 95_123_456.78,
    Rootstock: 160_987_654.32,
    Merlin: 74_321_098.76,
    BOB: 231_456_789.01,
    CORE: 412_345_678.9,
    Bitlayer: 298_765_432.1,
    BSquared: 27_654_321.09,
    Botanix: 21_098_765.43,
    Citrea: 9_876_543.21,
    Hemi: 187_654_321.98,
    Mezo: 134_567_890.12,
    Corn: 88_765_432.1,
    BEVM: 4_567_890.12,
    ...LLAMA_OTHER_CHAINS_TVL,
  },
};

/**
 * The btc-locked.com balances (BTC per slug) served for `v`: `layersBtc` when set, else Lightning, Liquid, Rootstock,
 * Stacks and Citrea from their sats and the other sample networks (Merlin, BOB, Core, ...) at fixed values.
 */
export function layersBalances(v: UpstreamValues): Readonly<Record<string, number>> {
  return v.layersBtc ?? {
    [LAYERS_SLUGS.lightning]: v.lightningSats / 1e8,
    [LAYERS_SLUGS.liquid]: v.liquidSats / 1e8,
    [LAYERS_SLUGS.rootstock]: v.rootstockSats / 1e8,
    [LAYERS_SLUGS.stacks]: v.stacksSats / 1e8,
    [LAYERS_SLUGS.citrea]: v.citreaSats / 1e8,
    ...OTHER_LAYERS_BTC,
  };
}

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
  /** Merge new values. An explicit undefined resets an optional value to its derived default; required ones ignore undefined. */
  set(values: Partial<UpstreamValues>): void;
  /** Make `endpoint` misbehave until cleared. */
  fault(endpoint: UpstreamEndpoint, behavior: Fault): void;
  /** Restore one endpoint, or all when none is given. */
  clear(endpoint?: UpstreamEndpoint): void;
  /** Requests seen for an endpoint (faulted ones included; 'unknown' counts unrouted ones). */
  hits(endpoint: UpstreamEndpoint | 'unknown'): number;
  /** Resolves once `hits(endpoint) >= count`; rejects after `timeoutMs` (default 5 s). */
  waitForHits(endpoint: UpstreamEndpoint | 'unknown', count?: number, timeoutMs?: number): Promise<void>;
  /** Write `{providers: {<p>: {baseUrl}}, ...extra}` for every DEMO_PROVIDERS entry to `<dir>/config.json`; extra.providers entries merge in. */
  writeConfig(dir: string, extra?: Readonly<Record<string, unknown>>): string;
  /** Body bytes written so far for `raw` and `big` faults of an endpoint (what reached the socket, not what was meant). */
  bytesSent(endpoint: UpstreamEndpoint): number;
  /** Ends hanging and dripping requests, closes every socket and the server. Idempotent. */
  close(): Promise<void>;
}

/** Options for startUpstream. */
export interface UpstreamOptions {
  /** Clock for default timestamps, history windows and the request log; default Date.now. */
  readonly now?: () => number;
}

const HOUR_MS = 3_600_000;
const ramp = (value: number, daysAgo: number): number => Math.round(value * (1 - daysAgo / 2000));
const rampCents = (usd: number, daysAgo: number): number => Math.round(usd * (1 - daysAgo / 2000) * 100) / 100;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Days of derived DefiLlama history and hours of derived price history. */
const LLAMA_DAYS = 730;
const PRICE_HOURS = 365 * 24;

/** Days (fractional) from the end of the day that starts `k` days before today's, capped at `at`, back to `at`: a daily row describes its day's end. */
function endOfDayAgo(at: number, k: number): number {
  const end = Math.min(utcDayStart(at) - k * DAY_MS + DAY_MS, at);
  return (at - end) / DAY_MS;
}

function defaultLightningHistory(v: UpstreamValues, at: number, days: number): LightningPoint[] {
  const today = utcDayStart(at);
  return Array.from({ length: days + 1 }, (_, k) => ({
    atMs: today - k * DAY_MS,
    sats: ramp(v.lightningSats, endOfDayAgo(at, k)),
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
  const current = Object.entries(layersBalances(v)).map(([network, btc]) => ({ network, sats: Math.round(btc * 1e8) }));
  const today = utcDayStart(at);
  const rows: BitcoinlayersRow[] = [];
  for (let k = LAYERS_MAX_DAYS; k >= 0; k -= 1) {
    for (const n of current) rows.push({ network: n.network, date: isoDay(today - k * DAY_MS), sats: ramp(n.sats, endOfDayAgo(at, k)) });
  }
  return rows;
}

function currentLayersRows(v: UpstreamValues, at: number): BitcoinlayersRow[] {
  const date = v.layersLatestDate ?? isoDay(at);
  return Object.entries(layersBalances(v)).map(([network, btc]) => ({ network, date, sats: Math.round(btc * 1e8) }));
}

function llamaPoints(v: UpstreamValues, at: number, requested: string): TvlPoint[] | undefined {
  const set = v.llamaTvlHistory ?? {};
  const name = resolveLlamaChain([...Object.keys(set), ...Object.keys(v.llamaTvl)], requested);
  if (name === undefined) return undefined;
  const given = set[name];
  if (given) return [...given];
  const usd = v.llamaTvl[name] ?? 0;
  const today = utcDayStart(at);
  return Array.from({ length: LLAMA_DAYS + 1 }, (_, i) => ({ atMs: today - (LLAMA_DAYS - i) * DAY_MS, usd: rampCents(usd, LLAMA_DAYS - i) }));
}

function defaultPriceHistory(v: UpstreamValues, at: number): PricePoint[] {
  const hour = Math.floor(at / HOUR_MS) * HOUR_MS;
  return Array.from({ length: PRICE_HOURS + 1 }, (_, k) => ({ atMs: hour - k * HOUR_MS, usd: Math.round(v.priceUsd * (1 - k / (24 * 2000))) }));
}

/** The simulator's derived curve: `current` at `anchor`, round(current x (1 - k/2000)) k days (fractional) before it. */
function rampAt(current: number, anchor: number): (t: number) => number {
  return (t) => Math.round(current * (1 - Math.max(0, anchor - t) / DAY_MS / 2000));
}

/**
 * A bridge chain whose locked BTC is `current` now and was round(current x (1 - k/2000)) k days back
 * (k fractional: every block has its own value), like the simulator's other derived histories.
 */
export function chainOf(current: number, at: number, blockMs: number, lagMs = 0, anchor = at): BridgeChain {
  // The block that was current when the values were set, and every later one, hold `current` exactly.
  const ramp = rampAt(current, Math.min(Math.floor(anchor / blockMs) * blockMs, Math.floor((at - lagMs) / blockMs) * blockMs));
  return { nowMs: at, blockMs, lagMs, lockedAt: ramp };
}

function liquidChainOf(v: UpstreamValues, at: number): LiquidChain {
  const lag = v.liquidLagMs ?? 0;
  const mark = Math.floor((at - lag) / (3 * 3_600_000)) * 3 * 3_600_000;
  return { nowMs: at, lagMs: lag, supplyAt: rampAt(v.liquidSats, mark) };
}

function stacksChainOf(v: UpstreamValues, at: number, anchor = at): StacksChain {
  return { nowMs: at, lagMs: v.stacksLagMs ?? 0, supplyAt: rampAt(v.stacksSats, Math.min(stacksTipTimeMs(anchor), stacksTipTimeMs(at, v.stacksLagMs ?? 0))) };
}

/** btc-locked.com token rows for the current balances, dated today unless `layersLatestDate` / `layersTokenDates` say otherwise. */
function currentTokenRows(v: UpstreamValues, at: number): LayersTokenRow[] {
  const date = v.layersLatestDate ?? isoDay(at);
  return Object.entries(layersBalances(v)).flatMap(([network, btc]) => splitOverTokens(network, Math.round(btc * 1e8), date, v.layersTokenDates));
}

/** Daily token rows back LAYERS_MAX_DAYS, each network's total ramped like the other histories, split over its tokens. */
function tokenHistoryRows(v: UpstreamValues, at: number): LayersTokenRow[] {
  if (v.bitcoinlayersHistory) return v.bitcoinlayersHistory.flatMap((r) => splitOverTokens(r.network, r.sats, r.date));
  return defaultLayersRows(v, at).flatMap((r) => splitOverTokens(r.network, r.sats, r.date));
}

/** The normal answer of an endpoint for the current values. */
function normalReply(route: Route, body: string, v: UpstreamValues, at: number, anchor: number): Reply {
  const ok = (json: unknown): Reply => ({ status: 200, json });
  const height = v.tipHeight ?? sampleTipHeightAt(at);
  switch (route.endpoint) {
    case 'lightning':
      return ok(lightningLatest({ sats: v.lightningSats, channels: v.channels, nodes: v.nodes, addedIso: new Date(utcDayStart(v.lightningAddedMs ?? at)).toISOString() }));
    case 'lightning-history': {
      const days = lightningWindowDays(route.param ?? 'all');
      const from = at - days * DAY_MS;
      const points = v.lightningHistory ?? defaultLightningHistory(v, at, days);
      return ok(lightningHistory(points.filter((p) => p.atMs >= from)));
    }
    case 'price':
      return ok(prices(v.priceUsd, Math.floor(at / 1000)));
    case 'price-history':
      return historicalPrices(v.priceHistory ?? defaultPriceHistory(v, at), route.query);
    case 'tip-height':
      return { status: 200, text: String(height) };
    case 'coingecko':
      return coingeckoSimplePrice(route.query, v.coingeckoUsd ?? v.priceUsd, at);
    case 'llama-coins':
      return llamaCoinsPrices(route.param ?? '', v.llamaCoinsUsd ?? v.priceUsd, at);
    case 'liquid':
      return liquidPegsReply(liquidChainOf(v, at));
    case 'liquid-volume':
      return liquidVolumeReply(liquidChainOf(v, at));
    case 'liquid-pegs-list':
      return liquidPegsListReply(liquidChainOf(v, at), Number(route.param ?? 0));
    case 'liquid-block':
      return liquidBlockReply(liquidChainOf(v, at), route.param ?? '');
    case 'liquid-history':
      return ok(liquidPegsMonth(v.liquidHistory ?? defaultLiquidHistory(v, at)));
    case 'liquid-reserves':
      return ok(liquidReserves(v.liquidReservesSats ?? Math.round(v.liquidSats * 1.0025), height));
    case 'esplora-supply':
      return { status: 200, text: String(v.esploraLiquidSats ?? v.liquidSats) };
    case 'rootstock':
      return rootstockReply(body, chainOf(v.rootstockSats, at, ROOTSTOCK_BLOCK_MS, v.rootstockLagMs, anchor));
    case 'rootstock-explorer':
      return ok(rootstockCirculating(v.rootstockExplorerSats ?? v.rootstockSats));
    case 'citrea':
      return citreaReply(body, chainOf(v.citreaSats, at, CITREA_BLOCK_MS, v.citreaLagMs, anchor));
    case 'stacks':
      return stacksCallReply(stacksChainOf(v, at, anchor), route.query, body);
    case 'stacks-tip':
      return stacksBlocksReply(stacksChainOf(v, at, anchor), route.query);
    case 'stacks-block-at':
      return stacksBlockAtReply(stacksChainOf(v, at, anchor), route.param ?? '');
    case 'hiro-metadata':
      return ok(hiroFtMetadata(v.hiroMetadataSats ?? v.stacksSats));
    case 'bitcoinlayers-history':
      return layersTokenHistoryReply(tokenHistoryRows(v, at), route.query);
    case 'layers-current':
      return layersTokensReply(currentTokenRows(v, at), route.query);
    case 'layers-network-history':
      return layersHistoryReply(v.bitcoinlayersHistory ?? defaultLayersRows(v, at), route.query);
    case 'layers-network':
      return layersCurrentReply(currentLayersRows(v, at), route.query);
    case 'llama-chains':
      return ok(llamaChains(v.llamaTvl));
    case 'llama-history':
      return llamaHistoryReply(llamaPoints(v, at, route.param ?? ''));
  }
}

interface Live {
  readonly timers: Set<NodeJS.Timeout>;
  /** Body bytes written per endpoint by raw and big faults. */
  readonly sent: Map<UpstreamEndpoint, number>;
}

const BIG_SLICE = 64 * 1024;
/** One reusable slice of JSON whitespace for `big` bodies. */
const SPACES = Buffer.alloc(BIG_SLICE, 0x20);

function countSent(live: Live, endpoint: UpstreamEndpoint, n: number): void {
  live.sent.set(endpoint, (live.sent.get(endpoint) ?? 0) + n);
}

/** Streams `[0` + spaces + `]` of exactly `total` bytes (at least 3), waiting for 'drain', until done or the socket closes. */
function streamBig(res: ServerResponse, fault: { big: number; contentLength?: boolean; contentType?: string }, endpoint: UpstreamEndpoint, live: Live): void {
  const total = Math.max(3, Math.floor(fault.big));
  res.writeHead(200, {
    'content-type': fault.contentType ?? 'application/json',
    ...(fault.contentLength === true ? { 'content-length': total } : {}),
  });
  let spaces = total - 3;
  const write = (bytes: Buffer): boolean => {
    countSent(live, endpoint, bytes.length);
    return res.write(bytes);
  };
  const pump = (): void => {
    while (spaces > 0) {
      if (res.destroyed) return;
      const n = Math.min(BIG_SLICE, spaces);
      spaces -= n;
      if (!write(SPACES.subarray(0, n))) {
        res.once('drain', pump);
        return;
      }
    }
    if (res.destroyed) return;
    write(Buffer.from(']'));
    res.end();
  };
  write(Buffer.from('[0'));
  pump();
}

/** Write `reply` at `bytesPerSecond` in 100 ms slices (or 1 byte per 1/bps s when slower than 10 B/s). */
function drip(res: ServerResponse, reply: Reply, bytesPerSecond: number, live: Live): void {
  const { bytes, contentType } = encodeReply(reply);
  const rate = Math.max(1, bytesPerSecond);
  const slice = Math.max(1, Math.round(rate / 10));
  res.writeHead(reply.status, { 'content-type': contentType, 'content-length': bytes.length });
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

function applyFault(fault: Fault, req: IncomingMessage, res: ServerResponse, reply: () => Reply, endpoint: UpstreamEndpoint, live: Live): void {
  if ('hang' in fault) return;
  if ('raw' in fault) {
    const bytes = Buffer.isBuffer(fault.raw) ? fault.raw : Buffer.from(fault.raw);
    const given = Object.keys(fault.headers ?? {}).map((h) => h.toLowerCase());
    const sized = given.includes('content-length') || given.includes('transfer-encoding');
    res.writeHead(fault.status ?? 200, { ...(sized ? {} : { 'content-length': bytes.length }), ...fault.headers });
    countSent(live, endpoint, bytes.length);
    res.end(bytes);
  } else if ('big' in fault) {
    streamBig(res, fault, endpoint, live);
  } else if ('status' in fault) {
    res.writeHead(fault.status, { 'content-type': 'text/plain; charset=utf-8', ...fault.headers });
    res.end(fault.body ?? `simulated ${fault.status}`);
  } else if ('ratelimit' in fault) {
    sendJson(res, 429, { error: 'rate limited' }, { 'retry-after': String(fault.ratelimit) });
  } else if ('drip' in fault) {
    drip(res, reply(), fault.drip, live);
  } else if ('reset' in fault) {
    const answer = reply();
    const { bytes, contentType } = encodeReply(answer);
    res.writeHead(answer.status, { 'content-type': contentType, 'content-length': bytes.length });
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

/**
 * A single-member gzip stream of `inflatedBytes` zero bytes (100 MiB compress to about 100 KiB), built
 * in 1 MiB slices so the inflated data is never in memory; serve it with a `raw` fault and Content-Encoding: gzip.
 */
export async function gzipBomb(inflatedBytes: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    gzip.once('end', resolve);
    gzip.once('error', reject);
  });
  const slice = Buffer.alloc(1024 * 1024);
  for (let left = inflatedBytes; left > 0; left -= slice.length) {
    if (!gzip.write(slice.subarray(0, Math.min(slice.length, left)))) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end();
  await ended;
  return Buffer.concat(out);
}

/** Start the simulator on 127.0.0.1 at a free port, serving DEFAULT_VALUES with no faults. */
export async function startUpstream(opts: UpstreamOptions = {}): Promise<Upstream> {
  const now = opts.now ?? Date.now;
  let values: UpstreamValues = { ...DEFAULT_VALUES };
  /** When the values were last set: chain reads at or after it give the current values, earlier blocks the ramp. */
  let anchorMs = Date.now();
  const faults = new Map<UpstreamEndpoint, Fault>();
  const requests: UpstreamRequest[] = [];
  const counts = new Map<string, number>();
  const listeners = new Set<() => void>();
  const live: Live = { timers: new Set(), sent: new Map() };

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
    const reply = (): Reply => normalReply(match.route, body.text, values, values.atMs ?? at, values.atMs ?? Math.min(anchorMs, at));
    if (fault) return applyFault(fault, req, res, reply, match.route.endpoint, live);
    if (body.tooLarge) return sendJson(res, 413, { error: 'request body too large' });
    sendReply(res, reply());
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
      anchorMs = Date.now();
      values = {
        ...values,
        ...next,
        lightningSats: next.lightningSats ?? values.lightningSats,
        channels: next.channels ?? values.channels,
        nodes: next.nodes ?? values.nodes,
        liquidSats: next.liquidSats ?? values.liquidSats,
        rootstockSats: next.rootstockSats ?? values.rootstockSats,
        stacksSats: next.stacksSats ?? values.stacksSats,
        citreaSats: next.citreaSats ?? values.citreaSats,
        priceUsd: next.priceUsd ?? values.priceUsd,
        llamaTvl: next.llamaTvl ?? values.llamaTvl,
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
    bytesSent: (endpoint) => live.sent.get(endpoint) ?? 0,
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
