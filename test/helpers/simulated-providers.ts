// Test helper: the local upstream simulator, a temporary folder and a config pointing l2top at it, for the
// lifetime of one test file (the set-up every end-to-end test of the real binary shares).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startUpstream, type Upstream } from './upstream.js';

/** Live handles, valid inside tests (after beforeAll). */
export interface SimulatedProviders {
  readonly up: Upstream;
  /** A fresh temporary folder, removed after the file's tests. */
  readonly dir: string;
  /** `<dir>/config.json`: every provider at the simulator, plus `extra`. */
  readonly config: string;
}

/** Starts the simulator before the file's tests and stops it (and removes the folder) after them. */
export function useSimulatedProviders(prefix: string, extra: Readonly<Record<string, unknown>> = {}): SimulatedProviders {
  let up: Upstream | undefined;
  let dir = '';
  let config = '';
  beforeAll(async () => {
    up = await startUpstream();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `l2top-${prefix}-`));
    config = up.writeConfig(dir, extra);
  });
  afterAll(async () => {
    await up?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    get up(): Upstream {
      if (!up) throw new Error('the simulator starts in beforeAll');
      return up;
    },
    get dir() {
      return dir;
    },
    get config() {
      return config;
    },
  };
}
