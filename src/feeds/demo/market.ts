// Price bodies beyond mempool's /prices: CoinGecko simple/price, DefiLlama coins, mempool's historical-price.
import { FX_RATES } from './payloads.js';
import type { JsonReply, Reply } from './payloads.js';

/** One USD price at a time (ms); `atMs` is served as unix seconds. */
export interface PricePoint {
  readonly atMs: number;
  readonly usd: number;
}

/** The only coin these servers price. */
const COINGECKO_ID = 'bitcoin';
const LLAMA_COIN = 'coingecko:bitcoin';
/** mempool's answer when nothing is older than `timestamp` (it has no price before 2010-07-19). */
const NO_PRICE_BEFORE_S = 1_279_497_600;

const list = (value: string | null): string[] => (value ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);

/**
 * CoinGecko GET /api/v3/simple/price: `ids` and `vs_currencies` are comma lists; only "bitcoin" is known (others are
 * left out, as upstream does), usd plus the sample's other currencies; `last_updated_at` (unix s, per minute) only
 * with include_last_updated_at=true. A missing parameter is a 400.
 */
export function coingeckoSimplePrice(query: URLSearchParams, usd: number, tMs: number): JsonReply {
  if (!query.has('ids')) return { status: 400, json: { error: 'Missing parameter ids' } };
  if (!query.has('vs_currencies')) return { status: 400, json: { error: 'Missing parameter vs_currencies' } };
  const json: Record<string, Record<string, number>> = {};
  if (!list(query.get('ids')).map((id) => id.toLowerCase()).includes(COINGECKO_ID)) return { status: 200, json };
  const quote: Record<string, number> = {};
  for (const currency of list(query.get('vs_currencies')).map((c) => c.toLowerCase())) {
    const rate = currency === 'usd' ? 1 : FX_RATES[currency.toUpperCase()];
    if (rate !== undefined) quote[currency] = Math.round(usd * rate * 100) / 100;
  }
  if (query.get('include_last_updated_at') === 'true') quote['last_updated_at'] = Math.floor(tMs / 60_000) * 60;
  json[COINGECKO_ID] = quote;
  return { status: 200, json };
}

/** DefiLlama GET /prices/current/{coins}: `coins` a comma list; only coingecko:bitcoin is known, others are left out. */
export function llamaCoinsPrices(coins: string, usd: number, tMs: number): JsonReply {
  const known = list(coins).includes(LLAMA_COIN);
  const entry = { price: usd, symbol: 'BTC', timestamp: Math.floor(tMs / 1000), confidence: 0.99 };
  return { status: 200, json: { coins: known ? { [LLAMA_COIN]: entry } : {} } };
}

/**
 * mempool GET /api/v1/historical-price: points newest first. `currency` keeps `time`, that currency and USD
 * (all of them without it; an unknown one is a 400 here, an assumption); `timestamp` keeps only the newest point
 * strictly before it. exchangeRates are USD<CUR> to 2 decimals.
 */
export function historicalPrices(points: readonly PricePoint[], query: URLSearchParams): Reply {
  const currency = query.get('currency');
  const currencies = currency === null ? Object.keys(FX_RATES) : currency === 'USD' ? [] : [currency];
  if (currencies.some((c) => FX_RATES[c] === undefined)) return { status: 400, text: 'Invalid currency', contentType: 'text/plain; charset=utf-8' };
  const row = (timeS: number, usd: number): Record<string, number> => {
    const out: Record<string, number> = { time: timeS };
    for (const c of currencies) out[c] = Math.round(usd * (FX_RATES[c] ?? 0));
    out['USD'] = usd;
    return out;
  };
  let newest = [...points].sort((a, b) => b.atMs - a.atMs);
  const timestamp = Number(query.get('timestamp') ?? NaN);
  if (query.has('timestamp') && Number.isFinite(timestamp)) newest = newest.filter((p) => p.atMs / 1000 < timestamp).slice(0, 1);
  const prices = newest.map((p) => row(Math.floor(p.atMs / 1000), p.usd));
  if (prices.length === 0 && query.has('timestamp')) prices.push(row(NO_PRICE_BEFORE_S, 0));
  const exchangeRates = Object.fromEntries(Object.entries(FX_RATES).map(([c, rate]) => [`USD${c}`, Math.round(rate * 100) / 100]));
  return { status: 200, json: { prices, exchangeRates } };
}
