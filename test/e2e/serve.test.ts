// `l2top serve`, the real binary against the upstream simulator: metrics equal the simulator's values and pass
// promtool, many readers cost the upstreams nothing, the token and the config's secrets stay private, bad flags exit 2.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LAYERS_SLUGS } from '../../src/feeds/demo/layers.js';
import type { SnapshotV1 } from '../../src/model/snapshot.js';
import { runBinary } from '../helpers/run-binary.js';
import { startServe, until, type ServeProcess } from '../helpers/serve-binary.js';
import { useSimulatedProviders } from '../helpers/simulated-providers.js';
import { openEvents, type SseClient } from '../helpers/sse.js';
import { layersBalances } from '../helpers/upstream.js';

const sim = useSimulatedProviders('serve', { pollInterval: '5m' });
const running: ServeProcess[] = [];
const streams: SseClient[] = [];
afterEach(async () => {
  for (const s of streams.splice(0)) s.close();
  for (const p of running.splice(0)) await p.stop('SIGKILL');
});

async function serve(args: readonly string[], env: Record<string, string> = {}): Promise<ServeProcess> {
  const p = await startServe(['--no-state', ...args], env);
  running.push(p);
  return p;
}

const ready = (url: string) => until(async () => (await fetch(`${url}/readyz`)).status === 200, 15_000);

function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

/** promtool on PATH, or undefined; with CI set its absence is a failure, not a skip. */
function promtool(): string | undefined {
  const r = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
  if (r.status === 0) return 'promtool';
  if (process.env.CI) throw new Error('promtool is required in CI (Debian package prometheus)');
  return undefined;
}

describe('l2top serve (binary)', () => {
  it('serves each network\'s BTC locked equal to the simulator\'s value; /metrics passes promtool check metrics; SIGTERM exits 0', async () => {
    const p = await serve(['--config', sim.config]);
    expect(p.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await ready(p.url);
    // Every network's value, from the simulator's own numbers.
    await until(async () => sample(await (await fetch(`${p.url}/metrics`)).text(), 'l2top_networks_with_data') === 15);
    const res = await fetch(`${p.url}/metrics`);
    const text = await res.text();
    const balances = layersBalances(sim.up.values);
    for (const [network, slug] of Object.entries(LAYERS_SLUGS)) {
      expect([network, sample(text, 'l2top_network_locked_btc', `{network="${network}"}`)]).toEqual([network, balances[slug]]);
    }
    expect(sample(text, 'l2top_btc_price_usd')).toBe(sim.up.values.priceUsd);
    expect(sample(text, 'l2top_network_locked_usd', '{network="liquid"}')).toBeCloseTo((sim.up.values.liquidSats / 1e8) * sim.up.values.priceUsd, 3);
    expect(sample(text, 'l2top_source_up', '{source="mempool-lightning",provider="mempool"}')).toBe(1);
    const snap = (await (await fetch(`${p.url}/api/v1/snapshot`)).json()) as SnapshotV1;
    expect(snap.networks.find((n) => n.id === 'lightning')?.btc).toBe(sim.up.values.lightningSats / 1e8);
    const tool = promtool();
    if (tool === undefined) {
      process.stderr.write('skipped promtool check metrics: promtool not installed (apt-get install prometheus); CI is not set\n');
    } else {
      const check = spawnSync(tool, ['check', 'metrics'], { input: text, encoding: 'utf8' });
      expect(`${check.stdout}${check.stderr}`).toBe('');
      expect(check.status).toBe(0);
    }
    expect(await p.stop('SIGTERM')).toBe(0);
    expect(p.stderr()).toBe('');
  });

  it('50 concurrent snapshot readers and 50 SSE clients cause no upstream request', async () => {
    const p = await serve(['--config', sim.config]);
    await ready(p.url);
    // Let the first round and the history backfill settle: no request for a second.
    let seen = -1;
    await until(async () => {
      const n = sim.up.requests.length;
      const quiet = n === seen;
      seen = n;
      await new Promise((r) => setTimeout(r, 1_000));
      return quiet && sim.up.requests.length === n;
    }, 30_000);
    const before = sim.up.requests.length;
    const clients = await Promise.all(Array.from({ length: 50 }, () => openEvents(`${p.url}/api/v1/events`)));
    streams.push(...clients);
    expect(clients.every((c) => c.status === 200)).toBe(true);
    const snaps = await Promise.all(Array.from({ length: 50 }, async () => (await (await fetch(`${p.url}/api/v1/snapshot`)).json()) as SnapshotV1));
    for (const s of snaps) expect(s).toMatchObject({ schemaVersion: 1, networksWithData: 15 });
    expect(new Set(snaps.map((s) => JSON.stringify(s))).size).toBe(1);
    expect(sample(await (await fetch(`${p.url}/metrics`)).text(), 'l2top_sse_clients')).toBe(50);
    expect(sim.up.requests.length).toBe(before);
  });

  it('with --token-file only /healthz and /readyz are open; the token and the config\'s secrets appear nowhere', async () => {
    const token = 'serve-token-abcdef0123456789';
    const headerSecret = 'custom-header-secret-value-77';
    const urlSecret = 'urltoken99887766';
    const tokenFile = path.join(sim.dir, 'token');
    fs.writeFileSync(tokenFile, `${token}\n`);
    const config = path.join(sim.dir, 'secret-config.json');
    const base = JSON.parse(fs.readFileSync(sim.config, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(config, JSON.stringify({
      ...base, networks: ['lightning', 'liquid', 'mybridge'],
      customFeeds: [{ id: 'mybridge', name: 'My bridge', url: `${sim.up.baseUrls.mempool}/nowhere?api_key=${urlSecret}`, pointer: '/btc', unit: 'btc', headers: { 'x-api-key': headerSecret } }],
    }));
    const p = await serve(['--config', config, '--token-file', tokenFile]);
    expect((await fetch(`${p.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${p.url}/healthz`)).status).toBe(200);
    const auth = { authorization: `Bearer ${token}` };
    await until(async () => (await fetch(`${p.url}/readyz`)).status === 200);
    const ev = await openEvents(`${p.url}/api/v1/events?lastEventId=0`, auth);
    streams.push(ev);
    await until(async () => {
      const snap = (await (await fetch(`${p.url}/api/v1/snapshot`, { headers: auth })).json()) as SnapshotV1;
      return snap.sources.find((s) => s.id === 'custom-mybridge')?.status === 'down';
    });
    const bodies = await Promise.all(['/metrics', '/api/v1/snapshot', '/api/v1/window?range=24h', '/api/v1/hub/state', '/api/v1/hub/actions?after=0'].map(async (u) => {
      const r = await fetch(`${p.url}${u}`, { headers: auth });
      expect([u, r.status]).toEqual([u, 200]);
      return r.text();
    }));
    const all = [...bodies, ...ev.events.map((e) => e.data), p.stdout(), p.stderr()].join('\n');
    expect(all).toContain('custom-mybridge');
    for (const secret of [token, headerSecret, urlSecret]) expect(all).not.toContain(secret);
    expect(all).toContain('api_key=REDACTED');
  });

  it('bad flags exit 2 naming the flag; --once does not apply; a public bind warns on stderr', async () => {
    const listen = await runBinary(['serve', '--listen', 'nope']);
    expect(listen.code).toBe(2);
    expect(listen.stderr).toMatch(/^l2top: serve: --listen nope: must be HOST:PORT/);
    const missing = await runBinary(['serve', '--token-file', '/nonexistent/token']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('l2top: serve: --token-file /nonexistent/token: ENOENT\n');
    const short = path.join(sim.dir, 'short-token');
    fs.writeFileSync(short, 'abc\n');
    const weak = await runBinary(['serve', '--token-file', short]);
    expect(weak.code).toBe(2);
    expect(weak.stderr).toMatch(/--token-file .*short-token: the first line must be a token of at least 16 characters/);
    const once = await runBinary(['serve', '--once', '--no-state']);
    expect(once.code).toBe(2);
    expect(once.stderr).toMatch(/--once, --json, --watch and --ndjson do not apply to serve/);
    const interval = await runBinary(['serve', '--interval', 'soon']);
    expect(interval.code).toBe(2);
    expect(interval.stderr).toMatch(/^l2top: serve: --interval soon/);
    const pub = await startServe(['--no-state', '--config', sim.config, '--listen', '0.0.0.0:0']);
    running.push(pub);
    await until(() => pub.stderr().includes('warning'));
    expect(pub.stderr()).toMatch(/^l2top serve: warning: listening on http:\/\/0\.0\.0\.0:\d+, reachable from other hosts and without a token/);
  });
});
