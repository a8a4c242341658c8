// Self-test of the demo server: every endpoint answers from the SAMPLE model, follows the clock, and closes cleanly.
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bridgeWeiForLocked, hiroTotalSupply, rpcBalanceForLocked } from '../../src/feeds/demo/payloads.js';
import { SAMPLE_NETWORKS, sampleAt, sampleLiquidReservesAt, samplePriceAt } from '../../src/feeds/demo/sample.js';
import { LLAMA_CHAIN_NAMES, SAMPLE_TVL_CHAINS, samplePriceOf, sampleTipHeightAt, sampleTvlAt } from '../../src/feeds/demo/sample-market.js';
import { LAYERS_SLUGS, startDemoServer } from '../../src/feeds/demo/server.js';
import type { DemoServer } from '../../src/feeds/demo/server.js';

const NOW = Date.UTC(2026, 10, 21, 15, 30);
const SBTC = '/v2/contracts/call-read/SM3VDXK3WZZSA84XXFKAFAF15NNZX32CTSG82JFQ4/sbtc-token/get-total-supply';
const RPC = { jsonrpc: '2.0', method: 'eth_getBalance', params: ['0x0000000000000000000000000000000001000006', 'latest'], id: 1 };
const CITREA_RPC = { ...RPC, params: ['0x3100000000000000000000000000000000000002', 'latest'], id: 4 };
const LBTC = '6f0279e9ed041c3d710a9f57d0c02928416460c4b722ae3457a11eec381c526d';
type Row = Record<string, unknown>;

let clock = NOW;
let demo: DemoServer;
beforeEach(async () => {
  clock = NOW;
  demo = await startDemoServer({ now: () => clock });
});
afterEach(async () => {
  await demo.close();
});

async function get(url: string): Promise<unknown> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return (await res.json()) as unknown;
}
async function post(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return (await res.json()) as unknown;
}

describe('demo server', () => {
  it('mounts each provider on 127.0.0.1', () => {
    expect(Object.keys(demo.baseUrls).sort()).toEqual(['bitcoinlayers', 'citrea', 'coingecko', 'defillama', 'defillama-coins', 'esplora-liquid', 'hiro', 'liquid', 'mempool', 'rootstock', 'rootstock-explorer']);
    for (const url of Object.values(demo.baseUrls)) expect(url.startsWith('http://127.0.0.1:')).toBe(true);
  });

  it('serves current values from the sample model', async () => {
    const ln = (await get(`${demo.baseUrls.mempool}/api/v1/lightning/statistics/latest`)) as { latest: Row; previous: Row };
    expect(ln.latest).toMatchObject({ total_capacity: sampleAt('lightning', NOW), added: '2026-11-21T00:00:00.000Z' });
    expect(ln.previous['added']).toBe('2026-11-14T00:00:00.000Z');
    expect(await get(`${demo.baseUrls.mempool}/api/v1/prices`)).toMatchObject({ USD: samplePriceAt(NOW), time: NOW / 1000 });
    // The peg table sums the pegs recorded so far: one pair every 3 h, so the supply as of the last 3 h mark.
    const mark = Math.floor(NOW / (3 * 3_600_000)) * 3 * 3_600_000;
    expect(await get(`${demo.baseUrls.liquid}/api/v1/liquid/pegs`)).toMatchObject({ amount: String(sampleAt('liquid', mark)) });
    expect(await post(demo.baseUrls.rootstock, RPC)).toEqual(rpcBalanceForLocked(sampleAt('rootstock', NOW), 1));
    expect(await post(`${demo.baseUrls.hiro}${SBTC}`, { sender: 'SM3VDXK3WZZSA84XXFKAFAF15NNZX32CTSG82JFQ4', arguments: [] })).toEqual(hiroTotalSupply(sampleAt('stacks', NOW)));
  });

  it('values follow the clock', async () => {
    const price = async (): Promise<unknown> => ((await get(`${demo.baseUrls.mempool}/api/v1/prices`)) as Row)['USD'];
    const before = await price();
    clock = NOW + 3_600_000;
    expect(await price()).not.toBe(before);
    expect(await post(demo.baseUrls.rootstock, RPC)).toEqual(rpcBalanceForLocked(sampleAt('rootstock', clock), 1));
  });

  it('lightning history: daily, newest first, covering the interval, newest equal to latest', async () => {
    const rows = (await get(`${demo.baseUrls.mempool}/api/v1/lightning/statistics/3m`)) as Row[];
    expect(rows).toHaveLength(90);
    const added = rows.map((r) => r['added'] as number);
    expect(added.slice(1).every((a, i) => (added[i] ?? 0) - a === 86_400)).toBe(true);
    expect(rows[0]?.['total_capacity']).toBe(sampleAt('lightning', NOW));
    expect(((await get(`${demo.baseUrls.mempool}/api/v1/lightning/statistics/all`)) as Row[]).length).toBeGreaterThan(1_000);
  });

  it('liquid monthly flows are unsorted and sum to the pegged amount', async () => {
    const flows = (await get(`${demo.baseUrls.liquid}/api/v1/liquid/pegs/month`)) as { amount: string; date: string }[];
    const dates = flows.map((f) => f.date);
    expect(dates).not.toEqual([...dates].sort());
    expect(new Set(dates).size).toBe(flows.length);
    expect(flows.reduce((sum, f) => sum + Number(f.amount), 0)).toBe(sampleAt('liquid', NOW));
  });

  it('bitcoinlayers history covers every sample network and honours date=gte.', async () => {
    const rows = (await get(`${demo.baseUrls.bitcoinlayers}/historical_supplies_by_network?date=gte.2026-11-01`)) as Row[];
    expect(rows).toHaveLength(21 * SAMPLE_NETWORKS.length);
    expect(new Set(rows.map((r) => r['network_slug']))).toEqual(new Set(SAMPLE_NETWORKS.map((n) => LAYERS_SLUGS[n])));
    expect(rows.every((r) => (r['date'] as string) >= '2026-11-01')).toBe(true);
    const today = rows.find((r) => r['date'] === '2026-11-21' && r['network_slug'] === 'Rootstock');
    expect(today?.['total_balance']).toBe(sampleAt('rootstock', NOW) / 1e8);
  });

  it('serves the newer BTC-locked endpoints from the sample model', async () => {
    const citrea = (await post(demo.baseUrls.citrea, CITREA_RPC)) as { result: string; id: number };
    expect(citrea.id).toBe(4);
    expect(BigInt(citrea.result)).toBe(21_000_000n * 10n ** 18n - BigInt(sampleAt('citrea', NOW)) * 10n ** 10n);
    const supply = await fetch(`${demo.baseUrls['esplora-liquid']}/api/asset/${LBTC}/supply`);
    expect(supply.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await supply.text()).toBe(String(sampleAt('liquid', NOW)));
    const reserves = (await get(`${demo.baseUrls.liquid}/api/v1/liquid/reserves`)) as Row;
    expect(reserves).toMatchObject({ amount: String(sampleLiquidReservesAt(NOW)), lastBlockUpdate: sampleTipHeightAt(NOW) });
    expect(Number(reserves['amount'])).toBeGreaterThan(sampleAt('liquid', NOW));
    const explorer = (await get(`${demo.baseUrls['rootstock-explorer']}/circulating`)) as Row;
    expect(explorer['totalSupply']).toBe(21_000_000);
    expect(explorer['circulatingSupply']).toBe(`${(sampleAt('rootstock', NOW) / 1e8).toFixed(8)}0000000000`);
    expect(explorer['bridgeBalance']).toMatch(/^\d+\.\d{18}$/);
    expect(BigInt((explorer['bridgeBalance'] as string).replace('.', ''))).toBe(bridgeWeiForLocked(sampleAt('rootstock', NOW)));
    const meta = (await get(`${demo.baseUrls.hiro}/metadata/v1/ft/SM3VDXK3WZZSA84XXFKAFAF15NNZX32CTSG82JFQ4.sbtc-token`)) as Row;
    expect(meta).toMatchObject({ name: 'sBTC', symbol: 'sBTC', decimals: 8, total_supply: String(sampleAt('stacks', NOW)), token_uri: null });
  });

  it('bitcoinlayers current supplies: every sample network, ranked by balance, dated today', async () => {
    const rows = (await get(`${demo.baseUrls.bitcoinlayers}/current_supplies_by_network`)) as Row[];
    expect(rows).toHaveLength(SAMPLE_NETWORKS.length);
    const balances = rows.map((r) => r['total_balance'] as number);
    expect(balances).toEqual([...balances].sort((a, b) => b - a));
    expect(rows.map((r) => r['rank'])).toEqual(rows.map((_, i) => i + 1));
    expect(rows.every((r) => r['latest_date'] === '2026-11-21' && Array.isArray(r['token_addresses']))).toBe(true);
    for (const n of SAMPLE_NETWORKS) expect(rows.find((r) => r['network_slug'] === LAYERS_SLUGS[n])?.['total_balance']).toBe(sampleAt(n, NOW) / 1e8);
    expect(await get(`${demo.baseUrls.bitcoinlayers}/current_supplies_by_network?network_slug=ilike.stacks`)).toMatchObject([{ network_slug: 'Stacks' }]);
  });

  it('prices from three providers agree within 0.5 %, and the tip height follows the clock', async () => {
    const cg = (await get(`${demo.baseUrls.coingecko}/api/v3/simple/price?ids=bitcoin&vs_currencies=usd&include_last_updated_at=true`)) as { bitcoin: { usd: number; last_updated_at: number } };
    expect(cg.bitcoin).toEqual({ usd: samplePriceOf('coingecko', NOW), last_updated_at: NOW / 1000 });
    const llama = (await get(`${demo.baseUrls['defillama-coins']}/prices/current/coingecko:bitcoin`)) as { coins: Record<string, { price: number }> };
    expect(llama.coins['coingecko:bitcoin']).toEqual({ price: samplePriceOf('defillama', NOW), symbol: 'BTC', timestamp: NOW / 1000, confidence: 0.99 });
    const quotes = [samplePriceAt(NOW), cg.bitcoin.usd, llama.coins['coingecko:bitcoin']?.price ?? 0];
    expect(Math.max(...quotes) / Math.min(...quotes)).toBeLessThan(1.005);
    const tip = async (): Promise<string> => (await fetch(`${demo.baseUrls.mempool}/api/blocks/tip/height`)).text();
    expect(await tip()).toBe(String(sampleTipHeightAt(NOW)));
    clock = NOW + 30 * 60_000;
    expect(Number(await tip())).toBe(sampleTipHeightAt(NOW) + 3);
  });

  it('mempool historical prices: hourly for a year, newest first, under 2 MB', async () => {
    const res = await fetch(`${demo.baseUrls.mempool}/api/v1/historical-price?currency=USD`);
    const text = await res.text();
    expect(text.length).toBeLessThan(2_000_000);
    const body = JSON.parse(text) as { prices: { time: number; USD: number }[]; exchangeRates: Row };
    expect(body.prices).toHaveLength(365 * 24);
    expect(body.prices[0]).toEqual({ time: Date.UTC(2026, 10, 21, 15) / 1000, USD: samplePriceAt(Date.UTC(2026, 10, 21, 15)) });
    expect(body.prices.slice(1).every((p, i) => (body.prices[i]?.time ?? 0) - p.time === 3_600)).toBe(true);
    expect(body.exchangeRates).toHaveProperty('USDEUR');
    const all = await (await fetch(`${demo.baseUrls.mempool}/api/v1/historical-price`)).text();
    expect(all.length).toBeLessThan(2_000_000);
  });

  it('defillama: the Bitcoin chains among others, two years of daily TVL, 404 for an unknown chain', async () => {
    const chains = (await get(`${demo.baseUrls.defillama}/v2/chains`)) as Row[];
    const names = chains.map((c) => c['name']);
    for (const c of SAMPLE_TVL_CHAINS) expect(chains.find((r) => r['name'] === LLAMA_CHAIN_NAMES[c])?.['tvl']).toBe(sampleTvlAt(c, NOW));
    expect(names).toContain('Ethereum');
    expect(new Set(chains.map((c) => (c['chainId'] === null ? 'null' : typeof c['chainId'])))).toEqual(new Set(['null', 'number', 'string']));
    const history = (await get(`${demo.baseUrls.defillama}/v2/historicalChainTvl/rootstock`)) as { date: number; tvl: number }[];
    expect(history).toHaveLength(731);
    expect(history.every((p) => p.date % 86_400 === 0)).toBe(true);
    expect(history.at(-1)).toEqual({ date: Date.UTC(2026, 10, 21) / 1000, tvl: sampleTvlAt('rootstock', NOW) });
    expect(((await get(`${demo.baseUrls.defillama}/v2/historicalChainTvl/B%53quared`)) as Row[]).length).toBe(731);
    const missing = await fetch(`${demo.baseUrls.defillama}/v2/historicalChainTvl/Nowhere`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: 'There is no chain with that name' });
  });

  it('refuses odd requests without falling over', async () => {
    expect((await fetch(`${demo.baseUrls.mempool}/api/v2/whatever`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${new URL(demo.baseUrls.mempool).port}/`)).status).toBe(404);
    const bad = await fetch(demo.baseUrls.rootstock, { method: 'POST', body: 'nope' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32700 } });
    expect((await post(demo.baseUrls.rootstock, { ...RPC, method: 'eth_chainId' })) as Row).toMatchObject({ error: { code: -32601 } });
    expect((await fetch(`${demo.baseUrls.hiro}${SBTC}`, { method: 'POST', body: '[]' })).status).toBe(400);
    expect((await fetch(demo.baseUrls.rootstock, { method: 'POST', body: 'x'.repeat(100_000) })).status).toBe(413);
    expect((await fetch(`${demo.baseUrls.bitcoinlayers}/historical_supplies_by_network?date=gte`)).status).toBe(400);
    const { port } = new URL(demo.baseUrls.mempool);
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.end('GARBAGE\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect((await fetch(`${demo.baseUrls.mempool}/api/v1/prices`)).status).toBe(200);
  });

  it('close() ends idle keep-alive sockets and is idempotent', async () => {
    await get(`${demo.baseUrls.mempool}/api/v1/prices`);
    const t0 = Date.now();
    await demo.close();
    await demo.close();
    expect(Date.now() - t0).toBeLessThan(1_000);
    await expect(fetch(`${demo.baseUrls.mempool}/api/v1/prices`)).rejects.toThrow();
  });

  it('lets the process exit right after close() even with a keep-alive socket', () => {
    const script = [
      "import { startDemoServer } from './src/feeds/demo/server.ts';",
      'const d = await startDemoServer();',
      "await (await fetch(d.baseUrls.mempool + '/api/v1/prices')).json();",
      'await d.close();',
    ].join('\n');
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const t0 = Date.now();
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, timeout: 4_000, encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(Date.now() - t0).toBeLessThan(4_000);
  });
});
