import { describe, expect, it } from 'vitest';
import { reduce } from '../../src/model/reducer.js';
import { toPoints, valueAt } from '../../src/model/series.js';
import { selectHeader, selectRows, selectSources } from '../../src/model/selectors.js';
import { toSnapshot } from '../../src/model/snapshot.js';
import { sourceStatus } from '../../src/model/health.js';
import { changeOver } from '../../src/model/change.js';
import { fromPoints } from '../../src/model/series.js';
import { allOk, DAY, fail, freshState, HOUR, MIN, ok, price, run, T0, TEST_SOURCES } from '../helpers/state.js';

const HTTP500 = { kind: 'http', message: 'HTTP 500 Internal Server Error', status: 500 } as const;
const SCHEMA = { kind: 'schema', message: 'bad data at latest.total_capacity: expected number' } as const;

describe('reducer: feed outcomes', () => {
  it('stores latest values and shares that sum to 1 over networks with a value', () => {
    const s = allOk(freshState(), T0, [500_000_000_000, 360_000_000_000, 300_000_000_000, 0]);
    const rows = selectRows(s);
    expect(rows.map((r) => r.sats)).toEqual([500_000_000_000, 360_000_000_000, 300_000_000_000, 0]);
    const sum = rows.reduce((a, r) => a + (r.share ?? 0), 0);
    expect(sum).toBeCloseTo(1, 12);
    expect(rows[0]?.share).toBeCloseTo(500 / 1160, 12);
    expect(rows.every((r) => !r.stale && r.status === 'ok')).toBe(true);
  });

  it('leaves networks without a value out of the total', () => {
    const s = run(freshState(), [ok('src-lightning', T0, 'lightning', 300), ok('src-liquid', T0, 'liquid', 100)]);
    const rows = selectRows(s);
    expect(rows.map((r) => r.share)).toEqual([0.75, 0.25, undefined, undefined]);
    expect(rows[2]?.status).toBe('pending');
  });

  it('a failure keeps the last good value, marks it stale with the reason, and records a gap (not a zero)', () => {
    let s = allOk(freshState(), T0, [400, 300, 200, 100]);
    s = run(s, [fail('src-liquid', T0 + 5 * MIN, HTTP500)]);
    const liquid = selectRows(s)[1];
    expect(liquid?.sats).toBe(300);
    expect(liquid?.stale).toBe(true);
    expect(liquid?.status).toBe('down');
    expect(liquid?.error?.message).toBe('HTTP 500 Internal Server Error');
    const series = s.series.liquid;
    expect(series?.length).toBe(2);
    expect(Number.isNaN(valueAt(series!, 1))).toBe(true);
    const src = selectSources(s).find((r) => r.meta.id === 'src-liquid');
    expect(src).toMatchObject({ status: 'down', consecutiveFailures: 1, lastSuccessAt: T0, nextAttemptAt: T0 + 6 * MIN });
    // other networks unaffected
    expect(selectRows(s).filter((r) => r.meta.id !== 'liquid').every((r) => r.status === 'ok')).toBe(true);
  });

  it('schema failures are bad-data; recovery clears the error and the stale flag', () => {
    let s = allOk(freshState(), T0, [400, 300, 200, 100]);
    s = run(s, [fail('src-stacks', T0 + MIN, SCHEMA), fail('src-stacks', T0 + 2 * MIN, SCHEMA)]);
    expect(selectRows(s)[3]).toMatchObject({ status: 'bad-data', stale: true, sats: 100 });
    expect(s.health['src-stacks']?.consecutiveFailures).toBe(2);
    s = run(s, [ok('src-stacks', T0 + 3 * MIN, 'stacks', 150)]);
    expect(selectRows(s)[3]).toMatchObject({ status: 'ok', stale: false, sats: 150, error: undefined });
    expect(s.health['src-stacks']).toMatchObject({ consecutiveFailures: 0, lastOk: true });
    expect(s.health['src-stacks']?.lastError).toBeUndefined();
  });

  it('a value older than two intervals is stale even without a failure', () => {
    let s = allOk(freshState(), T0, [400, 300, 200, 100]);
    s = reduce(s, { type: 'tick', now: T0 + 11 * MIN });
    expect(selectRows(s).every((r) => r.status === 'stale' && r.stale)).toBe(true);
  });

  it('ignores unknown sources and networks that are not shown', () => {
    const s = freshState();
    expect(reduce(s, ok('nope', T0, 'lightning', 1))).toBe(s);
    const t = run(s, [ok('src-lightning', T0, 'ollama', 5)]);
    expect(t.latest).toEqual({});
  });

  it('tracks price and in-flight attempts', () => {
    let s = reduce(freshState(), { type: 'feed/attempt', sourceId: 'src-price', at: T0 });
    expect(s.health['src-price']?.inFlight).toBe(true);
    s = run(s, [price(T0, 97_284.65)]);
    expect(s.health['src-price']?.inFlight).toBe(false);
    expect(selectHeader(s).priceUsd).toBe(97_284.65);
  });

  it('prunes the window by time', () => {
    let s = freshState({ windowMs: HOUR });
    for (let i = 0; i < 30; i += 1) s = run(s, [ok('src-lightning', T0 + i * 5 * MIN, 'lightning', i)]);
    const pts = toPoints(s.series.lightning!);
    expect(pts[0]?.[0]).toBeGreaterThanOrEqual(T0 + 29 * 5 * MIN - HOUR);
    expect(pts.length).toBe(13);
  });
});

describe('reducer: history backfill', () => {
  it('merges history before live points, marks the backfill and records the count', () => {
    let s = run(freshState({ now: T0 }), [ok('src-rootstock', T0, 'rootstock', 1000)]);
    s = reduce(s, {
      type: 'feed/history', sourceId: 'src-history',
      outcome: { ok: true, at: T0, latencyMs: 5, readings: [
        { kind: 'btc-locked', network: 'rootstock', sats: 900, observedAt: T0 - 2 * DAY },
        { kind: 'btc-locked', network: 'rootstock', sats: 950, observedAt: T0 - DAY },
        { kind: 'btc-locked', network: 'stacks', sats: 10, observedAt: T0 - 200 * DAY }, // outside the window
      ] },
    });
    expect(toPoints(s.series.rootstock!)).toEqual([[T0 - 2 * DAY, 900], [T0 - DAY, 950], [T0, 1000]]);
    expect(s.series.stacks?.length).toBe(0);
    expect(s.backfilledUntil.rootstock).toBe(T0 - DAY);
    expect(selectSources(s).find((r) => r.meta.id === 'src-history')).toMatchObject({ status: 'ok', historyPoints: 2 });
    expect(selectRows(s)[2]?.change24h).toBeCloseTo(50 / 950, 12);
  });

  it('a failed backfill shows on its source and changes nothing else', () => {
    const s0 = freshState();
    const s = reduce(s0, { type: 'feed/history', sourceId: 'src-history', outcome: { ok: false, at: T0, latencyMs: 1, error: HTTP500 } });
    expect(s.series).toBe(s0.series);
    expect(selectSources(s).find((r) => r.meta.id === 'src-history')).toMatchObject({ status: 'down', error: HTTP500 });
  });
});

describe('reducer: ui', () => {
  it('cycles views both ways, jumps to a view, cycles units and toggles help', () => {
    let s = freshState();
    s = reduce(s, { type: 'ui/view-next' });
    expect(s.ui.view).toBe('trends');
    s = reduce(s, { type: 'ui/view-prev' });
    s = reduce(s, { type: 'ui/view-prev' });
    expect(s.ui.view).toBe('sources');
    s = reduce(s, { type: 'ui/view', view: 'shares' });
    expect(s.ui.view).toBe('shares');
    expect([1, 2, 3].map(() => (s = reduce(s, { type: 'ui/unit-next' })).ui.unit)).toEqual(['sats', 'usd', 'btc']);
    s = reduce(s, { type: 'ui/help-toggle' });
    expect(s.ui.help).toBe(true);
    s = reduce(s, { type: 'ui/view-next' });
    expect(s.ui.help).toBe(false);
  });
});

describe('health and change', () => {
  const meta = TEST_SOURCES[0]!;
  it.each([
    [undefined, 'pending'],
    [{ inFlight: true, consecutiveFailures: 0 }, 'pending'],
    [{ inFlight: false, consecutiveFailures: 0, lastOk: true, lastSuccessAt: T0 }, 'ok'],
    [{ inFlight: false, consecutiveFailures: 0, lastOk: true, lastSuccessAt: T0 - 11 * MIN }, 'stale'],
    [{ inFlight: false, consecutiveFailures: 1, lastOk: false, lastError: HTTP500 }, 'down'],
    [{ inFlight: false, consecutiveFailures: 1, lastOk: false, lastError: { kind: 'timeout', message: 't' } }, 'down'],
    [{ inFlight: false, consecutiveFailures: 1, lastOk: false, lastError: SCHEMA }, 'bad-data'],
  ] as const)('status of %j is %s', (h, expected) => {
    expect(sourceStatus(h, meta, T0, 5 * MIN)).toBe(expected);
  });

  it('change needs history close to the look-back target', () => {
    const s = fromPoints([[T0 - 30 * HOUR, 100], [T0 - 24 * HOUR, 200], [T0 - HOUR, Number.NaN]]);
    expect(changeOver(s, 250, T0, DAY, 5 * MIN)).toBeCloseTo(0.25, 12);
    expect(changeOver(s, 250, T0, 7 * DAY, 5 * MIN)).toBeNull();
    const old = fromPoints([[T0 - 40 * HOUR, 100]]);
    expect(changeOver(old, 250, T0, DAY, 5 * MIN)).toBeNull();
    expect(changeOver(undefined, 250, T0, DAY, 5 * MIN)).toBeNull();
  });
});

describe('snapshot', () => {
  it('carries exact BTC (1e-8), shares, price, staleness and source health', () => {
    let s = allOk(freshState(), T0, [460_820_222_344, 1, 123_456_789, 0]);
    s = run(s, [price(T0, 43_753), fail('src-liquid', T0 + MIN, HTTP500)]);
    const snap = toSnapshot(s);
    expect(snap).toMatchObject({ schemaVersion: 1, metric: 'btc-locked', sample: false, priceUsd: 43_753, generatedAt: new Date(T0 + MIN).toISOString() });
    expect(snap.networks.map((n) => n.btc)).toEqual([4608.20222344, 0.00000001, 1.23456789, 0]);
    expect(snap.networks[1]).toMatchObject({ id: 'liquid', stale: true, source: 'src-liquid', error: 'HTTP 500 Internal Server Error' });
    expect(snap.networks.reduce((a, n) => a + (n.share ?? 0), 0)).toBeCloseTo(1, 12);
    expect(snap.totalBtc).toBe(4609.43679134);
    expect(snap.sources.find((x) => x.id === 'src-liquid')).toMatchObject({ status: 'down', errorKind: 'http', lastSuccessAt: new Date(T0).toISOString() });
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
  });
});

describe('change over daily history', () => {
  it('interpolates between daily points around the look-back target', () => {
    const s = fromPoints([[T0 - 2 * DAY, 100], [T0 - DAY + 0 * HOUR, 200], [T0, 300]]);
    // 24 h before T0 + 12 h lies halfway between the points at T0 - 1d and T0
    expect(changeOver(s, 300, T0 + 12 * HOUR, DAY, 5 * MIN)).toBeCloseTo(300 / 250 - 1, 12);
  });
  it('does not interpolate across monthly points', () => {
    const s = fromPoints([[T0 - 40 * DAY, 100], [T0 - 10 * DAY, 200]]);
    expect(changeOver(s, 300, T0, DAY, 5 * MIN)).toBeNull();
  });
});
