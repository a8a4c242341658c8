// Relative change of a series over a look-back period, only when the window really has that history.
import { lastFiniteAtOrBefore, lowerBound, timeAt, valueAt, type Series } from './series.js';

/**
 * The series' value at time `target`: a linear interpolation between the finite points either side when
 * they are at most `maxSpan` apart, else the last finite point at or before it when that lies within
 * `tolerance`, else undefined: the window lacks that history.
 */
export function valueAtTime(s: Series, target: number, tolerance: number, maxSpan: number, notBefore = -Infinity): number | undefined {
  const before = lastFiniteAtOrBefore(s, target);
  if (!before || before.t < notBefore) return undefined;
  const near = target - before.t <= tolerance ? before.v : undefined;
  if (before.t === target) return before.v;
  // Interpolate whenever a later point allows it: a daily point up to `tolerance` old would otherwise stand for
  // the target (between 00:00 and 06:00 UTC a 24 h change of daily rows measured up to 30 h).
  for (let i = lowerBound(s, target + 1); i < s.length; i += 1) {
    const v = valueAt(s, i);
    if (!Number.isFinite(v)) continue;
    const t = timeAt(s, i);
    if (t - before.t > maxSpan) return near;
    return before.v + ((v - before.v) * (target - before.t)) / (t - before.t);
  }
  return near;
}

/**
 * (value now - value `periodMs` ago) / value then, or null when the window does not have that
 * history. Tolerance: a quarter of the period (at least 3 poll intervals); interpolation only
 * between points at most 1.5 periods apart; points before `notBefore` are not comparable.
 */
export function changeOver(s: Series | undefined, current: number | undefined, now: number, periodMs: number, intervalMs: number, notBefore = -Infinity): number | null {
  if (!s || current === undefined) return null;
  const ref = valueAtTime(s, now - periodMs, Math.max(periodMs / 4, 3 * intervalMs), 1.5 * periodMs, notBefore);
  if (ref === undefined || ref === 0) return null;
  return (current - ref) / ref;
}
