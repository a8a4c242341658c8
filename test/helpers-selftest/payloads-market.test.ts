// Self-test of the newer payload builders: prices (CoinGecko, DefiLlama coins, mempool history), DefiLlama chains, Bitcoin Layers current.
import { describe, expect, it } from 'vitest';
import { LLAMA_OTHER_CHAINS_TVL, llamaChains, llamaHistoryReply, resolveLlamaChain } from '../../src/feeds/demo/defillama.js';
import { layersCurrentReply, layersHistoryReply } from '../../src/feeds/demo/layers.js';
import { coingeckoSimplePrice, historicalPrices, llamaCoinsPrices } from '../../src/feeds/demo/market.js';

const T = Date.UTC(2026, 10, 21, 15, 30, 12);
const q = (s: string): URLSearchParams => new URLSearchParams(s);
type Row = Record<string, unknown>;

describe('price payloads', () => {
  it('coingecko simple/price: usd, last_updated_at only on request, unknown ids and currencies left out', () => {
    expect(coingeckoSimplePrice(q('ids=bitcoin&vs_currencies=usd'), 97_284.65, T)).toEqual({ status: 200, json: { bitcoin: { usd: 97_284.65 } } });
    expect(coingeckoSimplePrice(q('ids=bitcoin&vs_currencies=usd&include_last_updated_at=true'), 97_284.65, T).json).toEqual({
      bitcoin: { usd: 97_284.65, last_updated_at: Date.UTC(2026, 10, 21, 15, 30) / 1000 },
    });
    expect(coingeckoSimplePrice(q('ids=bitcoin,ethereum&vs_currencies=usd,eur,xyz'), 100_000, T).json).toEqual({ bitcoin: { usd: 100_000, eur: 92_670 } });
    expect(coingeckoSimplePrice(q('ids=ethereum&vs_currencies=usd'), 1, T).json).toEqual({});
    expect(coingeckoSimplePrice(q('ids=bitcoin'), 1, T).status).toBe(400);
  });

  it('defillama coins: the documented entry for coingecko:bitcoin, nothing for unknown coins', () => {
    expect(llamaCoinsPrices('coingecko:bitcoin', 97_301.123, T)).toEqual({
      status: 200,
      json: { coins: { 'coingecko:bitcoin': { price: 97_301.123, symbol: 'BTC', timestamp: Math.floor(T / 1000), confidence: 0.99 } } },
    });
    expect(llamaCoinsPrices('coingecko:ethereum', 1, T).json).toEqual({ coins: {} });
  });

  it('mempool historical-price: newest first, currency filter, timestamp picks the newest point before it', () => {
    const points = [0, 1, 2].map((h) => ({ atMs: Date.UTC(2026, 0, 1, h), usd: 90_000 + h }));
    const usd = historicalPrices(points, q('currency=USD'));
    expect(usd).toEqual({
      status: 200,
      json: {
        prices: [2, 1, 0].map((h) => ({ time: Date.UTC(2026, 0, 1, h) / 1000, USD: 90_000 + h })),
        exchangeRates: { USDEUR: 0.93, USDGBP: 0.86, USDCAD: 1.33, USDCHF: 0.86, USDAUD: 1.47, USDJPY: 142.13 },
      },
    });
    const eur = historicalPrices(points, q(`currency=EUR&timestamp=${Date.UTC(2026, 0, 1, 1) / 1000 + 1}`));
    expect((eur as { json: { prices: Row[] } }).json.prices).toEqual([{ time: Date.UTC(2026, 0, 1, 1) / 1000, EUR: Math.round(90_001 * 0.9267), USD: 90_001 }]);
    const before = historicalPrices(points, q('currency=USD&timestamp=1000'));
    expect((before as { json: { prices: Row[] } }).json.prices).toEqual([{ time: 1_279_497_600, USD: 0 }]);
    const all = (historicalPrices(points, q('')) as { json: { prices: Row[] } }).json.prices[0];
    expect(Object.keys(all ?? {}).sort()).toEqual(['AUD', 'CAD', 'CHF', 'EUR', 'GBP', 'JPY', 'USD', 'time']);
    expect(historicalPrices(points, q('currency=XYZ')).status).toBe(400);
  });
});

describe('defillama payloads', () => {
  it('chains: the documented fields; chainId a number, a string or null', () => {
    const rows = llamaChains({ Rootstock: 1.5, Citrea: 2, Evmos: 3, Nowhere: 4 });
    expect(rows).toEqual([
      { gecko_id: 'rootstock', tvl: 1.5, tokenSymbol: 'RBTC', cmcId: '3626', name: 'Rootstock', chainId: 30 },
      { gecko_id: null, tvl: 2, tokenSymbol: null, cmcId: null, name: 'Citrea', chainId: 4114 },
      { gecko_id: 'evmos', tvl: 3, tokenSymbol: 'EVMOS', cmcId: '19899', name: 'Evmos', chainId: '9001' },
      { gecko_id: null, tvl: 4, tokenSymbol: null, cmcId: null, name: 'Nowhere', chainId: null },
    ]);
    expect(Object.keys(LLAMA_OTHER_CHAINS_TVL)).toContain('Ethereum');
  });

  it('chain names resolve case-insensitively and by old label', () => {
    const names = ['Rootstock', 'CORE', 'BOB'];
    expect(resolveLlamaChain(names, 'rootstock')).toBe('Rootstock');
    expect(resolveLlamaChain(names, 'RSK')).toBe('Rootstock');
    expect(resolveLlamaChain(names, 'core')).toBe('CORE');
    expect(resolveLlamaChain(names, 'Stacks')).toBeUndefined();
  });

  it('history: oldest first in unix seconds; no chain is the documented 404', () => {
    const points = [{ atMs: Date.UTC(2026, 0, 2), usd: 2 }, { atMs: Date.UTC(2026, 0, 1), usd: 1 }];
    expect(llamaHistoryReply(points)).toEqual({ status: 200, json: [{ date: Date.UTC(2026, 0, 1) / 1000, tvl: 1 }, { date: Date.UTC(2026, 0, 2) / 1000, tvl: 2 }] });
    expect(llamaHistoryReply(undefined)).toEqual({ status: 404, json: { message: 'There is no chain with that name' } });
  });
});

describe('bitcoin layers payloads', () => {
  const rows = [
    { network: 'Stacks', date: '2026-11-21', sats: 700_000_000_000 },
    { network: 'Hemi', date: '2026-11-21', sats: 87_134_567_890 },
    { network: 'Rootstock', date: '2026-11-20', sats: 300_000_000_000 },
  ];

  it('current: ordered by balance, ranked over all networks, documented fields', () => {
    const { status, json } = layersCurrentReply(rows, q(''));
    expect(status).toBe(200);
    expect(json).toEqual([
      { network_slug: 'Stacks', network_name: 'Stacks', total_balance: 7000, latest_date: '2026-11-21', tokens: ['sBTC'], token_names: ['sBTC'], token_addresses: [], rank: 1 },
      { network_slug: 'Rootstock', network_name: 'Rootstock', total_balance: 3000, latest_date: '2026-11-20', tokens: ['RBTC'], token_names: ['Rootstock Smart Bitcoin'], token_addresses: [], rank: 2 },
      { network_slug: 'Hemi', network_name: 'Hemi', total_balance: 871.3456789, latest_date: '2026-11-21', tokens: ['hemiBTC'], token_names: ['Hemi Bitcoin'], token_addresses: [], rank: 3 },
    ]);
  });

  it('current: a filter keeps the view rank; a bad filter is a 400', () => {
    expect(layersCurrentReply(rows, q('network_slug=ilike.hemi')).json).toMatchObject([{ network_slug: 'Hemi', rank: 3 }]);
    expect((layersCurrentReply(rows, q('latest_date=gte.2026-11-21')).json as Row[]).map((r) => r['network_slug'])).toEqual(['Stacks', 'Hemi']);
    expect(layersCurrentReply(rows, q('network_slug=ilike')).status).toBe(400);
  });

  it('history: date filters and order', () => {
    expect((layersHistoryReply(rows, q('date=lt.2026-11-21')).json as Row[]).map((r) => r['network_slug'])).toEqual(['Rootstock']);
    expect((layersHistoryReply(rows, q('order=date.asc&limit=1')).json as Row[])[0]).toMatchObject({ network_slug: 'Rootstock', date: '2026-11-20' });
  });
});
