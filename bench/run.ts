// `npm run bench`: builds (npm script), then runs every benchmark in turn and prints each figure with its
// target and MET/MISSED, writes .bench/latest.json and prints a Markdown table for the README.
// Benchmarks print figures; they never fail the test suite. The exit status is 1 only when a benchmark
// could not measure at all.
//
//   BENCH_ONLY=render,memory        run only these (cold-start, idle, update, render, memory, bundle-size); or --only=render,memory
//   BENCH_NODE24=/path/to/node      Node 24 for the cold-start figure on Node 24 (default: the copy .ci/run installs)
//   BENCH_QUICK=1                   shorter everything (a smoke run; the figures are less stable); or --quick
//   BENCH_COLD_RUNS=12              cold-start runs of each program (>= 10 for the figure)
//   BENCH_COLD_PROBES=3             extra l2top runs with the start-up probe (breakdown)
//   BENCH_IDLE_SECONDS=60           idle window
//   BENCH_UPDATE_REPS=4             quiet/change window pairs
//   BENCH_RENDER_ITERATIONS=300     measured rounds, each one render per case and kind (BENCH_RENDER_WARMUP=60 rounds)
//   BENCH_MEMORY_DAYS=120           simulated days; BENCH_MEMORY_UI_ROUNDS=300 renders with the UI mounted
//   BENCH_MEMORY_NODE_ARGS="..."    extra node flags for the memory child (e.g. --max-semi-space-size=1)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { bundleSize } from './bundle-size.js';
import { coldStart } from './cold-start.js';
import type { BenchContext } from './context.js';
import { idle } from './idle.js';
import { memory } from './memory.js';
import { renderBench } from './render.js';
import { consoleTable, markdownTable, statusOf, valueText, type BenchResult } from './report.js';
import { fmt } from './stats.js';
import { updateBytes } from './update-bytes.js';

const BENCHES: readonly { readonly name: string; readonly aliases: readonly string[]; readonly run: (ctx: BenchContext) => Promise<BenchResult> }[] = [
  { name: 'cold-start', aliases: ['cold', 'start'], run: coldStart },
  { name: 'idle', aliases: [], run: idle },
  { name: 'update-bytes', aliases: ['update', 'bytes'], run: updateBytes },
  { name: 'render', aliases: [], run: renderBench },
  { name: 'memory', aliases: ['mem'], run: memory },
  { name: 'serve', aliases: ['metrics'], run: (ctx) => import('./serve.js').then((m) => m.serveBench(ctx)) },
  { name: 'bundle-size', aliases: ['bundle', 'size'], run: bundleSize },
];

const QUICK_DEFAULTS: Readonly<Record<string, string>> = {
  BENCH_COLD_RUNS: '3', BENCH_COLD_PROBES: '1', BENCH_IDLE_SECONDS: '15', BENCH_UPDATE_REPS: '2',
  BENCH_RENDER_ITERATIONS: '15', BENCH_RENDER_WARMUP: '5', BENCH_MEMORY_DAYS: '100', BENCH_MEMORY_UI_ROUNDS: '60',
};

function git(root: string, args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

function selected(): typeof BENCHES {
  const only = (process.env.BENCH_ONLY ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (only.length === 0) return BENCHES;
  const unknown = only.filter((o) => !BENCHES.some((b) => b.name === o || b.aliases.includes(o)));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY: unknown benchmark(s) ${unknown.join(', ')}; choose from ${BENCHES.map((b) => b.name).join(', ')}`);
  return BENCHES.filter((b) => only.includes(b.name) || b.aliases.some((a) => only.includes(a)));
}

/** `npm run bench -- --only=render --quick` sets the same variables as BENCH_ONLY and BENCH_QUICK. */
function applyArgs(argv: readonly string[]): void {
  for (const arg of argv) {
    const only = /^--only=(.+)$/.exec(arg);
    if (only?.[1]) process.env.BENCH_ONLY = only[1];
    else if (arg === '--quick') process.env.BENCH_QUICK = '1';
    else throw new Error(`unknown argument ${arg} (use --only=<names> or --quick, or the BENCH_* variables)`);
  }
}

async function main(): Promise<number> {
  applyArgs(process.argv.slice(2));
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  if (process.env.BENCH_QUICK === '1') for (const [k, v] of Object.entries(QUICK_DEFAULTS)) process.env[k] ??= v;
  if (!existsSync(path.join(root, 'dist/l2top.cjs'))) throw new Error('dist/l2top.cjs is missing: run `npm run bench` (it builds first) or `npm run build`');
  const benches = selected();
  // Benchmarks write their outputs here (render-frames.txt, latest.json); a fresh clone has no .bench/ yet.
  const outDir = path.join(root, '.bench');
  mkdirSync(outDir, { recursive: true });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'l2top-bench-'));
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  const ctx: BenchContext = { root, tmp, log };
  const commit = git(root, ['rev-parse', '--short', 'HEAD']);
  const dirty = git(root, ['status', '--porcelain', '--untracked-files=no']) !== '';
  const load = (): string => os.loadavg().map((x) => fmt(x, 2)).join(' ');
  log(`l2top benchmarks: ${benches.map((b) => b.name).join(', ')}`);
  log(`node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), commit ${commit}${dirty ? ' + uncommitted changes' : ''}, load average ${load()}`);
  const results: BenchResult[] = [];
  const started = performance.now();
  try {
    for (const b of benches) {
      log('');
      const t0 = performance.now();
      try {
        const r = await b.run(ctx);
        results.push({ ...r, seconds: (performance.now() - t0) / 1000 });
      } catch (e) {
        const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
        log(`${b.name} FAILED: ${message}`);
        results.push({ name: b.name, figures: [], error: message, seconds: (performance.now() - t0) / 1000 });
      }
      log(`(${b.name}: ${fmt((performance.now() - t0) / 1000, 1)} s, load average ${load()})`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  log('');
  log(`Results (${fmt((performance.now() - started) / 1000, 0)} s in all; medians and ratios from one run, interleaved where two programs are compared)`);
  log(consoleTable(results));
  const all = results.flatMap((r) => r.figures);
  const met = all.filter((f) => statusOf(f) === 'MET').length;
  const missed = all.filter((f) => statusOf(f) === 'MISSED');
  const errors = results.filter((r) => r.error).length + all.filter((f) => statusOf(f) === 'ERROR').length;
  log('');
  log(`${met} MET, ${missed.length} MISSED${errors ? `, ${errors} ERROR` : ''}${missed.length ? `: ${missed.map((f) => `${f.id} ${valueText(f)}`).join('; ')}` : ''}`);
  log('');
  log('Markdown for the README (Performance):');
  log('');
  log(markdownTable(results));

  const out = {
    date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, commit, dirty,
    env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('BENCH_'))),
    results: results.map((r) => ({ ...r, figures: r.figures.map((f) => ({ ...f, status: statusOf(f) })) })),
  };
  writeFileSync(path.join(outDir, 'latest.json'), JSON.stringify(out, null, 2) + '\n');
  log('');
  log(`Written: ${path.relative(process.cwd(), path.join(outDir, 'latest.json')) || '.bench/latest.json'}`);
  return errors > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
