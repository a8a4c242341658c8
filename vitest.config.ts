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
    globalSetup: ['test/helpers/global-setup.ts'],
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    // A safety net: any l2top a test starts without its own state directory writes here, never to the home's.
    env: { XDG_STATE_HOME: fs.mkdtempSync(path.join(os.tmpdir(), 'l2top-test-state-')) },
  },
});
