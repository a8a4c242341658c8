// Issue 7 through the real binary against the local simulator: same-methodology 24 h changes, upstream
// staleness, implausible bridge answers and consensus, as `--once --json` reports them.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_VALUES } from '../helpers/upstream.js';
import { runBinary } from '../helpers/run-binary.js';
import { useSimulatedProviders } from '../helpers/simulated-providers.js';
import type { SnapshotV1 } from '../../src/model/snapshot.js';

const DAY = 86_400_000;
const sim = useSimulatedProviders('trust', { timeoutMs: 3000 });
afterEach(() => {
  sim.up.clear();
  sim.up.set({ ...DEFAULT_VALUES, lightningAddedMs: undefined, esploraLiquidSats: undefined, layersBtc: undefined, rootstockExplorerSats: undefined, rootstockLagMs: undefined });
});

async function snapshot(): Promise<SnapshotV1> {
  const r = await runBinary(['--once', '--json', '--config', sim.config], { XDG_CONFIG_HOME: sim.dir }, 40_000);
  if (r.stdout === '') throw new Error(`l2top exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as SnapshotV1;
}
const net = (snap: SnapshotV1, id: string) => {
  const n = snap.networks.find((x) => x.id === id);
  if (!n) throw new Error(`no network ${id}`);
  return n;
};

describe('--once --json: numbers a professional can trust', () => {
  it('gives a numeric change24h for every network, from its own primary\'s history, equal to the upstream\'s figures', async () => {
    const snap = await snapshot();
    // The simulator's chains, peg records and token rows all follow one curve: k days back, x (1 - k/2000).
    const curve = 1 / (1 - 1 / 2000) - 1;
    for (const id of ['rootstock', 'citrea', 'stacks']) expect(net(snap, id).change24h, id).toBeCloseTo(curve, 6);
    // Liquid: the supply now minus the peg records of the last 24 h, as liquid.network's own 24 h volume says.
    const volume = (await (await fetch(`${sim.up.baseUrls.liquid}/api/v1/liquid/pegs/volume`)).json()) as { volume: string | null }[];
    const net24 = volume.reduce((sum, v) => sum + Number(v.volume ?? 0), 0);
    const supply = DEFAULT_VALUES.liquidSats;
    expect(net(snap, 'liquid').change24h).toBeCloseTo(net24 / (supply - net24), 6);
    // Daily rows (mempool's Lightning stats, Bitcoin Layers' tokens): closed days, interpolated at now - 24 h.
    for (const id of ['lightning', 'merlin', 'bob', 'core', 'hemi']) expect(net(snap, id).change24h, id).toBeCloseTo(curve, 4);
    for (const n of snap.networks) if (n.btc !== null) expect(typeof n.change24h, n.id).toBe('number');
    expect(snap.networks.find((n) => n.id === 'starknet')).toBeUndefined(); // BTC on another chain: one config key away
    expect(net(snap, 'botanix').status).toMatchObject({ state: 'sunset', date: '2026-07-09' });
  });

  it('stats three days old are stale with their age, though mempool answered', async () => {
    sim.up.set({ lightningAddedMs: Date.now() - 3 * DAY });
    const snap = await snapshot();
    expect(net(snap, 'lightning')).toMatchObject({ stale: true, staleReason: expect.stringMatching(/^upstream data 2d old, expected within 1h$/) });
    expect(snap.sources.find((s) => s.id === 'mempool-lightning')).toMatchObject({ status: 'stale', staleReason: expect.stringMatching(/^upstream data 2d old/) });
  });

  it('a bridge balance of 0 is bad data with the reason, never 21,000,000 BTC; the explorer takes over', async () => {
    sim.up.set({ rootstockSats: 2_100_000_000_000_000, rootstockExplorerSats: DEFAULT_VALUES.rootstockSats });
    const snap = await snapshot();
    expect(snap.sources.find((s) => s.id === 'rootstock-bridge')).toMatchObject({
      status: 'bad-data', error: 'bad data at result: implausible: bridge balance 0 would mean 21,000,000 BTC released',
    });
    expect(net(snap, 'rootstock')).toMatchObject({ btc: DEFAULT_VALUES.rootstockSats / 1e8, source: 'rootstock-explorer', fallback: true });
    expect(snap.sector.shareOfSupply === null || snap.sector.shareOfSupply < 1).toBe(true);
  });

  it('a node an hour behind makes the bridge stale, and the explorer gives the number', async () => {
    sim.up.set({ rootstockLagMs: 3_600_000 });
    const snap = await snapshot();
    expect(snap.sources.find((s) => s.id === 'rootstock-bridge')).toMatchObject({ status: 'stale' });
    expect(net(snap, 'rootstock')).toMatchObject({ source: 'rootstock-explorer', stale: false });
  });

  it('a spiked primary against two agreeing sources is outvoted; a Lightning figure 12% apart (1ML) never disagrees', async () => {
    const liquid = DEFAULT_VALUES.liquidSats;
    const lightning = DEFAULT_VALUES.lightningSats;
    sim.up.set({ esploraLiquidSats: Math.round(liquid / 1.2), layersBtc: { Liquid: liquid / 1.2 / 1e8, Lightning: (lightning * 1.12) / 1e8, Merlin: 2104.5 } });
    const snap = await snapshot();
    expect(net(snap, 'liquid')).toMatchObject({ source: 'esplora-liquid-supply', outvoted: 'liquid-pegs', doubtful: false, btc: Math.round(liquid / 1.2) / 1e8 });
    expect(net(snap, 'lightning')).toMatchObject({ sourcesDisagree: false, doubtful: false, otherMethodology: [expect.objectContaining({ source: 'bitcoinlayers-current', diff: 0.12 })] });
    expect(snap.doubtful).toEqual([]);
  });
});
