// Deterministic SAMPLE market data for --demo: BTC/USD per price provider, DeFi TVL per DefiLlama chain, Bitcoin's tip height.
import { dailyAt, HOUR_MS, level, noise } from './noise.js';
import type { Profile } from './noise.js';

/** The providers of a BTC/USD price; each serves the common level with its own small, smooth deviation. */
export type PriceSource = 'mempool' | 'coingecko' | 'defillama';
/** One sampled USD value at a time (ms). */
export interface SampleUsdPoint {
  readonly atMs: number;
  readonly usd: number;
}

/** DefiLlama chains with a sample DeFi TVL; ids match the app's NetworkId values. */
export type SampleTvlChain =
  | 'stacks' | 'rootstock' | 'merlin' | 'bob' | 'core' | 'bitlayer' | 'bsquared' | 'botanix' | 'citrea' | 'hemi' | 'mezo' | 'corn' | 'bevm';
/** All sample TVL chains. */
export const SAMPLE_TVL_CHAINS: readonly SampleTvlChain[] = [
  'stacks', 'rootstock', 'merlin', 'bob', 'core', 'bitlayer', 'bsquared', 'botanix', 'citrea', 'hemi', 'mezo', 'corn', 'bevm',
];
/** DefiLlama's display `name` per sample TVL chain (what /v2/chains lists and /v2/historicalChainTvl takes). */
export const LLAMA_CHAIN_NAMES: Readonly<Record<SampleTvlChain, string>> = {
  stacks: 'Stacks', rootstock: 'Rootstock', merlin: 'Merlin', bob: 'BOB', core: 'CORE', bitlayer: 'Bitlayer', bsquared: 'BSquared',
  botanix: 'Botanix', citrea: 'Citrea', hemi: 'Hemi', mezo: 'Mezo', corn: 'Corn', bevm: 'BEVM',
};

const PRICE: Profile = { base: 88_000, growth: 0.12, daily: 0.01, slow: 0.09, fast: 0.006, seed: 71 };
/** Relative deviation of the other providers from mempool's level: |a| + |b| < 0.5 % keeps every pair close. */
const PRICE_SPREAD: Readonly<Record<Exclude<PriceSource, 'mempool'>, { amplitude: number; seed: number; decimals: number }>> = {
  coingecko: { amplitude: 0.0012, seed: 201, decimals: 2 },
  defillama: { amplitude: 0.0012, seed: 203, decimals: 3 },
};
const tvl = (base: number, growth: number, seed: number): Profile => ({ base, growth, daily: 0.006, slow: 0.08, fast: 0.006, seed });
/** USD levels at 2025-01-01: fictitious, loosely the size of the real chains' DeFi. */
const TVL_PROFILES: Readonly<Record<SampleTvlChain, Profile>> = {
  stacks: tvl(110e6, 0.1, 301), rootstock: tvl(170e6, -0.05, 303), merlin: tvl(85e6, -0.2, 307), bob: tvl(230e6, 0.15, 311),
  core: tvl(420e6, 0.05, 313), bitlayer: tvl(300e6, 0, 317), bsquared: tvl(30e6, -0.1, 331), botanix: tvl(20e6, 0.6, 337),
  citrea: tvl(8e6, 0.7, 347), hemi: tvl(180e6, 0.3, 349), mezo: tvl(120e6, 0.4, 353), corn: tvl(90e6, 0.05, 359), bevm: tvl(5e6, -0.2, 367),
};
/** Bitcoin block near 2025-01-01T00:00Z; the sample tip advances one block per 10 minutes from there. */
const TIP_ANCHOR = { height: 877_260, atMs: Date.UTC(2025, 0, 1) };
const BLOCK_MS = 600_000;

const roundTo = (value: number, decimals: number): number => Math.round(value * 10 ** decimals) / 10 ** decimals;

/** Sample BTC/USD at `tMs` as mempool's /prices gives it: an integer number of dollars. */
export function samplePriceAt(tMs: number): number {
  return Math.round(level(PRICE, tMs));
}

/** Sample BTC/USD at `tMs` from `source`: mempool an integer, CoinGecko in cents, DefiLlama to 3 decimals; all within 0.5 %. */
export function samplePriceOf(source: PriceSource, tMs: number): number {
  if (source === 'mempool') return samplePriceAt(tMs);
  const { amplitude, seed, decimals } = PRICE_SPREAD[source];
  return roundTo(level(PRICE, tMs) * (1 + amplitude * noise(seed, tMs, 3 * HOUR_MS)), decimals);
}

/** mempool's hourly price points (integers) at every full hour from `fromMs` to `nowMs`, oldest first. */
export function samplePriceHourly(fromMs: number, nowMs: number): SampleUsdPoint[] {
  const points: SampleUsdPoint[] = [];
  for (let t = Math.ceil(fromMs / HOUR_MS) * HOUR_MS; t <= nowMs; t += HOUR_MS) points.push({ atMs: t, usd: samplePriceAt(t) });
  return points;
}

/** Sample DeFi TVL of `chain` at `tMs`, in USD to the cent. Throws RangeError on a non-finite time. */
export function sampleTvlAt(chain: SampleTvlChain, tMs: number): number {
  return roundTo(level(TVL_PROFILES[chain], tMs), 2);
}

/** DefiLlama-style daily TVL: one point per UTC midnight from `fromMs` to `nowMs` (today's holds the value now), oldest first. */
export function sampleTvlDaily(chain: SampleTvlChain, fromMs: number, nowMs: number): SampleUsdPoint[] {
  return dailyAt((t) => sampleTvlAt(chain, t), fromMs, nowMs).map((p) => ({ atMs: p.atMs, usd: p.value }));
}

/** Sample Bitcoin tip height at `tMs`: one block per 10 minutes of the clock, never below 0. */
export function sampleTipHeightAt(tMs: number): number {
  if (!Number.isFinite(tMs)) throw new RangeError(`sample time must be finite, got ${tMs}`);
  return Math.max(0, TIP_ANCHOR.height + Math.floor((tMs - TIP_ANCHOR.atMs) / BLOCK_MS));
}
