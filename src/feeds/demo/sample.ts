// Deterministic SAMPLE data for --demo: smooth, fictitious BTC-locked values per network as pure functions of time.
import { DAY_MS, dailyAt, level, noise } from './noise.js';
import type { Profile } from './noise.js';

export { DAY_MS, utcDayStart } from './noise.js';
export { samplePriceAt } from './sample-market.js';

/** The networks the sample model knows; ids match the app's NetworkId values. */
export type SampleNetwork =
  | 'lightning' | 'liquid' | 'rootstock' | 'stacks' | 'citrea' | 'merlin' | 'bob' | 'core' | 'bitlayer' | 'bsquared' | 'botanix' | 'hemi' | 'mezo' | 'corn' | 'bevm';

/** All sample networks, in display order. */
export const SAMPLE_NETWORKS: readonly SampleNetwork[] = [
  'lightning', 'liquid', 'rootstock', 'stacks', 'citrea', 'merlin', 'bob', 'core', 'bitlayer', 'bsquared', 'botanix', 'hemi', 'mezo', 'corn', 'bevm',
];

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

/** Most points sampleHistory returns; beyond that it throws (a caller bug, not data). */
const MAX_POINTS = 100_000;

/** BTC levels: the four older networks in the thousands, the newer ones from tens to a few thousand BTC. */
const PROFILES: Readonly<Record<SampleNetwork, Profile>> = {
  lightning: { base: 4_850, growth: 0.04, daily: 0.002, slow: 0.03, fast: 0.002, seed: 11 },
  liquid: { base: 3_720, growth: 0.06, daily: 0.003, slow: 0.05, fast: 0.003, seed: 23 },
  rootstock: { base: 3_180, growth: -0.03, daily: 0.002, slow: 0.04, fast: 0.002, seed: 37 },
  stacks: { base: 4_600, growth: 0.2, daily: 0.004, slow: 0.06, fast: 0.004, seed: 53 },
  citrea: { base: 150, growth: 0.45, daily: 0.005, slow: 0.08, fast: 0.005, seed: 101 },
  merlin: { base: 2_600, growth: -0.12, daily: 0.003, slow: 0.05, fast: 0.003, seed: 103 },
  bob: { base: 1_100, growth: 0.18, daily: 0.004, slow: 0.06, fast: 0.004, seed: 107 },
  core: { base: 2_300, growth: 0.1, daily: 0.003, slow: 0.04, fast: 0.003, seed: 109 },
  bitlayer: { base: 1_500, growth: 0.03, daily: 0.003, slow: 0.05, fast: 0.003, seed: 113 },
  bsquared: { base: 70, growth: -0.15, daily: 0.006, slow: 0.08, fast: 0.006, seed: 127 },
  botanix: { base: 60, growth: 0.8, daily: 0.006, slow: 0.08, fast: 0.006, seed: 131 },
  hemi: { base: 450, growth: 0.35, daily: 0.005, slow: 0.07, fast: 0.005, seed: 137 },
  mezo: { base: 320, growth: 0.4, daily: 0.005, slow: 0.07, fast: 0.005, seed: 139 },
  corn: { base: 180, growth: 0.25, daily: 0.005, slow: 0.07, fast: 0.005, seed: 149 },
  bevm: { base: 40, growth: -0.1, daily: 0.006, slow: 0.08, fast: 0.006, seed: 151 },
};

/** True when `id` names a sample network. */
export function isSampleNetwork(id: string): id is SampleNetwork {
  return (SAMPLE_NETWORKS as readonly string[]).includes(id);
}

/** Sample BTC locked in `network` at `tMs`, in integer sats. Throws RangeError on a non-finite time. */
export function sampleAt(network: SampleNetwork, tMs: number): number {
  return Math.max(0, Math.round(level(PROFILES[network], tMs) * 1e8));
}

/** Sample Liquid federation reserves at `tMs`, integer sats: 0.2-0.3 % above the pegged amount, as on the real chain. */
export function sampleLiquidReservesAt(tMs: number): number {
  const pegged = sampleAt('liquid', tMs);
  return pegged + Math.round(pegged * (0.0025 + 0.0005 * noise(29, tMs, DAY_MS / 2)));
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

/**
 * Daily points as a day-granular upstream reports them: one per UTC midnight from `fromMs` to `nowMs`,
 * each holding the value at the day's end (today's: the value at `nowMs`), oldest first.
 */
export function sampleDaily(network: SampleNetwork, fromMs: number, nowMs: number): SamplePoint[] {
  return dailyAt((t) => sampleAt(network, t), fromMs, nowMs).map((p) => ({ atMs: p.atMs, sats: p.value }));
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
