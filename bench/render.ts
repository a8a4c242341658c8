// Figure 4: render time of every view with 20 networks and full 90-day windows against 100 samples.
// The measuring happens in bench/render-child.tsx (its own process, bundled like the app); this turns the
// timings into figures. Targets: p95 <= 4 ms and <= 1.2x the small case. They are applied to our own part
// (selectors + components), measured as CPU time: the smaller of the process's CPU time (process.cpuUsage,
// 1 µs resolution) and the wall time, an upper bound of the main thread's CPU time (render-child.tsx says why).
// On this shared 2-core machine the wall-clock p95 of a 1-2 ms task mostly measures how often another process
// held the CPU; the wall-clock and process-CPU p50/p95 are in the note beside it, with the renders that had a
// GC pause inside and the heap one render allocates. Ink's fixed cost per 120x40 frame (React reconcile, Yoga layout, per-character
// ANSI tokenising and string widths in Ink's output) is several times the 4 ms budget whatever the data,
// and does not depend on the window length. Full renderToString and a live Ink update are reported beside it.
// Method (BENCH_RENDER_ITERATIONS rounds, default 300, after BENCH_RENDER_WARMUP, default 60; about 2.5 minutes):
// the two sizes of a view are measured back to back in every round, in ABBA order, so whatever slows the
// machine or V8 for a while hits both sides of the ratio alike; the ratio stays p95 / p95 over every sample, and
// the note beside it gives the per-round ratios (the two renders of one round). A longer warm-up does not
// remove V8's compile jobs: they recur after every full GC (README, Performance), so many rounds are taken instead.
import path from 'node:path';
import { runChild } from './child.js';
import type { BenchContext } from './context.js';
import type { BenchResult, Figure } from './report.js';
import type { RenderCase } from './render-child.js';
import { envNumber, fmt, median, percentile } from './stats.js';

export async function renderBench(ctx: BenchContext): Promise<BenchResult> {
  const iterations = Math.round(envNumber('BENCH_RENDER_ITERATIONS', 300));
  const warmup = Math.round(envNumber('BENCH_RENDER_WARMUP', 60));
  const framesFile = path.join(ctx.root, '.bench', 'render-frames.txt');
  ctx.log(`render: 120x40, 6 views x (25,920 points | 100 points over the same 90 days), ${iterations} rounds measured after ${warmup} warm-up rounds; each round renders every case of a view once per kind, the two sizes back to back in ABBA order`);
  const cases = await runChild<RenderCase[]>(ctx, 'bench/render-child.tsx', [], {
    BENCH_RENDER_ITERATIONS: String(iterations), BENCH_RENDER_WARMUP: String(warmup), BENCH_FRAMES_FILE: framesFile,
  });
  ctx.log(`  the rendered frames are in ${path.relative(ctx.root, framesFile)}`);
  ctx.log('  view     size    points | full renderToString p50/p95 | live Ink update p50/p95 | own part CPU p50/p95 | wall p50/p95 | process CPU p95 (ms) | GC in | alloc KB');
  for (const c of cases) {
    const t = c.times;
    ctx.log(`  ${c.view.padEnd(8)} ${c.size.padEnd(7)} ${String(c.points).padStart(6)} | ${fmt(t.full.p50, 2).padStart(7)} / ${fmt(t.full.p95, 2).padStart(7)}`
      + `          | ${fmt(t.live.p50, 2).padStart(7)} / ${fmt(t.live.p95, 2).padStart(7)}      | ${fmt(t.own.p50, 2).padStart(6)} / ${fmt(t.own.p95, 2).padStart(6)}`
      + ` | ${fmt(t.ownWall.p50, 2).padStart(6)} / ${fmt(t.ownWall.p95, 2).padStart(6)} | ${fmt(t.ownProcess.p95, 2).padStart(6)} | ${String(c.ownGc).padStart(3)} | ${fmt(c.ownAllocKb, 0).padStart(5)}`);
  }
  const find = (view: string, size: RenderCase['size']): RenderCase | undefined => cases.find((c) => c.view === view && c.size === size);
  const figures: Figure[] = [];
  for (const view of ['shares', 'trends', 'sources', 'alerts', 'detail', 'help']) {
    const full = find(view, 'full');
    const small = find(view, 'small');
    if (!full || !small) continue;
    figures.push({
      id: `render.${view}.own.p95`, label: `Render ${view}, 20 networks x 25,920 points, own part (selectors + components), CPU time: p95`, value: full.times.own.p95, unit: 'ms', decimals: 2,
      target: { max: 4, text: '<= 4 ms' },
      note: `p50 ${fmt(full.times.own.p50, 2)} ms; 100 points: p50 ${fmt(small.times.own.p50, 2)}, p95 ${fmt(small.times.own.p95, 2)} ms; wall clock p50 ${fmt(full.times.ownWall.p50, 2)}, p95 ${fmt(full.times.ownWall.p95, 2)} ms; `
        + `process CPU p95 ${fmt(full.times.ownProcess.p95, 2)} ms (${full.ownOtherThreads} of ${full.times.own.n} renders with other threads' CPU); `
        + `${full.ownGc} of ${full.times.own.n} renders had a GC pause inside; ${fmt(full.ownAllocKb, 0)} KB allocated per render (${fmt(small.ownAllocKb, 0)} KB at 100 points)`,
    });
    // The k-th own render of each size ran in the same round, one right after the other.
    const pairs = full.ownSamples.map((x, k) => x / (small.ownSamples[k] ?? Number.NaN)).filter(Number.isFinite);
    figures.push({
      id: `render.${view}.own.ratio`, label: `Render ${view}, own part: p95 25,920 points / p95 100 points`, value: full.times.own.p95 / small.times.own.p95, unit: 'x', decimals: 2,
      target: { max: 1.2, text: '<= 1.2x' },
      note: `p50 ratio ${fmt(full.times.own.p50 / small.times.own.p50, 2)}x; per round (the two renders back to back), 25,920 / 100 points: median ${fmt(median(pairs), 2)}x, `
        + `25th-75th percentile ${fmt(percentile(pairs, 25), 2)}-${fmt(percentile(pairs, 75), 2)}x over ${pairs.length} rounds`,
    });
    figures.push({
      id: `render.${view}.full.p95`, label: `Render ${view}, 25,920 points, full Ink renderToString: p95`, value: full.times.full.p95, unit: 'ms', decimals: 1, readme: true,
      note: `p50 ${fmt(full.times.full.p50, 1)} ms; vs 100 points p95 ${fmt(full.times.full.p95 / small.times.full.p95, 2)}x, p50 ${fmt(full.times.full.p50 / small.times.full.p50, 2)}x; `
        + `live Ink update p50 ${fmt(full.times.live.p50, 1)}, p95 ${fmt(full.times.live.p95, 1)} ms`,
    });
  }
  return { name: 'render', figures, details: { cases } };
}
