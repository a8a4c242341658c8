// Relative change of a series over a look-back period, only when the window really has that history.
import { lastFiniteAtOrBefore, type Series } from './series.js';

/**
 * (value now - value `periodMs` ago) / value then. The reference is the last finite point at or
 * before now - period, and it must lie within a quarter of the period (at least 3 poll intervals)
 * of that target; otherwise the window does not have the history and the answer is null.
 */
export function changeOver(s: Series | undefined, current: number | undefined, now: number, periodMs: number, intervalMs: number): number | null {
  if (!s || current === undefined) return null;
  const target = now - periodMs;
  const ref = lastFiniteAtOrBefore(s, target);
  if (!ref) return null;
  const tolerance = Math.max(periodMs / 4, 3 * intervalMs);
  if (target - ref.t > tolerance || ref.v === 0) return null;
  return (current - ref.v) / ref.v;
}
