// An immutable, chunked time series: cheap appends, cheap pruning, O(1) indexed reads.
// A NaN value is a gap marker (a poll that failed at that time), never a zero.

/** Points per chunk: an append copies at most this many numbers (a power of two: index maths by shifts). */
const CHUNK = 512;
const SHIFT = 9;
const MASK = CHUNK - 1;

/** Points per block of a chunk's range summary (a power of two), and blocks per chunk. */
const BLOCK_SHIFT = 5;
const BLOCK = 1 << BLOCK_SHIFT;
const BLOCKS = CHUNK / BLOCK;

/**
 * Up to CHUNK points, with a range summary per block of 32: the smallest positive finite value of block b at
 * `range[b]` (Infinity when there is none) and the largest at `range[BLOCKS + b]` (-Infinity). A range scan
 * (the 24 h anomaly check) reads a whole block in one step instead of point by point; append keeps it in O(1).
 */
interface Chunk {
  readonly t: readonly number[];
  readonly v: readonly number[];
  readonly range: readonly number[];
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

const positive = (v: number): boolean => v > 0 && v < Number.POSITIVE_INFINITY;

/** The range summary of a chunk's values. */
function rangeOf(v: readonly number[]): number[] {
  const range: number[] = [];
  for (let b = 0; b < BLOCKS; b += 1) range.push(Number.POSITIVE_INFINITY);
  for (let b = 0; b < BLOCKS; b += 1) range.push(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < v.length; i += 1) widen(range, i, v[i] as number);
  return range;
}

/** Takes value x at index i of a chunk into its block's range. */
function widen(range: number[], i: number, x: number): void {
  if (!positive(x)) return;
  const b = i >>> BLOCK_SHIFT;
  if (x < (range[b] as number)) range[b] = x;
  if (x > (range[BLOCKS + b] as number)) range[BLOCKS + b] = x;
}

/** Appends a point. Points older than the last one are ignored (time only moves forward). */
export function append(s: Series, t: number, v: number): Series {
  if (s.length > 0 && t < timeAt(s, s.length - 1)) return s;
  const last = s.chunks[s.chunks.length - 1];
  if (last && last.t.length < CHUNK) {
    const range = last.range.slice();
    widen(range, last.v.length, v);
    const chunk: Chunk = { t: appended(last.t, t), v: appended(last.v, v), range };
    return { chunks: [...s.chunks.slice(0, -1), chunk], start: s.start, length: s.length + 1 };
  }
  return { chunks: [...s.chunks, { t: [t], v: [v], range: rangeOf([v]) }], start: s.start, length: s.length + 1 };
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
    const v = part.map((p) => p[1]);
    chunks.push({ t: part.map((p) => p[0]), v, range: rangeOf(v) });
  }
  return { chunks, start: 0, length: points.length };
}

/** The smallest and largest positive finite value from point `from` on, each with the time of its first occurrence. */
export interface Extremes {
  readonly lo: number;
  readonly loT: number;
  readonly hi: number;
  readonly hiT: number;
}

/**
 * The smallest and largest positive finite value from point `from` on, without their times: `loAt` and `hiAt`
 * are indexes at or before each value's first occurrence, in the same block of 32 (timeOfExtreme finds it).
 */
export interface ExtremeValues {
  readonly lo: number;
  readonly loAt: number;
  readonly hi: number;
  readonly hiAt: number;
}

/**
 * The smallest and largest positive finite value of points `from`..length-1; undefined when there is none.
 * Points are read one by one only up to the first block boundary (values only); after that whole blocks are
 * read from their range summaries, so the cost is at most 31 value reads plus one per block, however many
 * points lie in the range. No time is read: the anomaly check needs one only for a move beyond its threshold.
 */
export function extremeValuesFrom(s: Series, from: number): ExtremeValues | undefined {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  // Absolute indexes at or before the first occurrence of each (a point, or the start of a block from a summary).
  let loAt = -1;
  let hiAt = -1;
  const first = Math.max(0, from) + s.start;
  if (first >= s.start + s.length) return undefined;
  for (let c = first >>> SHIFT; c < s.chunks.length; c += 1) {
    const { v, range } = s.chunks[c] as Chunk;
    let i = c === first >>> SHIFT ? first & MASK : 0;
    const edge = Math.min(v.length, (i + BLOCK - 1) & ~(BLOCK - 1));
    for (; i < edge; i += 1) {
      const x = v[i] as number;
      if (!positive(x)) continue;
      if (x < lo) {
        lo = x;
        loAt = (c << SHIFT) + i;
      }
      if (x > hi) {
        hi = x;
        hiAt = (c << SHIFT) + i;
      }
    }
    // i is now on a block boundary, or at the end of the chunk (then there is no block left).
    for (let b = i >>> BLOCK_SHIFT; i < v.length && b < BLOCKS && b << BLOCK_SHIFT < v.length; b += 1) {
      if ((range[b] as number) < lo) {
        lo = range[b] as number;
        loAt = (c << SHIFT) + (b << BLOCK_SHIFT);
      }
      if ((range[BLOCKS + b] as number) > hi) {
        hi = range[BLOCKS + b] as number;
        hiAt = (c << SHIFT) + (b << BLOCK_SHIFT);
      }
    }
  }
  if (lo === Number.POSITIVE_INFINITY) return undefined;
  return { lo, loAt: loAt - s.start, hi, hiAt: hiAt - s.start };
}

/** The time of the first point equal to `x` from index `at` to the end of its block of 32 (NaN when none is). */
export function timeOfExtreme(s: Series, at: number, x: number): number {
  const abs = at + s.start;
  const { t, v } = chunkOf(s, abs);
  const end = Math.min(v.length, (abs & ~(BLOCK - 1) & MASK) + BLOCK);
  for (let i = abs & MASK; i < end; i += 1) if (v[i] === x) return t[i] as number;
  return Number.NaN;
}

/** The smallest and largest positive finite value of points `from`..length-1 and when each first occurs; undefined when there is none. */
export function extremesFrom(s: Series, from: number): Extremes | undefined {
  const e = extremeValuesFrom(s, from);
  return e && { lo: e.lo, loT: timeOfExtreme(s, e.loAt, e.lo), hi: e.hi, hiT: timeOfExtreme(s, e.hiAt, e.hi) };
}

/** Every point as [t, v] pairs (for merging; O(n)). */
export function toPoints(s: Series): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < s.length; i += 1) out.push([timeAt(s, i), valueAt(s, i)]);
  return out;
}

/**
 * Index of the first point with time >= t (length when none). The search starts where linear interpolation
 * between the first and the last point puts t and gallops out from there: polls are about evenly spaced, so
 * that is a few reads near the answer instead of ~15 reads spread over a 90-day window (each a likely cache
 * miss: a render makes a few hundred of these searches), and never more than about twice a binary search.
 */
export function lowerBound(s: Series, t: number): number {
  const n = s.length;
  if (n === 0 || !(timeAt(s, 0) < t)) return 0;
  const last = timeAt(s, n - 1);
  if (last < t) return n;
  // time(0) < t <= time(n - 1): the answer lies in (0, n - 1].
  const first = timeAt(s, 0);
  const guess = Math.min(n - 1, Math.max(1, Math.floor(((t - first) / (last - first)) * (n - 1))));
  let a: number;
  let b: number;
  if (timeAt(s, guess) < t) {
    // Gallop right until time(b) >= t, keeping time(a) < t.
    a = guess;
    b = guess + 1;
    for (let step = 2; b < n - 1 && timeAt(s, b) < t; step *= 2) {
      a = b;
      b = Math.min(n - 1, b + step);
    }
  } else {
    // Gallop left until time(a) < t, keeping time(b) >= t.
    b = guess;
    a = guess - 1;
    for (let step = 2; a > 0 && !(timeAt(s, a) < t); step *= 2) {
      b = a;
      a = Math.max(0, a - step);
    }
  }
  // Binary search in (a, b]: time(a) < t <= time(b).
  let lo = a + 1;
  let hi = b;
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
