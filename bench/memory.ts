// Figure 5: resident memory after 120 simulated days of 5-minute polls across 20 series (fake clock), in a
// child process of its own (bench/memory-child.tsx). Targets: at most 100 MB, and flat once the 90-day window
// is full. "Flat" is taken as: the median RSS of the last 10 simulated days at most 5 MB above the median of
// days 90-99 (RSS sampled after a full GC every day from day 90). The heap used after GC, day 90 against the
// last day, shows whether anything is retained.
import { runChild } from './child.js';
import { L2TOP_NODE_ENV, L2TOP_NODE_FLAGS, type BenchContext } from './context.js';
import type { MemoryResult, MemorySample } from './memory-child.js';
import type { BenchResult, Figure } from './report.js';
import { envNumber, fmt, median } from './stats.js';

export async function memory(ctx: BenchContext): Promise<BenchResult> {
  const days = Math.round(envNumber('BENCH_MEMORY_DAYS', 120));
  const uiRounds = Math.round(Number(process.env.BENCH_MEMORY_UI_ROUNDS ?? 300));
  // The node flags l2top runs with (bin/l2top.js, npm start); BENCH_MEMORY_NODE_ARGS replaces them ("" for none).
  const extraArgs = (process.env.BENCH_MEMORY_NODE_ARGS ?? L2TOP_NODE_FLAGS.join(' ')).split(/\s+/).filter(Boolean);
  ctx.log(`memory: ${days} simulated days of 5-minute rounds for 20 networks (20 BTC series and BTC/USD every 5 min, DeFi TVL hourly, 1 % failures), straight into the store; then ${uiRounds} rounds with the UI mounted${extraArgs.length ? `; node ${extraArgs.join(' ')}` : ''}`);
  const r = await runChild<MemoryResult>(ctx, 'bench/memory-child.tsx', ['--expose-gc', ...extraArgs], {
    ...L2TOP_NODE_ENV, BENCH_MEMORY_DAYS: String(days), BENCH_MEMORY_UI_ROUNDS: String(uiRounds),
  });
  const at = (day: number): MemorySample | undefined => r.samples.find((s) => s.day === day);
  const start = at(0);
  const last = r.samples[r.samples.length - 1];
  const full = at(Math.min(90, days));
  const max = r.samples.reduce((m, s) => (s.rssMb > m.rssMb ? s : m), r.samples[0] as MemorySample);
  if (!start || !last || !full) throw new Error('memory: missing samples');
  const daily = r.samples.filter((s) => s.day >= 90);
  const early = daily.filter((s) => s.day >= 90 && s.day < 100).map((s) => s.rssMb);
  const late = daily.slice(-10).map((s) => s.rssMb);
  ctx.log(`  daily RSS from day 90 (MB): ${daily.map((s) => fmt(s.rssMb, 1)).join(' ')}`);
  const figures: Figure[] = [
    { id: 'memory.max', label: `Resident memory over ${days} simulated days of 5-minute polls, 20 networks (max RSS after GC, every 10 days and daily from day 90)`, value: max.rssMb, unit: 'MB', decimals: 1,
      target: { max: 100, text: '<= 100 MB' }, note: `max at day ${max.day}; before any data (code, React, Ink, Yoga): ${fmt(start.rssMb, 1)} MB RSS, ${fmt(start.heapUsedMb, 1)} MB heap` },
    { id: 'memory.day90', label: `RSS at day ${full.day} (window just full)`, value: full.rssMb, unit: 'MB', decimals: 1, readme: true, note: `heap used ${fmt(full.heapUsedMb, 1)} MB, ${full.points} points held` },
    { id: 'memory.day120', label: `RSS at day ${last.day}`, value: last.rssMb, unit: 'MB', decimals: 1, readme: true,
      note: `heap used ${fmt(last.heapUsedMb, 1)} MB (heap total ${fmt(last.heapTotalMb, 1)}, external ${fmt(last.externalMb, 1)}), ${last.points} points held` },
    { id: 'memory.growth', label: `RSS growth once the window is full (median of the last 10 days - median of days 90-99)`, value: median(late) - median(early), unit: 'MB', decimals: 1,
      target: { max: 5, text: 'flat (<= 5 MB)' },
      note: `single samples day ${full.day} -> ${last.day}: ${fmt(last.rssMb - full.rssMb, 1)} MB; heap used after GC ${fmt(last.heapUsedMb - full.heapUsedMb, 2)} MB` },
  ];
  if (r.ui) {
    const perRender = ((r.ui.after.heapUsedMb - r.ui.before.heapUsedMb) * 2 ** 20) / r.ui.rounds;
    figures.push({
      id: 'memory.ui-retained', label: 'With the UI mounted: heap retained per poll render (after full GC)', value: perRender, unit: 'B', decimals: 0, readme: true,
      note: `${r.ui.rounds} renders; RSS ${fmt(r.ui.before.rssMb, 1)} -> ${fmt(r.ui.after.rssMb, 1)} MB; at 288 polls a day that is ${fmt((perRender * 288 * 30) / 2 ** 20, 1)} MB per 30 days; ${fmt(r.ui.msPerRender, 1)} ms per round + render`,
    });
  }
  return { name: 'memory', figures, details: r };
}
