// The soak run: 120 simulated days of 5-minute polls of every registry source on a manual clock, a seeded 10% of calls
// failing with every FeedFailure kind, three alert rules; returns what the soak test asserts on.
import v8 from 'node:v8';
import vm from 'node:vm';
import { sampleAt } from '../../src/feeds/demo/sample.js';
import { NETWORKS, PRICE_SOURCES } from '../../src/feeds/networks.js';
import { createPoller } from '../../src/feeds/poller.js';
import type { AlertRule } from '../../src/model/alert-rules.js';
import { selectHeader, selectRows, selectSector, selectSources } from '../../src/model/selectors.js';
import { toSnapshot } from '../../src/model/snapshot.js';
import { initialState, type State } from '../../src/model/state.js';
import { createStore } from '../../src/model/store.js';
import { METRICS, type FeedErrorKind } from '../../src/model/types.js';
import { createFakeHttp, FAKE_ORIGIN, seeded, type FakeHttpStats } from './fake-http.js';
import { flushMicrotasks, ManualClock } from './manual-clock.js';
import { registrySources } from './pipeline.js';
import { metaOf } from '../../src/feeds/source.js';

export const MIN = 60_000;
export const DAY = 1_440 * MIN;
export const DAYS = 120;
export const INTERVAL = 5 * MIN;
export const WINDOW = 90 * DAY;
export const FAILURE_RATE = 0.1;
export const T0 = Date.UTC(2026, 0, 1);
/** Days at which heap and retained points are sampled (after a full GC). */
const SAMPLE_DAYS = [100, 105, 110, 115, 120];

/**
 * share-move over every network (0.1 pp: the sample shares move up to ~0.16 pp a day), a level the sample Liquid
 * crosses, and source-down of one source (of any source it costs ~4 s more: evaluateAlerts builds a message per
 * source on every action).
 */
const RULES: readonly AlertRule[] = [
  { type: 'share-move', pp: 0.1, windowMs: DAY },
  { type: 'level', network: 'liquid', below: Math.round(sampleAt('liquid', T0) / 1e8) },
  { type: 'source-down', source: 'mempool-lightning', forMs: MIN },
];

/** A full garbage collection: global.gc under --expose-gc, else the same function enabled at run time. */
function collector(): (() => void) | undefined {
  const g = (globalThis as { gc?: () => void }).gc;
  if (typeof g === 'function') return g;
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

function countBy(list: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of list) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

/** Points retained in every series of the state. */
function retainedPoints(s: State): number {
  let n = s.priceSeries.length;
  for (const m of METRICS) for (const series of Object.values(s.series[m])) n += series.length;
  return n;
}

export interface Sample {
  readonly day: number;
  readonly heapUsed: number | undefined;
  readonly points: number;
}

export interface SoakResult {
  readonly attempts: number;
  readonly outcomes: number;
  readonly errors: Record<FeedErrorKind, number>;
  /**
   * Requests the provider gate refused unsent (kind ratelimit) because another source of the same provider
   * had just been told to wait: a multi-request fetch that began before the 429 stops at its next request.
   */
  readonly notSent: number;
  readonly stats: FakeHttpStats;
  /** Alerts fired over the whole run, per rule index. */
  readonly firedByRule: readonly number[];
  readonly maxSeries: number;
  readonly maxPriceSeries: number;
  readonly maxAlerts: number;
  readonly zeroOrNaNRows: string[];
  readonly samples: Sample[];
  readonly pendingTimers: number;
  readonly notifiedAfterUnsubscribe: number;
  readonly newResources: string[];
  readonly crashes: unknown[];
  readonly timersRun: number;
  readonly seconds: number;
  readonly final: State;
}

export async function soak(): Promise<SoakResult> {
  const started = performance.now();
  const before = countBy(process.getActiveResourcesInfo());
  const crashes: unknown[] = [];
  const onCrash = (e: unknown): void => {
    crashes.push(e);
  };
  process.on('unhandledRejection', onCrash);
  process.on('uncaughtException', onCrash);
  const gc = collector();

  const clock = new ManualClock(T0);
  const random = seeded(20_260_101);
  const { http, stats } = createFakeHttp({ clock, random, failureRate: FAILURE_RATE, quietUntil: T0 + 60_000 });
  const sources = registrySources();
  const store = createStore(initialState({
    now: T0, intervalMs: INTERVAL, windowMs: WINDOW, demo: false, networks: NETWORKS,
    sources: sources.map(metaOf), priceSources: PRICE_SOURCES, settings: { alertRules: RULES },
  }));
  let notified = 0;
  const unsubscribe = store.subscribe(() => {
    notified += 1;
  });
  let attempts = 0;
  let outcomes = 0;
  const firedByRule: number[] = RULES.map(() => 0);
  const errors: Record<FeedErrorKind, number> = { http: 0, network: 0, timeout: 0, ratelimit: 0, schema: 0 };
  let notSent = 0;
  const poller = createPoller({
    sources, baseUrlFor: (p) => `${FAKE_ORIGIN}/${p}`, http, intervalMs: INTERVAL, timeoutMs: 15_000, windowMs: WINDOW, clock, random,
    emit: (action) => {
      if (action.type === 'feed/attempt') attempts += 1;
      if (action.type === 'feed/outcome') {
        outcomes += 1;
        if (!action.outcome.ok && action.outcome.error.message.startsWith('not sent:')) notSent += 1;
        else if (!action.outcome.ok) errors[action.outcome.error.kind] += 1;
      }
      const last = store.getState().alerts.at(-1);
      store.dispatch(action);
      const alerts = store.getState().alerts;
      if (alerts.at(-1) !== last) {
        for (const a of alerts.slice(last === undefined ? 0 : alerts.lastIndexOf(last) + 1)) firedByRule[a.rule] = (firedByRule[a.rule] ?? 0) + 1;
      }
    },
  });

  let maxSeries = 0;
  let maxPriceSeries = 0;
  let maxAlerts = 0;
  const zeroOrNaNRows: string[] = [];
  const samples: Sample[] = [];
  poller.start();
  for (let day = 1; day <= DAYS; day += 1) {
    await clock.advanceTo(T0 + day * DAY);
    const s = store.getState();
    for (const m of METRICS) for (const series of Object.values(s.series[m])) maxSeries = Math.max(maxSeries, series.length);
    maxPriceSeries = Math.max(maxPriceSeries, s.priceSeries.length);
    maxAlerts = Math.max(maxAlerts, s.alerts.length);
    // What the views and --json read must hold up after any run of faults: a value is never 0 or NaN.
    for (const m of METRICS) {
      for (const r of selectRows(s, m)) if (r.value !== undefined && !(r.value > 0)) zeroOrNaNRows.push(`day ${day} ${m} ${r.meta.id}: ${r.value}`);
    }
    selectHeader(s);
    selectSector(s);
    selectSources(s);
    JSON.stringify(toSnapshot(s));
    if (SAMPLE_DAYS.includes(day)) {
      gc?.();
      samples.push({ day, heapUsed: gc ? process.memoryUsage().heapUsed : undefined, points: retainedPoints(s) });
    }
  }
  poller.stop();
  await flushMicrotasks();
  const pendingTimers = clock.pending();
  unsubscribe();
  const seen = notified;
  store.dispatch({ type: 'tick', now: clock.now() + MIN });
  const notifiedAfterUnsubscribe = notified - seen;
  process.off('unhandledRejection', onCrash);
  process.off('uncaughtException', onCrash);
  const after = countBy(process.getActiveResourcesInfo());
  const newResources = [...after].filter(([type, n]) => n > (before.get(type) ?? 0)).map(([type, n]) => `${type}: ${before.get(type) ?? 0} -> ${n}`);
  return {
    attempts, outcomes, errors, notSent, stats, firedByRule, maxSeries, maxPriceSeries, maxAlerts, zeroOrNaNRows, samples, pendingTimers,
    notifiedAfterUnsubscribe, newResources, crashes, timersRun: clock.fired, seconds: (performance.now() - started) / 1000, final: store.getState(),
  };
}

