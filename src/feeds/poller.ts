// Polls every source on its own re-arming timer (timeout < period, backoff, Retry-After) and emits actions.
// A Retry-After binds the whole provider: no request goes to any of its sources until the window ends.
import { setMaxListeners } from 'node:events';
import type { FeedAction } from '../model/actions.js';
import type { FeedOutcome, ProviderId, Reading } from '../model/types.js';
import type { HttpClient } from './http-client.js';
import type { FetchContext, SourceDef } from './source.js';
import { FeedFailure, toFeedError } from './feed-failure.js';
import { gateHttp } from './provider-gate.js';
import { providerKey } from './providers.js';

/** Time source and timers; tests inject a fake. Default: Date.now and the global timers. */
export interface PollerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What the poller needs; everything with side effects is injected. */
export interface PollerDeps {
  readonly sources: readonly SourceDef[];
  /** The base URL (no trailing slash) for a provider, after config overrides. */
  baseUrlFor(provider: ProviderId): string;
  readonly http: HttpClient;
  /** Poll period in ms; a source's minIntervalMs can only lengthen it. */
  readonly intervalMs: number;
  /** Per-attempt timeout in ms; capped at 80 % of the source's period. */
  readonly timeoutMs: number;
  /** How far back history fetches reach, in ms. */
  readonly windowMs: number;
  /** Receives every action; must not throw. */
  emit(action: FeedAction): void;
  readonly clock?: PollerClock;
  /** Uniform [0, 1) for backoff jitter. Default Math.random. */
  readonly random?: () => number;
}

/** The running feed layer. After stop() it emits nothing and cannot be restarted. */
export interface Poller {
  /**
   * Starts polling every live source now and backfills history once: after the first round (at most
   * 2 s), or, with `deferBackfill`, only when backfill() is called.
   */
  start(options?: { readonly deferBackfill?: boolean }): void;
  /** Starts the one-off history backfill now (idempotent; only while running). */
  backfill(): void;
  /** Polls now every live source that is due enough (see refresh rules in the module); says what it did. */
  refresh(): RefreshResult;
  /** Clears every timer and aborts in-flight requests; emits nothing afterwards. */
  stop(): void;
  /** One round of every live source (and history when asked); resolves when all settled. */
  runOnce(options?: { readonly history?: boolean }): Promise<void>;
}

/** What refresh() did: how many sources it started and how many must wait (in flight, back-off, Retry-After). */
export interface RefreshResult {
  readonly started: number;
  readonly waiting: number;
  /** The providers in a Retry-After window, with its end (ms) and how many of the waiting sources it holds. */
  readonly rateLimited: readonly { readonly provider: string; readonly until: number; readonly sources: number }[];
  /** A footer text that says it better than the counts (e.g. a hub viewer's refresh). */
  readonly notice?: string;
}

/** The backfill waits for the first live round, but never longer than this. */
const BACKFILL_DELAY_MAX_MS = 2_000;

/** Shortest gap refresh() allows after a source's last attempt, and the backoff base. */
const MIN_GAP_MS = 15_000;

const systemClock: PollerClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Delay after the n-th consecutive failure: exponential from min(15 s, period), capped, with ±20 % jitter. */
export function backoffDelay(failures: number, periodMs: number, random: () => number): number {
  const base = Math.min(MIN_GAP_MS, periodMs);
  const cap = Math.max(4 * periodMs, 60_000);
  return Math.ceil(Math.min(cap, base * 2 ** (failures - 1)) * (0.8 + 0.4 * random()));
}

interface SourceState {
  readonly def: SourceDef;
  /** The provider whose Retry-After binds this source (see providerKey). */
  readonly key: string;
  readonly period: number;
  readonly timeout: number;
  failures: number;
  timer: unknown;
  /** When the armed timer fires (ms). */
  dueAt: number;
  running: Promise<void> | undefined;
  lastStartedAt: number | undefined;
}

interface Active {
  readonly controller: AbortController;
  readonly timer: unknown;
}

/** Creates a poller over `deps.sources`; nothing happens until start() or runOnce(). */
export function createPoller(deps: PollerDeps): Poller {
  const clock = deps.clock ?? systemClock;
  const random = deps.random ?? Math.random;
  const active = new Set<Active>();
  /** Provider key -> end of its Retry-After window (ms). */
  const waits = new Map<string, number>();
  /** Backfills waiting for their provider's window to end. */
  const deferredBackfills = new Set<unknown>();
  let phase: 'idle' | 'running' | 'stopped' = 'idle';
  /** A function, not a comparison, so TypeScript does not narrow `phase` across awaits. */
  const phaseIs = (p: typeof phase): boolean => phase === p;

  const live: SourceState[] = deps.sources
    .filter((def) => def.fetch !== undefined)
    .map((def) => {
      const period = Math.max(deps.intervalMs, def.minIntervalMs ?? 0);
      const timeout = Math.min(deps.timeoutMs, Math.floor(0.8 * period));
      return { def, key: providerKey(def), period, timeout, failures: 0, timer: undefined, dueAt: 0, running: undefined, lastStartedAt: undefined };
    });

  /** Runs one fetch under its own timeout; never rejects. */
  async function execute(
    fn: (ctx: FetchContext) => Promise<readonly Reading[]>,
    def: SourceDef,
    timeoutMs: number,
  ): Promise<FeedOutcome> {
    const startedAt = clock.now();
    const controller = new AbortController();
    // One attempt may fan out into many requests (DefiLlama history: one per chain) on this signal.
    setMaxListeners(64, controller.signal);
    // The failure (stack trace included) is only built when the timeout really fires.
    const entry: Active = {
      controller,
      timer: clock.setTimeout(() => controller.abort(new FeedFailure('timeout', `no answer within ${formatSeconds(timeoutMs)}`)), timeoutMs),
    };
    active.add(entry);
    const baseUrl = deps.baseUrlFor(def.provider).replace(/\/+$/, '');
    const http = gateHttp(deps.http, providerKey(def), { now: () => clock.now(), until: waitUntil, hold });
    const ctx: FetchContext = { http, baseUrl, signal: controller.signal, since: startedAt - deps.windowMs, now: startedAt };
    try {
      const readings = await untilAborted((async () => fn(ctx))(), controller.signal);
      const at = clock.now();
      return { ok: true, readings, at, latencyMs: at - startedAt };
    } catch (e) {
      const at = clock.now();
      const error = toFeedError(controller.signal.aborted ? (controller.signal.reason as unknown) : e);
      return { ok: false, error, at, latencyMs: at - startedAt };
    } finally {
      clock.clearTimeout(entry.timer);
      active.delete(entry);
    }
  }

  /** The end of the provider's Retry-After window when it is still open at `now`. */
  function waitUntil(key: string, now: number): number | undefined {
    const until = waits.get(key);
    return until !== undefined && until > now ? until : undefined;
  }

  /** Opens or extends a provider's window and pushes the timers of its idle sources past it. */
  function hold(key: string, until: number): void {
    if (until <= (waits.get(key) ?? -Infinity)) return;
    waits.set(key, until);
    if (!phaseIs('running')) return;
    // Sources in flight are pushed when their outcome arrives (nextDelay).
    for (const s of live) {
      if (s.key !== key || s.running !== undefined || s.timer === undefined || s.dueAt >= until) continue;
      arm(s, until - clock.now());
      deps.emit({ type: 'feed/deferred', sourceId: s.def.id, provider: key, until });
    }
  }

  /** The delay before the next attempt, and whether the provider's window (not this outcome) set it. */
  function nextDelay(s: SourceState, outcome: FeedOutcome): { delay: number; held: boolean } {
    let delay = s.period;
    if (outcome.ok) s.failures = 0;
    else {
      s.failures += 1;
      delay = backoffDelay(s.failures, s.period, random);
      const retryAfter = outcome.error.retryAfterMs;
      if (retryAfter !== undefined) {
        // Requests through the gate opened the window when the answer came; this covers any other path.
        if (waitUntil(s.key, outcome.at) === undefined) hold(s.key, outcome.at + retryAfter);
        delay = Math.max(delay, retryAfter);
      }
    }
    const until = waitUntil(s.key, outcome.at);
    if (until === undefined || until - outcome.at <= delay) return { delay, held: false };
    return { delay: until - outcome.at, held: true };
  }

  function arm(s: SourceState, delay: number): void {
    disarm(s);
    s.dueAt = clock.now() + delay;
    s.timer = clock.setTimeout(() => {
      s.timer = undefined;
      void poll(s);
    }, delay);
  }

  function poll(s: SourceState): Promise<void> {
    s.running ??= attempt(s).finally(() => {
      s.running = undefined;
    });
    return s.running;
  }

  async function attempt(s: SourceState): Promise<void> {
    const fetch = s.def.fetch;
    if (phaseIs('stopped') || fetch === undefined) return;
    const startedAt = clock.now();
    const until = waitUntil(s.key, startedAt);
    if (until !== undefined && phaseIs('running')) {
      arm(s, until - startedAt);
      deps.emit({ type: 'feed/deferred', sourceId: s.def.id, provider: s.key, until });
      return;
    }
    disarm(s);
    s.lastStartedAt = startedAt;
    deps.emit({ type: 'feed/attempt', sourceId: s.def.id, at: startedAt });
    const outcome = await execute((ctx) => fetch.call(s.def, ctx), s.def, s.timeout);
    if (phaseIs('stopped')) return;
    const { delay, held } = nextDelay(s, outcome);
    if (phaseIs('running')) arm(s, outcome.at + delay - clock.now());
    deps.emit({ type: 'feed/outcome', sourceId: s.def.id, outcome, nextAttemptAt: outcome.at + delay });
    if (held) deps.emit({ type: 'feed/deferred', sourceId: s.def.id, provider: s.key, until: outcome.at + delay });
  }

  async function backfill(def: SourceDef): Promise<void> {
    const history = def.history;
    if (phaseIs('stopped') || history === undefined) return;
    const until = waitUntil(providerKey(def), clock.now());
    if (until !== undefined && phaseIs('running')) {
      const timer = clock.setTimeout(() => {
        deferredBackfills.delete(timer);
        void backfill(def);
      }, until - clock.now());
      deferredBackfills.add(timer);
      return;
    }
    const outcome = await execute((ctx) => history.call(def, ctx), def, deps.timeoutMs);
    if (!phaseIs('stopped')) deps.emit({ type: 'feed/history', sourceId: def.id, outcome });
  }

  function disarm(s: SourceState): void {
    if (s.timer !== undefined) clock.clearTimeout(s.timer);
    s.timer = undefined;
  }

  /** refresh() may poll a source only when none of its limits would be broken (the provider's window is checked first). */
  function isDue(s: SourceState, now: number): boolean {
    if (s.running !== undefined) return false;
    if (s.lastStartedAt === undefined) return true;
    const gap = now - s.lastStartedAt;
    return gap >= (s.def.minIntervalMs ?? 0) && gap >= Math.min(MIN_GAP_MS, s.period);
  }

  let backfillTimer: unknown;
  let backfilled = false;
  function runBackfill(): void {
    if (backfilled || phase !== 'running') return;
    backfilled = true;
    if (backfillTimer !== undefined) clock.clearTimeout(backfillTimer);
    for (const def of deps.sources) if (def.history !== undefined) void backfill(def);
  }

  return {
    start(options = {}) {
      if (phase !== 'idle') return;
      phase = 'running';
      const first = Promise.allSettled(live.map((s) => poll(s)));
      if (options.deferBackfill) return;
      // Live values first: the backfill (large history payloads) starts once the first round has
      // settled, and after 2 s at the latest so a hung source cannot hold it back.
      backfillTimer = clock.setTimeout(runBackfill, BACKFILL_DELAY_MAX_MS);
      void first.then(runBackfill);
    },
    backfill() {
      runBackfill();
    },
    refresh() {
      if (phase !== 'running') return { started: 0, waiting: 0, rateLimited: [] };
      const now = clock.now();
      let started = 0;
      const held = new Map<string, { provider: string; until: number; sources: number }>();
      for (const s of live) {
        const until = waitUntil(s.key, now);
        if (until !== undefined) {
          const entry = held.get(s.key) ?? { provider: s.key, until, sources: 0 };
          held.set(s.key, { ...entry, sources: entry.sources + 1 });
          continue;
        }
        if (!isDue(s, now)) continue;
        started += 1;
        void poll(s);
      }
      return { started, waiting: live.length - started, rateLimited: [...held.values()] };
    },
    stop() {
      if (phase === 'stopped') return;
      phase = 'stopped';
      if (backfillTimer !== undefined) clock.clearTimeout(backfillTimer);
      for (const timer of deferredBackfills) clock.clearTimeout(timer);
      deferredBackfills.clear();
      for (const s of live) disarm(s);
      for (const entry of active) {
        clock.clearTimeout(entry.timer);
        entry.controller.abort(new FeedFailure('network', 'poller stopped'));
      }
      active.clear();
    },
    async runOnce(options = {}) {
      const work: Promise<void>[] = [];
      if (options.history === true) for (const def of deps.sources) work.push(backfill(def));
      for (const s of live) work.push(poll(s));
      await Promise.all(work);
    },
  };
}

/** Settles with `work`, or rejects with the signal's reason as soon as it aborts (even if `work` hangs). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as unknown);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    void work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
