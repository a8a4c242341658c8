// `l2top serve` and `l2top --hub` together, the real binary on both ends against the upstream simulator: a viewer
// shows what a direct run shows, 50 viewers at once cost the providers nothing, and text, CSV and the snapshot agree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SnapshotV1 } from '../../src/model/snapshot.js';
import { runBinary } from '../helpers/run-binary.js';
import { startServe, until, type ServeProcess } from '../helpers/serve-binary.js';
import { useSimulatedProviders } from '../helpers/simulated-providers.js';
import { openEvents, type SseClient } from '../helpers/sse.js';

// Serve polls every 5 minutes: after its first round and backfill it sends nothing during a test.
const sim = useSimulatedProviders('hub-serve', { pollInterval: '5m' });
let serve: ServeProcess;
const streams: SseClient[] = [];

/** Resolves once the simulator has had no request for a second (serve's round and backfill settled). */
async function quiet(): Promise<void> {
  let seen = -1;
  await until(async () => {
    const n = sim.up.requests.length;
    const still = n === seen;
    seen = n;
    await new Promise((r) => setTimeout(r, 1_000));
    return still && sim.up.requests.length === n;
  }, 30_000);
}

beforeAll(async () => {
  serve = await startServe(['--no-state', '--config', sim.config]);
  await until(async () => (await fetch(`${serve.url}/readyz`)).status === 200, 15_000);
  await until(async () => ((await (await fetch(`${serve.url}/api/v1/snapshot`)).json()) as SnapshotV1).networksWithData === 15, 15_000);
  await quiet();
});
afterAll(async () => {
  for (const s of streams.splice(0)) s.close();
  await serve.stop('SIGKILL');
});

const viaHub = (args: readonly string[]) => runBinary(['--hub', serve.url, ...args], { XDG_CONFIG_HOME: sim.dir }, 60_000);

/** Fields that are times (or durations) of this run's own requests: the only ones allowed to differ. */
const TIME_FIELDS = new Set(['generatedAt', 'updatedAt', 'dataAt', 'lastSuccessAt', 'latencyMs', 'nextAttemptAt', 'backfilledUntil', 'at']);

/**
 * The snapshot without its time fields. History keeps its dates, not its values: the simulator derives past days
 * from the time of the request (a backfill a few seconds later differs in the 7th decimal); changes are rounded.
 */
function timeless(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(timeless);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (TIME_FIELDS.has(k)) continue;
    if (k === 'history' && Array.isArray(v)) out[k] = v.map((p) => (p as { date: string }).date);
    else if (/^change/.test(k) && typeof v === 'number') out[k] = Math.round(v * 1e4) / 1e4;
    else out[k] = timeless(v);
  }
  return out;
}

describe('l2top serve with --hub viewers (both real binaries)', () => {
  it('--hub --once --json equals a direct --once --json in every figure and every source\'s status; only times differ', async () => {
    const [direct, viewed] = await Promise.all([
      runBinary(['--once', '--json', '--config', sim.config], { XDG_CONFIG_HOME: sim.dir }),
      viaHub(['--once', '--json']),
    ]);
    expect([direct.code, direct.stderr]).toEqual([0, '']);
    expect([viewed.code, viewed.stderr]).toEqual([0, '']);
    const a = JSON.parse(direct.stdout) as SnapshotV1;
    const b = JSON.parse(viewed.stdout) as SnapshotV1;
    expect(b.networksWithData).toBe(15);
    const figures = (s: SnapshotV1) => s.networks.map((n) => ({ id: n.id, btc: n.btc, tvlUsd: n.tvlUsd, share: n.share, source: n.source, stale: n.stale }));
    expect(figures(b)).toEqual(figures(a));
    expect([b.priceUsd, b.totalBtc, b.totalTvlUsd]).toEqual([a.priceUsd, a.totalBtc, a.totalTvlUsd]);
    // The hub's own row first, then serve's sources exactly as a direct run has them.
    expect(b.sources[0]).toMatchObject({ id: 'hub', provider: 'hub', role: 'relay', status: 'ok', error: null });
    expect(b.sources.slice(1).map((s) => [s.id, s.status])).toEqual(a.sources.map((s) => [s.id, s.status]));
    // Everything else too: a multi-network source lists the networks shown (not the 19 Bitcoin Layers covers), etc.
    expect(timeless({ ...b, sources: b.sources.slice(1) })).toEqual(timeless(a));
  });

  it('25 --hub --once --json viewers and 25 SSE clients at once cause no upstream request; each gets the data', async () => {
    await quiet();
    const before = sim.up.requests.length;
    const [runs, clients] = await Promise.all([
      Promise.all(Array.from({ length: 25 }, () => viaHub(['--once', '--json']))),
      Promise.all(Array.from({ length: 25 }, () => openEvents(`${serve.url}/api/v1/events?lastEventId=0`))),
    ]);
    streams.push(...clients);
    for (const r of runs) {
      expect([r.code, r.stderr]).toEqual([0, '']);
      const s = JSON.parse(r.stdout) as SnapshotV1;
      expect(s).toMatchObject({ schemaVersion: 1, networksWithData: 15 });
      expect(s.sources[0]).toMatchObject({ id: 'hub', status: 'ok' });
    }
    expect(new Set(runs.map((r) => JSON.stringify((JSON.parse(r.stdout) as SnapshotV1).networks.map((n) => [n.id, n.btc, n.share])))).size).toBe(1);
    // Every stream replays serve's first round (from the ring, Last-Event-ID 0).
    const rounds = await Promise.all(clients.map((c) => c.waitFor((e) => e.event === 'round')));
    for (const [i, e] of rounds.entries()) {
      expect([i, clients[i]?.status]).toEqual([i, 200]);
      expect(JSON.parse(e.data)).toMatchObject({ networksWithData: expect.any(Number) as number, totalBtc: expect.any(Number) as number });
    }
    const metrics = await (await fetch(`${serve.url}/metrics`)).text();
    expect(metrics).toMatch(/^l2top_sse_clients 25$/m);
    // The 50 viewers added nothing at the providers, not even a moment later.
    await new Promise((r) => setTimeout(r, 500));
    expect(sim.up.requests.length).toBe(before);
  }, 90_000);

  it('--hub --once (text) and export --csv --hub give the same figures as serve\'s /api/v1/snapshot', async () => {
    const [text, csv, snapBtc, snapTvl] = await Promise.all([
      viaHub(['--once']),
      runBinary(['export', '--csv', '--hub', serve.url], { XDG_CONFIG_HOME: sim.dir }),
      fetch(`${serve.url}/api/v1/snapshot`).then(async (r) => (await r.json()) as SnapshotV1),
      fetch(`${serve.url}/api/v1/snapshot?metric=defi-tvl`).then(async (r) => (await r.json()) as SnapshotV1),
    ]);
    expect([text.code, text.stderr]).toEqual([0, '']);
    expect([csv.code, csv.stderr]).toEqual([0, '']);
    // Text: one row per network, name, BTC to 8 decimals, share to 0.1 %, source, status.
    const rows = new Map([...text.stdout.matchAll(/^(\S.*?)\s+([\d,]+\.\d{8})\s+(\d+\.\d)%\s+\S+\s+\S+\s+(\S+)\s+(\S+)$/gm)].map((m) => [m[1], m.slice(2)]));
    expect(rows.size).toBe(15);
    for (const n of snapBtc.networks) {
      expect([n.name, rows.get(n.name)]).toEqual([n.name, [
        (n.btc ?? NaN).toLocaleString('en-US', { minimumFractionDigits: 8, maximumFractionDigits: 8 }), ((n.share ?? NaN) * 100).toFixed(1), n.source, 'ok',
      ]]);
    }
    expect(text.stdout).toMatch(new RegExp(`^TOTAL\\s+${(snapBtc.totalBtc ?? NaN).toLocaleString('en-US', { minimumFractionDigits: 8 }).replace(/[.]/g, '\\.')}$`, 'm'));
    expect(text.stdout).toContain(`BTC/USD $${(snapBtc.priceUsd ?? 0).toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
    // CSV: each network's newest live point in each metric is the value in use in the snapshot.
    const lines = csv.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('time,network,metric,value,unit,source,status');
    const newest = new Map<string, number>();
    for (const line of lines.slice(1)) {
      const [, network, metric, value, , , status] = line.split(',');
      if (status === 'live') newest.set(`${metric}:${network}`, Number(value));
    }
    const expected = new Map<string, number>();
    for (const n of snapBtc.networks) if (n.btc !== null) expected.set(`btc-locked:${n.id}`, n.btc);
    for (const n of snapTvl.networks) if (n.tvlUsd !== null) expected.set(`defi-tvl:${n.id}`, n.tvlUsd);
    expect(expected.size).toBeGreaterThan(15);
    expect(Object.fromEntries(newest)).toEqual(Object.fromEntries(expected));
  }, 60_000);
});
