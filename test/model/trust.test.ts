// Issue 7 in the pure model: upstream time, plausibility, consensus, like-for-like, anomalies on values in use.
import { describe, expect, it } from 'vitest';
import { reduce, type Action } from '../../src/model/reducer.js';
import { selectHeader, selectRows, selectSources, type NetworkRow } from '../../src/model/selectors.js';
import { toSnapshot } from '../../src/model/snapshot.js';
import { toPoints } from '../../src/model/series.js';
import { initialState, type State } from '../../src/model/state.js';
import type { NetworkMeta, Reading, SourceMeta } from '../../src/model/types.js';
import { DAY, HOUR, MIN, T0 } from '../helpers/state.js';

const NETWORKS: NetworkMeta[] = [
  { id: 'lightning', name: 'Lightning', type: 'state channels', lockedMeaning: 'capacity', sources: ['mempool-ln'], references: ['layers'] },
  { id: 'liquid', name: 'Liquid', type: 'federated sidechain', lockedMeaning: 'L-BTC', sources: ['pegs', 'esplora', 'layers'] },
  { id: 'rootstock', name: 'Rootstock', type: 'merge-mined sidechain', lockedMeaning: 'RBTC', sources: ['bridge', 'explorer'] },
  { id: 'bob', name: 'BOB', type: 'rollup', lockedMeaning: 'tokens', sources: ['layers'] },
];
const src = (id: string, networks: string[], maxAgeMs?: number): SourceMeta => ({
  id, provider: id, role: 'btc-locked', networks, label: id, path: '/', polls: true, ...(maxAgeMs === undefined ? {} : { maxAgeMs }),
});
const SOURCES: SourceMeta[] = [
  src('mempool-ln', ['lightning'], HOUR), src('pegs', ['liquid'], 15 * MIN), src('esplora', ['liquid']),
  src('layers', ['lightning', 'liquid', 'bob'], 8 * HOUR), src('bridge', ['rootstock'], 15 * MIN), src('explorer', ['rootstock']),
];

const fresh = (): State => initialState({ now: T0, intervalMs: 5 * MIN, windowMs: 90 * DAY, demo: false, networks: NETWORKS, sources: SOURCES });
const btc = (network: string, sats: number, extra: Partial<Extract<Reading, { kind: 'btc-locked' }>> = {}): Reading => ({ kind: 'btc-locked', network, sats, ...extra });
const outcome = (sourceId: string, at: number, readings: Reading[]): Action => ({
  type: 'feed/outcome', sourceId, nextAttemptAt: at + 5 * MIN, outcome: { ok: true, at, latencyMs: 20, readings },
});
const run = (s: State, actions: Action[]): State => actions.reduce(reduce, s);
const row = (s: State, id: string): NetworkRow => {
  const r = selectRows(s, 'btc-locked').find((x) => x.meta.id === id);
  if (!r) throw new Error(id);
  return r;
};
/** One poll round of Liquid's three like-for-like sources. */
const liquid = (at: number, pegs: number, esplora: number, layers: number): Action[] => [
  outcome('pegs', at, [btc('liquid', pegs, { observedAt: at - 30_000 })]),
  outcome('esplora', at, [btc('liquid', esplora)]),
  outcome('layers', at, [btc('liquid', layers, { observedAt: Date.UTC(2026, 10, 1), periodMs: DAY })]),
];

describe('upstream time', () => {
  it('a three-day-old stats row is stale even though the request succeeded, with its age in the row, the Sources rows and the JSON', () => {
    const now = T0 + 12 * HOUR;
    const s = run(fresh(), [outcome('mempool-ln', now, [btc('lightning', 5e11, { observedAt: T0 - 3 * DAY, periodMs: DAY })])]);
    const r = row(s, 'lightning');
    expect([r.value, r.stale, r.status]).toEqual([5e11, true, 'stale']);
    expect(r.staleReason).toBe('upstream data 2d old, expected within 1h');
    const source = selectSources(s).find((x) => x.meta.id === 'mempool-ln');
    expect([source?.status, source?.staleReason]).toEqual(['stale', 'upstream data 2d old, expected within 1h']);
    const json = toSnapshot(s).networks.find((n) => n.id === 'lightning');
    expect([json?.stale, json?.staleReason, json?.dataAt]).toEqual([true, 'upstream data 2d old, expected within 1h', new Date(T0 - 2 * DAY).toISOString()]);
    expect(selectHeader(s).newestAgeMs).toBe(now - (T0 - 2 * DAY));
    expect(toPoints(s.series['btc-locked'].lightning ?? { chunks: [], start: 0, length: 0 }).every(([, v]) => Number.isNaN(v))).toBe(true);
  });

  it('today\'s daily row is fresh and describes the fetch time; a price stamped 20 minutes ago is stale', () => {
    const s = run(fresh(), [outcome('mempool-ln', T0 + 10 * HOUR, [btc('lightning', 5e11, { observedAt: T0, periodMs: DAY })])]);
    expect([row(s, 'lightning').stale, row(s, 'lightning').dataAt]).toEqual([false, T0 + 10 * HOUR]);
    const withPrice = initialState({ now: T0, intervalMs: 5 * MIN, windowMs: DAY, demo: false, networks: [], sources: [{ ...src('p', []), role: 'price', maxAgeMs: 15 * MIN }] });
    const p = reduce(withPrice, { type: 'feed/outcome', sourceId: 'p', nextAttemptAt: T0, outcome: { ok: true, at: T0, latencyMs: 1, readings: [{ kind: 'price', usd: 90_000, observedAt: T0 - 20 * MIN }] } });
    expect(selectHeader(p, []).priceStale).toBe(true);
  });

  it('a stale token behind a fresh one: the network is stale with the note naming the token', () => {
    const now = T0 + 10 * HOUR;
    const s = run(fresh(), [outcome('layers', now, [btc('bob', 1.5e11, { observedAt: T0 - 4 * DAY, periodMs: DAY, note: '1 of 2 tokens behind: BOB-tBTC_BOB 2026-10-28' })])]);
    expect([row(s, 'bob').stale, row(s, 'bob').note]).toEqual([true, '1 of 2 tokens behind: BOB-tBTC_BOB 2026-10-28']);
  });

  it('an upstream time going backwards (a re-index) is refused and keeps the last good value', () => {
    let s = run(fresh(), [outcome('pegs', T0, [btc('liquid', 3.7e11, { observedAt: T0 })])]);
    s = run(s, [outcome('pegs', T0 + 5 * MIN, [btc('liquid', 1e11, { observedAt: T0 - 30 * DAY })])]);
    expect(row(s, 'liquid').rejected[0]?.reason).toMatch(/^implausible: upstream time went back 30d/);
    expect(s.values['btc-locked'].liquid?.pegs?.value).toBe(3.7e11);
  });
});

describe('plausibility', () => {
  it('a move far beyond the network\'s record between two polls is refused, never in the series, the total or the anomaly logic', () => {
    let s = fresh();
    for (let i = 0; i < 12; i += 1) s = run(s, [outcome('bridge', T0 + i * 5 * MIN, [btc('rootstock', 3e11 + i * 1e6, { observedAt: T0 + i * 5 * MIN })])]);
    const before = toPoints(s.series['btc-locked'].rootstock ?? { chunks: [], start: 0, length: 0 });
    s = run(s, [outcome('bridge', T0 + 60 * MIN, [btc('rootstock', 9e11, { observedAt: T0 + 60 * MIN })])]);
    const r = row(s, 'rootstock');
    expect(r.rejected[0]?.reason).toMatch(/^implausible: \+200% since the last poll; largest move between two points so far/);
    expect(toPoints(s.series['btc-locked'].rootstock ?? { chunks: [], start: 0, length: 0 }).filter(([, v]) => v === 9e11)).toEqual([]);
    expect(toPoints(s.series['btc-locked'].rootstock ?? { chunks: [], start: 0, length: 0 }).slice(0, before.length)).toEqual(before);
    expect(r.anomaly).toBeUndefined();
    expect(selectHeader(s).total).toBe(3e11 + 11 * 1e6); // the refused value never moves the total; the last good one stays
    expect(r.value).toBe(3e11 + 11 * 1e6);
    expect(r.stale).toBe(true);
    expect(selectSources(s).find((x) => x.meta.id === 'bridge')?.status).toBe('bad-data');
  });

  it('a new level that holds for three polls in a row is accepted (a real doubling is not refused forever)', () => {
    let s = run(fresh(), [outcome('bridge', T0, [btc('rootstock', 3e11)])]);
    for (let i = 1; i <= 3; i += 1) s = run(s, [outcome('bridge', T0 + i * 5 * MIN, [btc('rootstock', 9e11)])]);
    expect([row(s, 'rootstock').value, row(s, 'rootstock').stale, row(s, 'rootstock').rejected]).toEqual([9e11, false, []]);
  });

  it('the share of all bitcoin is never above 1', () => {
    let s = run(fresh(), [outcome('bridge', T0, [btc('rootstock', 2e15)]), outcome('pegs', T0, [btc('liquid', 2e15)])]);
    s = reduce(s, { type: 'feed/outcome', sourceId: 'h', nextAttemptAt: T0, outcome: { ok: true, at: T0, latencyMs: 1, readings: [] } });
    expect(toSnapshot({ ...s, height: { height: 900_000, at: T0, sourceId: 'h' } }).sector.shareOfSupply).toBeNull();
    expect(selectRows(s).every((r) => (r.share ?? 0) <= 1)).toBe(true);
  });
});

describe('consensus and like-for-like', () => {
  it('a spiked primary against two agreeing sources is outvoted: their value is in use, and no jump follows when it clears', () => {
    let s = fresh();
    for (let i = 0; i < 6; i += 1) s = run(s, liquid(T0 + i * 5 * MIN, 3.7e11, 3.7e11, 3.7e11));
    s = run(s, liquid(T0 + 30 * MIN, 3.7e11 * 1.3, 3.7e11, 3.7e11));
    let r = row(s, 'liquid');
    expect([r.value, r.source?.id, r.outvoted?.id, r.doubtful, r.anomaly]).toEqual([3.7e11, 'esplora', 'pegs', false, undefined]);
    expect(toSnapshot(s).networks.find((n) => n.id === 'liquid')).toMatchObject({ outvoted: 'pegs', doubtful: false, sourcesDisagree: true });
    s = run(s, liquid(T0 + 35 * MIN, 3.7e11, 3.7e11, 3.7e11));
    r = row(s, 'liquid');
    expect([r.value, r.source?.id, r.outvoted, r.anomaly]).toEqual([3.7e11, 'pegs', undefined, undefined]);
    expect(toPoints(s.series['btc-locked'].liquid ?? { chunks: [], start: 0, length: 0 }).every(([, v]) => v === 3.7e11)).toBe(true);
  });

  it('a spiked secondary is flagged as disagreeing and changes nothing in use', () => {
    let s = fresh();
    s = run(s, liquid(T0, 3.7e11, 3.7e11 * 1.3, 3.7e11));
    const r = row(s, 'liquid');
    expect([r.value, r.source?.id, r.outvoted, r.doubtful, r.disagree.map((d) => d.sourceId)]).toEqual([3.7e11, 'pegs', undefined, false, ['esplora']]);
  });

  it('two sources that disagree make the row and the headline doubtful', () => {
    const s = run(fresh(), [outcome('bridge', T0, [btc('rootstock', 3e11)]), outcome('explorer', T0, [btc('rootstock', 3.3e11)])]);
    expect([row(s, 'rootstock').doubtful, row(s, 'rootstock').value]).toEqual([true, 3e11]);
    expect(selectHeader(s).doubtful).toEqual(['Rootstock']);
    expect(toSnapshot(s).doubtful).toEqual(['Rootstock']);
  });

  it('a figure of another methodology 12% apart (Lightning via 1ML) is shown with its difference and never raises disagree', () => {
    const s = run(fresh(), [outcome('mempool-ln', T0, [btc('lightning', 5e11)]), outcome('layers', T0, [btc('lightning', 5.6e11, { observedAt: T0, periodMs: DAY })])]);
    const r = row(s, 'lightning');
    expect([r.disagree, r.doubtful, r.others]).toEqual([[], false, []]);
    expect(r.references.map((o) => [o.sourceId, Number(o.diff.toFixed(2))])).toEqual([['layers', 0.12]]);
    expect(toSnapshot(s).networks.find((n) => n.id === 'lightning')?.otherMethodology).toEqual([expect.objectContaining({ source: 'layers', diff: 0.12 })]);
  });
});

describe('changes', () => {
  it('without 24 h of history the row says since when ("since start, 3h") instead of n/a', () => {
    let s = fresh();
    for (let i = 0; i <= 36; i += 1) s = run(s, [outcome('bridge', T0 + i * 5 * MIN, [btc('rootstock', 3e11 + i * 1e7)])]);
    const r = row(s, 'rootstock');
    expect(r.change24h).toBeNull();
    expect(r.changeSinceStart?.sinceMs).toBe(3 * HOUR);
    expect(r.changeSinceStart?.change).toBeCloseTo(36e7 / 3e11, 12);
    expect(toSnapshot(s).networks.find((n) => n.id === 'rootstock')?.changeSinceStart).toEqual({ change: Number((36e7 / 3e11).toFixed(6)), since: new Date(T0).toISOString() });
  });
});

describe('series gaps', () => {
  it('a reference answering before the primary leaves no gap: the primary\'s value, stamped by its upstream before that answer, is the point', () => {
    // The first round: Bitcoin Layers (a reference for Lightning) answers first, then mempool with a block-time stamp.
    const s = run(fresh(), [
      outcome('layers', T0, [btc('lightning', 4e11)]),
      outcome('mempool-ln', T0 + 80, [btc('lightning', 5e11, { observedAt: T0 - 1_000 })]),
    ]);
    expect(row(s, 'lightning')).toMatchObject({ value: 5e11, stale: false });
    expect(toPoints(s.series['btc-locked'].lightning ?? { chunks: [], start: 0, length: 0 })).toEqual([[T0 - 1_000, 5e11]]);
  });

  it('the primary failing with nothing fresh left still records a gap', () => {
    const s = run(fresh(), [{ type: 'feed/outcome', sourceId: 'mempool-ln', nextAttemptAt: T0 + 5 * MIN, outcome: { ok: false, at: T0, latencyMs: 5, error: { kind: 'network', message: 'connection refused' } } }]);
    const points = toPoints(s.series['btc-locked'].lightning ?? { chunks: [], start: 0, length: 0 });
    expect(points.map(([t, v]) => [t, Number.isNaN(v)])).toEqual([[T0, true]]);
  });
});
