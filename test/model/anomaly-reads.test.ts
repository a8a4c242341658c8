// The 24 h anomaly check runs for every network on every render: it must read no more of a long series than
// it needs. Counted, not timed: the series' chunk arrays are wrapped so every element read is recorded.
import { describe, expect, it } from 'vitest';
import type { Picked } from '../../src/model/pick.js';
import { anomalyOf } from '../../src/model/quality.js';
import { fromPoints, lowerBound, type Series } from '../../src/model/series.js';
import type { State } from '../../src/model/state.js';
import { DAY, freshState, MIN, T0, TEST_NETWORKS } from '../helpers/state.js';

const STEP = 5 * MIN;
const POINTS = (90 * DAY) / STEP;

interface Reads {
  times: number;
  values: number;
}

/** A copy of `s` whose point arrays (time and value side by side) count element reads into `reads`. */
function counted(s: Series, reads: Reads): Series {
  const wrap = (a: readonly number[]): readonly number[] => new Proxy(a, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && /^\d+$/.test(prop)) reads[Number(prop) % 2 === 0 ? 'times' : 'values'] += 1;
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  const chunks = s.chunks.map((c) => ({ ...c, tv: wrap(c.tv) }));
  return { ...s, chunks };
}

/** 90 days of 5-minute points, a slow wave with a small wiggle: no move anywhere near the threshold. */
function quietSeries(end: number): Series {
  const points: [number, number][] = [];
  for (let i = 0; i < POINTS; i += 1) {
    const t = end - (POINTS - 1 - i) * STEP;
    points.push([t, 3e11 * (1 + 0.01 * Math.sin(i / 500) + 0.001 * Math.sin(i * 1.7))]);
  }
  return fromPoints(points);
}

describe('anomaly check reads', () => {
  const network = TEST_NETWORKS[1] as (typeof TEST_NETWORKS)[number];
  // 3 minutes past a poll: the 24 h window starts inside a block of 32, so the first points are read one by one.
  const now = T0 + 120 * DAY + 3 * MIN;
  const series = quietSeries(now - 3 * MIN);
  const picked: Picked = { value: 3e11, at: now, dataAt: now, sourceId: 'src-liquid', stale: false, fallback: false, doubtful: false };
  const stateWith = (s: Series): State => {
    const base = freshState({ now });
    return { ...base, now, series: { ...base.series, 'btc-locked': { ...base.series['btc-locked'], [network.id]: s } } };
  };

  it('reads no time of a 90-day series beyond the search for the 24 h start when nothing moved, and at most 31 values point by point', () => {
    const search: Reads = { times: 0, values: 0 };
    lowerBound(counted(series, search), now - DAY);
    const reads: Reads = { times: 0, values: 0 };
    expect(anomalyOf(stateWith(counted(series, reads)), network, 'btc-locked', picked, [])).toBeUndefined();
    // Times: only lowerBound's. Values: up to 31 before the first block boundary (the 288 points of 24 h otherwise
    // come from 9 or 10 block summaries, which are not counted here).
    expect(reads.times).toBe(search.times);
    expect(reads.values).toBeLessThanOrEqual(31);
  });

  it('still finds the time of the extreme for a move beyond the threshold', () => {
    const reads: Reads = { times: 0, values: 0 };
    const a = anomalyOf(stateWith(counted(series, reads)), network, 'btc-locked', { ...picked, value: 4e11 }, []);
    expect(a?.change).toBeGreaterThan(0.15);
    expect(a?.since).toBeGreaterThanOrEqual(now - DAY);
    expect(a?.since).toBeLessThanOrEqual(now);
  });
});
