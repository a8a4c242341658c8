// Chooses the value in use for a network: the first fresh source in priority order, else the newest stale one.
import { sourceStatus } from './health.js';
import type { Latest, State } from './state.js';
import type { Metric, NetworkMeta, SourceId } from './types.js';

/** The value in use and how it was chosen. */
export interface Picked extends Latest {
  /** True when no source in the list is fresh: this is the last good value, kept. */
  readonly stale: boolean;
  /** True when it is not the first (primary) source's value. */
  readonly fallback: boolean;
}

/** Sources that give `metric` for `network`, primary first. */
export function prioritySources(network: NetworkMeta, metric: Metric): readonly SourceId[] {
  if (metric === 'btc-locked') return network.sources;
  return network.tvlSource ? [network.tvlSource] : [];
}

/** True when the source is ok and `v` came from its latest successful poll. */
export function isFresh(state: State, v: Latest): boolean {
  const meta = state.sources.find((s) => s.id === v.sourceId);
  if (!meta) return false;
  const h = state.health[v.sourceId];
  if (sourceStatus(h, meta, state.now, state.intervalMs) !== 'ok') return false;
  return h?.lastSuccessAt === undefined || v.at >= h.lastSuccessAt;
}

/** Picks among per-source values in priority order. */
export function pickFrom(state: State, bySource: Readonly<Record<SourceId, Latest>> | undefined, priority: readonly SourceId[]): Picked | undefined {
  if (!bySource) return undefined;
  let newest: Latest | undefined;
  for (const id of priority) {
    const v = bySource[id];
    if (!v) continue;
    if (isFresh(state, v)) return { ...v, stale: false, fallback: id !== priority[0] };
    if (!newest || v.at > newest.at) newest = v;
  }
  return newest ? { ...newest, stale: true, fallback: newest.sourceId !== priority[0] } : undefined;
}

/** The value in use for a network and metric. */
export function pickValue(state: State, network: NetworkMeta, metric: Metric): Picked | undefined {
  return pickFrom(state, state.values[metric][network.id], prioritySources(network, metric));
}

/** The BTC/USD price in use. */
export function pickPrice(state: State): Picked | undefined {
  return pickFrom(state, state.prices, state.priceSources);
}
