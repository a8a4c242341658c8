import { describe, expect, it } from 'vitest';
import { bridgeBalanceSource, HISTORY_AGES } from '../../src/feeds/evm/bridge-source.js';
import { bridgeProblem, GENESIS_BRIDGE_WEI } from '../../src/feeds/evm/schema.js';
import { CITREA_BRIDGE_ADDRESS, citreaBridge } from '../../src/feeds/citrea/bridge.js';
import { BRIDGE_ADDRESS, rootstockBridge } from '../../src/feeds/rootstock/bridge.js';
import { bridgeRpcReply, type BridgeChain } from '../../src/feeds/demo/payloads.js';
import { context, failure } from './adapter-context.js';
import { withMockHttp } from './mock-http.js';

const BASE = 'https://citrea.test';
const NOW = Date.parse('2025-01-10T06:00:00Z');
const DAY = 86_400_000;
const WEI = 10n ** 18n;
const mock = withMockHttp();

interface Call { method: string; params: unknown[] }

/** Answers every JSON-RPC POST to BASE from a simulated chain (the real request and answer shapes); records the calls. */
function serveChain(bridge: string, chain: BridgeChain, times = 1): Call[] {
  const calls: Call[] = [];
  mock.agent
    .get(BASE)
    .intercept({ path: '/', method: 'POST', headers: { 'content-type': 'application/json' } })
    .reply((req) => {
      const body = typeof req.body === 'string' ? req.body : '';
      calls.push(JSON.parse(body) as Call);
      const answer = bridgeRpcReply(body, bridge, chain);
      return { statusCode: answer.status, data: JSON.stringify(answer.json), responseOptions: { headers: { 'content-type': 'application/json' } } };
    })
    .times(times);
  return calls;
}

/** Answers the next POSTs in order with these JSON-RPC results (or raw bodies). */
function answers(...bodies: unknown[]): void {
  for (const b of bodies) {
    const data = typeof b === 'string' ? b : JSON.stringify({ jsonrpc: '2.0', id: 1, ...(b as object) });
    mock.agent.get(BASE).intercept({ path: '/', method: 'POST' }).reply(200, data, { headers: { 'content-type': 'application/json' } });
  }
}

const TIP = { result: { number: '0x10', timestamp: `0x${Math.floor(NOW / 1000 - 20).toString(16)}` } };
const balance = (wei: bigint): { result: string } => ({ result: `0x${wei.toString(16)}` });

describe('bridgeBalanceSource', () => {
  it('builds a polled btc-locked source for one network, with history and a cadence', () => {
    const source = bridgeBalanceSource({ id: 'x-bridge', provider: 'x', network: 'x', address: '0x1', label: 'X bridge balance', maxAgeMs: 60_000 });
    expect(source).toMatchObject({ id: 'x-bridge', provider: 'x', role: 'btc-locked', networks: ['x'], polls: true, maxAgeMs: 60_000 });
    expect(source.history).toBeTypeOf('function');
  });

  it('reads the balance at the newest block and stamps it with that block\'s time', async () => {
    const calls = serveChain(CITREA_BRIDGE_ADDRESS, { nowMs: NOW, blockMs: 2_000, lockedAt: () => 123_456_789_012 }, 2);
    const readings = await citreaBridge.fetch?.(context(mock.http, BASE, NOW));
    expect(readings).toEqual([{ kind: 'btc-locked', network: 'citrea', sats: 123_456_789_012, observedAt: NOW }]);
    const tip = Math.floor(NOW / 2_000);
    expect(calls).toEqual([
      expect.objectContaining({ method: 'eth_getBlockByNumber', params: ['latest', false] }),
      expect.objectContaining({ method: 'eth_getBalance', params: [CITREA_BRIDGE_ADDRESS, `0x${tip.toString(16)}`] }),
    ]);
  });

  it('a node whose tip is an hour old gives a reading stamped an hour back (the model marks it stale)', async () => {
    serveChain(CITREA_BRIDGE_ADDRESS, { nowMs: NOW, blockMs: 2_000, lagMs: 3_600_000, lockedAt: () => 5e10 }, 2);
    const [r] = (await citreaBridge.fetch?.(context(mock.http, BASE, NOW))) ?? [];
    expect(r?.observedAt).toBe(NOW - 3_600_000);
    expect(citreaBridge.maxAgeMs).toBeLessThan(3_600_000);
  });

  it.each([
    ['a balance of 0', 0n, 'bad data at result: implausible: bridge balance 0 would mean 21,000,000 BTC released'],
    ['the full 21M (nothing released)', GENESIS_BRIDGE_WEI, 'bad data at result: implausible: bridge balance is (nearly) the full 21,000,000 cBTC, less than 1 BTC released'],
    ['21M minus half a coin', GENESIS_BRIDGE_WEI - WEI / 2n, 'bad data at result: implausible: bridge balance is (nearly) the full 21,000,000 cBTC, less than 1 BTC released'],
    ['a near-zero balance', 5n * WEI, 'bad data at result: implausible: bridge balance near 0 would mean 20,999,995 BTC released (over 10% of all bitcoin)'],
    ['more than 21M', GENESIS_BRIDGE_WEI + 1n, 'bad data at result: implausible: bridge balance above 21,000,000 cBTC'],
  ])('rejects %s as bad data with the reason', async (_name, wei, message) => {
    answers(TIP, balance(wei));
    const f = await failure(citreaBridge.fetch?.(context(mock.http, BASE, NOW)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message });
  });

  it('accepts ordinary balances at the edges of plausible', () => {
    expect(bridgeProblem(GENESIS_BRIDGE_WEI - WEI, 'RBTC')).toBeUndefined();
    expect(bridgeProblem(GENESIS_BRIDGE_WEI - 2_100_000n * WEI, 'RBTC')).toBeUndefined();
    expect(bridgeProblem(GENESIS_BRIDGE_WEI - 2_100_001n * WEI, 'RBTC')).toMatch(/over 10% of all bitcoin/);
  });

  it('reports a JSON-RPC error object as http with a sanitized message', async () => {
    answers({ error: { code: -32601, message: 'method\u001b[31m not found' } });
    const f = await failure(citreaBridge.fetch?.(context(mock.http, BASE, NOW)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'http', message: 'JSON-RPC error -32601: method not found' });
  });

  it('rejects a non-JSON answer and a malformed header as schema', async () => {
    mock.agent.get(BASE).intercept({ path: '/', method: 'POST' }).reply(200, '<html>bad gateway</html>', { headers: { 'content-type': 'text/html' } });
    const f = await failure(citreaBridge.fetch?.(context(mock.http, BASE, NOW)) ?? Promise.resolve());
    expect(f.toFeedError().kind).toBe('schema');
    answers({ result: { number: 'ten', timestamp: '0x1' } });
    const g = await failure(citreaBridge.fetch?.(context(mock.http, BASE, NOW)) ?? Promise.resolve());
    expect(g.toFeedError()).toEqual({ kind: 'schema', message: 'bad data at result.number: expected a hex quantity' });
  });

  it('history: the balance at blocks 1 to 90 days back, each stamped with its block time', async () => {
    const lockedAt = (t: number): number => Math.round(3e11 * (1 - (NOW - t) / DAY / 2000));
    serveChain(BRIDGE_ADDRESS, { nowMs: NOW, blockMs: 30_000, lockedAt }, 2 + 2 * HISTORY_AGES.length);
    const readings = (await rootstockBridge.history?.(context(mock.http, BASE.replace('citrea', 'citrea'), NOW, NOW - 91 * DAY))) ?? [];
    expect(readings).toHaveLength(HISTORY_AGES.length);
    for (const r of readings) {
      expect(r.kind).toBe('btc-locked');
      if (r.kind !== 'btc-locked' || r.observedAt === undefined) throw new Error('no time');
      expect(r.sats).toBe(lockedAt(r.observedAt));
    }
    const ages = readings.map((r) => Math.round((NOW - (r.observedAt ?? 0)) / DAY)).sort((a, b) => a - b);
    expect(ages).toEqual(HISTORY_AGES.map((a) => a / DAY));
  });

  it('history on a node without old state keeps the points it could read', async () => {
    serveChain(BRIDGE_ADDRESS, { nowMs: NOW, blockMs: 30_000, stateSinceMs: NOW - 4 * DAY, lockedAt: () => 3e11 }, 2 + 2 * 3 + 2);
    const readings = (await rootstockBridge.history?.(context(mock.http, BASE, NOW, NOW - 91 * DAY))) ?? [];
    expect(readings.map((r) => Math.round((NOW - (r.observedAt ?? 0)) / DAY))).toEqual([3, 2, 1]);
  });
});

describe('the two bridge sources', () => {
  it('Rootstock and Citrea keep their ids, providers and bridge addresses', () => {
    expect([rootstockBridge.id, rootstockBridge.provider, rootstockBridge.networks]).toEqual(['rootstock-bridge', 'rootstock', ['rootstock']]);
    expect([citreaBridge.id, citreaBridge.provider, citreaBridge.networks, citreaBridge.label]).toEqual(['citrea-bridge', 'citrea', ['citrea'], 'Citrea bridge balance']);
    expect(CITREA_BRIDGE_ADDRESS).toBe('0x3100000000000000000000000000000000000002');
    expect(BRIDGE_ADDRESS).toBe('0x0000000000000000000000000000000001000006');
  });
});
