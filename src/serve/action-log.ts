// The hub sync ring: the poller's feed actions, tapped before they reach the store, for /api/v1/hub/actions.
import type { FeedAction } from '../model/actions.js';
import { SeqRing } from './seq-ring.js';

/** A buffered action, or in place of a (large) history action a note to fetch the whole state again. */
export type LoggedAction = { readonly seq: number; readonly action: FeedAction } | { readonly seq: number; readonly resync: true };

/** Entries kept by default: a few hours of 5-minute rounds of every source. */
export const ACTION_LOG_SIZE = 2_000;

export interface ActionLog {
  /** Records an action as the poller emits it (call before store.dispatch). */
  tap(action: FeedAction): void;
  /** The number of the newest entry (0 before the first). */
  readonly seq: number;
  /** Entries after `after`, oldest first; undefined when `after` is older than the ring. */
  after(after: number): LoggedAction[] | undefined;
}

export function createActionLog(capacity = ACTION_LOG_SIZE): ActionLog {
  const ring = new SeqRing<FeedAction | 'resync'>(capacity);
  return {
    tap(action) {
      ring.push(action.type === 'feed/history' ? 'resync' : action);
    },
    get seq() {
      return ring.last;
    },
    after(after) {
      return ring.after(after)?.map(({ seq, item }) => (item === 'resync' ? { seq, resync: true as const } : { seq, action: item }));
    },
  };
}
