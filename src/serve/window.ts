// GET /api/v1/window: the window of one metric over a range as JSON (points [tMs, value], a gap as null).
import { lowerBound, timeAt, valueAt, type Series } from '../model/series.js';
import { RANGE_MS, RANGES, type RangeId, type State } from '../model/state.js';
import { METRICS, type Metric } from '../model/types.js';

/** The query, or why it is refused (400). */
export type WindowQuery = { readonly range: RangeId; readonly metric: Metric } | { readonly error: string };

/** Reads ?range= (default 7d) and ?metric= (default btc-locked). */
export function parseWindowQuery(q: URLSearchParams): WindowQuery {
  const range = q.get('range') ?? '7d';
  const metric = q.get('metric') ?? 'btc-locked';
  if (!(RANGES as readonly string[]).includes(range)) return { error: `range: must be one of ${RANGES.join(', ')}` };
  if (!(METRICS as readonly string[]).includes(metric)) return { error: `metric: must be one of ${METRICS.join(', ')}` };
  return { range: range as RangeId, metric: metric as Metric };
}

/** Points of `s` from `from` on; values through `scale`, gaps null. */
function points(s: Series | undefined, from: number, scale: (v: number) => number): [number, number | null][] {
  if (!s) return [];
  const out: [number, number | null][] = [];
  for (let i = lowerBound(s, from); i < s.length; i += 1) {
    const v = valueAt(s, i);
    out.push([timeAt(s, i), Number.isFinite(v) ? scale(v) : null]);
  }
  return out;
}

const toBtc = (sats: number): number => Number((sats / 1e8).toFixed(8));

export function windowJson(state: State, range: RangeId, metric: Metric) {
  const from = state.now - RANGE_MS[range];
  const scale = metric === 'btc-locked' ? toBtc : (v: number) => v;
  return {
    schemaVersion: 1 as const,
    metric,
    unit: metric === 'btc-locked' ? ('BTC' as const) : ('USD' as const),
    range,
    from: new Date(from).toISOString(),
    to: new Date(state.now).toISOString(),
    sample: state.demo,
    networks: state.networks.map((n) => ({ id: n.id, name: n.name, points: points(state.series[metric][n.id], from, scale) })),
    price: points(state.priceSeries, from, (v) => v),
  };
}
