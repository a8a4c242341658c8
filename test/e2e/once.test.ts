// The real binary against providers simulated on 127.0.0.1 through providers.*.baseUrl, no terminal.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startUpstream, type Upstream } from '../helpers/upstream.js';
import { runBinary } from '../helpers/run-binary.js';
import type { SnapshotV1 } from '../../src/model/snapshot.js';

let up: Upstream;
let dir: string;
let config: string;

beforeAll(async () => {
  up = await startUpstream();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'l2top-e2e-'));
  config = up.writeConfig(dir, { timeoutMs: 1500 });
});
afterEach(() => up.clear());
afterAll(async () => {
  await up.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ XDG_CONFIG_HOME: dir });

async function snapshot(): Promise<{ snap: SnapshotV1; code: number | null; stderr: string }> {
  const r = await runBinary(['--once', '--json', '--config', config], env());
  return { snap: JSON.parse(r.stdout) as SnapshotV1, code: r.code, stderr: r.stderr };
}

describe('--once --json against simulated providers', () => {
  it('reports each network exactly as served (1e-8 BTC), shares summing to 1, and the USD price', async () => {
    up.set({ lightningSats: 487_654_321_012, liquidSats: 371_234_567_891, rootstockSats: 321_987_654_321, stacksSats: 1, priceUsd: 97_284 });
    const { snap, code } = await snapshot();
    expect(code).toBe(0);
    expect(snap).toMatchObject({ schemaVersion: 1, metric: 'btc-locked', sample: false, priceUsd: 97_284 });
    const btc = Object.fromEntries(snap.networks.map((n) => [n.id, n.btc]));
    expect(btc).toEqual({ lightning: 4876.54321012, liquid: 3712.34567891, rootstock: 3219.87654321, stacks: 0.00000001 });
    expect(snap.networks.reduce((a, n) => a + (n.share ?? 0), 0)).toBeCloseTo(1, 12);
    expect(snap.networks.every((n) => n.stale === false && n.source !== null)).toBe(true);
    expect(snap.sources.filter((s) => s.status !== 'ok')).toEqual([]);
    // every request carried our User-Agent
    expect(up.requests.length).toBeGreaterThan(0);
    expect(up.requests.every((r) => /^l2top\/\d+\.\d+\.\d+/.test(String(r.headers['user-agent'])))).toBe(true);
  });

  it('500, a timeout and garbage show as down / down / bad-data with reasons; the others still report', async () => {
    up.fault('lightning', { status: 500 });
    up.fault('liquid', { hang: true });
    up.fault('stacks', { body: '<html><body>502 Bad Gateway</body></html>', contentType: 'text/html' });
    const started = Date.now();
    const { snap, code } = await snapshot();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(code).toBe(0);
    const src = Object.fromEntries(snap.sources.map((s) => [s.id, s]));
    expect(src['mempool-lightning']).toMatchObject({ status: 'down', errorKind: 'http' });
    expect(src['mempool-lightning']?.error).toMatch(/HTTP 500/);
    expect(src['liquid-pegs']).toMatchObject({ status: 'down', errorKind: 'timeout' });
    expect(src['liquid-pegs']?.error).toMatch(/no answer within/);
    expect(src['hiro-sbtc']).toMatchObject({ status: 'bad-data', errorKind: 'schema' });
    const nets = Object.fromEntries(snap.networks.map((n) => [n.id, n]));
    expect(nets.lightning).toMatchObject({ btc: null, share: null });
    expect(nets.lightning?.error).toMatch(/HTTP 500/);
    expect(nets.rootstock?.btc).toBe(3219.87654321);
    expect(nets.rootstock?.share).toBe(1);
  });

  it('the plain-text table and piped stdout (no flags) behave as --once', async () => {
    const r = await runBinary(['--config', config], env());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^l2top: BTC locked on Bitcoin L2s \(metric: btc-locked\)\n/);
    expect(r.stdout).toMatch(/Lightning\s+4,876\.54321012\s+\d+\.\d%/);
    expect(r.stdout).not.toMatch(/\u001B/);
    expect(r.stdout).not.toContain('SAMPLE');
  });

  it('exits non-zero with reasons on stderr when no network had data', async () => {
    const dead = path.join(dir, 'dead.json');
    fs.writeFileSync(dead, JSON.stringify({ timeoutMs: 1000, providers: Object.fromEntries(
      ['mempool', 'liquid', 'rootstock', 'hiro', 'bitcoinlayers'].map((p) => [p, { baseUrl: 'http://127.0.0.1:9' }])) }));
    const r = await runBinary(['--once', '--config', dead], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no network had data');
    expect(r.stderr).toMatch(/mempool-lightning: down \(connection refused/);
    expect(r.stderr).toContain('--demo');
  });

  it('an invalid config file: exit 2, the file and key named, the file untouched', async () => {
    const bad = path.join(dir, 'bad.json');
    const text = '{ "pollInterval": "often", "providers": { "mempool": { "baseUrl": "http://127.0.0.1:9" } } }';
    fs.writeFileSync(bad, text);
    const r = await runBinary(['--json', '--config', bad], env());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(bad);
    expect(r.stderr).toContain('pollInterval');
    expect(r.stdout).toBe('');
    expect(fs.readFileSync(bad, 'utf8')).toBe(text);
  });

  it('--demo --json is labelled as sample data and needs no network', async () => {
    const r = await runBinary(['--demo', '--json'], env());
    expect(r.code).toBe(0);
    const snap = JSON.parse(r.stdout) as SnapshotV1;
    expect(snap.sample).toBe(true);
    expect(snap.networks.every((n) => typeof n.btc === 'number' && n.btc > 0)).toBe(true);
  });
});
