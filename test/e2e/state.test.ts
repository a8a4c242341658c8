// The real binary with a state directory, against the simulated providers: what one run saw, the next one remembers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { networksAndSources } from '../../src/commands/networks.js';
import { DEFAULT_NETWORKS, PRICE_SOURCES } from '../../src/feeds/networks.js';
import { metaOf } from '../../src/feeds/source.js';
import type { SnapshotV1 } from '../../src/model/snapshot.js';
import { initialState } from '../../src/model/state.js';
import { createStore } from '../../src/model/store.js';
import { startPersistence } from '../../src/state/persist.js';
import { runBinary } from '../helpers/run-binary.js';
import { DEFAULT_VALUES, startUpstream, type Upstream } from '../helpers/upstream.js';

const HOUR = 3_600_000;
let up: Upstream;
let dir: string;
let config: string;

beforeAll(async () => {
  up = await startUpstream();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'l2top-e2e-state-'));
  config = up.writeConfig(dir, { timeoutMs: 1500, alerts: { rules: [{ type: 'level', network: 'liquid', below: 3500 }] } });
});
afterEach(() => {
  up.clear();
  up.set({ ...DEFAULT_VALUES });
});
afterAll(async () => {
  await up.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

let count = 0;
const stateDir = () => path.join(dir, `state-${++count}`);
async function once(state: string | undefined): Promise<{ snap: SnapshotV1; stderr: string }> {
  const r = await runBinary(['--once', '--json', '--config', config, ...(state === undefined ? ['--no-state'] : ['--state-dir', state])], { XDG_CONFIG_HOME: dir });
  if (r.stdout === '') throw new Error(`l2top exited ${r.code}: ${r.stderr}`);
  return { snap: JSON.parse(r.stdout) as SnapshotV1, stderr: r.stderr };
}
const net = (snap: SnapshotV1, id: string) => snap.networks.find((n) => n.id === id);

describe('--once --json with --state-dir', () => {
  it('a second run remembers values (marked stale with their time), the alert state and fired alerts; --no-state does not', async () => {
    const state = stateDir();
    up.set({ citreaSats: 31_234_567_890, liquidSats: 371_234_567_890 });
    const first = await once(state);
    expect(net(first.snap, 'citrea')).toMatchObject({ btc: 312.3456789, stale: false });
    expect(first.snap.alerts).toEqual([]);
    expect(fs.readdirSync(path.join(state, 'journal')).some((f) => f.startsWith('segment-'))).toBe(true);

    // Citrea's only source is down now, and Liquid fell under the 3,500 BTC level.
    up.fault('citrea', { status: 500 });
    up.set({ liquidSats: 340_000_000_000 });
    const second = await once(state);
    expect(net(second.snap, 'citrea')).toMatchObject({ btc: 312.3456789, stale: true, source: 'citrea-bridge', updatedAt: net(first.snap, 'citrea')?.updatedAt });
    // The first run armed the level rule; remembered, the crossing fires in the second run.
    expect(second.snap.alerts.map((a) => a.subject)).toEqual(['Liquid']);

    const third = await once(state);
    expect(third.snap.alerts).toEqual(second.snap.alerts); // back from disk, and not fired again in the same episode

    const without = await once(undefined);
    expect(net(without.snap, 'citrea')).toMatchObject({ btc: null });
    expect(without.snap.alerts).toEqual([]);
  });

  it('the 24 h change is there from the first round once the state holds 24 h, with the upstream history down', async () => {
    const state = stateDir();
    const now = Date.now();
    const { networks, sources } = networksAndSources({ networks: DEFAULT_NETWORKS.map((n) => n.id), customFeeds: [] });
    const store = createStore(initialState({ now: now - 25 * HOUR, intervalMs: 300_000, windowMs: 90 * 24 * HOUR, demo: false, networks, sources: sources.map(metaOf), priceSources: PRICE_SOURCES }));
    const p = startPersistence({ dir: state, store, now: () => now - 25 * HOUR });
    for (const [t, sats] of [[now - 25 * HOUR, 480_000_000_000], [now - 2 * HOUR, 487_000_000_000]] as const) {
      store.dispatch({ type: 'feed/outcome', sourceId: 'mempool-lightning', nextAttemptAt: t + 300_000, outcome: { ok: true, at: t, latencyMs: 50, readings: [{ kind: 'btc-locked', network: 'lightning', sats }] } });
    }
    p.close();
    up.fault('lightning-history', { status: 500 });
    const { snap } = await once(state);
    expect(net(snap, 'lightning')?.btc).toBe(4876.54321012);
    // The reference 24 h ago lies between the remembered points 25 h and 2 h ago: interpolated, 1/23 of the way.
    const ref = 480_000_000_000 + (7_000_000_000 * 1) / 23;
    expect(net(snap, 'lightning')?.change24h).toBeCloseTo((487_654_321_012 - ref) / ref, 4);
    const { snap: cold } = await once(undefined);
    expect(net(cold, 'lightning')?.change24h).toBeNull();
  });
});
