// serve's endpoints over real HTTP on 127.0.0.1, in process, over a hand-fed store.
import { afterEach, describe, expect, it } from 'vitest';
import type { SnapshotV1 } from '../../src/model/snapshot.js';
import { failed, round, serveFixture, T0, type Fixture } from './fixture.js';

let f: Fixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Headers }> {
  const r = await fetch(`${f?.url}${path}`, { headers });
  return { status: r.status, body: await r.text(), headers: r.headers };
}

function metricValue(text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('serve endpoints', () => {
  it('/healthz is always ok; /readyz is 503 with a reason until a network has fresh data, then 200', async () => {
    f = await serveFixture();
    expect(await get('/healthz')).toMatchObject({ status: 200, body: 'ok\n' });
    const before = await get('/readyz');
    expect(before.status).toBe(503);
    expect(before.body).toBe('not ready: no network has data yet\n');
    for (const a of round(T0)) f.dispatch(a);
    expect(await get('/readyz')).toMatchObject({ status: 200, body: 'ready\n' });
    // Two hours later with no new poll every value is stale: not ready again, and the reason says so.
    f.tick(T0 + 2 * 3_600_000);
    expect(await get('/readyz')).toMatchObject({ status: 503, body: "not ready: every network's data is stale\n" });
  });

  it('/metrics holds the values in use, per source values, health and the price, under the contract names', async () => {
    f = await serveFixture();
    for (const a of round(T0, 512_345_678_901, 371_234_567_890, 97_284)) f.dispatch(a);
    f.dispatch(failed('esplora-liquid-supply', T0));
    const r = await get('/metrics');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const m = r.body;
    expect(metricValue(m, 'l2top_network_locked_btc', '{network="lightning"}')).toBe(5123.45678901);
    expect(metricValue(m, 'l2top_network_locked_btc', '{network="liquid"}')).toBe(3712.3456789);
    expect(metricValue(m, 'l2top_network_locked_usd', '{network="liquid"}')).toBeCloseTo(3712.3456789 * 97_284, 4);
    expect(metricValue(m, 'l2top_network_share_ratio', '{network="lightning",metric="btc-locked"}')).toBeCloseTo(512_345_678_901 / (512_345_678_901 + 371_234_567_890), 12);
    expect(metricValue(m, 'l2top_network_stale', '{network="liquid",metric="btc-locked"}')).toBe(0);
    expect(metricValue(m, 'l2top_network_doubtful', '{network="liquid",metric="btc-locked"}')).toBe(0);
    expect(metricValue(m, 'l2top_network_source_info', '{network="liquid",metric="btc-locked",source="liquid-pegs"}')).toBe(1);
    expect(metricValue(m, 'l2top_network_data_timestamp_seconds', '{network="liquid",metric="btc-locked"}')).toBe(T0 / 1000);
    expect(metricValue(m, 'l2top_source_locked_btc', '{network="lightning",source="mempool-lightning"}')).toBe(5123.45678901);
    expect(metricValue(m, 'l2top_source_up', '{source="liquid-pegs",provider="liquid"}')).toBe(1);
    expect(metricValue(m, 'l2top_source_up', '{source="esplora-liquid-supply",provider="esplora-liquid"}')).toBe(0);
    expect(metricValue(m, 'l2top_source_consecutive_failures', '{source="esplora-liquid-supply"}')).toBe(1);
    expect(metricValue(m, 'l2top_source_latency_seconds', '{source="liquid-pegs"}')).toBe(0.12);
    expect(metricValue(m, 'l2top_source_last_success_timestamp_seconds', '{source="liquid-pegs"}')).toBe(T0 / 1000);
    expect(metricValue(m, 'l2top_source_retry_after_seconds', '{source="liquid-pegs"}')).toBe(0);
    expect(metricValue(m, 'l2top_btc_price_usd', '')).toBe(97_284);
    expect(metricValue(m, 'l2top_sector_locked_btc', '')).toBe(8835.80246791);
    expect(metricValue(m, 'l2top_networks_with_data', '')).toBe(2);
    expect(metricValue(m, 'l2top_build_info', '{version="0.0.0-test"}')).toBe(1);
    expect(metricValue(m, 'l2top_sse_clients', '')).toBe(0);
    expect(m).toMatch(/^process_cpu_user_seconds_total \d/m);
    // No sample carries a timestamp: every sample line is "name{labels} value".
    for (const line of m.split('\n').filter((l) => l !== '' && !l.startsWith('#'))) expect(line).toMatch(/^[a-z0-9_:]+(\{[^}]*\})? \S+$/);
    // The scrape itself was counted, under its route.
    const again = await get('/metrics');
    expect(metricValue(again.body, 'l2top_http_requests_total', '{path="/metrics",code="200"}')).toBe(1);
  });

  it('a scrape after a state change shows the new values; the same state is served from one build', async () => {
    f = await serveFixture();
    for (const a of round(T0)) f.dispatch(a);
    expect(metricValue((await get('/metrics')).body, 'l2top_network_locked_btc', '{network="lightning"}')).toBe(5000);
    for (const a of round(T0 + 300_000, 600_000_000_000)) f.dispatch(a);
    expect(metricValue((await get('/metrics')).body, 'l2top_network_locked_btc', '{network="lightning"}')).toBe(6000);
  });

  it('/api/v1/snapshot is the --json contract, for either metric; a bad metric is 400 with a JSON error', async () => {
    f = await serveFixture();
    for (const a of round(T0)) f.dispatch(a);
    const snap = JSON.parse((await get('/api/v1/snapshot')).body) as SnapshotV1;
    expect(snap).toMatchObject({ schemaVersion: 1, metric: 'btc-locked', unit: 'BTC', totalBtc: 8800, networksWithData: 2 });
    expect(snap.networks.map((n) => [n.id, n.btc])).toEqual([['lightning', 5000], ['liquid', 3800]]);
    expect(JSON.parse((await get('/api/v1/snapshot?metric=defi-tvl')).body)).toMatchObject({ schemaVersion: 1, metric: 'defi-tvl', unit: 'USD' });
    const bad = await get('/api/v1/snapshot?metric=sats');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toEqual({ error: 'metric: must be btc-locked or defi-tvl' });
  });

  it('/api/v1/window gives the series over the range in BTC, gaps as null, and refuses bad ranges', async () => {
    f = await serveFixture();
    for (const a of round(T0)) f.dispatch(a);
    f.dispatch(failed('mempool-lightning', T0 + 300_000));
    f.tick(T0 + 300_000);
    for (const a of round(T0 + 600_000, 501_000_000_000)) f.dispatch(a);
    const w = JSON.parse((await get('/api/v1/window?range=24h&metric=btc-locked')).body) as {
      schemaVersion: number; metric: string; unit: string; range: string; from: string; to: string; sample: boolean;
      networks: { id: string; name: string; points: [number, number | null][] }[]; price: [number, number][];
    };
    expect(w).toMatchObject({ schemaVersion: 1, metric: 'btc-locked', unit: 'BTC', range: '24h', sample: false, to: new Date(T0 + 600_000).toISOString() });
    expect(w.from).toBe(new Date(T0 + 600_000 - 86_400_000).toISOString());
    const lightning = w.networks.find((n) => n.id === 'lightning');
    expect(lightning?.name).toBe('Lightning');
    expect(lightning?.points[0]).toEqual([T0, 5000]);
    expect(lightning?.points.at(-1)).toEqual([T0 + 600_000, 5010]);
    expect(lightning?.points.some(([, v]) => v === null)).toBe(true);
    expect(w.price.at(-1)).toEqual([T0 + 600_000, 100_000]);
    for (const q of ['range=1y', 'metric=tvl']) {
      const r = await get(`/api/v1/window?${q}`);
      expect(r.status).toBe(400);
      expect(JSON.parse(r.body)).toHaveProperty('error');
    }
    expect(JSON.parse((await get('/api/v1/window')).body)).toMatchObject({ range: '7d', metric: 'btc-locked' });
  });

  it('/api/v1/hub/state holds the records and the seq; /api/v1/hub/actions the actions after a seq, resync for history, 410 when too old', async () => {
    f = await serveFixture({ actionLogSize: 5 });
    for (const a of round(T0)) f.dispatch(a);
    const state = JSON.parse((await get('/api/v1/hub/state')).body) as { schemaVersion: number; instance: string; seq: number; records: { k: string }[]; priceSources: { id: string }[]; networks: { id: string }[] };
    expect(state).toMatchObject({ schemaVersion: 1, instance: 'test-instance', seq: 3, intervalMs: 300_000, sample: false, version: '0.0.0-test' });
    expect(state.networks.map((n) => n.id)).toEqual(['lightning', 'liquid']);
    expect(state.priceSources[0]?.id).toBe('mempool-price');
    expect(state.records.filter((r) => r.k === 'series').length).toBeGreaterThan(0);
    const after1 = JSON.parse((await get('/api/v1/hub/actions?after=1')).body) as { instance: string; seq: number; actions: { seq: number; action?: { type: string; sourceId: string }; resync?: true }[] };
    expect(after1.actions.map((a) => [a.seq, a.action?.sourceId])).toEqual([[2, 'liquid-pegs'], [3, 'mempool-price']]);
    f.dispatch({ type: 'feed/history', sourceId: 'mempool-lightning', outcome: { ok: true, at: T0, latencyMs: 10, readings: [] } });
    const after3 = JSON.parse((await get('/api/v1/hub/actions?after=3')).body) as typeof after1;
    expect(after3.actions).toEqual([{ seq: 4, resync: true }]);
    for (const a of round(T0 + 300_000)) f.dispatch(a);
    const gone = await get('/api/v1/hub/actions?after=1');
    expect(gone.status).toBe(410);
    expect(JSON.parse(gone.body).error).toMatch(/fetch \/api\/v1\/hub\/state again/);
    expect((await get('/api/v1/hub/actions?after=-1')).status).toBe(400);
  });
});
