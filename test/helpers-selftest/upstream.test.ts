// Self-test of the upstream simulator's normal answers: routes, shapes, exact values, filters, log and config.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_VALUES, startUpstream } from '../helpers/upstream.js';
import type { Upstream } from '../helpers/upstream.js';

const NOW = Date.UTC(2026, 10, 21, 15, 30);
const DAY = 86_400_000;
const SBTC = '/v2/contracts/call-read/SM3VDXK3WZZSA84XXFKAFAF15NNZX32CTSG82JFQ4/sbtc-token/get-total-supply';
const RPC = { jsonrpc: '2.0', method: 'eth_getBalance', params: ['0x0000000000000000000000000000000001000006', 'latest'], id: 1 };

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
async function post(url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as unknown };
}
type Row = Record<string, unknown>;

describe('upstream simulator: normal answers', () => {
  it('listens on 127.0.0.1 with one prefix per provider', () => {
    expect(Object.keys(up.baseUrls).sort()).toEqual(['bitcoinlayers', 'citrea', 'coingecko', 'defillama', 'defillama-coins', 'esplora-liquid', 'hiro', 'liquid', 'mempool', 'rootstock', 'rootstock-explorer']);
    for (const [provider, url] of Object.entries(up.baseUrls)) expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/${provider}$`));
  });

  it('serves the current values with the upstream shapes', async () => {
    up.set({ lightningSats: 123_456_789_012, channels: 40_000, nodes: 12_000, priceUsd: 65_432.4, liquidSats: 98_765_432_100 });
    const ln = await get(`${up.baseUrls.mempool}/api/v1/lightning/statistics/latest`);
    expect(ln.json).toMatchObject({ latest: { total_capacity: 123_456_789_012, channel_count: 40_000, node_count: 12_000, added: '2026-11-21T00:00:00.000Z' } });
    expect(await get(`${up.baseUrls.mempool}/api/v1/prices`)).toMatchObject({ status: 200, json: { USD: 65_432, time: NOW / 1000 } });
    expect((await get(`${up.baseUrls.liquid}/api/v1/liquid/pegs`)).json).toMatchObject({ amount: '98765432100' });
  });

  it('rootstock wei is (21M BTC - locked) x 1e18 exactly, unknown methods get a JSON-RPC error', async () => {
    up.set({ rootstockSats: 321_987_654_321 });
    const ok = await post(up.baseUrls.rootstock, RPC);
    const result = (ok.json as { result: string }).result;
    expect(BigInt(result)).toBe(21_000_000n * 10n ** 18n - 321_987_654_321n * 10n ** 10n);
    expect((await post(`${up.baseUrls.rootstock}/`, RPC)).status).toBe(200);
    expect((await post(up.baseUrls.rootstock, { ...RPC, method: 'eth_call' })).json).toMatchObject({ error: { code: -32601 } });
    const bad = await fetch(up.baseUrls.rootstock, { method: 'POST', body: '{not json' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: -32700 } });
  });

  it('hiro result decodes back to the sats', async () => {
    up.set({ stacksSats: 543_210_987_654 });
    const { json } = await post(`${up.baseUrls.hiro}${SBTC}`, { sender: 'SM3VDXK3WZZSA84XXFKAFAF15NNZX32CTSG82JFQ4', arguments: [] });
    const result = (json as { okay: boolean; result: string }).result;
    expect(result.slice(0, 6)).toBe('0x0701');
    expect(BigInt(`0x${result.slice(6)}`)).toBe(543_210_987_654n);
  });

  it('lightning history: newest first, daily, within the interval, ending at the current value', async () => {
    const rows = (await get(`${up.baseUrls.mempool}/api/v1/lightning/statistics/1w`)).json as Row[];
    expect(rows).toHaveLength(7);
    const added = rows.map((r) => r['added'] as number);
    expect(added).toEqual([...added].sort((a, b) => b - a));
    expect(added[0]).toBe(Date.UTC(2026, 10, 21) / 1000);
    expect(rows[0]?.['total_capacity']).toBe(DEFAULT_VALUES.lightningSats);
    expect(rows.every((r) => !('node_count' in r))).toBe(true);
    expect(((await get(`${up.baseUrls.mempool}/api/v1/lightning/statistics/24h`)).json as Row[]).length).toBe(1);
  });

  it('lightning history serves set points, filtered to the interval', async () => {
    const point = (daysAgo: number, sats: number) => ({ atMs: Date.UTC(2026, 10, 21) - daysAgo * DAY, sats, channels: 1, nodes: 1 });
    up.set({ lightningHistory: [point(40, 4), point(2, 2), point(10, 3)] });
    const month = (await get(`${up.baseUrls.mempool}/api/v1/lightning/statistics/1m`)).json as Row[];
    expect(month.map((r) => r['total_capacity'])).toEqual([2, 3]);
    const all = (await get(`${up.baseUrls.mempool}/api/v1/lightning/statistics/all`)).json as Row[];
    expect(all.map((r) => r['total_capacity'])).toEqual([2, 3, 4]);
    up.set({ lightningHistory: undefined });
    expect(((await get(`${up.baseUrls.mempool}/api/v1/lightning/statistics/1m`)).json as Row[]).length).toBe(30);
  });

  it('liquid monthly flows sum to the pegged supply by default, and serve set flows as given', async () => {
    const flows = (await get(`${up.baseUrls.liquid}/api/v1/liquid/pegs/month`)).json as { amount: string; date: string }[];
    expect(flows).toHaveLength(24);
    expect(flows.every((f) => typeof f.amount === 'string' && /^\d{4}-\d{2}-01$/.test(f.date))).toBe(true);
    expect(flows.reduce((sum, f) => sum + Number(f.amount), 0)).toBe(DEFAULT_VALUES.liquidSats);
    expect(flows.some((f) => Number(f.amount) < 0)).toBe(true);
    up.set({ liquidHistory: [{ date: '2026-10-01', sats: -3 }, { date: '2026-09-01', sats: 10 }] });
    expect((await get(`${up.baseUrls.liquid}/api/v1/liquid/pegs/month`)).json).toEqual([
      { amount: '-3', date: '2026-10-01' },
      { amount: '10', date: '2026-09-01' },
    ]);
  });

  it('bitcoinlayers history honours date=gte. and network_slug filters', async () => {
    const rows = (await get(`${up.baseUrls.bitcoinlayers}/historical_supplies_by_network?date=gte.2026-11-19`)).json as Row[];
    expect(new Set(rows.map((r) => r['date']))).toEqual(new Set(['2026-11-19', '2026-11-20', '2026-11-21']));
    expect(new Set(rows.map((r) => r['network_slug']))).toEqual(new Set(['Lightning', 'Liquid', 'Rootstock', 'Stacks', 'Citrea', 'Merlin', 'BOB', 'Core', 'Bitlayer', 'Bsquared', 'Botanix', 'Hemi', 'Mezo', 'Corn', 'BEVM']));
    const today = rows.find((r) => r['date'] === '2026-11-21' && r['network_slug'] === 'Stacks');
    expect(today).toMatchObject({ total_balance: DEFAULT_VALUES.stacksSats / 1e8, tokens: ['sBTC'] });
    const rsk = (await get(`${up.baseUrls.bitcoinlayers}/historical_supplies_by_network?date=gte.2026-11-20&network_slug=ilike.rootstock`)).json as Row[];
    expect(rsk.map((r) => r['network_slug'])).toEqual(['Rootstock', 'Rootstock']);
    expect((await get(`${up.baseUrls.bitcoinlayers}/historical_supplies_by_network?date=since.yesterday`)).status).toBe(400);
    up.set({ bitcoinlayersHistory: [{ network: 'Stacks', date: '2026-01-01', sats: 1 }, { network: 'Stacks', date: '2026-06-01', sats: 2 }] });
    expect(((await get(`${up.baseUrls.bitcoinlayers}/historical_supplies_by_network?date=gte.2026-03-01`)).json as Row[]).map((r) => r['total_balance'])).toEqual([2e-8]);
  });

  it('counts hits per endpoint and logs requests with headers and body', async () => {
    await get(`${up.baseUrls.mempool}/api/v1/prices`);
    await fetch(`${up.baseUrls.mempool}/api/v1/prices`, { headers: { 'user-agent': 'l2top-test' } });
    await post(`${up.baseUrls.hiro}${SBTC}`, { sender: 'SM3VDXK3WZZSA84XXFKAFAF15NNZX32CTSG82JFQ4', arguments: [] });
    expect(up.hits('price')).toBe(2);
    expect(up.hits('stacks')).toBe(1);
    expect(up.hits('lightning')).toBe(0);
    expect(up.requests[1]).toMatchObject({ endpoint: 'price', method: 'GET', path: '/mempool/api/v1/prices', at: NOW, headers: { 'user-agent': 'l2top-test' } });
    expect(JSON.parse(up.requests[2]?.body ?? '')).toMatchObject({ sender: 'SM3VDXK3WZZSA84XXFKAFAF15NNZX32CTSG82JFQ4' });
    await up.waitForHits('price', 2, 100);
    await expect(up.waitForHits('liquid', 1, 50)).rejects.toThrow(/liquid had 0 of 1/);
  });

  it('answers unknown routes with a JSON 404 and wrong methods with 405', async () => {
    expect(await get(`${up.baseUrls.mempool}/api/v1/nope`)).toMatchObject({ status: 404 });
    expect((await fetch(`${up.baseUrls.mempool}/api/v1/prices`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(up.baseUrls.rootstock)).status).toBe(405);
    expect(up.hits('unknown')).toBe(1);
    expect(up.hits('rootstock')).toBe(1);
  });

  it('writes a config file pointing every provider at the simulator', () => {
    const dir = mkdtempSync(join(tmpdir(), 'l2top-upstream-'));
    try {
      const file = up.writeConfig(dir, { pollInterval: '2s', providers: { extra: { baseUrl: 'http://127.0.0.1:9/x' } } });
      const written = JSON.parse(readFileSync(file, 'utf8')) as { pollInterval: string; providers: Record<string, { baseUrl: string }> };
      expect(written.pollInterval).toBe('2s');
      expect(written.providers['mempool']?.baseUrl).toBe(up.baseUrls.mempool);
      expect(written.providers['extra']?.baseUrl).toBe('http://127.0.0.1:9/x');
      expect(Object.keys(written.providers).sort()).toEqual([...Object.keys(up.baseUrls), 'extra'].sort());
      expect(Object.keys(up.baseUrls)).toHaveLength(11);
      for (const [p, url] of Object.entries(up.baseUrls)) expect(written.providers[p]?.baseUrl).toBe(url);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
