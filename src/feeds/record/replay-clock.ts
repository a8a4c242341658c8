// The clock of a replay: the recording's own time, running `speed` times faster than the wall clock.
import { performance } from 'node:perf_hooks';
import type { PollerClock } from '../poller.js';

/** A PollerClock whose now() starts at the recording's start and whose timers run `speed` times faster. */
export function replayClock(startedAtMs: number, speed: number): PollerClock {
  const t0 = performance.now();
  return {
    now: () => Math.round(startedAtMs + (performance.now() - t0) * speed),
    setTimeout: (fn, ms) => setTimeout(fn, Math.max(0, ms) / speed),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}
