import { describe, expect, it } from 'vitest';
import { reduce } from '../../src/model/reducer.js';
import { fromPoints, toPoints, valueAt } from '../../src/model/series.js';
import { selectHeader, selectRows, selectSector, selectSources, type NetworkRow } from '../../src/model/selectors.js';
import { toSnapshot } from '../../src/model/snapshot.js';
import { sourceStatus } from '../../src/model/health.js';
import { changeOver } from '../../src/model/change.js';
import { circulatingSats } from '../../src/model/supply.js';
import type { State } from '../../src/model/state.js';
import { allOk, DAY, fail, freshState, HOUR, MIN, ok, price, run, T0, TEST_SOURCES, tvl } from '../helpers/state.js';

const HTTP500 = { kind: 'http', message: 'HTTP 500 Internal Server Error', status: 500 } as const;
const SCHEMA = { kind: 'schema', message: 'bad data at latest.total_capacity: expected number' } as const;

const row = (s: State, id: string, metric?: 'btc-locked' | 'defi-tvl'): NetworkRow => {
  const r = selectRows(s, metric).find((x) => x.meta.id === id);
  if (!r) throw new Error(`no row ${id}`);
  return r;
};

describe('reducer: feed outcomes', () => {
  it('stores values and shares that sum to 1; rows are sorted by value', () => {
    const s = allOk(freshState(), T0, [500_000_000_000, 360_000_000_000, 300_000_000_000, 0]);
    const rows = selectRows(s);
    expect(rows.map((r) => r.meta.id)).toEqual(['lightning', 'liquid', 'rootstock', 'stacks']);
    expect(rows.map((r) => r.value)).toEqual([500_000_000_000, 360_000_000_000, 300_000_000_000, 0]);
    expect(rows.reduce((a, r) => a + (r.share ?? 0), 0)).toBeCloseTo(1, 12);
    expect(rows[0]?.share).toBeCloseTo(500 / 1160, 12);
    expect(rows.every((r) => !r.stale && r.status === 'ok' && !r.fallback)).toBe(true);
  });

  it('leaves networks without a value out of the total and lists them last', () => {
    const s = run(freshState(), [ok('src-liquid', T0, 'liquid', 100), ok('src-lightning', T0, 'lightning', 300)]);
    expect(selectRows(s).map((r) => [r.meta.id, r.share])).toEqual([['lightning', 0.75], ['liquid', 0.25], ['rootstock', undefined], ['stacks', undefined]]);
    expect(row(s, 'rootstock').status).toBe('pending');
  });

  it('a failure keeps the last good value, marks it stale with the reason, and records a gap (not a zero)', () => {
    let s = allOk(freshState(), T0, [400, 300, 200, 100]);
    s = run(s, [fail('src-liquid', T0 + 5 * MIN, HTTP500)]);
    expect(row(s, 'liquid')).toMatchObject({ value: 300, stale: true, status: 'down', error: HTTP500 });
    const series = s.series['btc-locked'].liquid!;
    expect(series.length).toBe(2);
    expect(Number.isNaN(valueAt(series, 1))).toBe(true);
    expect(selectSources(s).find((r) => r.meta.id === 'src-liquid')).toMatchObject({ status: 'down', consecutiveFailures: 1, lastSuccessAt: T0, nextAttemptAt: T0 + 6 * MIN });
    expect(['lightning', 'rootstock', 'stacks'].every((id) => row(s, id).status === 'ok')).toBe(true);
  });

  it('schema failures are bad-data; recovery clears the error and the stale flag', () => {
    let s = allOk(freshState(), T0, [400, 300, 200, 100]);
    s = run(s, [fail('src-stacks', T0 + MIN, SCHEMA), fail('src-stacks', T0 + 2 * MIN, SCHEMA)]);
    expect(row(s, 'stacks')).toMatchObject({ status: 'bad-data', stale: true, value: 100 });
    expect(s.health['src-stacks']).toMatchObject({ consecutiveFailures: 2, failingSince: T0 + MIN });
    s = run(s, [ok('src-stacks', T0 + 3 * MIN, 'stacks', 150)]);
    expect(row(s, 'stacks')).toMatchObject({ status: 'ok', stale: false, value: 150, error: undefined });
    expect(s.health['src-stacks']?.lastError).toBeUndefined();
    expect(s.health['src-stacks']?.failingSince).toBeUndefined();
  });

  it('a value older than two intervals is stale even without a failure', () => {
    let s = allOk(freshState(), T0, [400, 300, 200, 100]);
    s = reduce(s, { type: 'tick', now: T0 + 11 * MIN });
    expect(selectRows(s).every((r) => r.status === 'stale' && r.stale)).toBe(true);
  });

  it('ignores unknown sources and networks that are not shown', () => {
    const s = freshState();
    expect(reduce(s, ok('nope', T0, 'lightning', 1))).toBe(s);
    expect(run(s, [ok('src-lightning', T0, 'ollama', 5)]).values['btc-locked']).toEqual({});
  });

  it('tracks price (primary first) and in-flight attempts', () => {
    let s = reduce(freshState(), { type: 'feed/attempt', sourceId: 'src-price', at: T0 });
    expect(s.health['src-price']?.inFlight).toBe(true);
    s = run(s, [price(T0, 97_284.65)]);
    expect(s.health['src-price']?.inFlight).toBe(false);
    expect(selectHeader(s).priceUsd).toBe(97_284.65);
    expect(toPoints(s.priceSeries)).toEqual([[T0, 97_284.65]]);
  });

  it('prunes the window by time', () => {
    let s = freshState({ windowMs: HOUR });
    for (let i = 0; i < 30; i += 1) s = run(s, [ok('src-lightning', T0 + i * 5 * MIN, 'lightning', i)]);
    const pts = toPoints(s.series['btc-locked'].lightning!);
    expect(pts[0]?.[0]).toBeGreaterThanOrEqual(T0 + 29 * 5 * MIN - HOUR);
    expect(pts.length).toBe(13);
  });
});

describe('cross-source truth and failover', () => {
  it('the next source takes over when the primary fails, and the row says which source is in use', () => {
    let s = run(freshState(), [ok('src-liquid', T0, 'liquid', 1000), ok('src-esplora', T0, 'liquid', 1001)]);
    expect(row(s, 'liquid')).toMatchObject({ value: 1000, fallback: false, stale: false });
    expect(row(s, 'liquid').source?.id).toBe('src-liquid');
    s = run(s, [fail('src-liquid', T0 + 5 * MIN, HTTP500), ok('src-esplora', T0 + 5 * MIN, 'liquid', 1002)]);
    expect(row(s, 'liquid')).toMatchObject({ value: 1002, fallback: true, stale: false, status: 'ok' });
    expect(row(s, 'liquid').source?.id).toBe('src-esplora');
    expect(row(s, 'liquid').error).toEqual(HTTP500);
    // the series follows the value in use: no gap while a fallback is fresh
    expect(toPoints(s.series['btc-locked'].liquid!)).toEqual([[T0, 1000], [T0 + 5 * MIN, 1002]]);
  });

  it('two fresh sources further apart than the tolerance are flagged; within it they are not', () => {
    let s = run(freshState(), [ok('src-liquid', T0, 'liquid', 1000), ok('src-esplora', T0, 'liquid', 1050)]);
    expect(row(s, 'liquid').disagree.map((d) => [d.sourceId, d.diff])).toEqual([['src-esplora', 0.05]]);
    s = run(s, [ok('src-esplora', T0 + MIN, 'liquid', 1015)]);
    expect(row(s, 'liquid').disagree).toEqual([]);
    expect(row(s, 'liquid').others.map((o) => o.diff)).toEqual([0.015]);
  });

  it('a stale secondary does not count as a disagreement', () => {
    let s = run(freshState(), [ok('src-liquid', T0, 'liquid', 1000), ok('src-esplora', T0, 'liquid', 1500), fail('src-esplora', T0 + MIN, HTTP500)]);
    s = run(s, [ok('src-liquid', T0 + 2 * MIN, 'liquid', 1000)]);
    expect(row(s, 'liquid').disagree).toEqual([]);
  });
});

describe('anomalies', () => {
  it('a +60% jump is flagged; a second source at the new level confirms it, one at the old level contradicts it', () => {
    const s = run(freshState(), [ok('src-liquid', T0, 'liquid', 1000), ok('src-liquid', T0 + 5 * MIN, 'liquid', 1600)]);
    expect(row(s, 'liquid').anomaly).toMatchObject({ change: 0.6, since: T0, confirmedBy: [], contradictedBy: [] });
    const confirmed = run(s, [ok('src-esplora', T0 + 5 * MIN, 'liquid', 1605)]);
    expect(row(confirmed, 'liquid').anomaly?.confirmedBy).toEqual(['src-esplora']);
    const contradicted = run(s, [ok('src-esplora', T0 + 5 * MIN, 'liquid', 1000)]);
    expect(row(contradicted, 'liquid').anomaly?.contradictedBy).toEqual(['src-esplora']);
  });

  it('moves under the threshold, or older than 24 h, are not anomalies', () => {
    let s = run(freshState(), [ok('src-liquid', T0, 'liquid', 1000), ok('src-liquid', T0 + MIN, 'liquid', 1100)]);
    expect(row(s, 'liquid').anomaly).toBeUndefined();
    s = run(freshState(), [ok('src-liquid', T0, 'liquid', 1000), ok('src-liquid', T0 + 25 * HOUR, 'liquid', 2000)]);
    expect(row(s, 'liquid').anomaly).toBeUndefined();
  });

  it('backfill from another source (other methodology) never makes an anomaly or a change', () => {
    let s = reduce(freshState(), {
      type: 'feed/history', sourceId: 'src-history',
      outcome: { ok: true, at: T0, latencyMs: 1, readings: [{ kind: 'btc-locked', network: 'rootstock', sats: 500, observedAt: T0 - DAY }] },
    });
    s = run(s, [ok('src-rootstock', T0, 'rootstock', 1000)]);
    expect(row(s, 'rootstock')).toMatchObject({ anomaly: undefined, change24h: null });
  });
});

describe('reducer: history backfill', () => {
  it('merges accepted history before live points, marks the backfill and records the count', () => {
    let s = run(freshState(), [ok('src-lightning', T0, 'lightning', 1000)]);
    s = reduce(s, {
      type: 'feed/history', sourceId: 'src-lightning',
      outcome: { ok: true, at: T0, latencyMs: 5, readings: [
        { kind: 'btc-locked', network: 'lightning', sats: 900, observedAt: T0 - 2 * DAY },
        { kind: 'btc-locked', network: 'lightning', sats: 950, observedAt: T0 - DAY },
        { kind: 'btc-locked', network: 'lightning', sats: 10, observedAt: T0 - 200 * DAY }, // outside the window
      ] },
    });
    expect(toPoints(s.series['btc-locked'].lightning!)).toEqual([[T0 - 2 * DAY, 900], [T0 - DAY, 950], [T0, 1000]]);
    expect(s.backfilledUntil['btc-locked'].lightning).toBe(T0 - DAY);
    expect(row(s, 'lightning').change24h).toBeCloseTo(50 / 950, 12);
  });

  it('ignores history from a source that is not the network\'s history source', () => {
    const s = reduce(freshState(), {
      type: 'feed/history', sourceId: 'src-history',
      outcome: { ok: true, at: T0, latencyMs: 5, readings: [{ kind: 'btc-locked', network: 'lightning', sats: 9, observedAt: T0 - DAY }] },
    });
    expect(s.series['btc-locked'].lightning?.length).toBe(0);
    expect(selectSources(s).find((r) => r.meta.id === 'src-history')).toMatchObject({ status: 'ok', historyPoints: 0 });
  });

  it('backfills price and DeFi TVL history', () => {
    const s = run(freshState(), [
      { type: 'feed/history', sourceId: 'src-price', outcome: { ok: true, at: T0, latencyMs: 1, readings: [{ kind: 'price', usd: 90_000, observedAt: T0 - DAY }] } },
      { type: 'feed/history', sourceId: 'src-tvl', outcome: { ok: true, at: T0, latencyMs: 1, readings: [{ kind: 'defi-tvl', network: 'stacks', usd: 5e7, observedAt: T0 - DAY }] } },
    ]);
    expect(toPoints(s.priceSeries)).toEqual([[T0 - DAY, 90_000]]);
    expect(toPoints(s.series['defi-tvl'].stacks!)).toEqual([[T0 - DAY, 5e7]]);
  });

  it('a failed backfill shows on its source and changes nothing else', () => {
    const s0 = freshState();
    const s = reduce(s0, { type: 'feed/history', sourceId: 'src-history', outcome: { ok: false, at: T0, latencyMs: 1, error: HTTP500 } });
    expect(s.series).toBe(s0.series);
    expect(selectSources(s).find((r) => r.meta.id === 'src-history')).toMatchObject({ status: 'down', error: HTTP500 });
  });
});

describe('DeFi TVL metric', () => {
  it('shares recompute over the networks DefiLlama tracks; the others are marked not tracked', () => {
    let s = allOk(freshState(), T0, [400, 300, 200, 100]);
    s = run(s, [tvl(T0, { rootstock: 3e7, stacks: 9e7 })]);
    s = reduce(s, { type: 'ui/metric-next' });
    expect(s.ui.metric).toBe('defi-tvl');
    const rows = selectRows(s);
    expect(rows.map((r) => [r.meta.id, r.share])).toEqual([['stacks', 0.75], ['rootstock', 0.25], ['lightning', undefined], ['liquid', undefined]]);
    expect(row(s, 'lightning').notTracked).toBe(true);
    expect(selectRows(s, 'btc-locked')[0]?.meta.id).toBe('lightning');
  });
});

describe('alerts', () => {
  it('a share-move rule fires once when a share moves enough within its window', () => {
    let s = freshState({ now: T0 - DAY, settings: { alertRules: [{ type: 'share-move', pp: 10, windowMs: DAY }] } });
    s = allOk(s, T0 - DAY, [100, 100, 100, 100]);
    s = allOk(s, T0, [100, 100, 100, 100]);
    expect(s.alerts).toEqual([]);
    s = run(s, [ok('src-stacks', T0 + 5 * MIN, 'stacks', 200)]);
    expect(s.alerts.map((a) => a.subject)).toContain('Stacks (sBTC)');
    const fired = s.alerts.length;
    s = run(s, [ok('src-stacks', T0 + 10 * MIN, 'stacks', 210)]);
    expect(s.alerts.length).toBe(fired);
    expect(s.alerts.find((a) => a.subject === 'Stacks (sBTC)')?.message).toMatch(/share 25\.00% -> 40\.00% \(\+15\.00 pp\)/);
  });

  it('a level rule fires on crossing, not on the first observation', () => {
    let s = freshState({ settings: { alertRules: [{ type: 'level', network: 'liquid', above: 10 }] } });
    s = run(s, [ok('src-liquid', T0, 'liquid', 8e8)]);
    s = run(s, [ok('src-liquid', T0 + MIN, 'liquid', 11e8)]);
    expect(s.alerts).toHaveLength(1);
    expect(s.alerts[0]?.message).toBe('Liquid rose to 11.00 BTC (level 10)');
    const first = freshState({ settings: { alertRules: [{ type: 'level', network: 'liquid', above: 10 }] } });
    expect(run(first, [ok('src-liquid', T0, 'liquid', 11e8)]).alerts).toEqual([]);
  });

  it('a source-down rule fires after the source has failed for its duration', () => {
    let s = freshState({ settings: { alertRules: [{ type: 'source-down', source: 'src-liquid', forMs: 10 * MIN }] } });
    s = run(s, [fail('src-liquid', T0, HTTP500)]);
    expect(s.alerts).toEqual([]);
    s = reduce(s, { type: 'tick', now: T0 + 11 * MIN });
    expect(s.alerts).toHaveLength(1);
    expect(s.alerts[0]?.message).toMatch(/Liquid down for 11m: HTTP 500/);
  });
});

describe('sector', () => {
  it.each([
    [0, 50e8], [209_999, 210_000 * 50e8], [210_000, 210_000 * 50e8 + 25e8], [840_000, 1_968_750_000_000_000 + 3.125e8],
  ])('circulating supply at height %i', (height, sats) => {
    expect(circulatingSats(height)).toBe(sats);
  });

  it('gives the share of all bitcoin on the tracked L2s', () => {
    let s = allOk(freshState(), T0, [1e12, 0, 0, 0]);
    s = run(s, [{ type: 'feed/outcome', sourceId: 'src-lightning', nextAttemptAt: T0, outcome: { ok: true, at: T0, latencyMs: 1, readings: [{ kind: 'block-height', height: 840_000 }] } }]);
    const sector = selectSector(s);
    expect(sector.supplySats).toBe(1_968_750_312_500_000);
    expect(sector.shareOfSupply).toBeCloseTo(1e12 / 1_968_750_312_500_000, 15);
  });
});

describe('reducer: ui', () => {
  it('cycles views both ways, ranges clamp, selection clamps, detail opens and closes', () => {
    let s = freshState();
    s = reduce(s, { type: 'ui/view-prev' });
    expect(s.ui.view).toBe('alerts');
    s = reduce(s, { type: 'ui/view-next' });
    expect(s.ui.view).toBe('shares');
    expect([1, 2, 3].map(() => (s = reduce(s, { type: 'ui/unit-next' })).ui.unit)).toEqual(['sats', 'usd', 'btc']);
    s = reduce(s, { type: 'ui/range-step', step: 1 });
    expect(s.ui.range).toBe('90d');
    s = reduce(reduce(s, { type: 'ui/range-step', step: -1 }), { type: 'ui/range-step', step: -1 });
    expect(s.ui.range).toBe('7d');
    s = reduce(s, { type: 'ui/select-step', step: 1, rows: 2 });
    s = reduce(s, { type: 'ui/select-step', step: 1, rows: 2 });
    expect(s.ui.selected).toBe(1);
    s = reduce(s, { type: 'ui/detail-open', network: 'liquid' });
    expect(s.ui.detail).toBe('liquid');
    s = reduce(s, { type: 'ui/close' });
    expect(s.ui.detail).toBeUndefined();
    s = reduce(s, { type: 'ui/help-toggle' });
    s = reduce(s, { type: 'ui/view', view: 'sources' });
    expect(s.ui).toMatchObject({ help: false, view: 'sources' });
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
    expect(changeOver(fromPoints([[T0 - 40 * HOUR, 100]]), 250, T0, DAY, 5 * MIN)).toBeNull();
    expect(changeOver(undefined, 250, T0, DAY, 5 * MIN)).toBeNull();
  });

  it('interpolates between daily points but not across monthly ones', () => {
    const daily = fromPoints([[T0 - 2 * DAY, 100], [T0 - DAY, 200], [T0, 300]]);
    expect(changeOver(daily, 300, T0 + 12 * HOUR, DAY, 5 * MIN)).toBeCloseTo(300 / 250 - 1, 12);
    const monthly = fromPoints([[T0 - 40 * DAY, 100], [T0 - 10 * DAY, 200]]);
    expect(changeOver(monthly, 300, T0, DAY, 5 * MIN)).toBeNull();
  });
});

describe('snapshot', () => {
  it('carries exact BTC (1e-8), shares, price, staleness, sources, sector and daily history', () => {
    let s = allOk(freshState(), T0, [460_820_222_344, 1, 123_456_789, 0]);
    s = run(s, [price(T0, 43_753), fail('src-liquid', T0 + MIN, HTTP500)]);
    const snap = toSnapshot(s);
    expect(snap).toMatchObject({ schemaVersion: 1, metric: 'btc-locked', unit: 'BTC', sample: false, priceUsd: 43_753, priceSource: 'src-price', generatedAt: new Date(T0 + MIN).toISOString() });
    const byId = Object.fromEntries(snap.networks.map((n) => [n.id, n]));
    expect(snap.networks.map((n) => n.btc)).toEqual([4608.20222344, 1.23456789, 0.00000001, 0]);
    expect(byId.liquid).toMatchObject({ stale: true, source: 'src-liquid', error: 'HTTP 500 Internal Server Error', fallback: false });
    expect(byId.lightning?.history).toEqual([{ date: '2026-11-01', value: 4608.20222344 }]);
    expect(snap.networks.reduce((a, n) => a + (n.share ?? 0), 0)).toBeCloseTo(1, 12);
    expect(snap.totalBtc).toBe(4609.43679134);
    expect(snap.sources.find((x) => x.id === 'src-liquid')).toMatchObject({ status: 'down', errorKind: 'http', lastSuccessAt: new Date(T0).toISOString() });
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
  });
});

describe('comparability of backfill', () => {
  it('history from the same provider as the live primary is comparable', () => {
    const networks = [{ id: 'merlin', name: 'Merlin', type: 'other' as const, lockedMeaning: 'x', sources: ['src-layers'], historySources: ['src-history'] }];
    let s = freshState({ networks });
    s = reduce(s, { type: 'feed/history', sourceId: 'src-history', outcome: { ok: true, at: T0, latencyMs: 1, readings: [{ kind: 'btc-locked', network: 'merlin', sats: 500, observedAt: T0 - DAY }] } });
    s = run(s, [ok('src-layers', T0, 'merlin', 600)]);
    expect(selectRows(s).find((r) => r.meta.id === 'merlin')?.change24h).toBeCloseTo(0.2, 12);
  });
});
