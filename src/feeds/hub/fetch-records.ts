// A hub's window as journal records, fetched once (for `l2top export --hub`): no view, no poller.
import type { JournalRecord } from '../../state/records.js';
import { toFeedError } from '../feed-failure.js';
import { createHttpClient } from '../http.js';
import { hubLink } from './hub-link.js';
import { STATE_MAX_BYTES } from './hub-sync.js';
import { HubStateSchema } from './schema.js';

/** The records of the hub's state, or one line saying why not (naming the hub without credentials). */
export async function fetchHubRecords(url: string, token: string | undefined, userAgent: string, timeoutMs = 60_000): Promise<{ records: JournalRecord[] } | { error: string }> {
  const link = hubLink(url, token);
  const http = createHttpClient({ userAgent, socketTimeoutMs: timeoutMs });
  try {
    const hub = await http.getJson(link.url('/api/v1/hub/state'), HubStateSchema, { signal: AbortSignal.timeout(timeoutMs), headers: link.headers, maxBytes: STATE_MAX_BYTES });
    return { records: hub.records };
  } catch (e) {
    const error = toFeedError(e);
    const how = error.kind === 'network' || error.kind === 'timeout' ? ' unreachable' : '';
    return { error: `hub ${link.display}${how}: ${error.message}` };
  }
}
