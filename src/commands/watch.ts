// --watch --json (--ndjson): one JSON snapshot line per poll round on stdout, for jq and log shippers.
// A round: the first line once every live source has answered (or failed) once; after that a line whenever
// new outcomes have arrived, no source is in flight and none has started for COALESCE_MS (a burst is one
// line), at most one line per half interval. Ends on EPIPE (exit 0) and on SIGINT, SIGTERM, SIGHUP.
import type { Poller } from '../feeds/poller.js';
import { toSnapshot } from '../model/snapshot.js';
import type { State } from '../model/state.js';
import type { Store } from '../model/store.js';
import { onEndSignal } from './on-end-signal.js';

export interface WatchDeps {
  readonly store: Store;
  readonly poller: Poller;
  readonly intervalMs: number;
  /** Longest wait for the first round before printing what is there. */
  readonly firstRoundMs: number;
  readonly out: NodeJS.WritableStream;
  readonly now: () => number;
  /** Closes what setUp opened (demo server, hooks, recording). */
  readonly close: () => Promise<void>;
  /** Formats one line (default: the JSON snapshot); exported for tests of other formats. */
  readonly format?: (state: State) => string;
}

/** Quiet time after the last outcome before a line is written: outcomes that arrive together make one line. */
const COALESCE_MS = 250;

/** A number per source that changes whenever one of its attempts (live or backfill) finishes. */
function progress(state: State): string {
  return state.sources.map((m) => `${state.health[m.id]?.lastAttemptAt ?? ''}/${state.health[m.id]?.history?.at ?? ''}`).join(',');
}

function busy(state: State): boolean {
  return state.sources.some((m) => state.health[m.id]?.inFlight);
}

function firstRoundDone(state: State): boolean {
  return state.sources.every((m) => !m.polls || (state.health[m.id]?.lastAttemptAt !== undefined && !state.health[m.id]?.inFlight));
}

/** Runs until a signal or a closed pipe; resolves with the exit code (0 EPIPE, 130 SIGINT, 143 SIGTERM, 129 SIGHUP). */
export function runWatch(d: WatchDeps): Promise<number> {
  const format = d.format ?? ((s: State) => JSON.stringify(toSnapshot(s)));
  return new Promise((resolve) => {
    let done = false;
    let lastLineAt = -Infinity;
    let printed: string | undefined;
    let timer: NodeJS.Timeout | undefined;
    const print = () => {
      // Marked printed before the tick, whose own store update calls check() again.
      printed = progress(d.store.getState());
      lastLineAt = Date.now();
      d.store.dispatch({ type: 'tick', now: d.now() });
      const state = d.store.getState();
      // One write per line: on Linux a pipe write is synchronous, so a signal never splits a line.
      d.out.write(format(state) + '\n');
    };
    const check = () => {
      clearTimeout(timer);
      if (done) return;
      const state = d.store.getState();
      if (printed === undefined) {
        if (firstRoundDone(state)) print();
        return;
      }
      if (busy(state) || progress(state) === printed) return;
      const wait = Math.max(COALESCE_MS, lastLineAt + d.intervalMs / 2 - Date.now());
      timer = setTimeout(() => {
        const s = d.store.getState();
        if (!done && !busy(s) && progress(s) !== printed) print();
      }, wait);
    };
    const unsubscribe = d.store.subscribe(check);
    const fallback = setTimeout(() => {
      if (printed === undefined && !done) print();
    }, d.firstRoundMs);
    const finish = (code: number) => {
      if (done) return;
      done = true;
      offSignal();
      d.out.off('error', onError);
      unsubscribe();
      clearTimeout(fallback);
      clearTimeout(timer);
      d.poller.stop();
      void d.close().then(() => resolve(code));
    };
    const onError = (error: NodeJS.ErrnoException) => finish(error.code === 'EPIPE' ? 0 : 1);
    const offSignal = onEndSignal(finish);
    d.out.on('error', onError);
    d.poller.start();
  });
}
