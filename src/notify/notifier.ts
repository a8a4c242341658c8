// Notifications are effects of state changes: watches the store's fired alerts and hands each new one to every
// hook, fire and forget, with a bounded queue and bounded concurrency per hook. Never blocks polling or the UI.
import { performance } from 'node:perf_hooks';
import type { FiredAlert } from '../model/alert-rules.js';
import type { HookId } from '../model/hooks.js';
import { redactText } from '../model/redact.js';
import { stripControls } from '../model/sanitize.js';
import type { Store } from '../model/store.js';
import { HookFailure, type Deliver } from './hook.js';
import { alertPayload, type AlertPayload, type PayloadContext } from './payload.js';

/** A configured hook. */
export interface Hook {
  readonly id: HookId;
  readonly deliver: Deliver;
}

export interface NotifierOptions {
  readonly store: Store;
  readonly hooks: readonly Hook[];
  readonly context: PayloadContext;
  /** The app's clock (ms), for the health record. */
  readonly now: () => number;
  /** Every secret of the hooks' config (header values, URL parts): never let into a reason. */
  readonly secrets: readonly string[];
  /** Alerts waiting per hook before the oldest is dropped. Default 100. */
  readonly maxQueue?: number;
  /** Deliveries running at once per hook. Default 2. */
  readonly concurrency?: number;
}

export interface Notifier {
  /** Stops: aborts running deliveries (a command is killed), drops the queue, stops watching. Idempotent. */
  dispose(): void;
}

/** Starts watching. Alerts already in the store (restored from disk) are not delivered again. */
export function createNotifier(o: NotifierOptions): Notifier {
  const maxQueue = o.maxQueue ?? 100;
  const concurrency = o.concurrency ?? 2;
  const stop = new AbortController();
  const seen = new WeakSet<FiredAlert>(o.store.getState().alerts);
  let last = o.store.getState().alerts;
  const lanes = o.hooks.map((hook) => ({ hook, queue: [] as AlertPayload[], running: 0 }));

  const reason = (e: unknown): string =>
    stripControls(redactText(e instanceof HookFailure ? e.message : e instanceof Error ? e.message : String(e), o.secrets), 200);

  const pump = (lane: (typeof lanes)[number]) => {
    while (!stop.signal.aborted && lane.running < concurrency && lane.queue.length > 0) {
      const payload = lane.queue.shift();
      if (payload === undefined) break;
      lane.running += 1;
      const id = lane.hook.id;
      o.store.dispatch({ type: 'hook/attempt', id, at: o.now() });
      const started = performance.now();
      lane.hook.deliver(payload, stop.signal).then(
        () => ({ ok: true as const }),
        (e: unknown) => ({ ok: false as const, error: reason(e) }),
      ).then((r) => {
        lane.running -= 1;
        if (stop.signal.aborted) return;
        o.store.dispatch({ type: 'hook/outcome', id, at: o.now(), latencyMs: Math.round(performance.now() - started), ...r });
        pump(lane);
      }, () => undefined);
    }
  };

  const onChange = () => {
    const alerts = o.store.getState().alerts;
    if (alerts === last || stop.signal.aborted) return;
    last = alerts;
    const fresh = alerts.filter((a) => !seen.has(a));
    if (fresh.length === 0) return;
    for (const a of fresh) seen.add(a);
    const payloads = fresh.map((a) => alertPayload(a, o.context));
    for (const lane of lanes) {
      lane.queue.push(...payloads);
      const over = lane.queue.length - maxQueue;
      if (over > 0) {
        lane.queue.splice(0, over);
        o.store.dispatch({ type: 'hook/dropped', id: lane.hook.id, count: over });
      }
      // Started outside the store's notification, so a delivery's actions never nest in another dispatch.
      queueMicrotask(() => pump(lane));
    }
  };
  const unsubscribe = o.store.subscribe(onChange);
  return {
    dispose() {
      if (stop.signal.aborted) return;
      stop.abort();
      unsubscribe();
      for (const lane of lanes) lane.queue.length = 0;
    },
  };
}
