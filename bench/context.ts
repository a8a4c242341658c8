// What every benchmark gets from the runner.

export interface BenchContext {
  /** The repository root (absolute). */
  readonly root: string;
  /** A scratch directory for this run (config files, traces); removed at the end. */
  readonly tmp: string;
  /** Progress and diagnostics, printed as they happen. */
  log(line: string): void;
}

/**
 * The node flags l2top runs with: bin/l2top.js's second line passes them when it runs as the installed command,
 * package.json's start and demo scripts when run from a checkout. A benchmark of l2top runs it the same way.
 */
export const L2TOP_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1'];

/** The environment bin/l2top.js's second line adds as the installed command (and so under the systemd unit). */
export const L2TOP_NODE_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };
