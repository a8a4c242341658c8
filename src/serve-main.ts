// Entry of the serve-only bundle (dist/serve.cjs, scripts/build-options.mjs): `l2top serve` loads this instead of
// the whole app, so Ink, React, Yoga and the views, which serve never renders, are not in its memory.
import { runServe } from './commands/serve.js';

export interface ServeMainHooks {
  /** Called once serve listens (bin/load-bundle.js then saves the compiled code). */
  readonly onStarted?: () => void;
}

/** Runs `l2top serve ...` (argv without node and script, starting with "serve"); resolves with the exit code. */
export async function main(argv: readonly string[], hooks: ServeMainHooks = {}): Promise<number> {
  return runServe(argv.slice(1), process.env, hooks.onStarted);
}
