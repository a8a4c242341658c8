// Fault matrix: the real pipeline (registry, store, undici, poller) against the simulator, one upstream misbehaving
// at a time; then Retry-After in real time, and config-file faults.
import { lookup } from 'node:dns/promises';
import fs from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import React from 'react';
import { render } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type KnownIds } from '../../src/config/load.js';
import { NETWORKS } from '../../src/feeds/networks.js';
import { PROVIDER_DEFAULTS } from '../../src/feeds/providers.js';
import { SOURCES } from '../../src/feeds/registry.js';
import { selectRows } from '../../src/model/selectors.js';
import type { State } from '../../src/model/state.js';
import type { Store } from '../../src/model/store.js';
import { App } from '../../src/ui/App.js';
import { DEFAULT_VALUES, startUpstream, type Upstream } from '../helpers/upstream.js';
import { expectKept, expectOthersOk, expectRecovered, sourceRow, UNSAFE } from './checks.js';
import { createPipeline, registrySources, type Pipeline } from './pipeline.js';
import { KNOWN_BUGS, SCENARIOS, SOURCE_OF, type Scenario } from './scenarios.js';

const MIB = 1024 * 1024;
const INVALID_HOST = 'l2top-fault.invalid';
let up: Upstream;
let closedPort: number;
const crashes: unknown[] = [];
const onCrash = (e: unknown): void => {
  crashes.push(e);
};

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  process.on('unhandledRejection', onCrash);
  process.on('uncaughtException', onCrash);
  up = await startUpstream();
  closedPort = await freePort();
});
afterEach(() => {
  up.clear();
  up.set({ ...DEFAULT_VALUES });
});
afterAll(async () => {
  await up.close();
  await tick(10);
  process.off('unhandledRejection', onCrash);
  process.off('uncaughtException', onCrash);
  expect(crashes).toEqual([]);
});

function inject(p: Pipeline, s: Scenario, provider: string): void {
  const f = s.fault;
  if ('baseUrl' in f) {
    const host = f.baseUrl === 'closed-port' ? `127.0.0.1:${closedPort}` : INVALID_HOST;
    p.overrides.set(provider, `http://${host}/${provider}`);
  } else if ('values' in f) {
    up.set(f.values);
  } else {
    up.fault(s.endpoint, f);
  }
}

function restore(p: Pipeline): void {
  p.overrides.clear();
  up.clear();
  up.set({ ...DEFAULT_VALUES });
}

/** Renders the App on the store at 120x40 and returns the Shares and Sources frames. */
async function frames(store: Store): Promise<string[]> {
  const app = render(React.createElement(App, { store, size: { columns: 120, rows: 40 }, onQuit: () => undefined, onRefresh: () => undefined }));
  try {
    const shown: string[] = [app.lastFrame() ?? ''];
    app.stdin.write('3');
    await tick(50);
    shown.push(app.lastFrame() ?? '');
    return shown;
  } finally {
    app.unmount();
  }
}

async function runScenario(s: Scenario): Promise<void> {
  const sourceId = SOURCE_OF[s.endpoint];
  const meta = SOURCES.find((x) => x.id === sourceId);
  if (!sourceId || !meta) throw new Error(`no source for ${s.endpoint}`);
  // Retry-After scenarios run on a clock that the test moves past the provider's window before the recovery round.
  let skew = 0;
  const clock = { now: () => Date.now() + skew, setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout) };
  const p = createPipeline({ baseUrls: up.baseUrls, clock });
  try {
    await p.poller.runOnce({ history: false });
    const s1: State = p.store.getState();
    expectOthersOk(s1, s1, undefined);

    inject(p, s, meta.provider);
    const started = Date.now();
    await p.poller.runOnce({ history: false });
    const elapsed = Date.now() - started;
    const s2 = p.store.getState();
    const failed = sourceRow(s2, sourceId);
    expectOthersOk(s1, s2, sourceId);
    if (s.expect.status === 'ok') {
      expect(failed.status).toBe('ok');
      const r = selectRows(s2, 'btc-locked').find((x) => x.meta.id === meta.networks[0]);
      expect(r?.anomaly?.change).toBeCloseTo(s.expect.anomaly, 6);
      expect(r?.anomaly?.confirmedBy).toEqual(s.expect.confirmedBy);
      expect([r?.source?.id, r?.stale, r?.fallback]).toEqual([sourceId, false, false]);
    } else {
      expect({ status: failed.status, message: failed.error?.message }).toEqual({ status: s.expect.status, message: expect.stringMatching(s.expect.reason) });
      expect(failed.error?.kind === 'schema').toBe(s.expect.status === 'bad-data');
      if (s.expect.kind) expect(failed.error?.kind).toBe(s.expect.kind);
      expect(failed.error?.message).not.toMatch(UNSAFE);
      expect(failed.error?.message).not.toContain('\n');
      expect(failed.consecutiveFailures).toBe(1);
      expectKept(s1, s2, sourceId);
    }
    if (s.extra?.includes('retry-after')) {
      const h = s2.health[sourceId];
      expect((h?.nextAttemptAt ?? 0) - (h?.lastAttemptAt ?? 0)).toBeGreaterThanOrEqual(s.waitMs ?? 0);
    }
    // For the next two the reason already shows that the cap or the parse ended the request, not the 0.8 s timeout.
    if (s.extra?.includes('capped')) {
      // The client hung up after 1 MiB: back-pressure stopped the simulator long before 50 MB were written.
      expect(up.bytesSent(s.endpoint)).toBeLessThan(16 * MIB);
      expect(elapsed).toBeLessThan(800);
    }
    if (s.extra?.includes('no-gzip')) {
      // The client never asked for a compressed body, and did not inflate the one it got.
      const asked = up.requests.filter((r) => r.endpoint === s.endpoint).at(-1);
      expect(asked?.headers['accept-encoding']).toBeUndefined();
      expect(elapsed).toBeLessThan(800);
    }
    if (s.extra?.includes('render')) {
      const shown = await frames(p.store);
      expect(shown[1]).toContain(failed.error?.message.slice(0, 24));
      for (const frame of shown) {
        expect(frame).toContain('l2top');
        expect(frame).not.toMatch(UNSAFE);
        expect(frame).not.toContain('pwned');
      }
    }

    restore(p);
    if (s.extra?.includes('retry-after')) {
      // Inside the window nothing goes to the provider (any of its endpoints), even once it would answer again.
      const toProvider = () => up.requests.filter((r) => r.path.startsWith(`/${meta.provider}/`)).length;
      const sent = toProvider();
      await p.poller.runOnce({ history: false });
      expect(toProvider()).toBe(sent);
      expect(sourceRow(p.store.getState(), sourceId).error?.message).toMatch(new RegExp(`^not sent: ${meta.provider} asked to wait`));
      skew += s.waitMs ?? 0;
    }
    await p.poller.runOnce({ history: false });
    const s3 = p.store.getState();
    expectRecovered(s1, s3, sourceId);
    expectOthersOk(s1, s3, undefined);
  } finally {
    p.poller.stop();
  }
  await tick();
  expect(crashes).toEqual([]);
}

describe('preconditions', () => {
  it(`${INVALID_HOST} fails DNS resolution fast here`, async () => {
    const started = Date.now();
    const code = await lookup(INVALID_HOST).then(() => 'resolved', (e: { code?: string }) => e.code);
    expect(['ENOTFOUND', 'EAI_AGAIN']).toContain(code);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe(`fault matrix (${SCENARIOS.length} scenarios)`, () => {
  it.each(SCENARIOS.map((s) => [`${s.endpoint}: ${s.name}`, s] as const))('%s', async (_name, s) => {
    await runScenario(s);
  });

  // KNOWN BUG (see the report): the price and DeFi TVL schemas only ask for > 0 / >= 0, so 1e308 USD is taken as a
  // reading. Proposed fix: a plausibility ceiling for USD figures in src/feeds/*/schema.ts. Flip to it.each when fixed.
  it.each(KNOWN_BUGS.map((s) => [`${s.endpoint}: ${s.name}`, s] as const))('known bug, %s', async (_name, s) => {
    await runScenario(s);
  });

  it('a 429 Retry-After of 2 s is honoured exactly in real time: no request before it expires, one after', async () => {
    const sources = registrySources().filter((d) => d.fetch !== undefined).map(({ history: _h, ...d }) => d);
    const p = createPipeline({ baseUrls: up.baseUrls, sources, intervalMs: 1_000, timeoutMs: 800, random: () => 0 });
    up.fault('price', { ratelimit: 2 });
    const base = { price: up.hits('price'), coingecko: up.hits('coingecko'), log: up.requests.length };
    const priceAt = () => up.requests.slice(base.log).filter((r) => r.endpoint === 'price').map((r) => r.at);
    try {
      p.poller.start();
      await up.waitForHits('price', base.price + 2, 5_000);
      const [first = 0, second = 0] = priceAt();
      // Timestamps from the simulator's log, so a slow test process cannot blur "before" and "after".
      expect(priceAt().filter((t) => t < first + 2_000)).toHaveLength(1);
      expect(second - first).toBeGreaterThanOrEqual(2_000);
      expect(second - first).toBeLessThan(3_000);
      expect(sourceRow(p.store.getState(), 'mempool-price')).toMatchObject({ status: 'down', error: { kind: 'ratelimit', retryAfterMs: 2_000 } });
      // Meanwhile the other sources went on at their 1 s interval.
      expect(up.hits('coingecko') - base.coingecko).toBeGreaterThanOrEqual(2);
    } finally {
      p.poller.stop();
    }
  });
});

describe('config faults', () => {
  const known: KnownIds = { networks: NETWORKS.map((n) => n.id), providers: PROVIDER_DEFAULTS, sources: SOURCES.map((s) => s.id) };
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'l2top-faults-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['invalid JSON', '{"pollInterval": "5m",,}', /invalid JSON/],
    ['an unknown key', '{"pollInterval": "5m", "tolerence": 0.05}', /^ {2}tolerence: unknown key$/m],
    ['an unknown nested key', '{"alerts": {"bell": true, "sound": "beep"}}', /^ {2}alerts\.sound: unknown key$/m],
    ['a wrong type', '{"timeoutMs": "15s"}', /^ {2}timeoutMs: .*expected number, received string/m],
    ['a wrong type in a rule', '{"alerts": {"rules": [{"type": "level", "network": "liquid", "below": "3500"}]}}', /^ {2}alerts\.rules\[0\]\.below: .*expected number, received string/m],
    ['a wrong type for providers', '{"providers": {"mempool": "http://127.0.0.1:1"}}', /^ {2}providers\.mempool: .*expected object, received string/m],
  ])('%s: an error naming the file and the key, exit code 2, the file untouched', (_name, text, pattern) => {
    const file = path.join(dir, `${_name.replace(/\W+/g, '-')}.json`);
    fs.writeFileSync(file, text);
    const mtime = fs.statSync(file).mtimeMs;
    const r = loadConfig(['--config', file], { HOME: dir }, known);
    expect(r.kind).toBe('error');
    if (r.kind !== 'error') return;
    expect(r.exitCode).toBe(2);
    expect(r.message).toContain(file);
    expect(r.message).toMatch(pattern);
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
  });

  it('a config directory that cannot exist (XDG_CONFIG_HOME is a regular file): defaults, no crash, nothing written', () => {
    const blocker = path.join(dir, 'not-a-dir');
    fs.writeFileSync(blocker, 'just a file\n');
    const mtime = fs.statSync(blocker).mtimeMs;
    const before = fs.readdirSync(dir).sort();
    const r = loadConfig([], { XDG_CONFIG_HOME: blocker, HOME: dir }, known);
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.config).toMatchObject({ intervalMs: 300_000, timeoutMs: 15_000, networks: known.networks, configPath: undefined, alertRules: [] });
    expect(fs.readFileSync(blocker, 'utf8')).toBe('just a file\n');
    expect(fs.statSync(blocker).mtimeMs).toBe(mtime);
    expect(fs.readdirSync(dir).sort()).toEqual(before);
  });

  it('a config path that is a directory: an error naming it, exit code 2, no crash', () => {
    const sub = path.join(dir, 'config-dir.json');
    fs.mkdirSync(sub);
    const r = loadConfig(['--config', sub], { HOME: dir }, known);
    expect(r).toMatchObject({ kind: 'error', exitCode: 2, message: expect.stringContaining(sub) });
    expect(fs.readdirSync(sub)).toEqual([]);
  });
});
