// Restart through the store and the journal in-process: points, health and alerts come back; a backfill fills only holes.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { selectRows } from '../../src/model/selectors.js';
import { toPoints } from '../../src/model/series.js';
import type { State } from '../../src/model/state.js';
import { HOUR, MIN, T0, newStore, open, pollRounds, rootstockHistory, tempDir } from './fixture.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}

/** What a restart must bring back, comparable with toEqual (NaN gaps compare equal). */
function remembered(s: State) {
  const series = Object.fromEntries(Object.entries(s.series['btc-locked']).map(([n, x]) => [n, toPoints(x)]));
  const health = Object.fromEntries(Object.entries(s.health).map(([id, h]) => {
    const { inFlight: _i, nextAttemptAt: _n, ...rest } = h;
    return [id, rest];
  }));
  return { series, price: toPoints(s.priceSeries), health, alerts: s.alerts, alertActive: s.alertActive, values: s.values, backfilledUntil: s.backfilledUntil };
}

describe('state directory: restart', () => {
  it('brings back every point (gaps included), source health, values and fired alerts; the rows show them stale', () => {
    const d = dir();
    const first = newStore(T0);
    const a = open(d, first, T0);
    for (const action of [...pollRounds(), rootstockHistory(T0 + 56 * MIN)]) first.dispatch(action);
    a.p.close();
    const before = first.getState();
    expect(before.alerts.map((x) => x.subject)).toEqual(['Liquid']);
    expect(toPoints(before.series['btc-locked'].lightning ?? { chunks: [], start: 0, length: 0 }).filter(([, v]) => Number.isNaN(v))).toHaveLength(1);

    const later = T0 + 3 * HOUR;
    const second = newStore(later);
    const b = open(d, second, later);
    const after = second.getState();
    expect(remembered(after)).toEqual(remembered(before));
    expect(after.storage).toMatchObject({ status: 'ok', path: d });
    expect(after.storage?.message).toMatch(/remembered 46 points, last saved 2h ago/);
    expect(b.notices).toEqual([]);
    const lightning = selectRows(after).find((r) => r.meta.id === 'lightning');
    expect(lightning).toMatchObject({ value: 500_011_000_000, stale: true, at: T0 + 55 * MIN });
    b.p.close();
  });

  it('a backfill after a restart fills only what is missing: before the first point and the time l2top was off', () => {
    const d = dir();
    const first = newStore(T0);
    const a = open(d, first, T0);
    for (const action of pollRounds()) first.dispatch(action);
    a.p.close();
    const restoredPoints = toPoints(first.getState().series['btc-locked'].lightning ?? { chunks: [], start: 0, length: 0 });

    const later = T0 + 3 * HOUR;
    const second = newStore(later);
    const b = open(d, second, later);
    // Hourly history from 2 days back to now: it overlaps the remembered hour (T0 .. T0+55m) and the 2 hours after.
    const readings = Array.from({ length: 52 }, (_, i) => ({ kind: 'btc-locked' as const, network: 'lightning', sats: 400_000_000_000 + i, observedAt: later - (51 - i) * HOUR }));
    second.dispatch({ type: 'feed/history', sourceId: 'src-lightning', outcome: { ok: true, at: later, latencyMs: 500, readings } });
    const merged = toPoints(second.getState().series['btc-locked'].lightning ?? { chunks: [], start: 0, length: 0 });
    const history = readings.map((r) => [r.observedAt, r.sats]);
    const expected = [
      ...history.filter(([t]) => (t ?? 0) < T0),
      ...restoredPoints,
      // T0+1h is within half an hour (the history's half spacing) of the remembered T0+55m: the live point wins.
      ...history.filter(([t]) => (t ?? 0) >= T0 + 2 * HOUR),
    ];
    expect(merged).toEqual(expected);
    // Remembered live points stay live: the backfill mark covers only points before them.
    expect(second.getState().backfilledUntil['btc-locked'].lightning).toBe(T0 - HOUR);
    b.p.close();

    // And the filled points are journaled too.
    const third = newStore(later + MIN);
    const c = open(d, third, later + MIN);
    expect(toPoints(third.getState().series['btc-locked'].lightning ?? { chunks: [], start: 0, length: 0 })).toEqual(expected);
    c.p.close();
  });

  it('survives compaction: a checkpoint pruned to the window and the segments after it give the same state', () => {
    const d = dir();
    const first = newStore(T0);
    const a = open(d, first, T0, { compactBytes: 2_000 });
    for (const action of [...pollRounds(), rootstockHistory(T0 + 56 * MIN)]) first.dispatch(action);
    a.p.close();
    const files = fs.readdirSync(`${d}/journal`);
    expect(files.some((f) => f.startsWith('checkpoint-'))).toBe(true);
    expect(files.filter((f) => f.startsWith('segment-')).length).toBeLessThanOrEqual(2);
    const second = newStore(T0 + HOUR);
    const b = open(d, second, T0 + HOUR);
    expect(remembered(second.getState())).toEqual(remembered(first.getState()));
    b.p.close();
  });

  it('prunes to the window on load: points older than the window are dropped', () => {
    const d = dir();
    const first = newStore(T0);
    const a = open(d, first, T0);
    for (const action of [...pollRounds(), rootstockHistory(T0 + 56 * MIN)]) first.dispatch(action);
    a.p.close();
    const much = T0 + 95 * 24 * HOUR;
    const second = newStore(much);
    const b = open(d, second, much);
    const s = second.getState();
    expect(s.series['btc-locked'].rootstock?.length).toBe(0);
    expect(s.alerts).toEqual([]);
    b.p.close();
  });
});
