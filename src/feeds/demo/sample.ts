// Deterministic SAMPLE data for --demo: smooth, fictitious BTC-locked values and a BTC/USD price as pure functions of time.

/** The networks the sample model knows; ids match the app's NetworkId values. */
export type SampleNetwork = 'lightning' | 'liquid' | 'rootstock' | 'stacks';

/** All sample networks, in display order. */
export const SAMPLE_NETWORKS: readonly SampleNetwork[] = ['lightning', 'liquid', 'rootstock', 'stacks'];

/** One sampled point: integer sats at a time (ms). */
export interface SamplePoint {
  readonly atMs: number;
  readonly sats: number;
}

/** One month's net flow (sats, may be negative); `date` is the month's first day, "YYYY-MM-01". */
export interface SampleMonthlyFlow {
  readonly date: string;
  readonly sats: number;
}

/** One UTC day in ms. */
export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const YEAR_MS = 365.25 * DAY_MS;
/** Reference time of the model; values equal `base` (before noise) here. */
const EPOCH_MS = Date.UTC(2025, 0, 1);
/** Most points sampleHistory returns; beyond that it throws (a caller bug, not data). */
const MAX_POINTS = 100_000;

interface Profile {
  /** Level at EPOCH_MS, in BTC (or USD for the price). */
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

const PROFILES: Readonly<Record<SampleNetwork | 'price', Profile>> = {
  lightning: { base: 4_850, growth: 0.04, daily: 0.002, slow: 0.03, fast: 0.002, seed: 11 },
  liquid: { base: 3_720, growth: 0.06, daily: 0.003, slow: 0.05, fast: 0.003, seed: 23 },
  rootstock: { base: 3_180, growth: -0.03, daily: 0.002, slow: 0.04, fast: 0.002, seed: 37 },
  stacks: { base: 4_600, growth: 0.2, daily: 0.004, slow: 0.06, fast: 0.004, seed: 53 },
  price: { base: 88_000, growth: 0.12, daily: 0.01, slow: 0.09, fast: 0.006, seed: 71 },
};

/** A seeded hash of an integer knot to [-1, 1]; same inputs, same output, everywhere. */
function knot(seed: number, k: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(k | 0, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return ((h >>> 0) / 0xffffffff) * 2 - 1;
}

/** Smooth value noise in [-1, 1]: seeded knots every `periodMs`, smoothstep between them. */
function noise(seed: number, tMs: number, periodMs: number): number {
  const x = tMs / periodMs;
  const k = Math.floor(x);
  const f = x - k;
  const s = f * f * (3 - 2 * f);
  const a = knot(seed, k);
  return a + (knot(seed, k + 1) - a) * s;
}

function level(p: Profile, tMs: number): number {
  if (!Number.isFinite(tMs)) throw new RangeError(`sample time must be finite, got ${tMs}`);
  const years = (tMs - EPOCH_MS) / YEAR_MS;
  const wiggle = 1 + p.daily * Math.sin((2 * Math.PI * tMs) / DAY_MS + p.seed);
  const slow = 1 + p.slow * noise(p.seed, tMs, 30 * DAY_MS);
  const fast = 1 + p.fast * noise(p.seed + 1, tMs, 6 * HOUR_MS);
  return p.base * Math.exp(p.growth * years) * wiggle * slow * fast;
}

/** True when `id` names a sample network. */
export function isSampleNetwork(id: string): id is SampleNetwork {
  return (SAMPLE_NETWORKS as readonly string[]).includes(id);
}

/** Sample BTC locked in `network` at `tMs`, in integer sats. Throws RangeError on a non-finite time. */
export function sampleAt(network: SampleNetwork, tMs: number): number {
  return Math.max(0, Math.round(level(PROFILES[network], tMs) * 1e8));
}

/** Sample BTC/USD at `tMs`, an integer number of dollars (as mempool's /prices gives it). */
export function samplePriceAt(tMs: number): number {
  return Math.round(level(PROFILES.price, tMs));
}

/** Sample Lightning graph size at `tMs`: channel count follows capacity, nodes follow channels. */
export function sampleLightningGraphAt(tMs: number): { channels: number; nodes: number } {
  const avgChannelSats = 9_600_000 * (1 + 0.02 * noise(91, tMs, 30 * DAY_MS));
  const channels = Math.round(sampleAt('lightning', tMs) / avgChannelSats);
  const nodes = Math.round(channels * 0.31 * (1 + 0.01 * noise(92, tMs, 7 * DAY_MS)));
  return { channels, nodes };
}

/** Points every `stepMs` from `fromMs` (inclusive) up to `toMs` (inclusive), oldest first. */
export function sampleHistory(network: SampleNetwork, fromMs: number, toMs: number, stepMs: number): SamplePoint[] {
  if (!(stepMs > 0) || !Number.isFinite(fromMs) || !Number.isFinite(toMs)) {
    throw new RangeError('sampleHistory needs finite times and a positive step');
  }
  if (toMs < fromMs) return [];
  if ((toMs - fromMs) / stepMs >= MAX_POINTS) throw new RangeError(`sampleHistory: more than ${MAX_POINTS} points`);
  const points: SamplePoint[] = [];
  for (let t = fromMs; t <= toMs; t += stepMs) points.push({ atMs: t, sats: sampleAt(network, t) });
  return points;
}

/** UTC midnight at or before `tMs`. */
export function utcDayStart(tMs: number): number {
  return Math.floor(tMs / DAY_MS) * DAY_MS;
}

/**
 * Daily points as a day-granular upstream reports them: one per UTC midnight from `fromMs` to `nowMs`,
 * each holding the value at the day's end (today's: the value at `nowMs`), oldest first.
 */
export function sampleDaily(network: SampleNetwork, fromMs: number, nowMs: number): SamplePoint[] {
  const points: SamplePoint[] = [];
  for (let day = Math.ceil(fromMs / DAY_MS) * DAY_MS; day <= nowMs; day += DAY_MS) {
    points.push({ atMs: day, sats: sampleAt(network, Math.min(day + DAY_MS, nowMs)) });
  }
  return points;
}

/**
 * Net flow per calendar month (UTC) for the last `months` months up to and including the current one.
 * The first month carries everything before it, so the flows sum exactly to sampleAt(network, nowMs).
 */
export function sampleMonthlyFlows(network: SampleNetwork, months: number, nowMs: number): SampleMonthlyFlow[] {
  const now = new Date(nowMs);
  const flows: SampleMonthlyFlow[] = [];
  let previous = 0;
  for (let back = Math.max(1, Math.floor(months)) - 1; back >= 0; back -= 1) {
    const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1);
    const end = Math.min(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back + 1, 1), nowMs);
    const supply = sampleAt(network, end);
    flows.push({ date: new Date(start).toISOString().slice(0, 10), sats: supply - previous });
    previous = supply;
  }
  return flows;
}
