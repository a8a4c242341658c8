// The Poller of `--hub`: instead of polling providers it follows a hub. Server-Sent Events say when something
// happened; each event (and at least every interval, so a hub without a working event stream still works) starts
// a catch-up through hub-sync. The stream reconnects with backoff; nothing here throws or ends the app.
import type { FeedAction } from '../../model/actions.js';
import type { ReplaceAction } from '../../model/replace.js';
import type { SourceMeta } from '../../model/types.js';
import { FeedFailure } from '../feed-failure.js';
import type { HttpClient } from '../http-client.js';
import type { Poller, RefreshResult } from '../poller.js';
import type { Transport } from '../transport.js';
import { hubSourceMeta, type HubLink } from './hub-link.js';
import { createHubSync } from './hub-sync.js';
import { createSseParser } from './sse.js';

export interface HubPollerDeps {
  readonly link: HubLink;
  readonly http: HttpClient;
  /** The wire for the event stream (the same undici transport the client uses). */
  readonly transport: Transport;
  readonly userAgent: string;
  /** Per catch-up timeout. */
  readonly timeoutMs: number;
  /** Catch-up period until the hub's state says its own poll interval. */
  readonly intervalMs: number;
  /** Receives every action; must not throw. */
  emit(action: FeedAction | ReplaceAction): void;
  readonly now?: () => number;
  /** Uniform [0, 1) for reconnect jitter. Default Math.random. */
  readonly random?: () => number;
  /** A stream silent for this long is dead (the hub sends a heartbeat every 15 s). Default 45 s. */
  readonly silenceMs?: number;
  /** Body caps of the state and actions answers (tests make them small). */
  readonly maxBytes?: { readonly state?: number; readonly actions?: number };
}

/** A Poller that also connects once up front, before the first frame. */
export interface HubPoller extends Poller {
  /** The hub's row (a relay source) for the initial state. */
  readonly relay: SourceMeta;
  /** One catch-up (the whole state the first time) within `timeoutMs`; resolves whether the hub answered. */
  connect(timeoutMs: number): Promise<boolean>;
}

/** The first reconnect waits this long, doubling up to the cap. */
const RECONNECT_MIN_MS = 1_000;
const RECONNECT_MAX_MS = 30_000;

export function createHubPoller(deps: HubPollerDeps): HubPoller {
  const now = deps.now ?? (() => Date.now());
  const random = deps.random ?? Math.random;
  const relay = hubSourceMeta(deps.link);
  const stopper = new AbortController();
  let phase: 'idle' | 'running' | 'stopped' = 'idle';
  const phaseIs = (p: typeof phase): boolean => phase === p;
  let dueAt = now() + deps.intervalMs;
  /** While the event stream is down: when it tries again (and with it a catch-up), usually long before dueAt. */
  let reconnectAt: number | undefined;
  const sync = createHubSync({
    link: deps.link, http: deps.http, relay, now, nextAt: () => Math.min(dueAt, reconnectAt ?? Infinity), ...(deps.maxBytes ? { maxBytes: deps.maxBytes } : {}),
    emit: (action) => {
      if (!phaseIs('stopped')) deps.emit(action);
    },
  });
  const period = () => sync.intervalMs() ?? deps.intervalMs;

  let running: Promise<boolean> | undefined;
  let again = false;
  /** Starts a catch-up, or asks the one running for another round after it; resolves when none is left. */
  function kick(timeoutMs = deps.timeoutMs): Promise<boolean> {
    if (phaseIs('stopped')) return Promise.resolve(false);
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let ok = false;
      do {
        again = false;
        ok = await sync.run(timeoutMs, stopper.signal);
      } while (again && !phaseIs('stopped'));
      return ok;
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  let timer: NodeJS.Timeout | undefined;
  function arm(): void {
    clearTimeout(timer);
    dueAt = now() + period();
    timer = setTimeout(() => {
      void kick();
      arm();
    }, period());
  }

  const sleep = (ms: number) => new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    stopper.signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    }, { once: true });
  });

  async function follow(): Promise<void> {
    let failures = 0;
    while (phaseIs('running')) {
      try {
        const res = await deps.transport({
          method: 'GET', url: deps.link.url('/api/v1/events'), body: undefined, signal: stopper.signal, maxBytes: 0,
          headers: { accept: 'text/event-stream', 'user-agent': deps.userAgent, ...deps.link.headers },
          socketTimeoutMs: deps.silenceMs ?? 45_000,
        });
        try {
          const type = String(res.headers['content-type'] ?? '');
          if (res.statusCode !== 200 || !type.startsWith('text/event-stream')) throw new FeedFailure('http', `events: HTTP ${res.statusCode}`);
          failures = 0;
          reconnectAt = undefined;
          void kick();
          const parser = createSseParser(() => void kick());
          for await (const chunk of res.body) parser.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
        } finally {
          res.body.on('error', () => {});
          res.body.destroy();
        }
      } catch {
        // The catch-up below says on the hub's row what is wrong; the stream only tells when to look.
      }
      if (!phaseIs('running')) return;
      failures += 1;
      const cap = Math.min(RECONNECT_MAX_MS, Math.max(2_000, period()));
      const wait = Math.min(cap, RECONNECT_MIN_MS * 2 ** (failures - 1)) * (0.8 + 0.4 * random());
      // The hub row's "next"/"retry in" is this reconnect, not the next interval.
      reconnectAt = now() + wait;
      void kick();
      await sleep(wait);
    }
  }

  const refreshed: RefreshResult = { started: 1, waiting: 0, rateLimited: [], notice: 'asked the hub for its latest (the hub decides when to poll the providers)' };
  return {
    relay,
    connect: (timeoutMs) => kick(timeoutMs),
    start() {
      if (!phaseIs('idle')) return;
      phase = 'running';
      arm();
      void follow();
    },
    backfill() {},
    refresh() {
      if (!phaseIs('running')) return { started: 0, waiting: 0, rateLimited: [] };
      void kick();
      return refreshed;
    },
    stop() {
      if (phaseIs('stopped')) return;
      phase = 'stopped';
      clearTimeout(timer);
      stopper.abort(new FeedFailure('network', 'stopped'));
    },
    async runOnce() {
      await kick();
    },
  };
}
