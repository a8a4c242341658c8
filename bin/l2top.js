#!/usr/bin/env node
// Shim: environment that must be set before any module loads, then the bundled app.
import module from 'node:module';

// Node >= 22.1 can keep V8's compiled code on disk: from the second start on, the 3.4 MB bundle is not
// compiled again. Older Node has no such function; a cache that cannot be used is never an error.
try {
  module.enableCompileCache?.();
} catch {
  // start without the cache
}
process.env.NODE_ENV = 'production';
if ('NO_COLOR' in process.env && process.env.NO_COLOR !== '') process.env.FORCE_COLOR = '0';

// Ink treats any CI or CI_* variable as a CI run and stops redrawing. On a real terminal a stray one
// (common on servers) would freeze the dashboard: drop them for this process and tell the app.
if (process.stdout.isTTY) {
  const stray = Object.keys(process.env).filter((k) => k === 'CI' || k === 'CONTINUOUS_INTEGRATION' || k.startsWith('CI_'));
  if (stray.length > 0) {
    for (const k of stray) delete process.env[k];
    process.env.L2TOP_IGNORED_CI_VARS = stray.join(',');
  }
}

// A closed pipe (l2top --once | head -1) is a normal end, not an error.
process.stdout.on('error', (error) => {
  if (error && error.code === 'EPIPE') process.exit(0);
  throw error;
});

const { main } = await import('../dist/l2top.js');
process.exitCode = await main(process.argv.slice(2));
