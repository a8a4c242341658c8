// Child process of the update-bytes benchmark (bundled by bench/child.ts): the bytes one update writes when
// really every value changes. In a pty against the simulator that cannot happen within one poll round: the
// Bitcoin Layers and DefiLlama sources are polled at most hourly, so ten networks keep their values. Here the
// app's own output path runs in-process: <App> rendered by Ink (maxFps 4, as src/main.tsx does) into
// src/terminal/frame-writer.ts, which writes the changed lines to a fake 120x40 terminal that counts bytes.
// The state moves from one fully populated state (20 networks, full 90-day windows) to the next poll's, in
// which every network's value, share, change and chart moved; a quiet update (a new state object with the same
// content, as a poll round that brought identical values) is the baseline.
import { writeFileSync } from 'node:fs';
import { PassThrough, Writable } from 'node:stream';
import { render } from 'ink';
import React from 'react';
import type { State, UiState } from '../src/model/state.js';
import { FrameWriter } from '../src/terminal/frame-writer.js';
import { App } from '../src/ui/App.js';
import { benchStore } from './fixtures/bench-store.js';
import { buildRenderState, DAY, FULL_WINDOW_POINTS, STEP, T0 } from './fixtures/state.js';

export interface FrameBytesResult {
  readonly view: string;
  readonly change: readonly number[];
  readonly quiet: readonly number[];
  readonly firstFrame: number;
}

const COLUMNS = 120;
const ROWS = 40;
const SETTLE_MS = 600;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const reps = Number(process.env.BENCH_UPDATE_REPS ?? 4);
  const end = T0 + 120 * DAY;
  const states = Array.from({ length: reps + 1 }, (_, k) => buildRenderState(FULL_WINDOW_POINTS, { end: end + k * STEP }));
  const views: readonly { id: string; ui: Partial<UiState> }[] = [{ id: 'shares', ui: { view: 'shares' } }, { id: 'trends', ui: { view: 'trends', range: '90d' } }];
  const results: FrameBytesResult[] = [];
  for (const v of views) {
    let bytes = 0;
    const out = Object.assign(new Writable({ write(chunk: Buffer, _enc, cb) { bytes += chunk.length; cb(); } }), { columns: COLUMNS, rows: ROWS, isTTY: true });
    const screen = new FrameWriter(out as unknown as NodeJS.WriteStream);
    const stdin = Object.assign(new PassThrough(), { isTTY: false });
    const withView = (s: State): State => ({ ...s, ui: { ...s.ui, ...v.ui } });
    const store = benchStore(withView(states[0] as State));
    const noop = (): void => undefined;
    const ink = render(<App store={store} onQuit={noop} onRefresh={noop} />, {
      stdout: screen as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, exitOnCtrlC: false, patchConsole: false, maxFps: 4,
    });
    await sleep(SETTLE_MS);
    const firstFrame = bytes;
    const change: number[] = [];
    const quiet: number[] = [];
    for (let k = 1; k <= reps; k += 1) {
      let b0 = bytes;
      const current = store.getState();
      store.set({ ...current });
      await sleep(SETTLE_MS);
      quiet.push(bytes - b0);
      b0 = bytes;
      store.set(withView(states[k] as State));
      await sleep(SETTLE_MS);
      change.push(bytes - b0);
    }
    ink.unmount();
    screen.dispose();
    results.push({ view: v.id, change, quiet, firstFrame });
    process.stdout.write(`${v.id}: first frame ${firstFrame} B; every value changed: ${change.join('/')} B; nothing changed: ${quiet.join('/')} B\n`);
  }
  const file = process.env.BENCH_RESULT_FILE;
  if (file) writeFileSync(file, JSON.stringify(results));
  process.exit(0);
}

await main();
