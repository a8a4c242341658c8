// `node --import tsx bench/state-size.ts`: how big the state directory gets for a full 90-day window of 20 networks,
// how much a day of 5-minute polls appends, and how long loading it takes. Writes into a temporary directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createStore } from '../src/model/store.js';
import { openJournal } from '../src/state/journal.js';
import { startPersistence } from '../src/state/persist.js';
import { Provenance } from '../src/state/provenance.js';
import { checkpointRecords } from '../src/state/to-records.js';
import { BENCH_NETWORKS, DAY, FULL_WINDOW_POINTS, STEP, T0, benchInitialState, buildRenderState, roundActions } from './fixtures/state.js';

const dirSize = (dir: string): number => fs.readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile()).reduce((n, e) => n + fs.statSync(path.join(e.parentPath, e.name)).size, 0);
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'l2top-state-size-'));
try {
  // A full window: 25,920 points per series (btc-locked for 20 networks, DeFi TVL where there is one, BTC/USD).
  const end = T0 + 120 * DAY;
  const state = buildRenderState(FULL_WINDOW_POINTS, { end });
  const full = path.join(root, 'full');
  const j = openJournal(full, { readOnly: false, now: end });
  const t0 = performance.now();
  j.checkpoint(checkpointRecords(state, new Provenance()));
  const writeMs = performance.now() - t0;
  j.close();
  const points = Object.values(state.series).reduce((n, m) => n + Object.values(m).reduce((k, s) => k + s.length, 0), 0) + state.priceSeries.length;
  const bytes = dirSize(full);
  const t1 = performance.now();
  const store = createStore(benchInitialState(end));
  const p = startPersistence({ dir: full, store, now: () => end });
  const loadMs = performance.now() - t1;
  p.close();

  // A day of 5-minute poll rounds through the store and the journal (segments, before compaction).
  const day = path.join(root, 'day');
  const live = createStore(benchInitialState(T0));
  const q = startPersistence({ dir: day, store: live, now: () => T0, compactBytes: Number.MAX_SAFE_INTEGER });
  for (let k = 0; k < DAY / STEP; k += 1) for (const a of roundActions(T0 + k * STEP, k, 0.01)) live.dispatch(a);
  q.close();
  const dayBytes = dirSize(day);

  process.stdout.write([
    `full 90-day window, ${BENCH_NETWORKS.length} networks, ${points.toLocaleString('en-US')} points: ${mb(bytes)} (${(bytes / points).toFixed(1)} bytes a point)`,
    `  checkpoint written in ${writeMs.toFixed(0)} ms; loaded into a fresh store in ${loadMs.toFixed(0)} ms`,
    `one day of 5-minute polls appended to segments: ${mb(dayBytes)} (${(dayBytes / (DAY / STEP)).toFixed(0)} bytes a round)`,
  ].join('\n') + '\n');
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
