// An immutable, chunked time series: cheap appends, cheap pruning, O(1) indexed reads.
// A NaN value is a gap marker (a poll that failed at that time), never a zero.

/** Points per chunk: an append copies at most this many numbers (a power of two: index maths by shifts). */
const CHUNK = 512;
const SHIFT = 9;
const MASK = CHUNK - 1;

interface Chunk {
  readonly t: readonly number[];
  readonly v: readonly number[];
}

/**
 * A time-ordered series. `start` is how many points of the first chunk were pruned;
 * every chunk but the last is full, so index arithmetic is O(1).
 */
export interface Series {
  readonly chunks: readonly Chunk[];
  readonly start: number;
  readonly length: number;
}

export const EMPTY_SERIES: Series = { chunks: [], start: 0, length: 0 };

function chunkOf(s: Series, abs: number): Chunk {
  const chunk = s.chunks[abs >>> SHIFT];
  if (!chunk) throw new RangeError(`series index ${abs - s.start} out of range (length ${s.length})`);
  return chunk;
}

/** Time (ms) of point i. Reads allocate nothing: they run per chart column and per point scanned. */
export function timeAt(s: Series, i: number): number {
  const abs = i + s.start;
  return chunkOf(s, abs).t[abs & MASK] ?? Number.NaN;
}

/** Value of point i; NaN at a gap marker. */
export function valueAt(s: Series, i: number): number {
  const abs = i + s.start;
  return chunkOf(s, abs).v[abs & MASK] ?? Number.NaN;
}

/** A read-only view with `length`, `time(i)` and `value(i)`, as the chart resampler expects. */
export function pointsOf(s: Series): { readonly length: number; time(i: number): number; value(i: number): number } {
  return { length: s.length, time: (i) => timeAt(s, i), value: (i) => valueAt(s, i) };
}

/** Appends a point. Points older than the last one are ignored (time only moves forward). */
export function append(s: Series, t: number, v: number): Series {
  if (s.length > 0 && t < timeAt(s, s.length - 1)) return s;
  const last = s.chunks[s.chunks.length - 1];
  if (last && last.t.length < CHUNK) {
    const chunk = { t: appended(last.t, t), v: appended(last.v, v) };
    return { chunks: [...s.chunks.slice(0, -1), chunk], start: s.start, length: s.length + 1 };
  }
  return { chunks: [...s.chunks, { t: [t], v: [v] }], start: s.start, length: s.length + 1 };
}

/**
 * A copy of `a` with `x` at the end, its backing store exactly that long (8 bytes a point): a spread or a push
 * leaves V8's growth slack (about half again) in every chunk the series keeps, a third of a full window's memory.
 */
function appended(a: readonly number[], x: number): number[] {
  const out = new Array<number>(a.length + 1);
  for (let i = 0; i < a.length; i += 1) out[i] = a[i] ?? Number.NaN;
  out[a.length] = x;
  return out;
}

/** Builds a series from time-ordered points. */
export function fromPoints(points: readonly (readonly [number, number])[]): Series {
  const chunks: Chunk[] = [];
  for (let i = 0; i < points.length; i += CHUNK) {
    const part = points.slice(i, i + CHUNK);
    chunks.push({ t: part.map((p) => p[0]), v: part.map((p) => p[1]) });
  }
  return { chunks, start: 0, length: points.length };
}

/** Every point as [t, v] pairs (for merging; O(n)). */
export function toPoints(s: Series): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < s.length; i += 1) out.push([timeAt(s, i), valueAt(s, i)]);
  return out;
}

/** Index of the first point with time >= t (length when none). */
export function lowerBound(s: Series, t: number): number {
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timeAt(s, mid) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Drops points older than `cutoff` and keeps at most `maxPoints` (the newest). */
export function prune(s: Series, cutoff: number, maxPoints: number): Series {
  const drop = Math.max(lowerBound(s, cutoff), s.length - maxPoints);
  if (drop <= 0) return s;
  if (drop >= s.length) return EMPTY_SERIES;
  const abs = s.start + drop;
  return { chunks: s.chunks.slice(abs >>> SHIFT), start: abs & MASK, length: s.length - drop };
}

/** The last finite point at or before t, or undefined. Skips gap markers. */
export function lastFiniteAtOrBefore(s: Series, t: number): { t: number; v: number } | undefined {
  for (let i = lowerBound(s, t + 1) - 1; i >= 0; i -= 1) {
    const v = valueAt(s, i);
    if (Number.isFinite(v)) return { t: timeAt(s, i), v };
  }
  return undefined;
}

/**
 * Merges history in front of the series and into its holes: keeps the given points that are older than the
 * series' first point, and later ones that have no point of the series within half the history's own spacing
 * (a stretch when l2top was not running), so live samples always win where both exist.
 */
export function prependHistory(s: Series, points: readonly (readonly [number, number])[]): Series {
  const firstLive = s.length > 0 ? timeAt(s, 0) : Number.POSITIVE_INFINITY;
  const sorted = [...points].sort((a, b) => a[0] - b[0]);
  const older = sorted.filter((p) => p[0] < firstLive);
  const half = medianStep(sorted) / 2;
  const holes = half > 0 ? sorted.filter((p) => p[0] >= firstLive && farFrom(s, p[0], half)) : [];
  if (older.length === 0 && holes.length === 0) return s;
  if (holes.length === 0) return fromPoints([...older, ...toPoints(s)]);
  return fromPoints([...older, ...toPoints(s), ...holes].sort((a, b) => a[0] - b[0]));
}

/** The median distance between consecutive points (0 with fewer than two). */
function medianStep(points: readonly (readonly [number, number])[]): number {
  const steps: number[] = [];
  for (let i = 1; i < points.length; i += 1) steps.push((points[i]?.[0] ?? 0) - (points[i - 1]?.[0] ?? 0));
  steps.sort((a, b) => a - b);
  return steps[steps.length >> 1] ?? 0;
}

/** True when no point of `s` lies within `d` of t. */
function farFrom(s: Series, t: number, d: number): boolean {
  const i = lowerBound(s, t);
  const after = i < s.length ? timeAt(s, i) - t : Number.POSITIVE_INFINITY;
  const before = i > 0 ? t - timeAt(s, i - 1) : Number.POSITIVE_INFINITY;
  return after > d && before > d;
}
