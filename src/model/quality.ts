// Can the number be trusted: do fresh sources agree, did it jump, and is a jump confirmed by a second source.
import { isFresh, type Picked } from './pick.js';
import { extremeValuesFrom, lowerBound, timeOfExtreme } from './series.js';
import type { State } from './state.js';
import type { Metric, NetworkMeta, SourceId } from './types.js';

const DAY = 86_400_000;

/** Another fresh source's value beside the one in use. */
export interface OtherSource {
  readonly sourceId: SourceId;
  readonly value: number;
  readonly at: number;
  /** (other - used) / used. */
  readonly diff: number;
}

/**
 * Fresh values of the network's other like-for-like btc-locked sources (or, with `references`, of its
 * sources of another methodology), with their difference to the value in use.
 */
export function otherSources(state: State, network: NetworkMeta, picked: Picked | undefined, references = false): OtherSource[] {
  if (!picked || picked.value === 0) return [];
  const bySource = state.values['btc-locked'][network.id] ?? {};
  const out: OtherSource[] = [];
  for (const id of references ? network.references ?? [] : network.sources) {
    const v = bySource[id];
    if (!v || id === picked.sourceId || !isFresh(state, v)) continue;
    out.push({ sourceId: id, value: v.value, at: v.at, diff: (v.value - picked.value) / picked.value });
  }
  return out;
}

/** The sources whose fresh value differs from the value in use by more than the tolerance. */
export function disagreeing(state: State, others: readonly OtherSource[]): OtherSource[] {
  return others.filter((o) => Math.abs(o.diff) > state.settings.tolerance);
}

/**
 * The time from which a network's series is comparable with its live value: backfilled points from
 * another provider than the live primary's (another methodology) are not, so they never make a jump.
 */
export function comparableFrom(state: State, network: NetworkMeta, metric: Metric): number {
  if (metric !== 'btc-locked') return -Infinity;
  const provider = (id: string | undefined) => state.sources.find((s) => s.id === id)?.provider;
  const history = network.historySources?.[0];
  if (history === undefined || provider(history) === provider(network.sources[0])) return -Infinity;
  const until = state.backfilledUntil[metric][network.id];
  return until === undefined ? -Infinity : until + 1;
}

/** A move beyond the anomaly threshold within 24 h. */
export interface Anomaly {
  /** (current - reference) / reference, the largest move against any point of the last 24 h. */
  readonly change: number;
  readonly since: number;
  /** Other fresh sources that show the same level (within tolerance): the move is real. */
  readonly confirmedBy: readonly SourceId[];
  /** Other fresh sources that do not. */
  readonly contradictedBy: readonly SourceId[];
}

/** Looks for a move beyond the threshold between the current value and any comparable point of the last 24 h. */
export function anomalyOf(state: State, network: NetworkMeta, metric: Metric, picked: Picked | undefined, others: readonly OtherSource[]): Anomaly | undefined {
  const s = state.series[metric][network.id];
  if (!s || !picked || picked.stale) return undefined;
  const from = Math.max(state.now - DAY, comparableFrom(state, network, metric));
  // The largest |change| against any point lies at the smallest or the largest value (the change falls as
  // the reference rises), the earliest point on a tie: a few reads per chunk, not one per point. Times are
  // read only for a move beyond the threshold, so a quiet series costs no read of its times.
  const range = extremeValuesFrom(s, lowerBound(s, from));
  if (!range) return undefined;
  const low = (picked.value - range.lo) / range.lo;
  const high = (picked.value - range.hi) / range.hi;
  if (Math.max(Math.abs(low), Math.abs(high)) <= state.settings.anomalyThreshold) return undefined;
  const loT = timeOfExtreme(s, range.loAt, range.lo);
  // The high's time is read once, and only when the low does not win outright.
  const hiT = Math.abs(low) > Math.abs(high) ? Number.POSITIVE_INFINITY : timeOfExtreme(s, range.hiAt, range.hi);
  const best = Math.abs(low) > Math.abs(high) || (Math.abs(low) === Math.abs(high) && loT <= hiT) ? { change: low, t: loT } : { change: high, t: hiT };
  const tolerance = state.settings.tolerance;
  return {
    change: best.change,
    since: best.t,
    confirmedBy: others.filter((o) => Math.abs(o.diff) <= tolerance).map((o) => o.sourceId),
    contradictedBy: others.filter((o) => Math.abs(o.diff) > tolerance).map((o) => o.sourceId),
  };
}
