// Child process of the memory benchmark (bundled by bench/child.ts; run with --expose-gc, NODE_ENV=production).
// Phase 1, the figure: 120 simulated days of 5-minute poll rounds for 20 networks, dispatched into the real
// store (reducer, series, pruning, alert rules) with a fake clock and no HTTP: every BTC-locked source and the
// price every 5 minutes (20 BTC series and BTC/USD at 5-minute resolution), DeFi TVL hourly; 1 % of attempts
// fail. RSS and heap after a full GC
// every 10 simulated days, and every day from day 90 on (daily samples let the parent compare 10-day medians).
// RSS is read 200 ms after the GC: V8 hands freed pages back to the OS on a background thread, and RSS read
// at once after gc() still counts them (tens of MB, at random).
// Phase 2, context: the UI mounted on that state (Ink render() to a fake 120x40 terminal, Shares view), then
// more poll rounds with one render each, to see what rendering retains per poll (Ink keeps a cache of every
// distinct string it measured).
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { PassThrough, Writable } from 'node:stream';
import { render } from 'ink';
import React from 'react';
import { createStore } from '../src/model/store.js';
import { App } from '../src/ui/App.js';
import { benchInitialState, DAY, roundActions, STEP, T0 } from './fixtures/state.js';

export interface MemorySample {
  readonly day: number;
  readonly rssMb: number;
  readonly heapUsedMb: number;
  readonly heapTotalMb: number;
  readonly externalMb: number;
  /** Points held in all series (both metrics and BTC/USD). */
  readonly points: number;
  /** Wall time of the simulation so far (s). */
  readonly seconds: number;
}

export interface MemoryResult {
  readonly days: number;
  readonly samples: readonly MemorySample[];
  readonly ui?: {
    readonly rounds: number;
    readonly before: MemorySample;
    readonly after: MemorySample;
    readonly msPerRender: number;
  };
}

const MB = 2 ** 20;
const gc = (globalThis as { gc?: () => void }).gc;

async function collect(): Promise<void> {
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
  await new Promise((resolve) => setTimeout(resolve, 200));
}

async function main(): Promise<void> {
  const days = Number(process.env.BENCH_MEMORY_DAYS ?? 120);
  const uiRounds = Number(process.env.BENCH_MEMORY_UI_ROUNDS ?? 600);
  const store = createStore(benchInitialState(T0));
  const started = performance.now();
  const perDay = DAY / STEP;
  const samples: MemorySample[] = [];
  const sample = async (day: number): Promise<MemorySample> => {
    await collect();
    const m = process.memoryUsage();
    const s = store.getState();
    let points = s.priceSeries.length;
    for (const metric of ['btc-locked', 'defi-tvl'] as const) for (const series of Object.values(s.series[metric])) points += series.length;
    return { day, rssMb: m.rss / MB, heapUsedMb: m.heapUsed / MB, heapTotalMb: m.heapTotal / MB, externalMb: m.external / MB, points, seconds: (performance.now() - started) / 1000 };
  };
  const log = (s: MemorySample, what = ''): void => {
    process.stdout.write(`${what}day ${String(s.day).padStart(3)}: RSS ${s.rssMb.toFixed(1)} MB, heap used ${s.heapUsedMb.toFixed(1)} MB, ${s.points} points held (${s.seconds.toFixed(1)} s)\n`);
  };
  samples.push(await sample(0));
  let k = 0;
  for (let day = 1; day <= days; day += 1) {
    for (let j = 0; j < perDay; j += 1, k += 1) {
      const at = T0 + (k + 1) * STEP;
      for (const action of roundActions(at, k, 0.01)) store.dispatch(action);
    }
    if (day % 10 === 0 || day === days || day >= 90) {
      const s = await sample(day);
      samples.push(s);
      if (day % 10 === 0 || day === days) log(s);
    }
  }

  let ui: MemoryResult['ui'];
  if (uiRounds > 0) {
    let renders = 0;
    const stdout = Object.assign(new Writable({ write(_chunk: Buffer, _enc, cb) { renders += 1; cb(); } }), { columns: 120, rows: 40, isTTY: true });
    const stdin = Object.assign(new PassThrough(), { isTTY: false });
    const noop = (): void => undefined;
    const ink = render(<App store={store} onQuit={noop} onRefresh={noop} size={{ columns: 120, rows: 40 }} />, {
      stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, stderr: stdout as unknown as NodeJS.WriteStream,
      debug: true, exitOnCtrlC: false, patchConsole: false,
    });
    // A first round of renders so one-off allocations (React, Yoga, module state) are in the baseline.
    const round = async (): Promise<void> => {
      const at = T0 + (k + 1) * STEP;
      for (const action of roundActions(at, k, 0.01)) store.dispatch(action);
      k += 1;
      await new Promise<void>((resolve) => setImmediate(resolve));
    };
    for (let i = 0; i < 50; i += 1) await round();
    const before = await sample(k / perDay);
    log(before, `UI mounted, ${uiRounds} more rounds with a render each: `);
    const t0 = performance.now();
    const r0 = renders;
    for (let i = 0; i < uiRounds; i += 1) await round();
    const msPerRender = (performance.now() - t0) / uiRounds;
    const after = await sample(k / perDay);
    log(after, `after ${renders - r0} frame writes: `);
    ink.unmount();
    ui = { rounds: uiRounds, before, after, msPerRender };
  }
  const result: MemoryResult = { days, samples, ...(ui ? { ui } : {}) };
  const file = process.env.BENCH_RESULT_FILE;
  if (file) writeFileSync(file, JSON.stringify(result));
  else process.stdout.write(JSON.stringify(result, null, 1) + '\n');
  process.exit(0);
}

await main();
