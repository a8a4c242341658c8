// Line mode for terminals without cursor addressing (TERM=dumb): the --once table printed again every poll
// interval, one block after another, no escape sequences; Ctrl-C (SIGINT), SIGTERM or SIGHUP ends it.
import type { Poller } from '../feeds/poller.js';
import type { Store } from '../model/store.js';
import { renderPlainText } from '../ui/plainText.js';
import { onEndSignal } from './on-end-signal.js';

export interface LineModeDeps {
  readonly store: Store;
  readonly poller: Poller;
  readonly intervalMs: number;
  /** Longest wait for the first round before printing what is there. */
  readonly firstRoundMs: number;
  readonly out: NodeJS.WritableStream;
  readonly now: () => number;
  /** Closes what setUp opened (the demo server). */
  readonly close: () => Promise<void>;
}

/** True when every polled source has finished at least one attempt and none is in flight. */
function roundDone(store: Store): boolean {
  const s = store.getState();
  return s.sources.every((m) => !m.polls || (s.health[m.id]?.lastAttemptAt !== undefined && !s.health[m.id]?.inFlight));
}

/** Runs until a signal; resolves with the exit code (130 SIGINT, 143 SIGTERM, 129 SIGHUP). */
export function runLines(d: LineModeDeps): Promise<number> {
  return new Promise((resolve) => {
    let printed = 0;
    const print = () => {
      d.store.dispatch({ type: 'tick', now: d.now() });
      d.out.write((printed++ > 0 ? '\n' : '') + renderPlainText(d.store.getState()));
    };
    let every: NodeJS.Timeout | undefined;
    const first = () => {
      if (every) return;
      stopWaiting();
      clearTimeout(fallback);
      print();
      every = setInterval(print, d.intervalMs);
    };
    const stopWaiting = d.store.subscribe(() => {
      if (roundDone(d.store)) first();
    });
    const fallback = setTimeout(first, d.firstRoundMs);
    const offSignal = onEndSignal((code) => {
      offSignal();
      stopWaiting();
      clearTimeout(fallback);
      clearInterval(every);
      d.poller.stop();
      void d.close().then(() => resolve(code));
    });
    d.poller.start();
  });
}
