// Every state change is one of these actions, dispatched into the pure reducer.
import type { FeedOutcome, SourceId } from './types.js';

/** A live poll of one source finished. `nextAttemptAt` is when the poller will try again (ms). */
export interface FeedOutcomeAction {
  readonly type: 'feed/outcome';
  readonly sourceId: SourceId;
  readonly outcome: FeedOutcome;
  readonly nextAttemptAt: number;
}

/** A one-off history (backfill) fetch of one source finished; readings carry `observedAt`. */
export interface FeedHistoryAction {
  readonly type: 'feed/history';
  readonly sourceId: SourceId;
  readonly outcome: FeedOutcome;
}

/** A poll of a source started (lets the Sources view show "polling"). */
export interface FeedAttemptAction {
  readonly type: 'feed/attempt';
  readonly sourceId: SourceId;
  readonly at: number;
}

/**
 * A source's next poll was pushed to `until` (ms) because its provider answered another of its sources with a
 * Retry-After: no request goes to that provider before then.
 */
export interface FeedDeferredAction {
  readonly type: 'feed/deferred';
  readonly sourceId: SourceId;
  /** The provider whose Retry-After holds the source, e.g. "mempool". */
  readonly provider: string;
  readonly until: number;
}

/** The events the poller emits. */
export type FeedAction = FeedOutcomeAction | FeedHistoryAction | FeedAttemptAction | FeedDeferredAction;
