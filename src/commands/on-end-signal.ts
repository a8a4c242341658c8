// The signals that end a long-running mode (Ctrl-C, kill, a closed terminal) and the exit status each gives.
import os from 'node:os';

const END_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The shell's convention: 128 + the signal's number (SIGINT 130, SIGTERM 143, SIGHUP 129). */
export function signalExitCode(sig: NodeJS.Signals): number {
  return 128 + os.constants.signals[sig];
}

/** Calls `end` with the exit status on the first of SIGINT, SIGTERM or SIGHUP; returns the unsubscribe. */
export function onEndSignal(end: (code: number) => void): () => void {
  const handler = (sig: NodeJS.Signals) => end(signalExitCode(sig));
  for (const s of END_SIGNALS) process.on(s, handler);
  return () => {
    for (const s of END_SIGNALS) process.off(s, handler);
  };
}
