// Alert hooks' health (webhook, command): fed by the notifier's actions, shown beside the sources and in the JSON.
/** A hook's id: where fired alerts are delivered besides the screen. */
export type HookId = 'webhook' | 'command';

/** One hook's delivery record. Holds no secret: `target` and errors are redacted before they get here. */
export interface HookHealth {
  /** Where alerts go, with secrets removed, e.g. "https://hooks.example.org/…" or "notify-send". */
  readonly target: string;
  /** Deliveries running now. */
  readonly inFlight: number;
  readonly delivered: number;
  readonly failed: number;
  /** Alerts dropped because the queue was full. */
  readonly dropped: number;
  readonly consecutiveFailures: number;
  readonly lastAttemptAt?: number;
  readonly lastSuccessAt?: number;
  /** Time of the last finished delivery, retries included (ms). */
  readonly latencyMs?: number;
  /** Why the last delivery failed; cleared by a success. */
  readonly lastError?: string;
}

/** The notifier's events. */
export type HookAction =
  | { readonly type: 'hook/attempt'; readonly id: HookId; readonly at: number }
  | { readonly type: 'hook/outcome'; readonly id: HookId; readonly at: number; readonly ok: boolean; readonly latencyMs: number; readonly error?: string }
  | { readonly type: 'hook/dropped'; readonly id: HookId; readonly count: number };

/** The health of configured hooks before any alert. */
export function initialHooks(hooks: readonly { readonly id: HookId; readonly target: string }[]): Readonly<Record<string, HookHealth>> {
  return Object.fromEntries(hooks.map((h) => [h.id, { target: h.target, inFlight: 0, delivered: 0, failed: 0, dropped: 0, consecutiveFailures: 0 }]));
}

/** Pure: the hooks' health after an action; an unknown hook is ignored. */
export function reduceHooks(hooks: Readonly<Record<string, HookHealth>>, a: HookAction): Readonly<Record<string, HookHealth>> {
  const h = hooks[a.id];
  if (!h) return hooks;
  switch (a.type) {
    case 'hook/attempt':
      return { ...hooks, [a.id]: { ...h, inFlight: h.inFlight + 1, lastAttemptAt: a.at } };
    case 'hook/outcome': {
      const done = { ...h, inFlight: Math.max(0, h.inFlight - 1), latencyMs: a.latencyMs };
      if (a.ok) {
        const { lastError: _e, ...rest } = done;
        return { ...hooks, [a.id]: { ...rest, delivered: h.delivered + 1, consecutiveFailures: 0, lastSuccessAt: a.at } };
      }
      return { ...hooks, [a.id]: { ...done, failed: h.failed + 1, consecutiveFailures: h.consecutiveFailures + 1, lastError: a.error ?? 'failed' } };
    }
    case 'hook/dropped':
      return { ...hooks, [a.id]: { ...h, dropped: h.dropped + a.count } };
  }
}

/** pending: nothing delivered yet; ok: the last delivery worked; failing: the last one failed. */
export type HookStatus = 'pending' | 'ok' | 'failing';

/** One row of the Sources view ("hook: webhook") and of the JSON `hooks`. */
export interface HookRow extends HookHealth {
  readonly id: HookId;
  readonly label: string;
  readonly status: HookStatus;
}

/** The configured hooks, webhook first. */
export function selectHooks(state: { readonly hooks?: Readonly<Record<string, HookHealth>> }): HookRow[] {
  return Object.entries(state.hooks ?? {})
    .sort(([a], [b]) => (a === 'webhook' ? -1 : b === 'webhook' ? 1 : a.localeCompare(b)))
    .map(([id, h]) => ({
      ...h,
      id: id as HookId,
      label: `hook: ${id}`,
      status: h.lastError !== undefined ? 'failing' : h.lastSuccessAt !== undefined ? 'ok' : 'pending',
    }));
}
