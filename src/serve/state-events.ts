// Watches the store and publishes what matters as events: a settled poll round, a source's status change, a
// fired alert. Pure reads of the state (selectors); the only effects are the publish and alert callbacks.
import type { FiredAlert } from '../model/alert-rules.js';
import { sourceStatus, type SourceStatus } from '../model/health.js';
import { selectHeader, selectRows, selectSector } from '../model/selectors.js';
import type { State } from '../model/state.js';
import type { Store } from '../model/store.js';

/** Quiet time after the last outcome before a round is reported: outcomes that arrive together make one round. */
export const ROUND_COALESCE_MS = 250;

export interface StateEventsDeps {
  readonly store: Store;
  /** The hub sync sequence number the state includes (the action log's newest). */
  readonly seq: () => number;
  readonly publish: (type: 'round' | 'health' | 'alert', data: unknown) => void;
  /** Called once per newly fired alert (for the alerts counter). */
  readonly onAlert?: (alert: FiredAlert) => void;
}

/** A string that changes whenever one of the sources' attempts (live or backfill) finishes. */
function progress(state: State): string {
  return state.sources.map((m) => `${state.health[m.id]?.lastAttemptAt ?? ''}/${state.health[m.id]?.history?.at ?? ''}`).join(',');
}

const busy = (state: State): boolean => state.sources.some((m) => state.health[m.id]?.inFlight);

/** The alert as in the snapshot's `alerts`. */
export function alertJson(a: FiredAlert) {
  return { at: new Date(a.at).toISOString(), rule: a.rule, ruleText: a.ruleText, subject: a.subject, message: a.message, values: a.values };
}

function statuses(state: State): Map<string, SourceStatus> {
  return new Map(state.sources.map((m) => [m.id, sourceStatus(state.health[m.id], m, state.now, state.intervalMs)]));
}

/** Starts watching; returns the function that stops it. */
export function watchStateEvents(d: StateEventsDeps): () => void {
  let state = d.store.getState();
  let lastStatus = statuses(state);
  let lastAlert: FiredAlert | undefined = state.alerts[state.alerts.length - 1];
  let reported = progress(state);
  let timer: NodeJS.Timeout | undefined;
  const round = () => {
    const s = d.store.getState();
    if (busy(s) || progress(s) === reported) return;
    reported = progress(s);
    const header = selectHeader(s, selectRows(s, 'btc-locked'));
    d.publish('round', {
      seq: d.seq(), at: new Date(s.now).toISOString(), networksWithData: header.networksWithData,
      totalBtc: header.networksWithData > 0 ? Number((selectSector(s).totalSats / 1e8).toFixed(8)) : null,
    });
  };
  const check = () => {
    const next = d.store.getState();
    if (next === state) return;
    const prev = state;
    state = next;
    if (next.alerts !== prev.alerts) {
      const from = lastAlert === undefined ? 0 : next.alerts.lastIndexOf(lastAlert) + 1;
      for (const a of next.alerts.slice(from)) {
        d.onAlert?.(a);
        d.publish('alert', alertJson(a));
      }
      lastAlert = next.alerts[next.alerts.length - 1];
    }
    if (next.health !== prev.health || next.now !== prev.now) {
      const now = statuses(next);
      for (const [source, status] of now) {
        if (lastStatus.get(source) === status || status === 'pending') continue;
        const h = next.health[source];
        d.publish('health', { seq: d.seq(), source, status, error: status === 'down' || status === 'bad-data' ? h?.lastError?.message ?? null : null });
      }
      lastStatus = now;
    }
    if (!busy(next) && progress(next) !== reported) {
      clearTimeout(timer);
      timer = setTimeout(round, ROUND_COALESCE_MS);
    }
  };
  const unsubscribe = d.store.subscribe(check);
  return () => {
    unsubscribe();
    clearTimeout(timer);
  };
}
