// Runtime adapter (timers): a view of a store whose subscribers hear about changes at most once per `ms` (first change at once).
import type { Store } from '../model/store.js';

/** Clock and timers, injectable for tests. */
export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Wraps `store` so a burst of dispatches (a poll round's outcomes arriving within milliseconds) causes one
 * re-render, not one per outcome: the first change notifies at once, later ones within `ms` are merged
 * into one trailing notification. getState and dispatch pass straight through.
 */
export function throttledStore(store: Store, ms: number, timers: Timers = realTimers): Store & { dispose(): void } {
  const listeners = new Set<() => void>();
  let timer: unknown;
  let pending = false;
  let last = -Infinity;
  const notify = () => {
    last = timers.now();
    pending = false;
    for (const l of [...listeners]) l();
  };
  const unsubscribe = store.subscribe(() => {
    if (timer !== undefined) {
      pending = true;
      return;
    }
    const wait = last + ms - timers.now();
    if (wait <= 0) notify();
    else pending = true;
    timer = timers.setTimeout(function fire() {
      timer = undefined;
      if (pending) {
        notify();
        timer = timers.setTimeout(fire, ms);
      }
    }, Math.max(wait, ms));
  });
  return {
    getState: store.getState,
    dispatch: store.dispatch,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      unsubscribe();
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      listeners.clear();
    },
  };
}
