// Figure 3: bytes written for one poll update that changes every value, at 120x40 (Shares view).
// l2top runs in a pty against the provider simulator (test/helpers/upstream.ts) with pollInterval "3s".
// A window spans exactly one poll round: from midway between two rounds (1.5 s after a Lightning poll) to
// midway after the next. A "change" window moves every simulated value at its start; a "quiet" window changes
// nothing. Windows alternate; the figure is median(change) - median(quiet).
// Within one 3 s round only the sources polled every round answer anew: Bitcoin Layers and DefiLlama are polled
// at most hourly, so ten networks keep their amounts (their shares still move). The case where really every
// value changes is measured in-process through the app's own FrameWriter (bench/frame-bytes-child.tsx).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_VALUES, layersBalances, startUpstream, type Upstream, type UpstreamValues } from '../test/helpers/upstream.js';
import { runChild } from './child.js';
import { DATA_ROW } from './cold-start.js';
import type { FrameBytesResult } from './frame-bytes-child.js';
import type { BenchContext } from './context.js';
import { bursts, cleanEnv, newWords, rowsAddressed, spawnPty, stripAnsi, type PtyProcess } from './pty.js';
import type { BenchResult, Figure } from './report.js';
import { envNumber, fmt, median, sleep } from './stats.js';

const COLS = 120;
const ROWS = 40;
const INTERVAL_MS = 3_000;

/**
 * Every simulated value moved by 0.2-0.9 % from the defaults (up on odd reps, down on even ones), so each change
 * window changes all of them. The moves stay inside the 2 % tolerance against Bitcoin Layers, whose current
 * values l2top polls only hourly: no "disagree" flags or problem lines appear, only the numbers change.
 */
export function movedValues(rep: number): Partial<UpstreamValues> {
  const sign = rep % 2 === 1 ? 1 : -1;
  let j = 0;
  const f = (): number => 1 + sign * (0.002 + 0.0005 * (j++ % 15));
  const round = (v: number): number => Math.round(v * f());
  const d = DEFAULT_VALUES;
  return {
    lightningSats: round(d.lightningSats),
    channels: round(d.channels),
    nodes: round(d.nodes),
    liquidSats: round(d.liquidSats),
    rootstockSats: round(d.rootstockSats),
    stacksSats: round(d.stacksSats),
    citreaSats: round(d.citreaSats),
    priceUsd: round(d.priceUsd),
    llamaTvl: Object.fromEntries(Object.entries(d.llamaTvl).map(([k, v]) => [k, Math.round(v * f() * 100) / 100])),
    layersBtc: Object.fromEntries(Object.entries(layersBalances(d)).map(([k, v]) => [k, Math.round(v * f() * 1e8) / 1e8])),
    tipHeight: 925_000 + rep,
  };
}

interface Window {
  readonly kind: 'quiet' | 'change';
  readonly bytes: number;
  readonly bursts: number;
  /** Screen rows the window's writes addressed (l2top rewrites changed lines in place). */
  readonly rows: number[];
  /** Words of the written text that the screen did not show before. */
  readonly newWords: string[];
}

/** Waits for the next Lightning poll, then 1.5 s: the midpoint between two poll rounds. */
async function midpointAfterNextPoll(up: Upstream): Promise<void> {
  await up.waitForHits('lightning', up.hits('lightning') + 1, 4 * INTERVAL_MS);
  await sleep(INTERVAL_MS / 2);
}

async function measureWindow(p: PtyProcess, up: Upstream, kind: Window['kind'], rep: number): Promise<Window> {
  const b0 = p.bytes();
  const c0 = p.chunks.length;
  const before = stripAnsi(p.raw(), ' ');
  if (kind === 'change') up.set(movedValues(rep));
  await midpointAfterNextPoll(up);
  const chunks = p.chunks.slice(c0);
  const bs = bursts(chunks);
  const written = bs.length > 0 ? p.raw().slice(bs[0]?.start ?? 0, bs[bs.length - 1]?.end ?? 0) : '';
  return { kind, bytes: p.bytes() - b0, bursts: bs.length, rows: rowsAddressed(written), newWords: newWords(before, stripAnsi(written, ' '), 20) };
}

export async function updateBytes(ctx: BenchContext): Promise<BenchResult> {
  const reps = Math.max(1, Math.round(envNumber('BENCH_UPDATE_REPS', 4)));
  const up = await startUpstream();
  const dir = path.join(ctx.tmp, 'update');
  mkdirSync(dir, { recursive: true });
  const config = up.writeConfig(dir, { pollInterval: '3s', timeoutMs: 2_000 });
  ctx.log(`update: l2top against the simulator, pollInterval 3s, ${COLS}x${ROWS}, ${reps} quiet and ${reps} change windows (alternating, one poll round each)`);
  const env = cleanEnv({ NODE_ENV: 'production', XDG_CONFIG_HOME: dir });
  const p = spawnPty([process.execPath, path.join(ctx.root, 'bin/l2top.js'), '--config', config, '--no-state'], { cols: COLS, rows: ROWS, env, cwd: ctx.root });
  try {
    await p.waitFor(DATA_ROW, 30_000);
    // Let the start-up settle: history backfill, the first rounds.
    const settleUntil = performance.now() + 4 * INTERVAL_MS;
    while (performance.now() < settleUntil) await midpointAfterNextPoll(up);
    const windows: Window[] = [];
    for (let rep = 1; rep <= reps; rep += 1) {
      for (const kind of ['quiet', 'change'] as const) {
        const w = await measureWindow(p, up, kind, rep);
        windows.push(w);
        ctx.log(`  ${kind} window ${rep}: ${w.bytes} B in ${w.bursts} write burst(s), ${w.rows.length} rows rewritten${w.rows.length ? ` (${w.rows.join(',')})` : ''}${w.newWords.length ? `; new on screen: ${w.newWords.slice(0, 12).join(' ')}` : ''}`);
      }
    }
    const quiet = windows.filter((w) => w.kind === 'quiet').map((w) => w.bytes);
    const change = windows.filter((w) => w.kind === 'change').map((w) => w.bytes);
    const changeRows = median(windows.filter((w) => w.kind === 'change').map((w) => w.rows.length));
    await p.stop('SIGTERM');
    await up.close();

    ctx.log('update: every value of 20 networks changed, in-process: <App> -> Ink (maxFps 4) -> src/terminal/frame-writer.ts -> a counting 120x40 terminal');
    const inProcess = await runChild<FrameBytesResult[]>(ctx, 'bench/frame-bytes-child.tsx', [], { BENCH_UPDATE_REPS: String(reps) });
    const figures: Figure[] = [
      { id: 'update.bytes', label: 'One poll round against the simulator (all values moved), 120x40 Shares: bytes written (median change - median quiet)', value: median(change) - median(quiet), unit: 'B', decimals: 0,
        target: { max: 2048, text: '<= 2 KB' },
        note: `change windows ${change.join('/')} B, quiet ${quiet.join('/')} B; median ${changeRows} of 39 rows rewritten, ${fmt(median(change) / Math.max(1, changeRows), 0)} B per row; the hourly sources keep 10 networks' amounts` },
    ];
    for (const r of inProcess) {
      figures.push({
        id: `update.every-value.${r.view}`, label: `Update where every value of 20 networks changes, 120x40 ${r.view === 'shares' ? 'Shares' : 'Trends 90d'} (in-process, app's FrameWriter)`,
        value: median(r.change) - median(r.quiet), unit: 'B', decimals: 0,
        target: { max: 2048, text: '<= 2 KB' },
        note: `updates ${r.change.join('/')} B, unchanged re-renders ${r.quiet.join('/')} B, first full frame ${r.firstFrame} B`,
      });
    }
    return { name: 'update-bytes', figures, details: { intervalMs: INTERVAL_MS, windows, inProcess } };
  } finally {
    await p.stop('SIGTERM');
    await up.close();
  }
}
