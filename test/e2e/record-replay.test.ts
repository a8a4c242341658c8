// --record then --replay with the simulator stopped: the same JSON snapshot, with no network, labelled REPLAY.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUpstream, type Upstream } from '../helpers/upstream.js';
import { runBinary } from '../helpers/run-binary.js';
import type { SnapshotV1 } from '../../src/model/snapshot.js';

let up: Upstream;
let dir: string;
let config: string;
const SECRET = 'k3y-0f-my-own-feed';

beforeAll(async () => {
  up = await startUpstream();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'l2top-rec-'));
});
afterAll(async () => {
  await up.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** The snapshot without generatedAt, latencies and the next attempt (a failing source's back-off has random jitter). */
function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(Object.entries(v).filter(([k]) => !['generatedAt', 'latencyMs', 'nextAttemptAt', 'replay'].includes(k)).map(([k, x]) => [k, strip(x)]));
}

/**
 * `replayed` with each time that is within 2 s of the same time in `live` set to it: a replay runs on the
 * recording's clock, give or take the scheduler's jitter (a few ms); upstream times (dataAt) are equal anyway.
 */
function align(replayed: unknown, live: unknown): unknown {
  if (typeof replayed === 'string' && typeof live === 'string' && ISO.test(replayed) && ISO.test(live)) {
    return Math.abs(Date.parse(replayed) - Date.parse(live)) <= 2_000 ? live : replayed;
  }
  if (Array.isArray(replayed) && Array.isArray(live)) return replayed.map((x, i) => align(x, live[i]));
  if (typeof replayed !== 'object' || replayed === null || typeof live !== 'object' || live === null) return replayed;
  return Object.fromEntries(Object.entries(replayed).map(([k, x]) => [k, align(x, (live as Record<string, unknown>)[k])]));
}

describe('--record and --replay', () => {
  it('a --once --json run replayed with the simulator stopped gives the same snapshot, faults included', async () => {
    // Faults too: an HTTP error, a hang (timeout), a body over the 1 MiB cap.
    up.fault('lightning', { status: 500 });
    up.fault('liquid', { hang: true });
    up.fault('stacks', { big: 2 * 1024 * 1024 });
    config = up.writeConfig(dir, {
      timeoutMs: 1500,
      customFeeds: [{ id: 'mine', name: 'Mine', url: `${up.baseUrls.mempool}/api/v1/prices?apikey=${SECRET}`, pointer: '/USD', unit: 'usd' }],
    });
    const rec = path.join(dir, 'run.ndjson');
    const live = await runBinary(['--once', '--json', '--config', config, '--record', rec], { XDG_CONFIG_HOME: dir });
    expect(live.code).toBe(0);
    const recorded = fs.readFileSync(rec, 'utf8');
    const lines = recorded.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ type: 'l2top-recording', version: 1, timeoutMs: 1500 });
    const exchanges = lines.slice(1);
    // Every request the simulator saw is in the file, as it happened.
    expect(exchanges.length).toBe(up.requests.length);
    expect(exchanges.find((e) => String(e['url']).includes('/lightning/statistics/latest'))).toMatchObject({ status: 500, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    expect(exchanges.find((e) => String(e['url']).endsWith('/api/v1/liquid/pegs'))).toMatchObject({ error: { aborted: true } });
    expect(exchanges.find((e) => e['truncated'] !== undefined)).toMatchObject({ status: 200, truncated: { cap: 1024 * 1024 } });
    expect(recorded).not.toContain(SECRET);
    expect(recorded).toContain('apikey=REDACTED');

    const requestsBefore = up.requests.length;
    await up.close();
    const started = Date.now();
    const replayed = await runBinary(['--once', '--json', '--config', config, '--replay', rec], { XDG_CONFIG_HOME: dir });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(replayed.code).toBe(0);
    expect(up.requests.length).toBe(requestsBefore);
    const a = JSON.parse(live.stdout) as SnapshotV1;
    const b = JSON.parse(replayed.stdout) as SnapshotV1;
    expect(a.replay).toBe(false);
    expect(b.replay).toBe(true);
    expect(strip(align(b, a))).toEqual(strip(a));
    expect(b.sources.find((s) => s.id === 'mempool-lightning')).toMatchObject({ status: 'down', error: 'HTTP 500 Internal Server Error' });
    expect(b.sources.find((s) => s.id === 'liquid-pegs')).toMatchObject({ status: 'down', errorKind: 'timeout' });
    expect(b.sources.find((s) => s.id === 'hiro-sbtc')?.error).toBe('response larger than 1 MiB');
    expect(replayed.stderr).toBe(live.stderr);

    const text = await runBinary(['--once', '--config', config, '--replay', rec], { XDG_CONFIG_HOME: dir });
    expect(text.stdout.split('\n')[0]).toContain('*** REPLAY of a recording, not live ***');
  }, 60_000);

  it('refuses a file that is not a recording, and --record with --replay', async () => {
    const bad = path.join(dir, 'bad.ndjson');
    fs.writeFileSync(bad, 'hello\n');
    const r = await runBinary(['--once', '--replay', bad], { XDG_CONFIG_HOME: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`l2top: --replay ${bad}: not an l2top recording`);
    const both = await runBinary(['--once', '--replay', bad, '--record', bad], { XDG_CONFIG_HOME: dir });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--record and --replay exclude each other');
  });
});
