// Self-test of the simulator's newer endpoints: exact shapes and values, defaults that follow the older values, settable values.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleTipHeightAt } from '../../src/feeds/demo/sample-market.js';
import { DEFAULT_VALUES, layersBalances, startUpstream } from '../helpers/upstream.js';
import type { Upstream } from '../helpers/upstream.js';

const NOW = Date.UTC(2026, 10, 21, 15, 30);
const DAY = 86_400_000;
const LBTC = '6f0279e9ed041c3d710a9f57d0c02928416460c4b722ae3457a11eec381c526d';
const CITREA_RPC = { jsonrpc: '2.0', method: 'eth_getBalance', params: ['0x3100000000000000000000000000000000000002', 'latest'], id: 9 };
const WEI = 10n ** 18n;
type Row = Record<string, unknown>;

let up: Upstream;
beforeEach(async () => {
  up = await startUpstream({ now: () => NOW });
});
afterEach(async () => {
  await up.close();
});

async function get(url: string): Promise<{ status: number; json: unknown }> {
  const res = await fetch(url);
  return { status: res.status, json: (await res.json()) as unknown };
}
const json = async (url: string): Promise<unknown> => (await get(url)).json;
async function text(url: string): Promise<{ type: string | null; body: string }> {
  const res = await fetch(url);
  return { type: res.headers.get('content-type'), body: await res.text() };
}
async function rpc(url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as unknown };
}

describe('upstream simulator: newer endpoints', () => {
  it('citrea wei is (21M BTC - locked) x 1e18 exactly', async () => {
    const first = (await rpc(up.baseUrls.citrea, CITREA_RPC)).json as { id: number; result: string };
    expect(first.id).toBe(9);
    expect(BigInt(first.result)).toBe(21_000_000n * WEI - BigInt(DEFAULT_VALUES.citreaSats) * 10n ** 10n);
    up.set({ citreaSats: 12_345_678_901 });
    const { result } = (await rpc(`${up.baseUrls.citrea}/`, CITREA_RPC)).json as { result: string };
    expect(BigInt(result)).toBe(21_000_000n * WEI - 12_345_678_901n * 10n ** 10n);
    expect((await rpc(up.baseUrls.citrea, { ...CITREA_RPC, method: 'eth_chainId' })).json).toMatchObject({ error: { code: -32601 } });
    expect((await fetch(up.baseUrls.citrea)).status).toBe(405);
    expect(up.hits('citrea')).toBe(4);
  });

  it('bitcoinlayers current supplies: every network by default, ranked, dated today', async () => {
    const rows = (await json(`${up.baseUrls.bitcoinlayers}/current_supplies_by_network`)) as Row[];
    expect(rows).toHaveLength(15);
    expect(rows.map((r) => r['rank'])).toEqual(rows.map((_, i) => i + 1));
    expect(rows.find((r) => r['network_slug'] === 'Stacks')).toEqual({
      network_slug: 'Stacks', network_name: 'Stacks', total_balance: DEFAULT_VALUES.stacksSats / 1e8, latest_date: '2026-11-21',
      tokens: ['sBTC'], token_names: ['sBTC'], token_addresses: [], rank: 1,
    });
    expect(rows.find((r) => r['network_slug'] === 'Citrea')?.['total_balance']).toBe(DEFAULT_VALUES.citreaSats / 1e8);
    expect(Object.keys(layersBalances(up.values))).toHaveLength(15);
  });

  it('bitcoinlayers: set balances and latest_date; history follows them and keeps its filters', async () => {
    up.set({ layersBtc: { Stacks: 1.5, Hemi: 900.12345678, Merlin: 0 }, layersLatestDate: '2026-11-01' });
    const rows = (await json(`${up.baseUrls.bitcoinlayers}/current_supplies_by_network`)) as Row[];
    expect(rows.map((r) => [r['network_slug'], r['total_balance'], r['rank'], r['latest_date']])).toEqual([
      ['Hemi', 900.12345678, 1, '2026-11-01'], ['Stacks', 1.5, 2, '2026-11-01'], ['Merlin', 0, 3, '2026-11-01'],
    ]);
    expect(await json(`${up.baseUrls.bitcoinlayers}/current_supplies_by_network?network_slug=ilike.stacks`)).toMatchObject([{ network_slug: 'Stacks', rank: 2 }]);
    const history = (await json(`${up.baseUrls.bitcoinlayers}/historical_supplies_by_network?date=gte.2026-11-20&network_slug=eq.Hemi`)) as Row[];
    // A closed day's row holds the value at its end (2026-11-21 00:00, 15.5 h before NOW); today's is the current one.
    expect(history.map((r) => [r['date'], r['total_balance']])).toEqual([['2026-11-20', Math.round(90_012_345_678 * (1 - 15.5 / 24 / 2000)) / 1e8], ['2026-11-21', 900.12345678]]);
    expect((await get(`${up.baseUrls.bitcoinlayers}/current_supplies_by_network?latest_date=nope`)).status).toBe(400);
    up.set({ layersBtc: undefined, layersLatestDate: undefined });
    expect(((await json(`${up.baseUrls.bitcoinlayers}/current_supplies_by_network`)) as Row[])[0]?.['latest_date']).toBe('2026-11-21');
  });

  it('esplora supply is text/plain sats, following liquidSats unless set', async () => {
    const url = `${up.baseUrls['esplora-liquid']}/api/asset/${LBTC}/supply`;
    expect(await text(url)).toEqual({ type: 'text/plain', body: String(DEFAULT_VALUES.liquidSats) });
    up.set({ liquidSats: 100_000_000_000 });
    expect((await text(url)).body).toBe('100000000000');
    up.set({ esploraLiquidSats: 99_999_999_999 });
    expect((await text(url)).body).toBe('99999999999');
    expect((await fetch(`${up.baseUrls['esplora-liquid']}/api/asset/${'0'.repeat(64)}/supply`)).status).toBe(404);
  });

  it('liquid reserves sit just above the pegs by default, at the tip height', async () => {
    const url = `${up.baseUrls.liquid}/api/v1/liquid/reserves`;
    const body = (await json(url)) as Row;
    expect(body).toMatchObject({ amount: String(Math.round(DEFAULT_VALUES.liquidSats * 1.0025)), lastBlockUpdate: sampleTipHeightAt(NOW) });
    expect(body['hash']).toMatch(/^[0-9a-f]{64}$/);
    up.set({ liquidReservesSats: 372_000_000_001, tipHeight: 930_000 });
    expect(await json(url)).toMatchObject({ amount: '372000000001', lastBlockUpdate: 930_000 });
  });

  it('rootstock explorer follows rootstockSats as 18-decimal strings unless set', async () => {
    const url = `${up.baseUrls['rootstock-explorer']}/circulating`;
    expect(await json(url)).toEqual({ circulatingSupply: '3219.876543210000000000', totalSupply: 21_000_000, bridgeBalance: '20996780.123456790000000000' });
    up.set({ rootstockExplorerSats: 100_000_000 });
    expect(await json(`${url}/`)).toMatchObject({ circulatingSupply: '1.000000000000000000', bridgeBalance: '20999999.000000000000000000' });
  });

  it('hiro metadata total_supply follows stacksSats unless set', async () => {
    const url = `${up.baseUrls.hiro}/metadata/v1/ft/SM3VDXK3WZZSA84XXFKAFAF15NNZX32CTSG82JFQ4.sbtc-token`;
    expect(await json(url)).toMatchObject({ name: 'sBTC', symbol: 'sBTC', decimals: 8, total_supply: String(DEFAULT_VALUES.stacksSats), token_uri: null });
    up.set({ hiroMetadataSats: 42 });
    expect(await json(url)).toMatchObject({ total_supply: '42' });
  });

  it('coingecko and defillama coins follow priceUsd unless set', async () => {
    const cg = `${up.baseUrls.coingecko}/api/v3/simple/price?ids=bitcoin&vs_currencies=usd&include_last_updated_at=true`;
    const llama = `${up.baseUrls['defillama-coins']}/prices/current/coingecko:bitcoin`;
    expect(await json(cg)).toEqual({ bitcoin: { usd: DEFAULT_VALUES.priceUsd, last_updated_at: NOW / 1000 } });
    expect(await json(`${up.baseUrls.coingecko}/api/v3/simple/price?ids=bitcoin&vs_currencies=usd`)).toEqual({ bitcoin: { usd: DEFAULT_VALUES.priceUsd } });
    expect(await json(llama)).toEqual({ coins: { 'coingecko:bitcoin': { price: DEFAULT_VALUES.priceUsd, symbol: 'BTC', timestamp: NOW / 1000, confidence: 0.99 } } });
    up.set({ coingeckoUsd: 97_111.11, llamaCoinsUsd: 97_222.222 });
    expect(await json(cg)).toMatchObject({ bitcoin: { usd: 97_111.11 } });
    expect(await json(llama)).toMatchObject({ coins: { 'coingecko:bitcoin': { price: 97_222.222 } } });
    up.set({ coingeckoUsd: undefined, priceUsd: 50_000 });
    expect(await json(cg)).toMatchObject({ bitcoin: { usd: 50_000 } });
  });

  it('defillama chains: the Bitcoin chains and unrelated ones with every chainId variant; set replaces the list', async () => {
    const chains = (await json(`${up.baseUrls.defillama}/v2/chains`)) as Row[];
    const names = chains.map((c) => c['name']);
    for (const n of ['Stacks', 'Rootstock', 'Merlin', 'BOB', 'CORE', 'Bitlayer', 'BSquared', 'Botanix', 'Citrea', 'Hemi', 'Mezo', 'Corn', 'BEVM', 'Ethereum']) expect(names).toContain(n);
    expect(chains.find((c) => c['name'] === 'Stacks')).toEqual({ gecko_id: 'blockstack', tvl: 95_123_456.78, tokenSymbol: 'STX', cmcId: '4847', name: 'Stacks', chainId: null });
    expect(new Set(chains.map((c) => (c['chainId'] === null ? 'null' : typeof c['chainId'])))).toEqual(new Set(['null', 'number', 'string']));
    up.set({ llamaTvl: { Stacks: 1, Ethereum: 2 } });
    expect(((await json(`${up.baseUrls.defillama}/v2/chains`)) as Row[]).map((c) => [c['name'], c['tvl']])).toEqual([['Stacks', 1], ['Ethereum', 2]]);
    up.set({ llamaTvl: undefined });
    expect(up.values.llamaTvl).toEqual({ Stacks: 1, Ethereum: 2 });
  });

  it('defillama history: derived daily for two years, name case-insensitive and URL-decoded, 404 for an unknown chain', async () => {
    const rows = (await json(`${up.baseUrls.defillama}/v2/historicalChainTvl/rootstock`)) as { date: number; tvl: number }[];
    expect(rows).toHaveLength(731);
    expect(rows.at(-1)).toEqual({ date: Date.UTC(2026, 10, 21) / 1000, tvl: 160_987_654.32 });
    expect(rows[0]?.date).toBe((Date.UTC(2026, 10, 21) - 730 * DAY) / 1000);
    expect(rows.slice(1).every((r, i) => r.date - (rows[i]?.date ?? 0) === 86_400)).toBe(true);
    expect(((await json(`${up.baseUrls.defillama}/v2/historicalChainTvl/RSK`)) as Row[]).length).toBe(731);
    up.set({ llamaTvl: { 'MAP Protocol': 5 } });
    expect(((await json(`${up.baseUrls.defillama}/v2/historicalChainTvl/map%20protocol`)) as Row[]).at(-1)).toMatchObject({ tvl: 5 });
    const missing = await get(`${up.baseUrls.defillama}/v2/historicalChainTvl/Rootstock`);
    expect(missing).toEqual({ status: 404, json: { message: 'There is no chain with that name' } });
    up.set({ llamaTvlHistory: { Stacks: [{ atMs: Date.UTC(2026, 0, 2), usd: 2 }, { atMs: Date.UTC(2026, 0, 1), usd: 1 }] } });
    expect(await json(`${up.baseUrls.defillama}/v2/historicalChainTvl/stacks`)).toEqual([
      { date: Date.UTC(2026, 0, 1) / 1000, tvl: 1 }, { date: Date.UTC(2026, 0, 2) / 1000, tvl: 2 },
    ]);
  });

  it('mempool historical prices: hourly for a year ending at priceUsd, newest first; set points and timestamp', async () => {
    const body = (await json(`${up.baseUrls.mempool}/api/v1/historical-price?currency=USD`)) as { prices: { time: number; USD: number }[]; exchangeRates: Row };
    expect(body.prices).toHaveLength(365 * 24 + 1);
    expect(body.prices[0]).toEqual({ time: Date.UTC(2026, 10, 21, 15) / 1000, USD: DEFAULT_VALUES.priceUsd });
    expect(body.prices[24]).toEqual({ time: Date.UTC(2026, 10, 20, 15) / 1000, USD: Math.round(DEFAULT_VALUES.priceUsd * (1 - 1 / 2000)) });
    expect(Object.keys(body.exchangeRates).sort()).toEqual(['USDAUD', 'USDCAD', 'USDCHF', 'USDEUR', 'USDGBP', 'USDJPY']);
    up.set({ priceHistory: [{ atMs: Date.UTC(2026, 0, 1), usd: 90_000 }, { atMs: Date.UTC(2026, 5, 1), usd: 100_000 }] });
    const set = (await json(`${up.baseUrls.mempool}/api/v1/historical-price?currency=USD`)) as { prices: Row[] };
    expect(set.prices.map((p) => p['USD'])).toEqual([100_000, 90_000]);
    const at = (await json(`${up.baseUrls.mempool}/api/v1/historical-price?currency=USD&timestamp=${Date.UTC(2026, 2, 1) / 1000}`)) as { prices: Row[] };
    expect(at.prices).toEqual([{ time: Date.UTC(2026, 0, 1) / 1000, USD: 90_000 }]);
  });

  it('tip height is text/plain, follows the clock by default, settable', async () => {
    const url = `${up.baseUrls.mempool}/api/blocks/tip/height`;
    expect(await text(url)).toEqual({ type: 'text/plain', body: String(sampleTipHeightAt(NOW)) });
    up.set({ tipHeight: 930_123 });
    expect((await text(url)).body).toBe('930123');
    up.set({ tipHeight: undefined, atMs: NOW + 600_000 });
    expect((await text(url)).body).toBe(String(sampleTipHeightAt(NOW) + 1));
  });

  it('counts hits for the newer endpoints', async () => {
    await fetch(`${up.baseUrls.defillama}/v2/chains`);
    await fetch(`${up.baseUrls.defillama}/v2/historicalChainTvl/Nowhere`);
    await fetch(`${up.baseUrls.mempool}/api/blocks/tip/height`);
    expect([up.hits('llama-chains'), up.hits('llama-history'), up.hits('tip-height'), up.hits('price-history')]).toEqual([1, 1, 1, 0]);
    expect(up.requests.map((r) => r.endpoint)).toEqual(['llama-chains', 'llama-history', 'tip-height']);
  });
});
