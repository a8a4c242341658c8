// Daily points of a series (the last finite value of each UTC day), for compact JSON history.
import { timeAt, valueAt, type Series } from './series.js';

const DAY = 86_400_000;

/** [dayStartMs, lastValueThatDay] for each UTC day that has a finite value, oldest first. */
export function dailyPoints(s: Series | undefined): [number, number][] {
  const out: [number, number][] = [];
  if (!s) return out;
  for (let i = 0; i < s.length; i += 1) {
    const v = valueAt(s, i);
    if (!Number.isFinite(v)) continue;
    const day = Math.floor(timeAt(s, i) / DAY) * DAY;
    const last = out[out.length - 1];
    if (last && last[0] === day) last[1] = v;
    else out.push([day, v]);
  }
  return out;
}
