// V8 settings for `l2top serve`, a long-running process with a small steady workload (a poll round every few
// minutes, a scrape every few seconds), applied when serve starts. Measured in bench/serve.ts (README, design
// notes): most of serve's resident memory was not the JS heap but malloc arenas kept by the threads that
// TurboFan compiles on; without TurboFan, serve runs its code in Ignition and Sparkplug.
import v8 from 'node:v8';

/**
 * The flags. Only flags that V8 reads while running take effect this late (the heap's limits and the compiler
 * threads are fixed when the process starts): `--no-opt` stops optimising compiles from now on;
 * `--semi-space-growth-factor=1` keeps the young generation at the size it has instead of letting it double
 * up to 16 MB a semi-space.
 */
export const SERVE_V8_FLAGS: readonly string[] = ['--no-opt', '--semi-space-growth-factor=1'];

/**
 * V8's own values of the same flags. V8 stamps a code cache with a hash of its flags and rejects a cache made under
 * other flags; a process starts with the defaults, so serve's cache (bin/load-bundle.js) must be made with them.
 */
export const V8_DEFAULT_FLAGS: readonly string[] = ['--opt', '--semi-space-growth-factor=2'];

/** Applies SERVE_V8_FLAGS to this process (once is enough; again is harmless). */
export function tuneV8ForServe(): void {
  for (const flag of SERVE_V8_FLAGS) v8.setFlagsFromString(flag);
}

/**
 * Runs `fn` (saving the compiled code) with V8's default flags back for its duration, then tunes again. Made under
 * the tuned flags, the cache was rejected at every start and written again (test/e2e/code-cache.test.ts).
 */
export function withDefaultV8Flags(fn: () => void): void {
  for (const flag of V8_DEFAULT_FLAGS) v8.setFlagsFromString(flag);
  try {
    fn();
  } finally {
    tuneV8ForServe();
  }
}
