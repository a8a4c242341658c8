// What every benchmark gets from the runner.

export interface BenchContext {
  /** The repository root (absolute). */
  readonly root: string;
  /** A scratch directory for this run (config files, traces); removed at the end. */
  readonly tmp: string;
  /** Progress and diagnostics, printed as they happen. */
  log(line: string): void;
}
