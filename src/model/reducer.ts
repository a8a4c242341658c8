// The one pure reducer: feed outcomes, clock ticks and key-driven UI actions all pass through here.
import type { FeedAction, FeedHistoryAction, FeedOutcomeAction } from './actions.js';
import { reduceHooks, type HookAction } from './hooks.js';
import { evaluateAlerts } from './alert-rules.js';
import { age, periodOf } from './health.js';
import { agree, isFresh, pickPrice, pickValue, prioritySources } from './pick.js';
import { ACCEPT_AFTER, implausibleMove, largestStepOf, nextRejection, stepOnto } from './plausibility.js';
import { append, prependHistory, prune, timeAt, type Series } from './series.js';
import { RANGES, SORTS, UNITS, VIEWS, type Latest, type Rejection, type ScrollId, type SourceHealth, type State, type ViewId } from './state.js';
import { applyRemembered, type StateAction } from './remembered.js';
import { replaceState, type ReplaceAction } from './replace.js';
import { METRICS, type FeedError, type Metric, type NetworkId, type SourceId, type SourceMeta } from './types.js';
import { stripControls } from './sanitize.js';
import { describedAt } from './upstream-time.js';

/** Hard cap on points per series so memory stays bounded whatever the interval and run time. */
export const MAX_POINTS = 40_000;

export type UiAction =
  | { readonly type: 'ui/view'; readonly view: ViewId }
  | { readonly type: 'ui/view-next' }
  | { readonly type: 'ui/view-prev' }
  | { readonly type: 'ui/unit-next' }
  | { readonly type: 'ui/metric-next' }
  | { readonly type: 'ui/range-step'; readonly step: 1 | -1 }
  /** Moves the network selection by `step` rows (a page with PgUp/PgDn), clamped to `rows`. */
  | { readonly type: 'ui/select-step'; readonly step: number; readonly rows: number }
  /** Selects row `index` (a mouse click), clamped to `rows`. */
  | { readonly type: 'ui/select'; readonly index: number; readonly rows: number }
  /** Scrolls one list by `step` lines, clamped to 0..max. */
  | { readonly type: 'ui/scroll'; readonly target: ScrollId; readonly step: number; readonly max: number }
  | { readonly type: 'ui/sort-next' }
  /** Opens the filter prompt (typed keys edit the filter). */
  | { readonly type: 'ui/filter-open' }
  | { readonly type: 'ui/filter-set'; readonly text: string }
  /** Closes the prompt keeping the filter (Enter). */
  | { readonly type: 'ui/filter-keep' }
  /** Closes the prompt and shows every network again (Esc). */
  | { readonly type: 'ui/filter-clear' }
  | { readonly type: 'ui/detail-open'; readonly network: NetworkId }
  | { readonly type: 'ui/help-toggle' }
  | { readonly type: 'ui/close' }
  /** A one-line message in the footer (e.g. what "refresh" did); undefined clears it. */
  | { readonly type: 'ui/notice'; readonly text: string | undefined };

/** The clock moved on (the UI re-derives ages from `now`; no per-second ticks). */
export interface TickAction {
  readonly type: 'tick';
  readonly now: number;
}

export type Action = FeedAction | UiAction | TickAction | StateAction | HookAction | ReplaceAction;

function cycle<T>(list: readonly T[], current: T, step: number): T {
  const i = list.indexOf(current);
  return list[(i + step + list.length) % list.length] ?? current;
}

function setSeries(state: State, metric: Metric, network: NetworkId, s: Series): State {
  const pruned = prune(s, state.now - state.windowMs, MAX_POINTS);
  return { ...state, series: { ...state.series, [metric]: { ...state.series[metric], [network]: pruned } } };
}

function setLargestStep(state: State, metric: Metric, network: NetworkId, step: number): State {
  const byNet = state.largestStep[metric];
  if (step <= (byNet[network] ?? 0)) return state;
  return { ...state, largestStep: { ...state.largestStep, [metric]: { ...byNet, [network]: step } } };
}

function setValue(state: State, metric: Metric, network: NetworkId, v: Latest): State {
  const byNet = state.values[metric];
  return { ...state, values: { ...state.values, [metric]: { ...byNet, [network]: { ...byNet[network], [v.sourceId]: v } } } };
}

function setRejected(state: State, metric: Metric, network: NetworkId, sourceId: SourceId, r: Rejection | undefined): State {
  const byNet = state.rejected[metric];
  const cur = byNet[network];
  if (r === undefined && cur?.[sourceId] === undefined) return state;
  const { [sourceId]: _drop, ...rest } = cur ?? {};
  const next = r === undefined ? rest : { ...rest, [sourceId]: r };
  return { ...state, rejected: { ...state.rejected, [metric]: { ...byNet, [network]: next } } };
}

/**
 * Appends the value in use for (metric, network) at the time it describes if `sourceId` supplied it,
 * or a gap when nothing fresh is left and `sourceId` is one the value may come from (a reference answering
 * before the primary is no gap). A value whose time is already the last point's adds nothing.
 */
function record(state: State, metric: Metric, network: NetworkId, sourceId: SourceId, at: number): State {
  const meta = state.networks.find((n) => n.id === network);
  const s = state.series[metric][network];
  if (!meta || !s) return state;
  const picked = pickValue(state, meta, metric);
  const lastT = s.length > 0 ? timeAt(s, s.length - 1) : -Infinity;
  if (picked && !picked.stale && picked.sourceId === sourceId) {
    if (picked.dataAt <= lastT) return state;
    const next = setLargestStep(state, metric, network, stepOnto(s, picked.dataAt, picked.value));
    return setSeries(next, metric, network, append(s, picked.dataAt, picked.value));
  }
  if (!picked || picked.stale) {
    if (at <= lastT || !prioritySources(meta, metric).includes(sourceId)) return state;
    return setSeries(state, metric, network, append(s, at, Number.NaN));
  }
  return state;
}

/** True when a fresh like-for-like source other than `sourceId` gives a value within tolerance of `value`. */
function confirmedElsewhere(state: State, metric: Metric, network: NetworkId, sourceId: SourceId, value: number): boolean {
  const meta = state.networks.find((n) => n.id === network);
  if (!meta) return false;
  const bySource = state.values[metric][network] ?? {};
  return prioritySources(meta, metric).some((id) => {
    const v = bySource[id];
    return id !== sourceId && v !== undefined && isFresh(state, v) && agree(v.value, value, state.settings.tolerance);
  });
}

/** A failed attempt: health, and a gap for every network the source reports that has nothing fresh left. */
function onFailure(state: State, meta: SourceMeta, prev: SourceHealth, base: SourceHealth, error: FeedError, at: number): State {
  const health: SourceHealth = {
    ...base, lastOk: false, lastError: error, consecutiveFailures: prev.consecutiveFailures + 1,
    failingSince: prev.failingSince ?? at,
  };
  let next: State = { ...state, health: { ...state.health, [meta.id]: health } };
  if (meta.role === 'btc-locked' || meta.role === 'defi-tvl') {
    for (const n of meta.networks) next = record(next, meta.role, n, meta.id, at);
  }
  return evaluateAlerts(next);
}

function onOutcome(state: State, a: FeedOutcomeAction): State {
  const meta = state.sources.find((s) => s.id === a.sourceId);
  const prev = state.health[a.sourceId];
  if (!meta || !prev) return state;
  const { outcome } = a;
  let next: State = { ...state, now: Math.max(state.now, outcome.at) };
  const { rateLimited: _r, ...rest } = prev;
  const base: SourceHealth = { ...rest, inFlight: false, lastAttemptAt: outcome.at, latencyMs: outcome.latencyMs, nextAttemptAt: a.nextAttemptAt };
  if (!outcome.ok) return onFailure(next, meta, prev, base, outcome.error, outcome.at);

  const recentMs = 3 * periodOf(meta, state.intervalMs);
  const touched: [Metric, NetworkId][] = [];
  const refused: string[] = [];
  let priceTouched = false;
  let others = 0;
  let dataAt: number | undefined;
  for (const r of outcome.readings) {
    const described = describedAt(r, outcome.at);
    switch (r.kind) {
      case 'btc-locked':
      case 'defi-tvl': {
        if (!next.series[r.kind][r.network]) break; // a network that is not shown
        const value = r.kind === 'btc-locked' ? r.sats : r.usd;
        const before = next.values[r.kind][r.network]?.[a.sourceId];
        const largest = next.largestStep[r.kind][r.network] ?? 0;
        const reason = before !== undefined && described < before.dataAt - 60_000
          ? `implausible: upstream time went back ${age(before.dataAt - described)} (a re-index?)`
          : implausibleMove(before, value, outcome.at, recentMs, largest);
        if (reason !== undefined) {
          const rejection = nextRejection(next.rejected[r.kind][r.network]?.[a.sourceId], value, outcome.at, reason, state.settings.tolerance);
          if (rejection.streak < ACCEPT_AFTER && !confirmedElsewhere(next, r.kind, r.network, a.sourceId, value)) {
            next = setRejected(next, r.kind, r.network, a.sourceId, rejection);
            refused.push(outcome.readings.length > 1 ? `${r.network}: ${reason}` : reason);
            break;
          }
        }
        next = setRejected(next, r.kind, r.network, a.sourceId, undefined);
        const extra = r.kind === 'btc-locked' ? { ...(r.extra ? { extra: r.extra } : {}), ...(r.note ? { note: stripControls(r.note) } : {}) } : {};
        next = setValue(next, r.kind, r.network, { value, at: outcome.at, dataAt: described, sourceId: a.sourceId, ...extra });
        touched.push([r.kind, r.network]);
        dataAt = Math.max(dataAt ?? described, described);
        break;
      }
      case 'price':
        next = { ...next, prices: { ...next.prices, [a.sourceId]: { value: r.usd, at: outcome.at, dataAt: described, sourceId: a.sourceId } } };
        priceTouched = true;
        others += 1;
        dataAt = Math.max(dataAt ?? described, described);
        break;
      case 'block-height':
        next = { ...next, height: { height: r.height, at: outcome.at, sourceId: a.sourceId } };
        others += 1;
        dataAt = Math.max(dataAt ?? described, described);
        break;
      case 'detail': {
        const cur = next.details[r.network] ?? {};
        const add = Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, { value: v, at: outcome.at, dataAt: described, sourceId: a.sourceId }]));
        next = { ...next, details: { ...next.details, [r.network]: { ...cur, ...add } } };
        others += 1;
        dataAt = Math.max(dataAt ?? described, described);
        break;
      }
    }
  }
  if (refused.length > 0 && touched.length === 0 && others === 0) {
    // Everything the source said was implausible: that is bad data, not a success.
    return onFailure(next, meta, prev, base, { kind: 'schema', message: refused.join('; ') }, outcome.at);
  }
  const { lastError: _e, failingSince: _f, rejected: _rj, dataAt: _d, ...clean } = base;
  const health: SourceHealth = {
    ...clean, lastOk: true, lastSuccessAt: outcome.at, consecutiveFailures: 0,
    ...(dataAt === undefined ? {} : { dataAt }),
    ...(refused.length > 0 ? { rejected: { count: refused.length, message: refused.join('; ') } } : {}),
  };
  next = { ...next, health: { ...next.health, [a.sourceId]: health } };
  for (const [metric, network] of touched) next = record(next, metric, network, a.sourceId, outcome.at);
  if (priceTouched) {
    const p = pickPrice(next);
    const s = next.priceSeries;
    const lastT = s.length > 0 ? timeAt(s, s.length - 1) : -Infinity;
    if (p && !p.stale && p.sourceId === a.sourceId && p.dataAt > lastT) {
      next = { ...next, priceSeries: prune(append(s, p.dataAt, p.value), next.now - next.windowMs, MAX_POINTS) };
    }
  }
  return evaluateAlerts(next);
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
  const inWindow = (t: number | undefined): t is number => t !== undefined && t >= now - state.windowMs && t <= now;
  const groups = new Map<string, [Metric, NetworkId, [number, number][]]>();
  const price: [number, number][] = [];
  for (const r of outcome.readings) {
    if (!inWindow(r.observedAt)) continue;
    if (r.kind === 'price') {
      price.push([r.observedAt, r.usd]);
      continue;
    }
    if (r.kind !== 'btc-locked' && r.kind !== 'defi-tvl') continue;
    const meta = state.networks.find((n) => n.id === r.network);
    if (!meta) continue;
    const accepted = r.kind === 'btc-locked'
      ? meta.historySources === undefined || meta.historySources.includes(a.sourceId)
      : meta.tvlSource === a.sourceId;
    if (!accepted) continue;
    const key = `${r.kind}:${r.network}`;
    const g = groups.get(key) ?? [r.kind, r.network, []];
    g[2].push([r.observedAt, r.kind === 'btc-locked' ? r.sats : r.usd]);
    groups.set(key, g);
  }
  let next: State = { ...state, now };
  let points = price.length;
  for (const [metric, network, list] of groups.values()) {
    const s = next.series[metric][network];
    if (!s) continue;
    points += list.length;
    const firstT = s.length > 0 ? timeAt(s, 0) : Number.POSITIVE_INFINITY;
    next = setSeries(next, metric, network, prependHistory(s, list));
    next = setLargestStep(next, metric, network, largestStepOf(next.series[metric][network] ?? s));
    // Points filled into later holes (while l2top was off) do not make the remembered live points "backfilled".
    const newest = Math.max(...list.map((p) => p[0]).filter((t) => t < firstT), -Infinity);
    if (newest === -Infinity) continue;
    const until = next.backfilledUntil[metric];
    next = { ...next, backfilledUntil: { ...next.backfilledUntil, [metric]: { ...until, [network]: Math.max(until[network] ?? 0, newest) } } };
  }
  if (price.length > 0) next = { ...next, priceSeries: prune(prependHistory(next.priceSeries, price), now - state.windowMs, MAX_POINTS) };
  const health: SourceHealth = { ...prev, history: { at: outcome.at, ok: true, points } };
  // History can make a rule decidable (a share 24 h ago), so rules are evaluated here too.
  return evaluateAlerts({ ...next, health: { ...next.health, [a.sourceId]: health } });
}

function onUi(state: State, action: UiAction): State {
  const ui = state.ui;
  switch (action.type) {
    case 'ui/view':
      return ui.view === action.view && !ui.help && !ui.detail ? state : { ...state, ui: { ...ui, view: action.view, help: false, detail: undefined } };
    case 'ui/view-next':
    case 'ui/view-prev':
      return { ...state, ui: { ...ui, view: cycle(VIEWS, ui.view, action.type === 'ui/view-next' ? 1 : -1), help: false, detail: undefined } };
    case 'ui/unit-next':
      return { ...state, ui: { ...ui, unit: cycle(UNITS, ui.unit, 1) } };
    case 'ui/metric-next':
      return { ...state, ui: { ...ui, metric: cycle(METRICS, ui.metric, 1) } };
    case 'ui/range-step': {
      const i = RANGES.indexOf(ui.range) + action.step;
      const range = RANGES[Math.max(0, Math.min(RANGES.length - 1, i))] ?? ui.range;
      return range === ui.range ? state : { ...state, ui: { ...ui, range } };
    }
    case 'ui/select-step': {
      const selected = Math.max(0, Math.min(action.rows - 1, ui.selected + action.step));
      return selected === ui.selected ? state : { ...state, ui: { ...ui, selected } };
    }
    case 'ui/detail-open':
      return { ...state, ui: { ...ui, detail: action.network, help: false } };
    case 'ui/select': {
      const selected = Math.max(0, Math.min(action.rows - 1, action.index));
      return selected === ui.selected ? state : { ...state, ui: { ...ui, selected } };
    }
    case 'ui/scroll': {
      const at = Math.max(0, Math.min(action.max, ui.scroll[action.target] + action.step));
      return at === ui.scroll[action.target] ? state : { ...state, ui: { ...ui, scroll: { ...ui.scroll, [action.target]: at } } };
    }
    case 'ui/sort-next':
      return { ...state, ui: { ...ui, sort: cycle(SORTS, ui.sort, 1), selected: 0 } };
    case 'ui/filter-open':
      return { ...state, ui: { ...ui, filtering: true } };
    case 'ui/filter-set':
      return action.text === ui.filter ? state : { ...state, ui: { ...ui, filter: action.text, selected: 0 } };
    case 'ui/filter-keep':
      return { ...state, ui: { ...ui, filtering: false } };
    case 'ui/filter-clear':
      return { ...state, ui: { ...ui, filtering: false, filter: '', selected: ui.filter === '' ? ui.selected : 0 } };
    case 'ui/help-toggle':
      return { ...state, ui: { ...ui, help: !ui.help, scroll: { ...ui.scroll, help: 0 } } };
    case 'ui/close':
      // One layer at a time: help, then detail, then a kept filter.
      if (ui.help) return { ...state, ui: { ...ui, help: false } };
      if (ui.detail) return { ...state, ui: { ...ui, detail: undefined } };
      return ui.filter !== '' ? { ...state, ui: { ...ui, filter: '', selected: 0 } } : state;
    case 'ui/notice':
      return ui.notice === action.text ? state : { ...state, ui: { ...ui, notice: action.text } };
  }
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
      const { rateLimited: _r, ...rest } = prev;
      return { ...state, health: { ...state.health, [action.sourceId]: { ...rest, inFlight: true } } };
    }
    case 'feed/deferred': {
      const prev = state.health[action.sourceId];
      if (!prev) return state;
      const rateLimited = { provider: action.provider, until: action.until };
      return { ...state, health: { ...state.health, [action.sourceId]: { ...prev, nextAttemptAt: action.until, rateLimited } } };
    }
    case 'hook/attempt':
    case 'hook/outcome':
    case 'hook/dropped':
      return state.hooks ? { ...state, hooks: reduceHooks(state.hooks, action) } : state;
    case 'tick':
      return action.now === state.now ? state : evaluateAlerts({ ...state, now: action.now });
    case 'state/restore':
      return applyRemembered(state, action.remembered, MAX_POINTS);
    case 'state/replace':
      return replaceState(state, action, MAX_POINTS);
    case 'state/storage':
      return { ...state, storage: action.storage };
    case 'state/preferences':
      return { ...state, ui: { ...state.ui, ...action.preferences } };
    default:
      return onUi(state, action);
  }
}
