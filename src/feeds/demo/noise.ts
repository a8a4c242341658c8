// Seeded smooth noise for the SAMPLE model: a level that grows, wiggles daily and drifts, as a pure function of time.

/** One UTC day in ms. */
export const DAY_MS = 86_400_000;
/** One hour in ms. */
export const HOUR_MS = 3_600_000;
const YEAR_MS = 365.25 * DAY_MS;
/** Reference time of the model; levels equal `base` (before noise) here. */
const EPOCH_MS = Date.UTC(2025, 0, 1);

/** How one sampled series moves. Amplitudes are relative; together they keep hourly moves far below 2 %. */
export interface Profile {
  /** Level at 2025-01-01, in the series' unit (BTC, USD). */
  readonly base: number;
  /** Continuous growth per year (0.05 = about +5 %/y). */
  readonly growth: number;
  /** Relative amplitude of the 24 h sine wiggle. */
  readonly daily: number;
  /** Relative amplitude of the 30-day noise (drives negative months). */
  readonly slow: number;
  /** Relative amplitude of the 6-hour noise. */
  readonly fast: number;
  readonly seed: number;
}

/** A seeded hash of an integer knot to [-1, 1]; same inputs, same output, everywhere. */
export function knot(seed: number, k: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(k | 0, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return ((h >>> 0) / 0xffffffff) * 2 - 1;
}

/** Smooth value noise in [-1, 1]: seeded knots every `periodMs`, smoothstep between them. */
export function noise(seed: number, tMs: number, periodMs: number): number {
  const x = tMs / periodMs;
  const k = Math.floor(x);
  const f = x - k;
  const s = f * f * (3 - 2 * f);
  const a = knot(seed, k);
  return a + (knot(seed, k + 1) - a) * s;
}

/** The level of `p` at `tMs`. Throws RangeError on a non-finite time. */
export function level(p: Profile, tMs: number): number {
  if (!Number.isFinite(tMs)) throw new RangeError(`sample time must be finite, got ${tMs}`);
  const years = (tMs - EPOCH_MS) / YEAR_MS;
  const wiggle = 1 + p.daily * Math.sin((2 * Math.PI * tMs) / DAY_MS + p.seed);
  const slow = 1 + p.slow * noise(p.seed, tMs, 30 * DAY_MS);
  const fast = 1 + p.fast * noise(p.seed + 1, tMs, 6 * HOUR_MS);
  return p.base * Math.exp(p.growth * years) * wiggle * slow * fast;
}

/** UTC midnight at or before `tMs`. */
export function utcDayStart(tMs: number): number {
  return Math.floor(tMs / DAY_MS) * DAY_MS;
}

/**
 * Daily values as a day-granular upstream reports them: one per UTC midnight from `fromMs` to `nowMs`,
 * each holding `valueAt` the day's end (today's: at `nowMs`), oldest first.
 */
export function dailyAt<T>(valueAt: (tMs: number) => T, fromMs: number, nowMs: number): { atMs: number; value: T }[] {
  const points: { atMs: number; value: T }[] = [];
  for (let day = Math.ceil(fromMs / DAY_MS) * DAY_MS; day <= nowMs; day += DAY_MS) {
    points.push({ atMs: day, value: valueAt(Math.min(day + DAY_MS, nowMs)) });
  }
  return points;
}
