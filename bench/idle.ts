// Figure 2: idle cost. `l2top --demo` in a 120x40 pty with nothing changing (the demo polls every 5 minutes, so
// no poll falls in the window): from the first data frame + the settle time, count the bytes the pty delivers and the CPU
// of the node process (utime+stime from /proc/<pid>/stat; `script` itself not counted) over BENCH_IDLE_SECONDS
// (default 60). Every write burst in the window is listed with the words that changed, to explain what drew.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DATA_ROW } from './cold-start.js';
import type { BenchContext } from './context.js';
import { bursts, cleanEnv, cpuOf, newWords, rowsAddressed, spawnPty, stripAnsi } from './pty.js';
import type { BenchResult, Figure } from './report.js';
import { envNumber, fmt, sleep } from './stats.js';

const COLS = 120;
const ROWS = 40;

export async function idle(ctx: BenchContext): Promise<BenchResult> {
  const seconds = envNumber('BENCH_IDLE_SECONDS', 60);
  // Start-up is not idle: the history backfill lands after the first frame and its garbage is
  // collected some 20 s later. Count once that has settled (BENCH_IDLE_SETTLE_SECONDS, default 30).
  const settleMs = Number(process.env.BENCH_IDLE_SETTLE_SECONDS ?? 30) * 1000;
  ctx.log(`idle: l2top --demo in a ${COLS}x${ROWS} pty, first data frame + ${settleMs / 1000} s, then ${seconds} s of counting`);
  const env = cleanEnv({ NODE_ENV: 'production', XDG_CONFIG_HOME: ctx.tmp });
  const p = spawnPty([process.execPath, path.join(ctx.root, 'bin/l2top.js'), '--demo', '--no-state'], { cols: COLS, rows: ROWS, env, cwd: ctx.root });
  try {
    const dataAt = await p.waitFor(DATA_ROW, 30_000);
    const pid = await p.programPid();
    await sleep(Math.max(0, dataAt + settleMs - performance.now()));
    const bytes0 = p.bytes();
    const chunks0 = p.chunks.length;
    const cpu0 = cpuOf(pid);
    const t0 = performance.now();
    // CPU each second, to tell a steady drain from spikes (clock ticks every 15 s) or a start-up tail.
    const timeline: { atSeconds: number; cpuMs: number }[] = [];
    let last = cpu0?.schedMs ?? 0;
    for (let k = 1; k <= Math.ceil(seconds); k += 1) {
      await sleep(Math.max(0, t0 + Math.min(k, seconds) * 1000 - performance.now()));
      const c = cpuOf(pid);
      if (!c) break;
      timeline.push({ atSeconds: Math.min(k, seconds), cpuMs: c.schedMs - last });
      last = c.schedMs;
    }
    const bytes1 = p.bytes();
    const cpu1 = cpuOf(pid);
    const t1 = performance.now();
    if (!cpu0 || !cpu1) throw new Error('l2top exited during the idle window');
    const minutes = (t1 - t0) / 60_000;
    const bytesPerMin = (bytes1 - bytes0) / minutes;
    const cpuPerMin = (cpu1.statMs - cpu0.statMs) / minutes;
    const schedPerMin = (cpu1.schedMs - cpu0.schedMs) / minutes;

    // What was drawn: each burst in the window, and the words it has that the frame before it did not.
    const all = bursts(p.chunks);
    const raw = p.raw();
    const firstIn = all.findIndex((b) => b.t >= t0 && b.t <= t1);
    const drawn = firstIn < 0 ? [] : all.slice(firstIn).filter((b) => b.t <= t1);
    let prev = firstIn > 0 ? stripAnsi(raw.slice(all[firstIn - 1]?.start ?? 0, all[firstIn - 1]?.end ?? 0), ' ') : '';
    const log = drawn.map((b) => {
      const text = stripAnsi(raw.slice(b.start, b.end), ' ');
      const changed = newWords(prev, text);
      prev = text;
      return { atSeconds: (b.t - t0) / 1000, bytes: b.bytes, rows: rowsAddressed(raw.slice(b.start, b.end)), newWords: changed };
    });
    ctx.log(`  ${bytes1 - bytes0} B in ${fmt((t1 - t0) / 1000, 1)} s (${p.chunks.length - chunks0} chunks, ${log.length} bursts); CPU ${fmt(cpu1.statMs - cpu0.statMs, 0)} ms (stat), ${fmt(cpu1.schedMs - cpu0.schedMs, 1)} ms (schedstat)`);
    for (const b of log) ctx.log(`    +${fmt(b.atSeconds, 1)} s: ${b.bytes} B, rows ${b.rows.join(',') || '-'}, new words: ${b.newWords.join(' ') || '(none)'}`);
    const busy = timeline.filter((x) => x.cpuMs >= 5);
    ctx.log(`  CPU per second (schedstat, seconds with >= 5 ms): ${busy.map((x) => `+${fmt(x.atSeconds, 0)}s ${fmt(x.cpuMs, 0)}`).join(', ') || 'none'}`);
    ctx.log(`  CPU in the seconds without such a spike: ${fmt(timeline.filter((x) => x.cpuMs < 5).reduce((a, x) => a + x.cpuMs, 0), 1)} ms over ${timeline.filter((x) => x.cpuMs < 5).length} s`);

    const figures: Figure[] = [
      { id: 'idle.bytes', label: `Idle 120x40, bytes written per minute (over ${fmt(seconds, 0)} s)`, value: bytesPerMin, unit: 'B/min', decimals: 0,
        target: { max: 300, text: '<= 300 B/min' }, note: `${log.length} write bursts in the window` },
      { id: 'idle.cpu', label: `Idle 120x40, CPU per minute (utime+stime of node, over ${fmt(seconds, 0)} s)`, value: cpuPerMin, unit: 'ms/min', decimals: 0,
        target: { max: 50, text: '<= 50 ms/min' }, note: `schedstat (ns resolution): ${fmt(schedPerMin, 1)} ms/min` },
    ];
    return { name: 'idle', figures, details: { seconds: (t1 - t0) / 1000, bytes: bytes1 - bytes0, cpuStatMs: cpu1.statMs - cpu0.statMs, cpuSchedMs: cpu1.schedMs - cpu0.schedMs, bursts: log, cpuTimeline: timeline } };
  } finally {
    await p.stop('SIGTERM');
  }
}
