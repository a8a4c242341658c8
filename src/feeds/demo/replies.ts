// The demo server's answers: every endpoint's body for the SAMPLE model at one instant.
import { LLAMA_OTHER_CHAINS_TVL, llamaChains, llamaHistoryReply, resolveLlamaChain } from './defillama.js';
import type { TvlPoint } from './defillama.js';
import { LAYERS_MAX_DAYS, LAYERS_SLUGS, layersCurrentReply, layersHistoryReply, layersTokenHistoryReply, layersTokensReply, splitOverTokens } from './layers.js';
import { liquidBlockReply, liquidPegsListReply, liquidPegsReply, liquidVolumeReply, type LiquidChain } from './liquid-chain.js';
import { stacksBlockAtReply, stacksBlocksReply, stacksCallReply, type StacksChain } from './stacks-chain.js';
import type { BitcoinlayersRow } from './layers.js';
import { coingeckoSimplePrice, historicalPrices, llamaCoinsPrices } from './market.js';
import {
  citreaReply, hiroFtMetadata, lightningHistory, lightningLatest, liquidPegsMonth, liquidReserves, prices,
  rootstockCirculating, rootstockReply, ROOTSTOCK_BLOCK_MS, CITREA_BLOCK_MS,
} from './payloads.js';
import type { Reply } from './payloads.js';
import { lightningWindowDays } from './routes.js';
import type { Route } from './routes.js';
import { DAY_MS, SAMPLE_NETWORKS, sampleAt, sampleDaily, sampleLightningGraphAt, sampleLiquidReservesAt, sampleMonthlyFlows, utcDayStart } from './sample.js';
import { LLAMA_CHAIN_NAMES, SAMPLE_TVL_CHAINS, samplePriceHourly, samplePriceOf, sampleTipHeightAt, sampleTvlAt, sampleTvlDaily } from './sample-market.js';

/** Months of Liquid peg flows served by /pegs/month. */
const PEG_MONTHS = 48;
/** Days of DefiLlama daily TVL points (about two years). */
const LLAMA_DAYS = 730;
/** Days of hourly mempool historical prices (about one year, ~0.3 MB with one currency). */
const PRICE_HISTORY_DAYS = 365;

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const heightHash = (height: number): string => height.toString(16).padStart(64, '0');

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
  return lightningHistory(sampleDaily('lightning', from, now).map((p) => ({ atMs: p.atMs, ...lightningStatsAt(Math.min(p.atMs + DAY_MS, now)) })));
}

/** Serve the months rotated by half so the body is not sorted, as upstream's GROUP BY gives no order. */
function liquidMonthBody(now: number): unknown {
  const flows = sampleMonthlyFlows('liquid', PEG_MONTHS, now);
  const half = Math.floor(flows.length / 2);
  return liquidPegsMonth([...flows.slice(half), ...flows.slice(0, half)]);
}

function layersHistoryRows(now: number): BitcoinlayersRow[] {
  const rows: BitcoinlayersRow[] = [];
  for (const network of SAMPLE_NETWORKS) {
    for (const p of sampleDaily(network, now - LAYERS_MAX_DAYS * DAY_MS, now)) rows.push({ network: LAYERS_SLUGS[network], date: isoDay(p.atMs), sats: p.sats });
  }
  return rows.sort((a, b) => a.date.localeCompare(b.date) || a.network.localeCompare(b.network));
}

function layersCurrentRows(now: number): BitcoinlayersRow[] {
  return SAMPLE_NETWORKS.map((n) => ({ network: LAYERS_SLUGS[n], date: isoDay(now), sats: sampleAt(n, now) }));
}

/** Every DefiLlama chain the demo lists: the sample TVL chains, then the unrelated ones. */
function llamaTvls(now: number): Record<string, number> {
  const sample = Object.fromEntries(SAMPLE_TVL_CHAINS.map((c) => [LLAMA_CHAIN_NAMES[c], sampleTvlAt(c, now)]));
  return { ...sample, ...LLAMA_OTHER_CHAINS_TVL };
}

function llamaHistoryPoints(now: number, requested: string): TvlPoint[] | undefined {
  const from = utcDayStart(now) - LLAMA_DAYS * DAY_MS;
  const chain = SAMPLE_TVL_CHAINS.find((c) => resolveLlamaChain([LLAMA_CHAIN_NAMES[c]], requested) !== undefined);
  if (chain) return sampleTvlDaily(chain, from, now);
  const other = resolveLlamaChain(Object.keys(LLAMA_OTHER_CHAINS_TVL), requested);
  const usd = other === undefined ? undefined : LLAMA_OTHER_CHAINS_TVL[other];
  if (usd === undefined) return undefined;
  return Array.from({ length: LLAMA_DAYS + 1 }, (_, k) => ({ atMs: from + k * DAY_MS, usd }));
}

const liquidChain = (t: number): LiquidChain => ({ nowMs: t, supplyAt: (at) => sampleAt('liquid', at) });
const stacksChain = (t: number): StacksChain => ({ nowMs: t, supplyAt: (at) => sampleAt('stacks', at) });

/** The demo's answer to `route` at `t` (ms); `body` is the request body (JSON-RPC and call-read endpoints). */
export function sampleReply(route: Route, body: string, t: number): Reply {
  const ok = (json: unknown): Reply => ({ status: 200, json });
  const height = sampleTipHeightAt(t);
  switch (route.endpoint) {
    case 'lightning': return ok(lightningLatestBody(t));
    case 'lightning-history': return ok(lightningHistoryBody(t, route.param ?? 'all'));
    case 'price': return ok(prices(samplePriceOf('mempool', t), Math.floor(t / 1000)));
    case 'price-history': return historicalPrices(samplePriceHourly(t - PRICE_HISTORY_DAYS * DAY_MS, t), route.query);
    case 'tip-height': return { status: 200, text: String(height) };
    case 'liquid': return liquidPegsReply(liquidChain(t));
    case 'liquid-volume': return liquidVolumeReply(liquidChain(t));
    case 'liquid-pegs-list': return liquidPegsListReply(liquidChain(t), Number(route.param ?? 0));
    case 'liquid-block': return liquidBlockReply(liquidChain(t), route.param ?? '');
    case 'liquid-history': return ok(liquidMonthBody(t));
    case 'liquid-reserves': return ok(liquidReserves(sampleLiquidReservesAt(t), height, heightHash(height)));
    case 'esplora-supply': return { status: 200, text: String(sampleAt('liquid', t)) };
    case 'rootstock': return rootstockReply(body, { nowMs: t, blockMs: ROOTSTOCK_BLOCK_MS, lockedAt: (at) => sampleAt('rootstock', at) });
    case 'rootstock-explorer': return ok(rootstockCirculating(sampleAt('rootstock', t)));
    case 'citrea': return citreaReply(body, { nowMs: t, blockMs: CITREA_BLOCK_MS, lockedAt: (at) => sampleAt('citrea', at) });
    case 'stacks': return stacksCallReply(stacksChain(t), route.query, body);
    case 'stacks-tip': return stacksBlocksReply(stacksChain(t), route.query);
    case 'stacks-block-at': return stacksBlockAtReply(stacksChain(t), route.param ?? '');
    case 'hiro-metadata': return ok(hiroFtMetadata(sampleAt('stacks', t)));
    case 'bitcoinlayers-history': return layersTokenHistoryReply(layersHistoryRows(t).flatMap((r) => splitOverTokens(r.network, r.sats, r.date)), route.query);
    case 'layers-current': return layersTokensReply(layersCurrentRows(t).flatMap((r) => splitOverTokens(r.network, r.sats, r.date)), route.query);
    case 'layers-network-history': return layersHistoryReply(layersHistoryRows(t), route.query);
    case 'layers-network': return layersCurrentReply(layersCurrentRows(t), route.query);
    case 'coingecko': return coingeckoSimplePrice(route.query, samplePriceOf('coingecko', t), t);
    case 'llama-coins': return llamaCoinsPrices(route.param ?? '', samplePriceOf('defillama', t), t);
    case 'llama-chains': return ok(llamaChains(llamaTvls(t)));
    case 'llama-history': return llamaHistoryReply(llamaHistoryPoints(t, route.param ?? ''));
  }
}
