import { describe, expect, it } from 'vitest';
import {
  append, EMPTY_SERIES, extremesFrom, fromPoints, lastFiniteAtOrBefore, lowerBound, prependHistory, prune, timeAt, toPoints, valueAt,
} from '../../src/model/series.js';

function build(n: number) {
  let s = EMPTY_SERIES;
  for (let i = 0; i < n; i += 1) s = append(s, i * 10, i);
  return s;
}

describe('series', () => {
  it('appends across chunk boundaries and reads back by index', () => {
    const s = build(1500);
    expect(s.length).toBe(1500);
    expect(s.chunks.length).toBe(3);
    for (const i of [0, 511, 512, 1023, 1024, 1499]) {
      expect(timeAt(s, i)).toBe(i * 10);
      expect(valueAt(s, i)).toBe(i);
    }
  });

  it('does not mutate the previous version on append', () => {
    const a = build(3);
    const b = append(a, 100, 99);
    expect(a.length).toBe(3);
    expect(toPoints(a)).toEqual([[0, 0], [10, 1], [20, 2]]);
    expect(b.length).toBe(4);
  });

  it('ignores points that go back in time', () => {
    const s = append(build(3), 5, 7);
    expect(s.length).toBe(3);
  });

  it('prunes by cutoff and by count, keeping indices right', () => {
    const s = build(1500);
    const byTime = prune(s, 6000, 10_000);
    expect(byTime.length).toBe(900);
    expect(timeAt(byTime, 0)).toBe(6000);
    expect(valueAt(byTime, 899)).toBe(1499);
    expect(byTime.chunks.length).toBe(2);
    const byCount = prune(s, 0, 100);
    expect(byCount.length).toBe(100);
    expect(valueAt(byCount, 0)).toBe(1400);
    expect(prune(s, 1e9, 100)).toBe(EMPTY_SERIES);
    expect(prune(s, 0, 1e9)).toBe(s);
  });

  it('keeps memory bounded: appending past the cap and pruning keeps the chunk count flat', () => {
    let s = EMPTY_SERIES;
    let maxChunks = 0;
    for (let i = 0; i < 20_000; i += 1) {
      s = prune(append(s, i, i), i - 2000, 1_000_000);
      maxChunks = Math.max(maxChunks, s.chunks.length);
    }
    expect(s.length).toBe(2001);
    expect(maxChunks).toBeLessThanOrEqual(6);
  });

  it('extremesFrom equals a point-by-point scan (gaps, zeros, repeats, pruned and appended chunks)', () => {
    // A seeded walk with NaN gaps, zeros and repeated levels, so first occurrences and ties matter.
    let seed = 7;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const brute = (s: typeof EMPTY_SERIES, from: number) => {
      let best: { lo: number; loT: number; hi: number; hiT: number } | undefined;
      for (let i = from; i < s.length; i += 1) {
        const v = valueAt(s, i);
        if (!(v > 0 && Number.isFinite(v))) continue;
        const t = timeAt(s, i);
        if (!best) best = { lo: v, loT: t, hi: v, hiT: t };
        if (v < best.lo) best = { ...best, lo: v, loT: t };
        if (v > best.hi) best = { ...best, hi: v, hiT: t };
      }
      return best;
    };
    let appended = EMPTY_SERIES;
    const points: [number, number][] = [];
    for (let i = 0; i < 1800; i += 1) {
      const r = rnd();
      const v = r < 0.05 ? Number.NaN : r < 0.08 ? 0 : Math.round(100 + 50 * Math.sin(i / 90) + 20 * rnd());
      points.push([i * 10, v]);
      appended = append(appended, i * 10, v);
    }
    const built = fromPoints(points);
    const pruned = prune(appended, 3000, 1e9);
    for (const s of [appended, built, pruned]) {
      const froms = [0, 1, 31, 32, 33, 300, 511, 512, 513, 1000, s.length];
      for (let k = 0; k < s.length; k += 13) froms.push(k, s.length - 1 - (k % 80));
      for (const from of froms) {
        expect(extremesFrom(s, from), `from ${from} of ${s.length}`).toEqual(brute(s, from));
      }
    }
    expect(extremesFrom(fromPoints([[0, Number.NaN], [1, 0]]), 0)).toBeUndefined();
  });

  it('lowerBound equals a linear scan on uneven spacing, repeated times, daily then 5-minute points and pruned series', () => {
    const times: number[] = [];
    for (let i = 0; i < 90; i += 1) times.push(i * 86_400);
    for (let i = 0; i < 1200; i += 1) times.push(90 * 86_400 + i * 300 + (i % 7 === 0 ? 0 : 17));
    for (let i = 0; i < 40; i += 1) times.push(times[times.length - 1] as number);
    const s = fromPoints(times.map((t, i) => [t, i]));
    const linear = (x: typeof s, t: number): number => {
      for (let i = 0; i < x.length; i += 1) if (timeAt(x, i) >= t) return i;
      return x.length;
    };
    for (const x of [s, prune(s, 40 * 86_400, 1e9), prune(s, 0, 700)]) {
      const probes = [-1, 0, 1, 86_399, 86_400, 45 * 86_400 + 5, 90 * 86_400, 90 * 86_400 + 317, 90 * 86_400 + 300 * 600 + 1];
      for (let k = 0; k < x.length; k += 37) probes.push(timeAt(x, k), timeAt(x, k) + 1, timeAt(x, k) - 1);
      probes.push(timeAt(x, x.length - 1), timeAt(x, x.length - 1) + 1);
      for (const t of probes) expect(lowerBound(x, t), `t ${t}`).toBe(linear(x, t));
    }
    expect(lowerBound(EMPTY_SERIES, 5)).toBe(0);
  });

  it('finds bounds and the last finite point, skipping gap markers', () => {
    const s = fromPoints([[0, 1], [10, 2], [20, Number.NaN], [30, Number.NaN], [40, 5]]);
    expect(lowerBound(s, 25)).toBe(3);
    expect(lastFiniteAtOrBefore(s, 35)).toEqual({ t: 10, v: 2 });
    expect(lastFiniteAtOrBefore(s, 40)).toEqual({ t: 40, v: 5 });
    expect(lastFiniteAtOrBefore(s, -1)).toBeUndefined();
  });

  it('prepends history older than the first live point, sorted; live points win', () => {
    const live = fromPoints([[100, 7], [110, 8]]);
    const merged = prependHistory(live, [[90, 3], [50, 1], [100, 99], [120, 42]]);
    expect(toPoints(merged)).toEqual([[50, 1], [90, 3], [100, 7], [110, 8]]);
    expect(toPoints(prependHistory(EMPTY_SERIES, [[2, 1], [1, 0]]))).toEqual([[1, 0], [2, 1]]);
  });
});

describe('block summary', () => {
  /** Every whole block of 32 (counted from the first chunk's first slot) as [time of its last point, last finite value]. */
  const brute = (s: ReturnType<typeof fromPoints>): [number, number][] => {
    const out: [number, number][] = [];
    for (let last = 31 - (s.start % 32); last < s.length; last += 32) {
      let v = Number.NaN;
      for (let i = last; i > last - 32 && i >= 0; i -= 1) {
        if (Number.isFinite(valueAt(s, i))) {
          v = valueAt(s, i);
          break;
        }
      }
      out.push([timeAt(s, last), v]);
    }
    return out;
  };

  it('follows appends and prunes at any offset, and fromPoints builds the same', () => {
    let s = EMPTY_SERIES;
    let seed = 7;
    const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let step = 0; step < 4_000; step += 1) {
      s = append(s, step * 10, rnd() < 0.2 ? Number.NaN : step);
      if (step % 97 === 0) s = prune(s, (step - 700 - Math.floor(rnd() * 200)) * 10, 1_500);
      if (step % 89 === 0) {
        // The pruned first block keeps its summary point, whose value may come from points before the cut.
        expect(toPoints(s.blocks).slice(1)).toEqual(brute(s).slice(1));
        expect(s.blocks.length).toBe(brute(s).length);
      }
    }
    const rebuilt = fromPoints(toPoints(s));
    expect(toPoints(rebuilt.blocks)).toEqual(brute(rebuilt));
  });
});
