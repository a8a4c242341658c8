import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two at a time on CI's two cores: the end-to-end files mostly wait (polls, a minute of SSE clients, tmux).
    maxWorkers: 2,
    minWorkers: 1,
    globalSetup: ['test/helpers/global-setup.ts'],
    // No test reaches a host beyond loopback (test/helpers/no-network.ts).
    setupFiles: ['test/helpers/no-network.ts'],
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    // A safety net: any l2top a test starts without its own state directory writes here, never to the home's.
    env: { XDG_STATE_HOME: fs.mkdtempSync(path.join(os.tmpdir(), 'l2top-test-state-')) },
  },
});
