// Child process of the render benchmark (bundled by bench/child.ts, run with NODE_ENV=production).
// <App> at 120x40, every view and overlay (Shares, Trends, Sources, Alerts, detail, help), 20 networks, with full 90-day windows (25,920 five-minute points per series)
// and with 100 points per series spread over the same 90 days (the same charts drawn from 260x fewer samples).
// For the Trends view also 100 recent 5-minute points (8 h of data: mostly empty charts), as context.
// Each measured render gets a fresh state object, alternating between two states one poll apart, so the
// memoised selectors run every time and the frame really changes. The cases of one view are measured in pairs:
// in every round one right after the other, in ABBA order (see main), so the ratio of the 25,920-point case
// to the 100-point case compares renders made under the same conditions. Three timings per case, interleaved:
//   full: ink's renderToString, from scratch (React + Yoga layout + Ink output): what the issue asks for
//   live: one update of a mounted Ink app (render() to a fake 120x40 stdout): React reconciles the change,
//         Yoga re-lays out, Ink renders the frame: what the running app pays per poll or tick
//   own:  our selectors and components only, without React, Yoga or Ink (bench/own-render.ts), as CPU time:
//         the smaller of the process's CPU time (process.cpuUsage) and the wall time. Garbage collection on the
//         main thread is included; the time other processes held the CPU is not. process.cpuUsage counts every
//         thread of the process, and V8's background threads (optimising compiler, concurrent marking and
//         sweeping) ran beside single renders (up to 7 ms of process CPU in a 1 ms render); the main thread's
//         CPU time cannot exceed either figure, so their minimum bounds it from above. Node 20 has no per-thread
//         CPU clock (/proc/thread-self/schedstat moves in 4 ms ticks here). The process CPU and the wall time
//         are kept as ownProcess and ownWall; renders that overlapped a GC pause (perf_hooks) are counted, and
//         the heap each render allocated is measured (v8 used_heap_size growth over renders without a GC).
// Each measured own render starts on a fresh event-loop turn, as a render in the app does (a timer, input or
// store callback), so V8 tasks that were already due (a scheduled scavenge, installing optimised code) run
// before it rather than inside it.
// BENCH_RENDER_TRACE=1 writes "own-start" / "own-end" lines around each own render to stdout, to read beside
// `node --trace-gc --trace-opt` output (how the slow renders were attributed: see README, Performance).
import { writeFileSync, writeSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { performance } from 'node:perf_hooks';
import { PassThrough, Writable } from 'node:stream';
import { render, renderToString } from 'ink';
import React from 'react';
import type { State, UiState } from '../src/model/state.js';
import type { Store } from '../src/model/store.js';
import { App } from '../src/ui/App.js';
import { benchStore, type BenchStore } from './fixtures/bench-store.js';
import { buildRenderState, DAY, FULL_WINDOW_POINTS, STEP, T0 } from './fixtures/state.js';
import { watchGc } from './gc-watch.js';
import { renderOwn } from './own-render.js';
import { stripAnsi } from './pty.js';
import { median, percentile } from './stats.js';

const COLUMNS = 120;
const ROWS = 40;

type Kind = 'full' | 'live' | 'own';
const KINDS: readonly Kind[] = ['full', 'live', 'own'];
type Timing = Kind | 'ownWall' | 'ownProcess';

export interface Stats {
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly n: number;
}

export interface RenderCase {
  readonly view: string;
  readonly size: 'small' | 'full' | 'recent';
  readonly points: number;
  readonly times: Readonly<Record<Timing, Stats>>;
  readonly lines: number;
  readonly chars: number;
  /** Own renders that overlapped a GC pause; own renders whose process CPU exceeded their wall time by over 0.2 ms. */
  readonly ownGc: number;
  readonly ownOtherThreads: number;
  /** Median heap allocated by one own render (KB), over the renders without a GC. */
  readonly ownAllocKb: number;
  /** Every measured own render (CPU time, ms) in round order: the k-th of each case of a view ran in the same round. */
  readonly ownSamples: readonly number[];
}

const VIEWS: readonly { readonly id: string; readonly ui: Partial<UiState> }[] = [
  { id: 'shares', ui: { view: 'shares' } },
  { id: 'trends', ui: { view: 'trends', range: '90d' } },
  { id: 'sources', ui: { view: 'sources' } },
  { id: 'alerts', ui: { view: 'alerts' } },
  { id: 'detail', ui: { view: 'shares', detail: 'lightning' } },
  { id: 'help', ui: { view: 'shares', help: true } },
];

const noop = (): void => undefined;
const element = (store: Store): React.ReactElement => <App store={store} onQuit={noop} onRefresh={noop} size={{ columns: COLUMNS, rows: ROWS }} />;

function stats(xs: readonly number[]): Stats {
  return { p50: median(xs), p95: percentile(xs, 95), max: Math.max(...xs), n: xs.length };
}

interface Case {
  readonly view: string;
  readonly size: RenderCase['size'];
  readonly points: number;
  /** Two states one poll apart, with this case's view. */
  readonly states: readonly [State, State];
  readonly live: { readonly store: BenchStore; readonly out: { bytes: number; at: number }; unmount(): void };
  readonly times: Record<Timing, number[]>;
  /** Each measured own render's interval (performance.now() ms) and the heap it allocated (bytes). */
  readonly ownAt: { readonly t0: number; readonly t1: number; readonly heap: number }[];
}

/**
 * Mounts App with Ink's real render() on a fake 120x40 terminal. Debug mode makes Ink write every frame as
 * soon as React commits it (no frame-rate throttle); the time of the last write ends the measurement.
 */
function mount(state: State): Case['live'] {
  const out = { bytes: 0, at: 0 };
  const write = (chunk: Buffer, _enc: unknown, cb: () => void): void => {
    out.at = performance.now();
    out.bytes += chunk.length;
    cb();
  };
  const stdout = Object.assign(new Writable({ write }), { columns: COLUMNS, rows: ROWS, isTTY: true });
  const stdin = Object.assign(new PassThrough(), { isTTY: false });
  const store = benchStore(state);
  const ink = render(element(store), {
    stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, stderr: stdout as unknown as NodeJS.WriteStream,
    debug: true, exitOnCtrlC: false, patchConsole: false,
  });
  return { store, out, unmount: () => ink.unmount() };
}

async function main(): Promise<void> {
  const iterations = Number(process.env.BENCH_RENDER_ITERATIONS ?? 300);
  const warmup = Number(process.env.BENCH_RENDER_WARMUP ?? 60);
  const framesFile = process.env.BENCH_FRAMES_FILE;
  const t = performance.now();
  const end = T0 + 120 * DAY;
  const spread = (90 * DAY) / 100;
  const build = (points: number, step: number): [State, State] => [buildRenderState(points, { end, step }), buildRenderState(points, { end: end + STEP, step })];
  const bases = { full: build(FULL_WINDOW_POINTS, STEP), small: build(100, spread), recent: build(100, STEP) };
  process.stdout.write(`built the states in ${Math.round(performance.now() - t)} ms: 20 networks; ${FULL_WINDOW_POINTS} 5-minute points per series, 100 points over the same 90 days, and 100 recent 5-minute points\n`);
  const sizes: readonly { size: RenderCase['size']; points: number }[] = [{ size: 'small', points: 100 }, { size: 'full', points: FULL_WINDOW_POINTS }, { size: 'recent', points: 100 }];
  const cases: Case[] = VIEWS.flatMap((v) => sizes.filter((s) => s.size !== 'recent' || v.id === 'trends').map(({ size, points }): Case => {
    const [a, b] = bases[size];
    const states: [State, State] = [{ ...a, ui: { ...a.ui, ...v.ui } }, { ...b, ui: { ...b.ui, ...v.ui } }];
    return { view: v.id, size, points, states, live: mount(states[0]), times: { full: [], live: [], own: [], ownWall: [], ownProcess: [] }, ownAt: [] };
  }));
  if (framesFile) {
    writeFileSync(framesFile, cases.map((c) => `=== ${c.view} / ${c.size} (${c.points} points) ===\n${stripAnsi(renderToString(element(benchStore(c.states[0])), { columns: COLUMNS }))}\n`).join('\n'));
  }
  const trace = process.env.BENCH_RENDER_TRACE === '1';
  // The cases of one view side by side (100 points, 25,920 points, for Trends also recent): measured one
  // right after the other in every round, each with the same kinds in the same order, the order of the
  // cases reversed every other round (ABBA), so drift, other processes and V8's compile jobs hit both sides
  // of the ratio alike. The views take turns being first.
  const groups = VIEWS.map((v) => cases.filter((c) => c.view === v.id));
  const gc = watchGc();
  for (let i = -warmup; i < iterations; i += 1) {
    const round = i + warmup;
    const kinds = [...KINDS.slice(round % 3), ...KINDS.slice(0, round % 3)];
    for (let g = 0; g < groups.length; g += 1) {
      const group = groups[(g + round) % groups.length] as Case[];
      const ordered = round % 2 === 0 ? group : [...group].reverse();
      for (const c of ordered) {
        const state = (): State => ({ ...c.states[round % 2] as State });
        for (const kind of kinds) {
          let dt: number;
          if (kind === 'full') {
            const el = element(benchStore(state()));
            const t0 = performance.now();
            renderToString(el, { columns: COLUMNS });
            dt = performance.now() - t0;
          } else if (kind === 'own') {
            const el = element(benchStore(state()));
            await new Promise<void>((resolve) => setImmediate(resolve));
            if (trace) writeSync(1, `own-start ${c.view}/${c.size}\n`);
            const h0 = getHeapStatistics().used_heap_size;
            const c0 = process.cpuUsage();
            const t0 = performance.now();
            renderOwn(el);
            const wall = performance.now() - t0;
            const used = process.cpuUsage(c0);
            const heap = getHeapStatistics().used_heap_size - h0;
            const cpu = (used.user + used.system) / 1000;
            if (trace) writeSync(1, `own-end wall ${wall.toFixed(2)} cpu ${cpu.toFixed(2)}\n`);
            dt = Math.min(cpu, wall);
            if (i >= 0) {
              c.times.ownWall.push(wall);
              c.times.ownProcess.push(cpu);
              c.ownAt.push({ t0, t1: t0 + wall, heap });
            }
          } else {
            // React 19 renders a store update in a microtask: wait for it, time up to Ink's write.
            const next = state();
            const before = c.live.out.bytes;
            const t0 = performance.now();
            c.live.store.set(next);
            await new Promise<void>((resolve) => setImmediate(resolve));
            // An update that changes nothing on screen makes Ink skip layout and output (the bundle's patch,
            // scripts/esbuild-plugins.mjs): nothing is written, and it is timed to the end of React's commit.
            dt = (c.live.out.bytes === before ? performance.now() : c.live.out.at) - t0;
          }
          if (i >= 0) c.times[kind].push(dt);
        }
      }
    }
  }
  gc.stop();
  const results: RenderCase[] = cases.map((c) => {
    c.live.unmount();
    const text = stripAnsi(renderToString(element(benchStore(c.states[0])), { columns: COLUMNS }));
    const withGc = c.ownAt.map((r) => gc.within(r.t0, r.t1).length > 0);
    return {
      view: c.view, size: c.size, points: c.points,
      times: { full: stats(c.times.full), live: stats(c.times.live), own: stats(c.times.own), ownWall: stats(c.times.ownWall), ownProcess: stats(c.times.ownProcess) },
      lines: text.split('\n').length, chars: renderOwn(element(benchStore(c.states[0]))).chars,
      ownGc: withGc.filter(Boolean).length,
      ownOtherThreads: c.times.ownProcess.filter((cpu, k) => cpu > (c.times.ownWall[k] ?? 0) + 0.2).length,
      ownAllocKb: median(c.ownAt.filter((r, k) => !withGc[k] && r.heap >= 0).map((r) => r.heap / 1024)),
      ownSamples: c.times.own,
    };
  });
  const file = process.env.BENCH_RESULT_FILE;
  if (file) writeFileSync(file, JSON.stringify(results));
  else process.stdout.write(JSON.stringify(results, null, 1) + '\n');
  process.exit(0);
}

await main();
