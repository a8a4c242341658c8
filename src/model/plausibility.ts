// Is a new value plausible against the same source's last one and the network's own record of moves?
import { lastFiniteAtOrBefore, timeAt, valueAt, type Series } from './series.js';
import type { Latest, Rejection } from './state.js';

/** A move of more than this (as |ln(new/old)|: doubling or halving) between two polls is never normal. */
export const MIN_STEP_LIMIT = Math.log(2);
/** A move may be this many times the largest one the network has made between two points. */
export const STEP_FACTOR = 4;
/** A rejected level that the same source repeats this many polls in a row is accepted as the new level. */
export const ACCEPT_AFTER = 3;

/** |ln(b/a)|, the size of a move independent of its direction; Infinity when either is not positive. */
export function stepSize(a: number, b: number): number {
  return a > 0 && b > 0 ? Math.abs(Math.log(b / a)) : Number.POSITIVE_INFINITY;
}

/** The largest step between consecutive finite points of a series (0 for fewer than two). */
export function largestStepOf(s: Series): number {
  let largest = 0;
  let prev = Number.NaN;
  for (let i = 0; i < s.length; i += 1) {
    const v = valueAt(s, i);
    if (!Number.isFinite(v)) continue;
    if (Number.isFinite(prev)) {
      const step = stepSize(prev, v);
      if (Number.isFinite(step) && step > largest) largest = step;
    }
    prev = v;
  }
  return largest;
}

/** The step a new point at `t` makes against the series' last finite point (0 when there is none). */
export function stepOnto(s: Series, t: number, v: number): number {
  if (s.length === 0 || timeAt(s, s.length - 1) > t) return 0;
  const last = lastFiniteAtOrBefore(s, t);
  const step = last ? stepSize(last.v, v) : 0;
  return Number.isFinite(step) ? step : 0;
}

const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(x > -0.1 && x < 0.1 ? 1 : 0)}%`;

/**
 * Why `value` is implausible next to the same source's previous value `prev` (only when that came from
 * the poll before, within `recentMs`), or undefined. The limit is the larger of doubling/halving and
 * STEP_FACTOR times the largest move the network has made between two points (`largestStep`).
 */
export function implausibleMove(prev: Latest | undefined, value: number, at: number, recentMs: number, largestStep: number): string | undefined {
  if (!prev || at - prev.at > recentMs || prev.value <= 0 || value <= 0) return undefined;
  const limit = Math.max(MIN_STEP_LIMIT, STEP_FACTOR * largestStep);
  if (stepSize(prev.value, value) <= limit) return undefined;
  const move = value / prev.value - 1;
  const record = largestStep > 0 ? `; largest move between two points so far ${pct(Math.exp(largestStep) - 1)}` : '';
  return `implausible: ${pct(move)} since the last poll${record}`;
}

/** The rejection record after refusing `value`: a repeat of the same level (within `tolerance`) extends the streak. */
export function nextRejection(prev: Rejection | undefined, value: number, at: number, reason: string, tolerance: number): Rejection {
  const same = prev !== undefined && prev.value > 0 && Math.abs(value - prev.value) / prev.value <= tolerance;
  return { value, at, reason, streak: same ? prev.streak + 1 : 1 };
}
