// Replaces the whole view with an upstream's (a hub's): its networks, sources and settings, and everything it
// remembers. applyRemembered only fills what is empty; this starts from an empty state, so nothing old survives
// but the UI choices, the hooks, the storage row and the health of relay links (the link is this side's own).
import { applyRemembered, type Remembered } from './remembered.js';
import { initialState, type Settings, type State } from './state.js';
import type { NetworkMeta, SourceId, SourceMeta } from './types.js';

/** A full snapshot of another l2top's view, e.g. a hub's /api/v1/hub/state. */
export interface ReplaceAction {
  readonly type: 'state/replace';
  /** This side's clock (ms) when the snapshot arrived. */
  readonly now: number;
  readonly intervalMs: number;
  readonly windowMs: number;
  /** The upstream serves sample data (--demo): labelled as such. */
  readonly sample: boolean;
  readonly networks: readonly NetworkMeta[];
  /** Every source, relay links included. */
  readonly sources: readonly SourceMeta[];
  readonly priceSources: readonly SourceId[];
  readonly settings: Settings;
  readonly remembered: Remembered;
}

/** Pure: the state the snapshot describes, keeping this side's UI choices and relay health. */
export function replaceState(state: State, a: ReplaceAction, maxPoints: number): State {
  const fresh = initialState({
    now: Math.max(state.now, a.now), intervalMs: a.intervalMs, windowMs: a.windowMs, demo: a.sample, networks: a.networks,
    sources: a.sources, priceSources: a.priceSources, settings: a.settings, metric: state.ui.metric,
  });
  const health = { ...fresh.health };
  for (const s of a.sources) {
    const kept = state.health[s.id];
    if (s.role === 'relay' && kept) health[s.id] = kept;
  }
  const base: State = {
    ...fresh, health, ui: state.ui,
    ...(state.replay ? { replay: true } : {}),
    ...(state.hooks ? { hooks: state.hooks } : {}),
    ...(state.storage ? { storage: state.storage } : {}),
  };
  return applyRemembered(base, a.remembered, maxPoints);
}
