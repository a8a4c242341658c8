// The real binary against providers simulated on 127.0.0.1 through providers.*.baseUrl, no terminal.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_VALUES } from '../helpers/upstream.js';
import { useSimulatedProviders } from '../helpers/simulated-providers.js';
import { runBinary } from '../helpers/run-binary.js';
import type { SnapshotV1 } from '../../src/model/snapshot.js';

const DAY = 86_400_000;
const sim = useSimulatedProviders('e2e', { timeoutMs: 1500 });
afterEach(() => {
  sim.up.clear();
  sim.up.set({ ...DEFAULT_VALUES, lightningHistory: undefined, esploraLiquidSats: undefined, layersBtc: undefined, hiroMetadataSats: undefined, rootstockExplorerSats: undefined });
});
const env = () => ({ XDG_CONFIG_HOME: sim.dir });
/** A fresh sub-directory for a config of its own (writeConfig writes <dir>/config.json). */
const sub = (name: string) => fs.mkdirSync(path.join(sim.dir, name), { recursive: true }) ?? path.join(sim.dir, name);

async function snapshot(args: string[] = [], cfg = sim.config): Promise<{ snap: SnapshotV1; code: number | null; stderr: string }> {
  const r = await runBinary(['--once', '--json', '--config', cfg, ...args], env());
  if (r.code !== 0 && r.stdout === '') throw new Error(`l2top exited ${r.code}: ${r.stderr}`);
  return { snap: JSON.parse(r.stdout) as SnapshotV1, code: r.code, stderr: r.stderr };
}
const net = (snap: SnapshotV1, id: string) => snap.networks.find((n) => n.id === id);
const src = (snap: SnapshotV1, id: string) => snap.sources.find((s) => s.id === id);

describe('--once --json against simulated providers', () => {
  it('reports each network exactly as its primary serves it (1e-8 BTC), shares summing to 1, and the USD price', async () => {
    sim.up.set({ lightningSats: 487_654_321_012, liquidSats: 371_234_567_891, rootstockSats: 321_987_654_321, stacksSats: 1, citreaSats: 31_234_567_890, priceUsd: 97_284 });
    const { snap, code } = await snapshot();
    expect(code).toBe(0);
    expect(snap).toMatchObject({ schemaVersion: 1, metric: 'btc-locked', sample: false, priceUsd: 97_284, priceSource: 'mempool-price' });
    expect(snap.networks).toHaveLength(15);
    expect(Object.fromEntries(['lightning', 'liquid', 'rootstock', 'stacks', 'citrea', 'merlin'].map((id) => [id, [net(snap, id)?.btc, net(snap, id)?.source]]))).toEqual({
      lightning: [4876.54321012, 'mempool-lightning'],
      liquid: [3712.34567891, 'liquid-pegs'],
      rootstock: [3219.87654321, 'rootstock-bridge'],
      stacks: [0.00000001, 'hiro-sbtc'],
      citrea: [312.3456789, 'citrea-bridge'],
      merlin: [2104.56789012, 'bitcoinlayers-current'],
    });
    expect(snap.networks.reduce((a, n) => a + (n.share ?? 0), 0)).toBeCloseTo(1, 12);
    expect(snap.networks.every((n) => !n.stale && !n.fallback && n.source !== null)).toBe(true);
    expect(snap.sources.filter((s) => s.status !== 'ok')).toEqual([]);
    expect(sim.up.requests.every((r) => /^l2top\/\d+\.\d+\.\d+/.test(String(r.headers['user-agent'])))).toBe(true);
  });

  it('with a primary failing the next source gives the value and the JSON names it', async () => {
    sim.up.fault('lightning', { status: 500 });
    sim.up.fault('liquid', { hang: true });
    sim.up.fault('stacks', { body: '<html><body>502 Bad Gateway</body></html>', contentType: 'text/html' });
    const started = Date.now();
    const { snap, code } = await snapshot();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(code).toBe(0);
    expect(src(snap, 'mempool-lightning')).toMatchObject({ status: 'down', errorKind: 'http' });
    expect(src(snap, 'liquid-pegs')).toMatchObject({ status: 'down', errorKind: 'timeout' });
    expect(src(snap, 'liquid-pegs')?.error).toMatch(/no answer within/);
    expect(src(snap, 'hiro-sbtc')).toMatchObject({ status: 'bad-data', errorKind: 'schema' });
    // Bitcoin Layers' Lightning figure is another methodology (1ML), never a fallback for mempool's.
    expect(net(snap, 'lightning')).toMatchObject({ source: null, btc: null, error: 'HTTP 500 Internal Server Error' });
    expect(net(snap, 'liquid')).toMatchObject({ source: 'esplora-liquid-supply', fallback: true, btc: DEFAULT_VALUES.liquidSats / 1e8 });
    expect(net(snap, 'stacks')).toMatchObject({ source: 'hiro-sbtc-metadata', fallback: true });
  });

  it('a network with every source failing shows no value and the reason; the others still report', async () => {
    for (const e of ['liquid', 'esplora-supply', 'layers-current'] as const) sim.up.fault(e, { status: 503 });
    const { snap, code } = await snapshot();
    expect(code).toBe(0);
    expect(net(snap, 'liquid')).toMatchObject({ btc: null, share: null });
    expect(net(snap, 'liquid')?.error).toMatch(/HTTP 503/);
    expect(net(snap, 'rootstock')?.btc).toBe(DEFAULT_VALUES.rootstockSats / 1e8);
  });

  it('two fresh sources 5% apart flag the row "sources disagree"', async () => {
    sim.up.set({ esploraLiquidSats: Math.round(DEFAULT_VALUES.liquidSats * 1.05) });
    const { snap } = await snapshot();
    expect(net(snap, 'liquid')?.sourcesDisagree).toBe(true);
    expect(net(snap, 'liquid')?.otherSources.find((o) => o.source === 'esplora-liquid-supply')?.diff).toBeCloseTo(0.05, 6);
    expect(net(snap, 'rootstock')?.sourcesDisagree).toBe(false);
  });

  it('carries 90 days of history taken from the history endpoints right after start', async () => {
    const { snap } = await snapshot();
    const days = (id: string) => net(snap, id)?.history.length ?? 0;
    expect(days('lightning')).toBeGreaterThanOrEqual(89);
    // Rootstock's history is its own bridge balance at past blocks: 1, 2, 3, 5, 7, 14, 30, 60 and 89 days back.
    expect(days('rootstock')).toBeGreaterThanOrEqual(9);
    expect(Date.now() - Date.parse(net(snap, 'rootstock')?.history[0]?.date ?? '')).toBeGreaterThan(88 * DAY);
    expect(days('merlin')).toBeGreaterThanOrEqual(89);
    expect(net(snap, 'lightning')?.backfilledUntil).not.toBeNull();
    expect(src(snap, 'bitcoinlayers-history')?.historyPoints).toBeGreaterThan(800); // 10 networks x 90 days
    const first = net(snap, 'lightning')?.history[0]?.date ?? '';
    expect(Date.now() - Date.parse(first)).toBeGreaterThan(88 * DAY);
  });

  it('--metric defi-tvl: shares recompute over DefiLlama chains, with their history', async () => {
    const { snap } = await snapshot(['--metric', 'defi-tvl']);
    expect(snap).toMatchObject({ metric: 'defi-tvl', unit: 'USD' });
    expect(net(snap, 'stacks')).toMatchObject({ tvlUsd: 95_123_456.78, source: 'defillama-chains' });
    expect(net(snap, 'lightning')).toMatchObject({ tvlUsd: null, share: null });
    const tracked = snap.networks.filter((n) => n.tvlUsd !== null);
    const total = tracked.reduce((a, n) => a + (n.tvlUsd ?? 0), 0);
    expect(net(snap, 'stacks')?.share).toBeCloseTo(95_123_456.78 / total, 9);
    expect(tracked.reduce((a, n) => a + (n.share ?? 0), 0)).toBeCloseTo(1, 12);
    expect(net(snap, 'stacks')?.history.length).toBeGreaterThanOrEqual(89);
  });

  it('a +60% jump is flagged as an anomaly (no like-for-like second source to confirm it), and a share-move rule fires', async () => {
    const old = DEFAULT_VALUES.lightningSats;
    const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
    sim.up.set({
      lightningSats: Math.round(old * 1.6),
      lightningHistory: Array.from({ length: 91 }, (_, k) => ({ atMs: today - k * DAY, sats: old, channels: 50_000, nodes: 15_000 })),
    });
    const cfg = sim.up.writeConfig(sub('alerts'), { timeoutMs: 1500, alerts: { rules: [{ type: 'share-move', network: 'lightning', pp: 3, window: '24h' }] } });
    const { snap } = await snapshot([], cfg);
    const ln = net(snap, 'lightning');
    expect(ln?.anomaly?.change).toBeCloseTo(0.6, 6);
    expect(ln?.anomaly?.confirmedBy).toEqual([]);
    expect(snap.alerts).toHaveLength(1);
    expect(snap.alerts[0]).toMatchObject({ rule: 0, subject: 'Lightning' });
    expect(snap.alerts[0]?.message).toMatch(/Lightning share .* -> .* \(\+\d+\.\d\d pp\)/);
  });

  it('a custom feed from config shows as a network with its share and health', async () => {
    const cfg = sim.up.writeConfig(sub('custom'), {
      timeoutMs: 1500,
      customFeeds: [{ id: 'mirror', name: 'Mirror', url: `${sim.up.baseUrls.mempool}/api/v1/lightning/statistics/latest`, pointer: '/latest/total_capacity', unit: 'sats' }],
    });
    const { snap } = await snapshot([], cfg);
    expect(net(snap, 'mirror')).toMatchObject({ name: 'Mirror', btc: DEFAULT_VALUES.lightningSats / 1e8, source: 'custom-mirror', stale: false });
    expect(net(snap, 'mirror')?.share).toBeGreaterThan(0);
    expect(src(snap, 'custom-mirror')).toMatchObject({ status: 'ok', provider: 'custom' });
  });

  it('the plain-text table and piped stdout (no flags) behave as --once', async () => {
    const r = await runBinary(['--config', sim.config], env());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^l2top: BTC locked on Bitcoin L2s \(metric: btc-locked\)\n/);
    expect(r.stdout).toMatch(/Lightning\s+4,876\.54321012\s+\d+\.\d%/);
    expect(r.stdout).toMatch(/% of all bitcoin is on the tracked L2s \(block \d+\)/);
    expect(r.stdout).not.toMatch(/\u001B/);
    expect(r.stdout).not.toContain('SAMPLE');
  });

  it('exits non-zero with reasons on stderr when no network had data', async () => {
    const dead = path.join(sim.dir, 'dead.json');
    fs.writeFileSync(dead, JSON.stringify({ timeoutMs: 1000, providers: Object.fromEntries(Object.keys(sim.up.baseUrls).map((p) => [p, { baseUrl: 'http://127.0.0.1:9' }])) }));
    const r = await runBinary(['--once', '--config', dead], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no network had data');
    expect(r.stderr).toMatch(/mempool-lightning: down \(connection refused/);
    expect(r.stderr).toContain('--demo');
  });

  it('an invalid config file: exit 2, the file and key named, the file untouched', async () => {
    const bad = path.join(sim.dir, 'bad.json');
    const text = '{ "pollInterval": "often", "providers": { "mempool": { "baseUrl": "http://127.0.0.1:9" } } }';
    fs.writeFileSync(bad, text);
    const r = await runBinary(['--json', '--config', bad], env());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(bad);
    expect(r.stderr).toContain('pollInterval');
    expect(r.stdout).toBe('');
    expect(fs.readFileSync(bad, 'utf8')).toBe(text);
  });

  it('--demo --json is labelled as sample data, needs no network and fills every network', async () => {
    const r = await runBinary(['--demo', '--json'], env());
    expect(r.code).toBe(0);
    const snap = JSON.parse(r.stdout) as SnapshotV1;
    expect(snap.sample).toBe(true);
    expect(snap.networks.every((n) => typeof n.btc === 'number' && n.btc > 0)).toBe(true);
    expect(snap.sources.filter((s) => s.status !== 'ok').map((s) => s.id)).toEqual([]);
  });
});
