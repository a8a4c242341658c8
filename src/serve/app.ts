// `l2top serve` as a request handler over a store: metrics, snapshot, window, events, hub sync, health. A view of
// the store like the TUI: it reads state and selectors, never the feeds. Used by the command, tests and benchmarks.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { selectRows } from '../model/selectors.js';
import { toSnapshot } from '../model/snapshot.js';
import type { State } from '../model/state.js';
import type { Store } from '../model/store.js';
import type { Metric } from '../model/types.js';
import type { Provenance } from '../state/provenance.js';
import type { ActionLog } from './action-log.js';
import { createEventStream, type EventStreamOptions } from './events.js';
import { hubActions, hubState, type HubInfo } from './hub.js';
import { createServeMetrics } from './metrics.js';
import { createHandler, jsonReply, textReply, type Reply, type Route, type RouteHandler } from './routes.js';
import { redactor } from './secrets.js';
import { watchStateEvents } from './state-events.js';
import { parseWindowQuery, windowJson } from './window.js';

export interface ServeAppOptions extends HubInfo {
  readonly store: Store;
  /** The poller's actions, tapped before dispatch (the command wires the tap). */
  readonly actionLog: ActionLog;
  /** Which source gave each point (for hub viewers' records). */
  readonly provenance: Provenance;
  readonly token?: string | undefined;
  /** Strings never to be served (custom feed headers, URL tokens, hook headers, the token). */
  readonly secrets?: readonly string[];
  readonly events?: Omit<EventStreamOptions, 'redact'>;
  readonly log?: (line: string) => void;
}

export interface ServeApp {
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** SSE clients connected now. */
  readonly sseClients: () => number;
  /** Stops watching the store and ends every event stream. */
  close(): void;
}

/** Remembers one value per key for the current state object only (a new state drops them all). */
function perState<T>(): (state: State, key: string, make: () => T) => T {
  let owner: State | undefined;
  let values = new Map<string, T>();
  return (state, key, make) => {
    if (owner !== state) {
      owner = state;
      values = new Map();
    }
    let v = values.get(key);
    if (v === undefined) {
      v = make();
      values.set(key, v);
    }
    return v;
  };
}

/** Why /readyz says no, or undefined when some network has fresh data. */
function notReady(state: State): string | undefined {
  const rows = [...selectRows(state, 'btc-locked'), ...selectRows(state, 'defi-tvl')];
  if (rows.some((r) => r.value !== undefined && !r.stale)) return undefined;
  return rows.some((r) => r.value !== undefined) ? 'not ready: every network\'s data is stale' : 'not ready: no network has data yet';
}

const JSON_TYPE = 'application/json; charset=utf-8';

export function createServeApp(o: ServeAppOptions): ServeApp {
  const log = o.log ?? (() => undefined);
  const redact = redactor([...(o.secrets ?? []), ...(o.token === undefined ? [] : [o.token])]);
  const events = createEventStream({ ...o.events, redact });
  const metrics = createServeMetrics({ version: o.version, rules: o.store.getState().settings.alertRules.length, sseClients: () => events.clients, redact });
  const stopWatching = watchStateEvents({
    store: o.store, seq: () => o.actionLog.seq, publish: (type, data) => events.publish(type, data), onAlert: (a) => metrics.countAlert(a.rule),
  });
  const cache = perState<string>();
  const json = (key: string, make: () => unknown): Reply => {
    const state = o.store.getState();
    return { status: 200, type: JSON_TYPE, body: cache(state, key, () => JSON.stringify(make()) + '\n') };
  };
  const handlers: Record<Route, RouteHandler> = {
    '/metrics': async () => ({ status: 200, type: metrics.contentType, body: await metrics.scrape(o.store.getState()) }),
    '/api/v1/snapshot': (q) => {
      const metric = q.get('metric') ?? o.store.getState().ui.metric;
      if (metric !== 'btc-locked' && metric !== 'defi-tvl') return jsonReply(400, { error: 'metric: must be btc-locked or defi-tvl' });
      return json(`snapshot:${metric}`, () => {
        const s = o.store.getState();
        return toSnapshot(s.ui.metric === metric ? s : { ...s, ui: { ...s.ui, metric: metric as Metric } });
      });
    },
    '/api/v1/window': (q) => {
      const w = parseWindowQuery(q);
      if ('error' in w) return jsonReply(400, { error: w.error });
      return json(`window:${w.range}:${w.metric}`, () => windowJson(o.store.getState(), w.range, w.metric));
    },
    '/api/v1/events': (q, req, res) => {
      const last = req.headers['last-event-id'];
      const id = (Array.isArray(last) ? last[0] : last) ?? q.get('lastEventId') ?? undefined;
      return events.attach(req, res, id) ? 'handled' : { ...jsonReply(503, { error: 'too many event stream clients; try again later' }), headers: { 'retry-after': '10' } };
    },
    '/api/v1/hub/state': () => json('hub-state', () => hubState(o.store.getState(), o.provenance, o.actionLog, o)),
    '/api/v1/hub/actions': (q) => {
      const after = Number(q.get('after') ?? '0');
      if (!Number.isSafeInteger(after) || after < 0) return jsonReply(400, { error: 'after: must be a whole number >= 0' });
      const out = hubActions(o.actionLog, after, o);
      return out === undefined ? jsonReply(410, { error: `after=${after} is older than the buffered actions: fetch /api/v1/hub/state again` }) : jsonReply(200, out);
    },
    '/healthz': () => textReply(200, 'ok\n'),
    '/readyz': () => {
      const why = notReady(o.store.getState());
      return why === undefined ? textReply(200, 'ready\n') : textReply(503, `${why}\n`);
    },
  };
  const handler = createHandler({ handlers, token: o.token, redact, count: (path, code) => metrics.countRequest(path, code), log: (line) => log(redact(line)) });
  return {
    handler,
    sseClients: () => events.clients,
    close() {
      stopWatching();
      events.close();
    },
  };
}
