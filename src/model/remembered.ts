// What a previous run left on disk, as plain data, and how it is merged into a fresh state (pure).
import { MAX_ALERTS, type FiredAlert } from './alert-rules.js';
import { largestStepOf } from './plausibility.js';
import { fromPoints, prependHistory, prune, type Series } from './series.js';
import type { Latest, SourceHealth, State, StorageStatus, UiState } from './state.js';
import { METRICS, type Metric, type NetworkId, type SourceId } from './types.js';

/** Time-ordered [time ms, value] points; NaN values are gaps. */
export type Points = readonly (readonly [number, number])[];

/** The part of a source's health worth remembering: the last outcome, never "in flight" or a next attempt. */
export type RememberedHealth = Pick<SourceHealth, 'lastAttemptAt' | 'lastSuccessAt' | 'failingSince' | 'latencyMs' | 'consecutiveFailures' | 'lastOk' | 'lastError' | 'dataAt' | 'history'>;

/** Everything a run remembers of an earlier one (the state directory's content, decoded). */
export interface Remembered {
  /** When the newest record was written (ms); the age the first frame shows. */
  readonly savedAt: number;
  readonly series: Readonly<Record<Metric, Readonly<Record<NetworkId, Points>>>>;
  readonly priceSeries: Points;
  readonly values: Readonly<Record<Metric, Readonly<Record<NetworkId, Readonly<Record<SourceId, Latest>>>>>>;
  readonly prices: Readonly<Record<SourceId, Latest>>;
  readonly height?: State['height'];
  readonly details: Readonly<Record<NetworkId, Readonly<Record<string, Latest>>>>;
  readonly health: Readonly<Record<SourceId, RememberedHealth>>;
  readonly backfilledUntil: Readonly<Record<Metric, Readonly<Record<NetworkId, number>>>>;
  readonly alerts: readonly FiredAlert[];
  readonly alertActive: Readonly<Record<string, boolean>>;
}

function seriesOf(points: Points, cutoff: number, maxPoints: number): Series {
  return prune(fromPoints(points), cutoff, maxPoints);
}

/**
 * A fresh state with what an earlier run remembered merged in: series, values and health of the networks and
 * sources this run knows, pruned to its window; the clock stays the fresh state's. Remembered values are old,
 * so they show as stale with their age until a poll confirms them. The live dashboard restores after its first
 * frame, so a series may already hold polled points: the remembered ones go in front of them and into their
 * holes, and live points win where both exist (as with a history backfill).
 */
export function applyRemembered(state: State, r: Remembered, maxPoints: number): State {
  const cutoff = state.now - state.windowMs;
  const series = { ...state.series };
  const largestStep = { ...state.largestStep };
  const values = { ...state.values };
  const backfilledUntil = { ...state.backfilledUntil };
  for (const m of METRICS) {
    const s = { ...series[m] };
    const steps = { ...largestStep[m] };
    const vals = { ...values[m] };
    const until = { ...backfilledUntil[m] };
    for (const id of Object.keys(s)) {
      const points = r.series[m][id];
      if (points && points.length > 0) {
        const live = s[id];
        const restored = live && live.length > 0 ? prune(prependHistory(live, points), cutoff, maxPoints) : seriesOf(points, cutoff, maxPoints);
        s[id] = restored;
        steps[id] = Math.max(steps[id] ?? 0, largestStepOf(restored));
      }
      const v = r.values[m][id];
      if (v) vals[id] = { ...v, ...vals[id] };
      const u = r.backfilledUntil[m][id];
      if (u !== undefined && u >= cutoff) until[id] = Math.max(until[id] ?? 0, u);
    }
    series[m] = s;
    largestStep[m] = steps;
    values[m] = vals;
    backfilledUntil[m] = until;
  }
  const health = { ...state.health };
  for (const [id, h] of Object.entries(r.health)) {
    const cur = health[id];
    if (cur && cur.lastOk === undefined && !cur.history) health[id] = { ...cur, ...h, inFlight: cur.inFlight };
  }
  const known = new Set(state.sources.map((s) => s.id));
  const prices = { ...Object.fromEntries(Object.entries(r.prices).filter(([id]) => known.has(id))), ...state.prices };
  const details = { ...r.details, ...state.details };
  const alerts = [...r.alerts.filter((a) => a.at >= cutoff), ...state.alerts].slice(-MAX_ALERTS);
  return {
    ...state,
    series, largestStep, values, backfilledUntil, health, prices, details, alerts,
    priceSeries: state.priceSeries.length > 0 ? prune(prependHistory(state.priceSeries, r.priceSeries), cutoff, maxPoints) : seriesOf(r.priceSeries, cutoff, maxPoints),
    alertActive: { ...r.alertActive, ...state.alertActive },
    ...(state.height === undefined && r.height !== undefined ? { height: r.height } : {}),
  };
}

/** An empty Remembered (nothing on disk yet). */
export function nothingRemembered(): Remembered {
  return {
    savedAt: 0, series: { 'btc-locked': {}, 'defi-tvl': {} }, priceSeries: [], values: { 'btc-locked': {}, 'defi-tvl': {} },
    prices: {}, details: {}, health: {}, backfilledUntil: { 'btc-locked': {}, 'defi-tvl': {} }, alerts: [], alertActive: {},
  };
}

/** The UI choices remembered across runs (view, unit, metric, range, sort, filter). */
export type Preferences = Partial<Pick<UiState, 'view' | 'unit' | 'metric' | 'range' | 'sort' | 'filter'>>;

/** Actions from the disk edge: what an earlier run left, how storage goes, remembered UI choices. */
export type StateAction =
  | { readonly type: 'state/restore'; readonly remembered: Remembered }
  | { readonly type: 'state/storage'; readonly storage: StorageStatus | undefined }
  | { readonly type: 'state/preferences'; readonly preferences: Preferences };
