// A provider-wide Retry-After during a live run: the real pipeline (registry, store, undici, poller) against the
// simulator on 127.0.0.1, on a manual clock. No request reaches ANY endpoint of the provider inside the window.
import React from 'react';
import { renderToString } from 'ink';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/feeds/http.js';
import { selectSources } from '../../src/model/selectors.js';
import { toSnapshot } from '../../src/model/snapshot.js';
import type { State } from '../../src/model/state.js';
import type { Store } from '../../src/model/store.js';
import { formatClock } from '../../src/ui/render/format.js';
import { refreshNotice } from '../../src/ui/render/refresh-notice.js';
import { THEMES } from '../../src/ui/theme.js';
import { SourcesView } from '../../src/ui/views/SourcesView.js';
import { startUpstream, type Upstream, type UpstreamEndpoint } from '../helpers/upstream.js';
import { sourceRow } from './checks.js';
import { ManualClock } from './manual-clock.js';
import { createPipeline, registrySources, type Pipeline } from './pipeline.js';

const MIN = 60_000;
/** Every endpoint of mempool.space l2top uses: three live ones and two history ones. */
const MEMPOOL: readonly UpstreamEndpoint[] = ['price', 'lightning', 'tip-height', 'price-history', 'lightning-history'];
const MEMPOOL_LIVE = ['mempool-price', 'mempool-lightning', 'mempool-height'];

let clock: ManualClock;
let up: Upstream;
let p: Pipeline | undefined;

beforeAll(async () => {
  clock = new ManualClock(0);
  up = await startUpstream({ now: () => clock.now() });
});
afterEach(() => {
  p?.poller.stop();
  p = undefined;
  up.clear();
});
afterAll(async () => {
  await up.close();
});

/** Resolves once `done(state)` holds; the real requests take real (short) time while the manual clock stands still. */
function until(store: Store, done: (s: State) => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (done(store.getState())) return resolve();
    const guard = setTimeout(() => {
      stop();
      reject(new Error(`timed out waiting for ${what}`));
    }, 10_000);
    const stop = store.subscribe(() => {
      if (!done(store.getState())) return;
      clearTimeout(guard);
      stop();
      resolve();
    });
  });
}

const idle = (s: State): boolean => selectSources(s).every((r) => !r.inFlight);
const counts = (): Record<string, number> => Object.fromEntries(MEMPOOL.map((e) => [e, up.hits(e)]));
const historyDone = (s: State, provider: (p: string) => boolean): boolean =>
  s.sources.filter((m) => provider(m.provider) && registrySources().some((d) => d.id === m.id && d.history)).every((m) => s.health[m.id]?.history !== undefined);

function start(t0: number, random = (): number => 0.5): Pipeline {
  const manual = new ManualClock(t0);
  clock = manual;
  const http = createHttpClient({ userAgent: 'l2top/0.0.0-faults', socketTimeoutMs: 5_000, now: () => manual.now() });
  p = createPipeline({ baseUrls: up.baseUrls, intervalMs: MIN, timeoutMs: 5_000, clock: manual, random, now: t0, http });
  return p;
}

/**
 * Moves the manual clock to `to` and waits for the requests that started to settle. Steps must stop at every
 * poll round: a request still in flight (in real time) would otherwise meet its timeout on the manual clock.
 */
async function step(pl: Pipeline, to: number, what: string): Promise<void> {
  await clock.advanceTo(to);
  await until(pl.store, idle, what);
}

/** The Sources view at 160x40, colours stripped. */
function sourcesFrame(state: State): string {
  const view = React.createElement(SourcesView, { sources: selectSources(state), now: state.now, width: 160, height: 40, theme: THEMES.dark });
  return renderToString(view, { columns: 160 }).replace(/\u001b\[[0-9;]*m/g, '');
}

describe('Retry-After binds the whole provider during a live run', () => {
  it('a 429 on mempool prices at start: no request to any mempool endpoint (history included) for 120 s, refresh included', async () => {
    const t0 = Date.parse('2026-03-02T10:00:00.000Z');
    up.fault('price', { ratelimit: 120 });
    const pl = start(t0);
    const base = counts();
    pl.poller.start();
    // The first round settles, then the backfill starts: every provider's but mempool's (deferred to the window end).
    await until(pl.store, (s) => MEMPOOL_LIVE.every((id) => s.health[id]?.lastAttemptAt !== undefined) && idle(s), 'the first round');
    await until(pl.store, (s) => historyDone(s, (x) => x !== 'mempool'), 'the other backfills');
    const afterFirst = counts();
    expect(afterFirst).toEqual({ ...base, price: base.price! + 1, lightning: base.lightning! + 1, 'tip-height': base['tip-height']! + 1 });
    expect(sourceRow(pl.store.getState(), 'mempool-price')).toMatchObject({ status: 'down', error: { kind: 'ratelimit', retryAfterMs: 120_000 } });
    up.clear('price'); // the upstream would answer again; l2top must still wait

    // r at +30 s: everything else is polled again, nothing goes to mempool, and the result says why.
    await clock.advanceTo(t0 + 30_000);
    const coingecko = up.hits('coingecko');
    const r = pl.poller.refresh();
    expect(r.rateLimited).toEqual([{ provider: 'mempool', until: t0 + 120_000, sources: 3 }]);
    expect(r.started).toBe(pl.sources.filter((d) => d.fetch).length - 3 - pl.sources.filter((d) => d.fetch && d.minIntervalMs).length);
    expect(refreshNotice(r, t0 + 30_000)).toContain(`mempool rate-limited until ${formatClock(t0 + 120_000, t0 + 30_000)}`);
    await until(pl.store, idle, 'the refresh');
    expect(up.hits('coingecko')).toBe(coingecko + 1);

    // Up to the last millisecond of the window: other providers at their interval, mempool not once.
    await step(pl, t0 + MIN, 'the +60 s round');
    await step(pl, t0 + 120_000 - 1, 'the last millisecond of the window');
    expect(up.hits('coingecko')).toBe(coingecko + 2);
    expect(counts()).toEqual(afterFirst);
    const waiting = sourceRow(pl.store.getState(), 'mempool-lightning');
    expect([waiting.rateLimited, waiting.nextAttemptAt]).toEqual([{ provider: 'mempool', until: t0 + 120_000 }, t0 + 120_000]);

    // At the end of the window: every live mempool source once, and the deferred backfill.
    await clock.advanceTo(t0 + 120_000);
    await until(pl.store, (s) => idle(s) && historyDone(s, () => true), 'the mempool round and backfill');
    expect(counts()).toEqual({
      price: afterFirst.price! + 1, lightning: afterFirst.lightning! + 1, 'tip-height': afterFirst['tip-height']! + 1,
      'price-history': afterFirst['price-history']! + 1, 'lightning-history': afterFirst['lightning-history']! + 1,
    });
    expect(MEMPOOL_LIVE.map((id) => sourceRow(pl.store.getState(), id).status)).toEqual(['ok', 'ok', 'ok']);
    expect(sourceRow(pl.store.getState(), 'mempool-lightning').rateLimited).toBeUndefined();
  });

  it('an HTTP-date Retry-After mid-run is rounded up: the other mempool sources wait to its end, shown in Sources and JSON', async () => {
    const t0 = Date.parse('2026-03-02T10:00:00.400Z'); // 400 ms past a whole second
    up.fault('tip-height', { status: 500 }); // so that the height polls out of step: +12 s, then every minute
    const pl = start(t0, () => 0);
    pl.poller.start();
    await until(pl.store, (s) => MEMPOOL_LIVE.every((id) => s.health[id]?.lastAttemptAt !== undefined) && idle(s), 'the first round');
    await until(pl.store, (s) => historyDone(s, () => true), 'the backfill');
    up.clear('tip-height');
    await clock.advanceTo(t0 + 12_000);
    await until(pl.store, idle, 'the height retry');
    expect(sourceRow(pl.store.getState(), 'mempool-height')).toMatchObject({ status: 'ok', nextAttemptAt: t0 + 72_000 });

    // At +60 s the price gets a 429 until a date 89.6 s away: rounded up, the window ends at +150 s (not +149.6 s).
    await clock.advanceTo(t0 + MIN - 1);
    const date = new Date(Math.floor((t0 + MIN) / 1000) * 1000 + 90_000).toUTCString();
    up.fault('price', { status: 429, headers: { 'retry-after': date } });
    await clock.advanceTo(t0 + MIN);
    await until(pl.store, idle, 'the +60 s round');
    up.clear('price');
    const end = t0 + 150_000;
    const state = pl.store.getState();
    expect(sourceRow(state, 'mempool-price')).toMatchObject({ error: { kind: 'ratelimit', retryAfterMs: 90_000 }, nextAttemptAt: end });
    // The height (its timer was due at +72 s) and Lightning (in flight at the 429) both wait for the window.
    for (const id of ['mempool-height', 'mempool-lightning']) {
      expect(sourceRow(state, id)).toMatchObject({ status: 'ok', nextAttemptAt: end, rateLimited: { provider: 'mempool', until: end } });
    }
    const json = toSnapshot(state).sources.find((s) => s.id === 'mempool-height');
    expect(json).toMatchObject({ status: 'ok', nextAttemptAt: new Date(end).toISOString(), waitReason: `rate-limited by mempool until ${new Date(end).toISOString()}` });
    expect(toSnapshot(state).sources.find((s) => s.id === 'coingecko-price')?.waitReason).toBeNull();
    const frame = sourcesFrame(state);
    expect(frame).toMatch(new RegExp(`mempool.space block height .*rate-limited by mempool until ${formatClock(end, state.now)}`));

    const before = counts();
    const coingecko = up.hits('coingecko');
    await step(pl, t0 + 2 * MIN, 'the +120 s round');
    await step(pl, end - 1, 'the last millisecond of the window');
    expect(counts()).toEqual(before);
    expect(up.hits('coingecko')).toBe(coingecko + 1);
    await clock.advanceTo(end);
    await until(pl.store, idle, 'the mempool round');
    expect(counts()).toEqual({ ...before, price: before.price! + 1, lightning: before.lightning! + 1, 'tip-height': before['tip-height']! + 1 });
  });
});
