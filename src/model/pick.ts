// Chooses the value in use for a network: like-for-like sources vote, the primary wins unless outvoted.
import { sourceStatus, upstreamStale } from './health.js';
import { relayProblem } from './relay.js';
import type { Latest, State } from './state.js';
import type { Metric, NetworkMeta, SourceId } from './types.js';

/** The value in use and how it was chosen. */
export interface Picked extends Latest {
  /** True when no source in the list is fresh: this is the last good value, kept. */
  readonly stale: boolean;
  /** True when it is not the first (primary) source's value. */
  readonly fallback: boolean;
  /** The fresh primary whose value two or more agreeing like-for-like sources outvoted. */
  readonly outvoted?: SourceId;
  /**
   * True when fresh like-for-like sources disagree and no two of them agree against the one in use
   * (e.g. exactly two sources, apart by more than the tolerance): the number cannot be trusted.
   */
  readonly doubtful: boolean;
}

/** Sources that give `metric` for `network` like for like, primary first. */
export function prioritySources(network: NetworkMeta, metric: Metric): readonly SourceId[] {
  if (metric === 'btc-locked') return network.sources;
  return network.tvlSource ? [network.tvlSource] : [];
}

/**
 * True when `v` is current: its source is ok, `v` came from the source's latest successful poll,
 * the time the upstream says `v` describes is within the source's cadence, and no relay it came through is failing.
 */
export function isFresh(state: State, v: Latest): boolean {
  const meta = state.sources.find((s) => s.id === v.sourceId);
  if (!meta) return false;
  if (relayProblem(state) !== undefined) return false;
  const h = state.health[v.sourceId];
  if (sourceStatus(h, meta, state.now, state.intervalMs) !== 'ok') return false;
  if (upstreamStale(meta, v.dataAt, state.now)) return false;
  return h?.lastSuccessAt === undefined || v.at >= h.lastSuccessAt;
}

/** True when two values are within `tolerance` of each other (relative to the larger). */
export function agree(a: number, b: number, tolerance: number): boolean {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 || Math.abs(a - b) / scale <= tolerance;
}

/**
 * The consensus among fresh values in priority order: the primary when at least one other agrees
 * with it or none can outvote it; else the first value that at least one other agrees with (two or
 * more against one). Doubtful when the primary stands alone against others that do not agree either.
 */
export function consensus(fresh: readonly Latest[], tolerance: number): { chosen: Latest; outvoted?: SourceId; doubtful: boolean } | undefined {
  const primary = fresh[0];
  if (!primary) return undefined;
  if (fresh.length === 1) return { chosen: primary, doubtful: false };
  const others = fresh.slice(1);
  if (others.some((o) => agree(o.value, primary.value, tolerance))) return { chosen: primary, doubtful: false };
  for (const candidate of others) {
    const backers = others.filter((o) => o !== candidate && agree(o.value, candidate.value, tolerance));
    if (backers.length > 0) return { chosen: candidate, outvoted: primary.sourceId, doubtful: false };
  }
  return { chosen: primary, doubtful: true };
}

/** Picks among per-source values in priority order, by consensus of the fresh ones. */
export function pickFrom(
  state: State,
  bySource: Readonly<Record<SourceId, Latest>> | undefined,
  priority: readonly SourceId[],
): Picked | undefined {
  if (!bySource) return undefined;
  const fresh: Latest[] = [];
  let newest: Latest | undefined;
  for (const id of priority) {
    const v = bySource[id];
    if (!v) continue;
    if (isFresh(state, v)) fresh.push(v);
    else if (!newest || v.dataAt > newest.dataAt) newest = v;
  }
  const vote = consensus(fresh, state.settings.tolerance);
  if (vote) return picked(vote.chosen, false, vote.chosen.sourceId !== priority[0], vote.doubtful, vote.outvoted);
  return newest ? picked(newest, true, newest.sourceId !== priority[0], false, undefined) : undefined;
}

/** A Picked from a Latest, field by field (object spread is slow in V8 on this per-network, per-render path). */
function picked(v: Latest, stale: boolean, fallback: boolean, doubtful: boolean, outvoted: SourceId | undefined): Picked {
  const out: { -readonly [K in keyof Picked]: Picked[K] } = { value: v.value, at: v.at, dataAt: v.dataAt, sourceId: v.sourceId, stale, fallback, doubtful };
  if (v.extra !== undefined) out.extra = v.extra;
  if (v.note !== undefined) out.note = v.note;
  if (outvoted !== undefined) out.outvoted = outvoted;
  return out;
}

/** The value in use for a network and metric. */
export function pickValue(state: State, network: NetworkMeta, metric: Metric): Picked | undefined {
  return pickFrom(state, state.values[metric][network.id], prioritySources(network, metric));
}

/** The BTC/USD price in use. */
export function pickPrice(state: State): Picked | undefined {
  return pickFrom(state, state.prices, state.priceSources);
}
