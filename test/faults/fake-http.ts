// An HttpClient with no network: the demo's sample payloads per route, validated by the adapters' real zod schemas,
// answering after a simulated latency on the manual clock, and failing a seeded share of calls with every FeedFailure kind.
import type { z } from 'zod';
import { sampleReply } from '../../src/feeds/demo/replies.js';
import { matchRoute, type UpstreamEndpoint } from '../../src/feeds/demo/routes.js';
import { FeedFailure, schemaFailure } from '../../src/feeds/feed-failure.js';
import type { HttpClient, RequestOptions } from '../../src/feeds/http-client.js';
import type { FeedErrorKind } from '../../src/model/types.js';
import type { ManualClock } from './manual-clock.js';

/** The fake upstreams' origin; base URLs are `${FAKE_ORIGIN}/<provider>` as the demo server mounts them. */
export const FAKE_ORIGIN = 'http://upstream.invalid';

/** Endpoints fetched once at start-up; they never fail, so every series starts with its history. */
const HISTORY: ReadonlySet<UpstreamEndpoint> = new Set([
  'lightning-history', 'liquid-history', 'bitcoinlayers-history', 'price-history', 'llama-history', 'liquid-pegs-list', 'liquid-volume', 'stacks-block-at',
]);
const KINDS: readonly FeedErrorKind[] = ['http', 'network', 'timeout', 'ratelimit', 'schema'];

/** What the fake did, for the test's assertions. */
export interface FakeHttpStats {
  calls: number;
  readonly injected: Record<FeedErrorKind, number>;
}

export interface FakeHttpOptions {
  readonly clock: ManualClock;
  /** Uniform [0, 1), seeded. */
  readonly random: () => number;
  /** Share of live calls that fail, spread evenly over the five kinds. */
  readonly failureRate: number;
  /**
   * No failure is injected up to this clock time (the start-up backfill runs then: its adapters read many
   * points and keep what they got when a later one fails, so an injected failure there is not always reported).
   */
  readonly quietUntil?: number;
}

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Resolves after `ms` of simulated time, or rejects with the signal's reason when it aborts first. */
function sleep(clock: ManualClock, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clock.clearTimeout(timer);
      reject(signal.reason as unknown);
    };
    const timer = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Creates the fake client; `stats` counts calls and the failures it injected per kind. */
export function createFakeHttp(o: FakeHttpOptions): { http: HttpClient; stats: FakeHttpStats } {
  const stats: FakeHttpStats = { calls: 0, injected: { http: 0, network: 0, timeout: 0, ratelimit: 0, schema: 0 } };

  async function answer<T>(method: 'GET' | 'POST', url: string, body: unknown, schema: z.ZodType<T>, opts: RequestOptions, text: boolean): Promise<T> {
    const match = matchRoute(method, url.slice(FAKE_ORIGIN.length));
    if (match.kind !== 'route') throw new FeedFailure('http', `HTTP ${match.status}`, { status: match.status });
    stats.calls += 1;
    const roll = o.random();
    const quiet = o.quietUntil !== undefined && o.clock.now() <= o.quietUntil;
    const kind = quiet || HISTORY.has(match.route.endpoint) || roll >= o.failureRate ? undefined : KINDS[Math.floor((roll / o.failureRate) * KINDS.length)];
    if (kind) stats.injected[kind] += 1;
    // Answers come at the instant of the request (a clock timer per call would double the soak's time);
    // a timeout never answers, so the poller's own timer on the manual clock aborts it.
    switch (kind) {
      case 'timeout':
        await sleep(o.clock, Number.MAX_SAFE_INTEGER / 2, opts.signal);
        break;
      case 'http':
        throw new FeedFailure('http', 'HTTP 503 Service Unavailable', { status: 503 });
      case 'network':
        throw new FeedFailure('network', 'connection reset');
      case 'ratelimit':
        throw new FeedFailure('ratelimit', 'HTTP 429 Too Many Requests', { status: 429, retryAfterMs: 1_000 * Math.ceil(o.random() * 600) });
      default:
        break;
    }
    let data: unknown;
    if (kind === 'schema') {
      data = text ? '<html>502 Bad Gateway</html>' : { unexpected: 'shape' };
    } else {
      const reply = sampleReply(match.route, body === undefined ? '' : JSON.stringify(body), o.clock.now());
      if (reply.status >= 300) throw new FeedFailure('http', `HTTP ${reply.status}`, { status: reply.status });
      data = text ? ('text' in reply ? reply.text : JSON.stringify(reply.json)) : 'json' in reply ? reply.json : reply.text;
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw schemaFailure(parsed.error.issues[0]);
    return parsed.data;
  }

  return {
    stats,
    http: {
      getJson: (url, schema, opts) => answer('GET', url, undefined, schema, opts, false),
      postJson: (url, body, schema, opts) => answer('POST', url, body, schema, opts, false),
      getText: (url, schema, opts) => answer('GET', url, undefined, schema, opts, true),
    },
  };
}
