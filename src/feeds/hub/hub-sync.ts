// One catch-up with a hub: its whole state when needed (first time, a resync note, 410, a new instance), else the
// actions since the last one seen; the answers become model actions, and the link's own outcome is emitted last.
import type { FeedAction } from '../../model/actions.js';
import type { ReplaceAction } from '../../model/replace.js';
import type { FeedError, SourceMeta } from '../../model/types.js';
import { rememberedFrom } from '../../state/from-records.js';
import { FeedFailure, toFeedError } from '../feed-failure.js';
import type { HttpClient } from '../http-client.js';
import type { HubLink } from './hub-link.js';
import { HubActionsSchema, HubStateSchema, type HubState } from './schema.js';

/** Largest /api/v1/hub/state read: 90 days of 5-minute points of 20 networks is about 15 MB. */
export const STATE_MAX_BYTES = 96 * 1024 * 1024;
/** Largest /api/v1/hub/actions read. */
export const ACTIONS_MAX_BYTES = 16 * 1024 * 1024;

export interface HubSyncDeps {
  readonly link: HubLink;
  readonly http: HttpClient;
  /** The hub's own row (a relay source). */
  readonly relay: SourceMeta;
  readonly now: () => number;
  /** When the next catch-up is planned (ms), for the hub row's "next". */
  readonly nextAt: () => number;
  /** Body caps (default STATE_MAX_BYTES, ACTIONS_MAX_BYTES). */
  readonly maxBytes?: { readonly state?: number; readonly actions?: number };
  emit(action: FeedAction | ReplaceAction): void;
}

export interface HubSync {
  /** Catches up within `timeoutMs`, aborted early by `signal`; never rejects; resolves true when the hub answered. */
  run(timeoutMs: number, signal?: AbortSignal): Promise<boolean>;
  /** The hub's poll interval once its state arrived. */
  intervalMs(): number | undefined;
}

/** The model action that replaces the view with the hub's, the hub's row first. */
export function replaceFrom(hub: HubState, relay: SourceMeta, now: number): ReplaceAction {
  const sources = [relay, ...hub.sources.filter((s) => s.id !== relay.id)];
  for (const p of hub.priceSources) if (!sources.some((s) => s.id === p.id)) sources.push(p);
  return {
    type: 'state/replace', now, intervalMs: hub.intervalMs, windowMs: hub.windowMs, sample: hub.sample, networks: hub.networks,
    sources, priceSources: hub.priceSources.map((s) => s.id), settings: hub.settings, remembered: rememberedFrom(hub.records),
  };
}

/** A hub that answers more than any state could hold is sending bad data, not failing to answer. */
function oversizedIsBadData(error: FeedError): FeedError {
  return error.kind === 'http' && error.status === undefined && error.message.startsWith('response larger than') ? { ...error, kind: 'schema' } : error;
}

export function createHubSync(deps: HubSyncDeps): HubSync {
  let instance: string | undefined;
  let seq = 0;
  let interval: number | undefined;
  const headers = deps.link.headers;

  async function fetchState(signal: AbortSignal): Promise<void> {
    const hub = await deps.http.getJson(deps.link.url('/api/v1/hub/state'), HubStateSchema, { signal, headers, maxBytes: deps.maxBytes?.state ?? STATE_MAX_BYTES });
    deps.emit(replaceFrom(hub, deps.relay, deps.now()));
    instance = hub.instance;
    seq = hub.seq;
    interval = hub.intervalMs;
  }

  /** Dispatches the actions after `seq`; true when the whole state must be fetched instead. */
  async function fetchActions(signal: AbortSignal): Promise<boolean> {
    let page;
    try {
      page = await deps.http.getJson(deps.link.url('/api/v1/hub/actions', { after: String(seq) }), HubActionsSchema, { signal, headers, maxBytes: deps.maxBytes?.actions ?? ACTIONS_MAX_BYTES });
    } catch (e) {
      if (e instanceof FeedFailure && e.status === 410) return true;
      throw e;
    }
    if (page.instance !== instance || page.seq < seq) return true;
    for (const entry of page.actions) {
      if (entry.seq <= seq) continue;
      if ('resync' in entry) return true;
      deps.emit(entry.action);
      seq = entry.seq;
    }
    return false;
  }

  return {
    intervalMs: () => interval,
    async run(timeoutMs, outer) {
      const started = deps.now();
      const controller = new AbortController();
      const seconds = timeoutMs / 1000;
      const timer = setTimeout(() => controller.abort(new FeedFailure('timeout', `no answer within ${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`)), timeoutMs);
      const onAbort = () => controller.abort(new FeedFailure('network', 'stopped'));
      outer?.addEventListener('abort', onAbort, { once: true });
      try {
        if (instance === undefined || (await fetchActions(controller.signal))) await fetchState(controller.signal);
        if (outer?.aborted) return false;
        const at = deps.now();
        deps.emit({ type: 'feed/outcome', sourceId: deps.relay.id, outcome: { ok: true, readings: [], at, latencyMs: at - started }, nextAttemptAt: deps.nextAt() });
        return true;
      } catch (e) {
        if (outer?.aborted) return false;
        const at = deps.now();
        const error = oversizedIsBadData(toFeedError(controller.signal.aborted ? (controller.signal.reason as unknown) : e));
        deps.emit({ type: 'feed/outcome', sourceId: deps.relay.id, outcome: { ok: false, error, at, latencyMs: at - started }, nextAttemptAt: deps.nextAt() });
        return false;
      } finally {
        clearTimeout(timer);
        outer?.removeEventListener('abort', onAbort);
      }
    },
  };
}
