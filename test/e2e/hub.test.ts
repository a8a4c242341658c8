// The real binary with --hub against a fake hub (test/helpers/fake-hub.ts) whose store polls the simulator:
// the same figures as a direct run, the hub down, garbage, tokens and credentials, export, bad flags.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SnapshotV1 } from '../../src/model/snapshot.js';
import { startFakeHub, type FakeHub } from '../helpers/fake-hub.js';
import { runBinary } from '../helpers/run-binary.js';
import { useSimulatedProviders } from '../helpers/simulated-providers.js';

const sim = useSimulatedProviders('hub', { timeoutMs: 1500 });
let hub: FakeHub;
beforeAll(async () => {
  hub = await startFakeHub({ baseUrls: sim.up.baseUrls, token: 'tok-3f9a1c' });
  await hub.round(true);
});
afterEach(() => {
  for (const p of ['/api/v1/hub/state', '/api/v1/hub/actions', '/api/v1/events'] as const) hub.fault(p, undefined);
});
afterAll(async () => {
  await hub.close();
});

const tokenFile = (text = 'tok-3f9a1c\n') => {
  const file = path.join(sim.dir, 'token');
  fs.writeFileSync(file, text);
  return file;
};
const env = () => ({ XDG_CONFIG_HOME: sim.dir });
const viaHub = (args: string[], url = hub.url) => runBinary(['--hub', url, '--token-file', tokenFile(), ...args], env());
/** The figures that must agree: per network value in both metrics, share, source, stale. */
const figures = (s: SnapshotV1) => s.networks.map((n) => ({ id: n.id, btc: n.btc, tvlUsd: n.tvlUsd, share: n.share, source: n.source, stale: n.stale }));

describe('--hub with the real binary', () => {
  it('--once --json through the hub gives the same value, share and source for every network as a direct run', async () => {
    const direct = await runBinary(['--once', '--json', '--config', sim.config], env());
    const viewed = await viaHub(['--once', '--json']);
    expect(viewed.code).toBe(0);
    const a = JSON.parse(direct.stdout) as SnapshotV1;
    const b = JSON.parse(viewed.stdout) as SnapshotV1;
    expect(figures(b)).toEqual(figures(a));
    expect(b.networks.filter((n) => n.btc !== null)).toHaveLength(15);
    expect(b.priceUsd).toBe(a.priceUsd);
    expect(b.totalBtc).toBe(a.totalBtc);
    // The hub's row first, then the hub's own sources with their health.
    expect(b.sources[0]).toMatchObject({ id: 'hub', provider: 'hub', status: 'ok', error: null });
    expect(b.sources.slice(1).map((s) => [s.id, s.status])).toEqual(a.sources.map((s) => [s.id, s.status]));
    // The token went to the hub; nothing went to the providers from the viewer.
    expect(hub.requests.at(-1)?.authorization).toBe('Bearer tok-3f9a1c');
  });

  it('--once (plain text) and export --csv read from the hub', async () => {
    const text = await viaHub(['--once']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Lightning\s+4,876\.54321012\s+\d+\.\d%/m);
    const csv = await runBinary(['export', '--csv', '--hub', hub.url, '--token-file', tokenFile()], env());
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('time,network,metric,value,unit,source,status');
    const points = Object.values(hub.store.getState().series['btc-locked']).reduce((n, s) => n + s.length, 0)
      + Object.values(hub.store.getState().series['defi-tvl']).reduce((n, s) => n + s.length, 0);
    expect(lines.length - 1).toBe(points);
    expect(csv.stdout).toMatch(/,lightning,btc-locked,4876\.54321012,BTC,mempool-lightning,live\r\n/);
  });

  it('a hub that is down: exit 1 and the reason names the hub, without credentials, query or token', async () => {
    const dead = await startFakeHub({ baseUrls: sim.up.baseUrls });
    const port = new URL(dead.url).port;
    await dead.close();
    const r = await viaHub(['--once', '--json'], `http://alice:pw-s3cret@127.0.0.1:${port}/?key=q-s3cret`);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`hub: down (hub http://127.0.0.1:${port} unreachable: connection refused)`);
    const snap = JSON.parse(r.stdout) as SnapshotV1;
    expect(snap.sources[0]).toMatchObject({ id: 'hub', status: 'down', error: 'connection refused', errorKind: 'network' });
    expect(snap.networks.every((n) => n.btc === null)).toBe(true);
    for (const secret of ['pw-s3cret', 'q-s3cret', 'tok-3f9a1c', 'alice']) expect(r.stdout + r.stderr).not.toContain(secret);
  });

  it('the URL\'s user:password becomes basic auth (the token wins when both are given); a wrong token is a 401 on the hub row', async () => {
    const basic = await runBinary(['--once', '--json', '--hub', hub.url.replace('//', '//alice:pw-s3cret@')], env());
    expect(hub.requests.at(-1)?.authorization).toBe(`Basic ${Buffer.from('alice:pw-s3cret').toString('base64')}`);
    expect(basic.code).toBe(1);
    const snap = JSON.parse(basic.stdout) as SnapshotV1;
    expect(snap.sources[0]).toMatchObject({ id: 'hub', status: 'down', error: 'HTTP 401 Unauthorized' });
    expect(basic.stderr).toContain(`hub: down (hub ${hub.url}: HTTP 401 Unauthorized)`);
    expect(basic.stdout + basic.stderr).not.toContain('s3cret');
  });

  it('garbage and oversized answers make the hub row bad-data, never a crash', async () => {
    hub.fault('/api/v1/hub/state', { raw: '{"schemaVersion":1,"instance":' });
    const garbage = await viaHub(['--once', '--json']);
    expect(garbage.code).toBe(1);
    expect((JSON.parse(garbage.stdout) as SnapshotV1).sources[0]).toMatchObject({ status: 'bad-data', error: 'not JSON (application/json)' });
    hub.fault('/api/v1/hub/state', { json: { schemaVersion: 1, instance: 'x', seq: 0, networks: [{ id: '\u001b[31mevil' }] } });
    const drifted = await viaHub(['--once', '--json']);
    expect((JSON.parse(drifted.stdout) as SnapshotV1).sources[0]?.error).toMatch(/^bad data at /);
    expect(drifted.stdout).not.toContain('\u001b');
  });

  it('flag errors name the flag and exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--hub', 'ftp://127.0.0.1:9464'], /^l2top: --hub: must be an http or https URL, not ftp:$/m],
      [['--hub', 'not a url'], /^l2top: --hub: not a URL/m],
      [['--hub', 'http://127.0.0.1:1', '--token-file', path.join(sim.dir, 'missing')], /^l2top: --token-file .*missing: cannot read \(ENOENT\)$/m],
      [['--token-file', tokenFile()], /^l2top: --token-file needs --hub URL$/m],
      [['--hub', 'http://127.0.0.1:1', '--demo'], /^l2top: --hub cannot be combined with --demo/m],
      [['--hub', 'http://127.0.0.1:1', '--token-file', tokenFile('two words\n')], /printable ASCII without spaces/],
    ];
    for (const [args, message] of cases) {
      const r = await runBinary(['--once', ...args], env());
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toContain('two words');
    }
  });
});
