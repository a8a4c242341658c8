#!/bin/sh
":" //; MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} exec node --max-semi-space-size=1 "$0" "$@"
// The two lines above are read by sh (the installed command) and by Node alike: sh runs Node with a 1 MB
// young-generation semi-space (V8 otherwise grows it to 16 MB each, about 30 MB of RSS for a process that
// allocates little; bench/memory.ts) and, unless set already, glibc's malloc limited to two arenas (V8's
// worker threads otherwise each keep their own; bench/serve.ts), and Node sees a hashbang comment, a string and
// a comment.
// `node bin/l2top.js` (npm start) passes the same flag itself (package.json), not the malloc setting.
// Shim: environment that must be set before any module loads, then the bundled app. CommonJS (bin/package.json):
// Node then runs it without starting its ES module loader, which cost ~15 ms of every start.
const path = require('node:path');
const { loadBundle } = require('./load-bundle.js');

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

// With V8's compiled code cached on disk (bin/load-bundle.js), from the second start on the bundle is not
// compiled again; the cache is written after the first frame with data (serve: once it listens), so it holds
// what start-up runs. `l2top serve` loads its own bundle, without Ink, React and the views (README, Performance).
const bundle = loadBundle(path.join(__dirname, '..', 'dist', process.argv[2] === 'serve' ? 'serve.cjs' : 'l2top.cjs'));
bundle.exports.main(process.argv.slice(2), { onStarted: () => bundle.saveCache() }).then((code) => {
  process.exitCode = code;
});
