// Self-test of the demo server: every endpoint answers from the SAMPLE model, follows the clock, and closes cleanly.
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hiroTotalSupply, rpcBalanceForLocked } from '../../src/feeds/demo/payloads.js';
import { sampleAt, samplePriceAt } from '../../src/feeds/demo/sample.js';
import { startDemoServer } from '../../src/feeds/demo/server.js';
import type { DemoServer } from '../../src/feeds/demo/server.js';

const NOW = Date.UTC(2026, 10, 21, 15, 30);
const SBTC = '/v2/contracts/call-read/SM3VDXK3WZZSA84XXFKAFAF15NNZX32CTSG82JFQ4/sbtc-token/get-total-supply';
const RPC = { jsonrpc: '2.0', method: 'eth_getBalance', params: ['0x0000000000000000000000000000000001000006', 'latest'], id: 1 };
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
    expect(Object.keys(demo.baseUrls).sort()).toEqual(['bitcoinlayers', 'hiro', 'liquid', 'mempool', 'rootstock']);
    for (const url of Object.values(demo.baseUrls)) expect(url.startsWith('http://127.0.0.1:')).toBe(true);
  });

  it('serves current values from the sample model', async () => {
    const ln = (await get(`${demo.baseUrls.mempool}/api/v1/lightning/statistics/latest`)) as { latest: Row; previous: Row };
    expect(ln.latest).toMatchObject({ total_capacity: sampleAt('lightning', NOW), added: '2026-11-21T00:00:00.000Z' });
    expect(ln.previous['added']).toBe('2026-11-14T00:00:00.000Z');
    expect(await get(`${demo.baseUrls.mempool}/api/v1/prices`)).toMatchObject({ USD: samplePriceAt(NOW), time: NOW / 1000 });
    expect(await get(`${demo.baseUrls.liquid}/api/v1/liquid/pegs`)).toMatchObject({ amount: String(sampleAt('liquid', NOW)) });
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

  it('bitcoinlayers history honours date=gte.', async () => {
    const rows = (await get(`${demo.baseUrls.bitcoinlayers}/historical_supplies_by_network?date=gte.2026-11-01`)) as Row[];
    expect(rows).toHaveLength(21 * 4);
    expect(rows.every((r) => (r['date'] as string) >= '2026-11-01')).toBe(true);
    const today = rows.find((r) => r['date'] === '2026-11-21' && r['network_slug'] === 'Rootstock');
    expect(today?.['total_balance']).toBe(sampleAt('rootstock', NOW) / 1e8);
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
