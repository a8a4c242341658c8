// The one pure reducer: feed outcomes, clock ticks and key-driven UI actions all pass through here.
import type { FeedAction, FeedHistoryAction, FeedOutcomeAction } from './actions.js';
import { append, prependHistory, prune, type Series } from './series.js';
import { UNITS, VIEWS, type Latest, type SourceHealth, type State, type ViewId } from './state.js';
import type { NetworkId } from './types.js';

/** Hard cap on points per series so memory stays bounded whatever the interval and run time. */
export const MAX_POINTS = 40_000;

export type UiAction =
  | { readonly type: 'ui/view'; readonly view: ViewId }
  | { readonly type: 'ui/view-next' }
  | { readonly type: 'ui/view-prev' }
  | { readonly type: 'ui/unit-next' }
  | { readonly type: 'ui/help-toggle' }
  | { readonly type: 'ui/help-close' }
  /** A one-line message in the footer (e.g. what "refresh" did); undefined clears it. */
  | { readonly type: 'ui/notice'; readonly text: string | undefined };

/** The clock moved on (the UI re-derives ages from `now`; no per-second ticks). */
export interface TickAction {
  readonly type: 'tick';
  readonly now: number;
}

export type Action = FeedAction | UiAction | TickAction;

function cycle<T>(list: readonly T[], current: T, step: number): T {
  const i = list.indexOf(current);
  return list[(i + step + list.length) % list.length] ?? current;
}

function withSeries(state: State, network: NetworkId, s: Series, now: number): Record<NetworkId, Series> {
  return { ...state.series, [network]: prune(s, now - state.windowMs, MAX_POINTS) };
}

function onOutcome(state: State, a: FeedOutcomeAction): State {
  const meta = state.sources.find((s) => s.id === a.sourceId);
  const prev = state.health[a.sourceId];
  if (!meta || !prev) return state;
  const { outcome } = a;
  const now = Math.max(state.now, outcome.at);
  const base = { ...prev, inFlight: false, lastAttemptAt: outcome.at, latencyMs: outcome.latencyMs, nextAttemptAt: a.nextAttemptAt };

  if (!outcome.ok) {
    const health: SourceHealth = { ...base, lastOk: false, lastError: outcome.error, consecutiveFailures: prev.consecutiveFailures + 1 };
    let series = state.series;
    const gapSeries = meta.network !== 'price' ? state.series[meta.network] : undefined;
    if (gapSeries) series = withSeries(state, meta.network, append(gapSeries, outcome.at, Number.NaN), now);
    return { ...state, now, series, health: { ...state.health, [a.sourceId]: health } };
  }

  let { series, latest, price } = state;
  for (const r of outcome.readings) {
    if (r.kind === 'price') {
      price = { usd: r.usd, at: outcome.at, sourceId: a.sourceId };
      continue;
    }
    const s = series[r.network];
    if (!s) continue; // a network that is not shown
    const value: Latest = { sats: r.sats, at: outcome.at, sourceId: a.sourceId, ...(r.extra ? { extra: r.extra } : {}) };
    latest = { ...latest, [r.network]: value };
    series = { ...series, [r.network]: prune(append(s, outcome.at, r.sats), now - state.windowMs, MAX_POINTS) };
  }
  const health: SourceHealth = { ...base, lastOk: true, lastSuccessAt: outcome.at, consecutiveFailures: 0 };
  const { lastError: _dropped, ...clean } = health;
  return { ...state, now, series, latest, health: { ...state.health, [a.sourceId]: clean }, ...(price ? { price } : {}) };
}

function onHistory(state: State, a: FeedHistoryAction): State {
  const prev = state.health[a.sourceId];
  if (!prev) return state;
  const { outcome } = a;
  const now = Math.max(state.now, outcome.at);
  if (!outcome.ok) {
    const health: SourceHealth = { ...prev, history: { at: outcome.at, ok: false, points: 0, error: outcome.error } };
    return { ...state, now, health: { ...state.health, [a.sourceId]: health } };
  }
  const byNetwork = new Map<NetworkId, [number, number][]>();
  for (const r of outcome.readings) {
    if (r.kind !== 'btc-locked' || r.observedAt === undefined || !state.series[r.network]) continue;
    if (r.observedAt < now - state.windowMs || r.observedAt > now) continue;
    const list = byNetwork.get(r.network) ?? [];
    list.push([r.observedAt, r.sats]);
    byNetwork.set(r.network, list);
  }
  let { series, backfilledUntil } = state;
  let points = 0;
  for (const [network, list] of byNetwork) {
    const s = series[network];
    if (!s) continue;
    points += list.length;
    const merged = prependHistory(s, list);
    series = { ...series, [network]: prune(merged, now - state.windowMs, MAX_POINTS) };
    const newest = Math.max(...list.map((p) => p[0]));
    backfilledUntil = { ...backfilledUntil, [network]: Math.max(backfilledUntil[network] ?? 0, newest) };
  }
  const health: SourceHealth = { ...prev, history: { at: outcome.at, ok: true, points } };
  return { ...state, now, series, backfilledUntil, health: { ...state.health, [a.sourceId]: health } };
}

/** Pure: the next state for an action. Unknown sources and networks are ignored, never thrown on. */
export function reduce(state: State, action: Action): State {
  switch (action.type) {
    case 'feed/outcome':
      return onOutcome(state, action);
    case 'feed/history':
      return onHistory(state, action);
    case 'feed/attempt': {
      const prev = state.health[action.sourceId];
      if (!prev) return state;
      return { ...state, health: { ...state.health, [action.sourceId]: { ...prev, inFlight: true } } };
    }
    case 'tick':
      return action.now === state.now ? state : { ...state, now: action.now };
    case 'ui/view':
      return state.ui.view === action.view ? state : { ...state, ui: { ...state.ui, view: action.view, help: false } };
    case 'ui/view-next':
      return { ...state, ui: { ...state.ui, view: cycle(VIEWS, state.ui.view, 1), help: false } };
    case 'ui/view-prev':
      return { ...state, ui: { ...state.ui, view: cycle(VIEWS, state.ui.view, -1), help: false } };
    case 'ui/unit-next':
      return { ...state, ui: { ...state.ui, unit: cycle(UNITS, state.ui.unit, 1) } };
    case 'ui/help-toggle':
      return { ...state, ui: { ...state.ui, help: !state.ui.help } };
    case 'ui/help-close':
      return state.ui.help ? { ...state, ui: { ...state.ui, help: false } } : state;
    case 'ui/notice':
      return state.ui.notice === action.text ? state : { ...state, ui: { ...state.ui, notice: action.text } };
    default: {
      const never: never = action;
      return never;
    }
  }
}
