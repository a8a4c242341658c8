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
 * Up to CHUNK points, time and value side by side in one array (`tv[2i]` is the time of point i, `tv[2i + 1]`
 * its value): a chart column reads a time and then the value next to it, from one array and most often one cache
 * line, where separate time and value arrays meant two of each.
 * With a range summary per block of 32: the smallest positive finite value of block b at `range[b]` (Infinity
 * when there is none) and the largest at `range[BLOCKS + b]` (-Infinity). A range scan (the 24 h anomaly
 * check) reads a whole block in one step instead of point by point; append keeps it in O(1).
 */
interface Chunk {
  readonly tv: readonly number[];
  readonly range: readonly number[];
}

/** Points in a chunk. */
const sizeOf = (c: Chunk): number => c.tv.length >>> 1;

/**
 * Time-ordered points in chunks. `start` is how many points of the first chunk were pruned;
 * every chunk but the last is full, so index arithmetic is O(1).
 */
export interface Level {
  readonly chunks: readonly Chunk[];
  readonly start: number;
  readonly length: number;
}

/**
 * A time-ordered series, and a summary of it with one point per whole block of 32 points (`blocks`): the time of
 * the block's last point and the block's last finite value (NaN when it has none). Blocks are counted from the
 * first chunk's first slot, so a block never spans two chunks; `blocks` starts with the block holding the first
 * kept point (after a prune its value may come from a pruned point of that block) and ends with the last whole one. A chart column over many blocks reads the summary, a small array
 * read in order, instead of one far-apart point per column (resampleSeries, src/ui/render/resample.ts).
 */
export interface Series extends Level {
  readonly blocks: Level;
}

const EMPTY_LEVEL: Level = { chunks: [], start: 0, length: 0 };
export const EMPTY_SERIES: Series = { ...EMPTY_LEVEL, blocks: EMPTY_LEVEL };

function chunkOf(s: Level, abs: number): Chunk {
  const chunk = s.chunks[abs >>> SHIFT];
  if (!chunk) throw new RangeError(`series index ${abs - s.start} out of range (length ${s.length})`);
  return chunk;
}

/** Time (ms) of point i. Reads allocate nothing: they run per chart column and per point scanned. */
export function timeAt(s: Level, i: number): number {
  const abs = i + s.start;
  return chunkOf(s, abs).tv[(abs & MASK) << 1] ?? Number.NaN;
}

/** Value of point i; NaN at a gap marker. */
export function valueAt(s: Level, i: number): number {
  const abs = i + s.start;
  return chunkOf(s, abs).tv[((abs & MASK) << 1) + 1] ?? Number.NaN;
}

/** A read-only view with `length`, `time(i)` and `value(i)`, as the chart resampler expects. */
export function pointsOf(s: Level): { readonly length: number; time(i: number): number; value(i: number): number } {
  return { length: s.length, time: (i) => timeAt(s, i), value: (i) => valueAt(s, i) };
}

/** The block summary of `s` as the same kind of view: per whole block of 32, its last point's time and last finite value. */
export function blocksOf(s: Series): { readonly length: number; time(i: number): number; value(i: number): number } {
  return pointsOf(s.blocks);
}

const positive = (v: number): boolean => v > 0 && v < Number.POSITIVE_INFINITY;

/** The range summary of a chunk's values (`tv` interleaved as in Chunk). */
function rangeOf(tv: readonly number[]): number[] {
  const range: number[] = [];
  for (let b = 0; b < BLOCKS; b += 1) range.push(Number.POSITIVE_INFINITY);
  for (let b = 0; b < BLOCKS; b += 1) range.push(Number.NEGATIVE_INFINITY);
  for (let i = 0; 2 * i + 1 < tv.length; i += 1) widen(range, i, tv[2 * i + 1] as number);
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
  const fine = appendTo(s, t, v);
  // The point ends a block: its summary point joins `blocks`.
  const end = s.start + s.length + 1;
  const blocks = (end & (BLOCK - 1)) === 0 ? appendTo(s.blocks, t, blockValue(fine, end - BLOCK)) : s.blocks;
  return { chunks: fine.chunks, start: fine.start, length: fine.length, blocks };
}

/** The last finite value of the block starting at absolute index `abs` (NaN when there is none). */
function blockValue(s: Level, abs: number): number {
  const { tv } = chunkOf(s, abs);
  for (let i = (abs & MASK) + BLOCK - 1; i >= (abs & MASK); i -= 1) {
    const x = tv[2 * i + 1] as number;
    if (Number.isFinite(x)) return x;
  }
  return Number.NaN;
}

/** `s` with the point appended (no time check, no block summary). */
function appendTo(s: Level, t: number, v: number): Level {
  const last = s.chunks[s.chunks.length - 1];
  if (last && sizeOf(last) < CHUNK) {
    const range = last.range.slice();
    widen(range, sizeOf(last), v);
    const chunk: Chunk = { tv: appended(last.tv, t, v), range };
    return { chunks: [...s.chunks.slice(0, -1), chunk], start: s.start, length: s.length + 1 };
  }
  const tv = [t, v];
  return { chunks: [...s.chunks, { tv, range: rangeOf(tv) }], start: s.start, length: s.length + 1 };
}

/**
 * A copy of `a` with `t` and `v` at the end, its backing store exactly that long (16 bytes a point): a spread or
 * a push leaves V8's growth slack (about half again) in every chunk the series keeps, a third of a full window's
 * memory.
 */
function appended(a: readonly number[], t: number, v: number): number[] {
  const out = new Array<number>(a.length + 2);
  for (let i = 0; i < a.length; i += 1) out[i] = a[i] ?? Number.NaN;
  out[a.length] = t;
  out[a.length + 1] = v;
  return out;
}

/** Builds a series from time-ordered points. */
export function fromPoints(points: readonly (readonly [number, number])[]): Series {
  const fine = levelOf(points);
  const blocks: [number, number][] = [];
  for (let b = 0; (b + 1) * BLOCK <= points.length; b += 1) blocks.push([(points[(b + 1) * BLOCK - 1] as readonly [number, number])[0], blockValue(fine, b * BLOCK)]);
  return { ...fine, blocks: levelOf(blocks) };
}

function levelOf(points: readonly (readonly [number, number])[]): Level {
  const chunks: Chunk[] = [];
  for (let i = 0; i < points.length; i += CHUNK) {
    const part = points.slice(i, i + CHUNK);
    const tv = new Array<number>(2 * part.length);
    part.forEach((p, k) => {
      tv[2 * k] = p[0];
      tv[2 * k + 1] = p[1];
    });
    chunks.push({ tv, range: rangeOf(tv) });
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
    const { tv, range } = s.chunks[c] as Chunk;
    const size = tv.length >>> 1;
    let i = c === first >>> SHIFT ? first & MASK : 0;
    const edge = Math.min(size, (i + BLOCK - 1) & ~(BLOCK - 1));
    for (; i < edge; i += 1) {
      const x = tv[2 * i + 1] as number;
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
    for (let b = i >>> BLOCK_SHIFT; i < size && b < BLOCKS && b << BLOCK_SHIFT < size; b += 1) {
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
  const { tv } = chunkOf(s, abs);
  const end = Math.min(tv.length >>> 1, (abs & ~(BLOCK - 1) & MASK) + BLOCK);
  for (let i = abs & MASK; i < end; i += 1) if (tv[2 * i + 1] === x) return tv[2 * i] as number;
  return Number.NaN;
}

/** The smallest and largest positive finite value of points `from`..length-1 and when each first occurs; undefined when there is none. */
export function extremesFrom(s: Series, from: number): Extremes | undefined {
  const e = extremeValuesFrom(s, from);
  return e && { lo: e.lo, loT: timeOfExtreme(s, e.loAt, e.lo), hi: e.hi, hiT: timeOfExtreme(s, e.hiAt, e.hi) };
}

/** Every point as [t, v] pairs (for merging; O(n)). */
export function toPoints(s: Level): [number, number][] {
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
export function lowerBound(s: Level, t: number): number {
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
  // The summary keeps the block of the first kept point and the ones after it.
  const blocks = dropFirst(s.blocks, (abs >>> BLOCK_SHIFT) - (s.start >>> BLOCK_SHIFT));
  return { chunks: s.chunks.slice(abs >>> SHIFT), start: abs & MASK, length: s.length - drop, blocks };
}

/** `l` without its first `k` points. */
function dropFirst(l: Level, k: number): Level {
  if (k <= 0) return l;
  if (k >= l.length) return EMPTY_LEVEL;
  const abs = l.start + k;
  return { chunks: l.chunks.slice(abs >>> SHIFT), start: abs & MASK, length: l.length - k };
}

/** The last finite point at or before t, or undefined. Skips gap markers. */
export function lastFiniteAtOrBefore(s: Level, t: number): { t: number; v: number } | undefined {
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
