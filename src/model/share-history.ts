// Shares at a past time, from the per-network series (for the share chart and share-move alerts).
import { valueAtTime } from './change.js';
import type { State } from './state.js';
import type { Metric, NetworkId } from './types.js';

/** Each network's value at time t: the last point within 3 intervals, or interpolated between daily points. */
export function valuesAt(state: State, metric: Metric, t: number): Map<NetworkId, number> {
  const out = new Map<NetworkId, number>();
  for (const n of state.networks) {
    const s = state.series[metric][n.id];
    if (!s || s.length === 0) continue;
    const v = valueAtTime(s, t, 3 * state.intervalMs, 2 * 86_400_000);
    if (v !== undefined && Number.isFinite(v)) out.set(n.id, v);
  }
  return out;
}

/** Shares at time t over the networks that have a value then. */
export function sharesAt(state: State, metric: Metric, t: number): Map<NetworkId, number> {
  const values = valuesAt(state, metric, t);
  let total = 0;
  for (const v of values.values()) total += v;
  const out = new Map<NetworkId, number>();
  if (total <= 0) return out;
  for (const [id, v] of values) out.set(id, v / total);
  return out;
}

/**
 * Shares at two times over the networks that have a value at both, so a network that only has data
 * now does not make the others' earlier shares look larger than they were.
 */
export function sharesAtBoth(state: State, metric: Metric, t1: number, t2: number): [Map<NetworkId, number>, Map<NetworkId, number>] {
  const a = valuesAt(state, metric, t1);
  const b = valuesAt(state, metric, t2);
  const common = [...a.keys()].filter((id) => b.has(id));
  const share = (m: Map<NetworkId, number>) => {
    const total = common.reduce((sum, id) => sum + (m.get(id) ?? 0), 0);
    return new Map(total > 0 ? common.map((id) => [id, (m.get(id) ?? 0) / total] as const) : []);
  };
  return [share(a), share(b)];
}
