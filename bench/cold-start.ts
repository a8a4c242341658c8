// Figure 1: cold start to the first frame with data (`l2top --demo`) against a bare, unbundled Ink hello-world,
// both spawned the same way in a 120x40 pty, interleaved, >= 10 runs each. The same on Node 24 when it is
// installed (bench/cold-start-setup.ts), and against the hello-world bundled with esbuild.
// Figure 2: start with a full 90-day state directory to the first data frame / the same with --no-state, both
// polling the simulator (not --demo, which never reads a state directory), a fresh copy of the directory each run.
// Plus context: a bare `node` start, `l2top --version` (loading the bundle, no UI), l2top's own
// first-data-frame trace, and a phase breakdown from separate runs with a preload probe
// (bench/fixtures/startup-probe.mjs).
// The l2top runs share one code cache folder of the bench's own (XDG_CACHE_HOME): what any start after the first
// one has (bin/load-bundle.js writes it once the first data frame is out). The warm-up round waits until that cache
// is on disk, since the measured runs are killed right after their first data frame. The first start of all,
// with no cache yet, is measured too: each of those runs gets an empty cache folder.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { cleanEnv, cpuOf, spawnPty } from './pty.js';
import type { BenchResult, Figure } from './report.js';
import { envNumber, fmt, median, percentile, sleep } from './stats.js';
import { L2TOP_NODE_FLAGS, type BenchContext } from './context.js';
import { bundledHello, node24, stateSetup, type StateSetup } from './cold-start-setup.js';

const COLS = 120;
const ROWS = 40;
/** A rendered Shares row with a share: the first frame with data. */
export const DATA_ROW = /Lightning\s+\S+\s+\d+\.\d%/;

type ContestantId = 'hello' | 'l2top' | 'first' | 'node' | 'version' | 'hello-bundled' | 'hello24' | 'l2top24' | 'nostate' | 'state';

interface Contestant {
  readonly id: ContestantId;
  readonly label: string;
  /** The command for run `n` (the state runs get a fresh copy of the state directory each). */
  readonly argv: (n: string) => readonly string[];
  readonly marker: RegExp;
  /** The process exits by itself once it printed the marker. */
  readonly exits?: boolean;
  /** Starts with an empty code cache folder (l2top's first start ever). */
  readonly noCache?: boolean;
  /** The code cache this l2top run leaves (Node 20: V8's, written by bin/load-bundle.js; Node 24: Node's own). */
  readonly cache?: 'v8' | 'node';
}

interface Run {
  readonly ms: number;
  /** CPU (all threads) the program had used when the marker arrived. */
  readonly cpuMs: number | undefined;
  /** l2top's own first-data-frame trace (performance.now() in l2top). */
  readonly traceMs?: number;
  readonly traceRssMb?: number;
}

function contestants(root: string, helloBundle: string, node24Bin: string | undefined, state: StateSetup): Contestant[] {
  const node = process.execPath;
  const bin = path.join(root, 'bin/l2top.js');
  // l2top runs as the installed command and npm start run it: with bin/l2top.js's node flags.
  const flags = L2TOP_NODE_FLAGS;
  const hello = path.join(root, 'bench/fixtures/hello-ink.mjs');
  return [
    { id: 'hello', label: 'Ink hello-world (unbundled)', argv: () => [node, hello], marker: /Hello from Ink/ },
    { id: 'l2top', label: 'l2top --demo', argv: () => [node, ...flags, bin, '--demo', '--no-state'], marker: DATA_ROW, cache: 'v8' },
    { id: 'first', label: 'l2top --demo, first start (no code cache yet)', argv: () => [node, ...flags, bin, '--demo', '--no-state'], marker: DATA_ROW, noCache: true },
    { id: 'node', label: 'bare node (prints a line)', argv: () => [node, '-e', "process.stdout.write('node ready\\n'); setInterval(() => {}, 1e9)"], marker: /node ready/ },
    { id: 'version', label: 'l2top --version (loads the bundle)', argv: () => [node, ...flags, bin, '--version'], marker: /l2top \d+\.\d+/, exits: true },
    { id: 'hello-bundled', label: 'Ink hello-world (one esbuild bundle)', argv: () => [node, helloBundle], marker: /Hello from Ink/ },
    ...(node24Bin ? [
      { id: 'hello24', label: 'Ink hello-world (unbundled), Node 24', argv: () => [node24Bin, hello], marker: /Hello from Ink/ },
      { id: 'l2top24', label: 'l2top --demo, Node 24', argv: () => [node24Bin, ...flags, bin, '--demo', '--no-state'], marker: DATA_ROW, cache: 'node' },
    ] satisfies Contestant[] : []),
    { id: 'nostate', label: 'l2top on the simulator, --no-state', argv: () => [node, ...flags, bin, '--config', state.config, '--no-state'], marker: DATA_ROW },
    { id: 'state', label: 'l2top on the simulator, full 90-day state directory', argv: (n) => [node, ...flags, bin, '--config', state.config, '--state-dir', state.fresh(n)], marker: DATA_ROW },
  ];
}

function readTrace(file: string): { ms: number; rss: number } | undefined {
  if (!existsSync(file)) return undefined;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const e = JSON.parse(line) as { event?: string; ms?: number; rss?: number };
    if (e.event === 'first-data-frame' && typeof e.ms === 'number') return { ms: e.ms, rss: e.rss ?? Number.NaN };
  }
  return undefined;
}

/** The code cache folder of the bench's l2top runs, or a fresh empty one for a first start. */
function cacheHome(ctx: BenchContext, c: Contestant, n: number): string {
  return path.join(ctx.tmp, c.noCache ? `cache-first-${n}` : 'cache');
}

/** Whether `kind`'s code cache is on disk in `home` (XDG_CACHE_HOME). */
function cacheWritten(home: string, kind: 'v8' | 'node'): boolean {
  const dir = path.join(home, 'l2top', ...(kind === 'node' ? ['node-compile-cache'] : []));
  try {
    if (kind === 'v8') return readdirSync(dir).some((f) => f.startsWith('code-cache-l2top-') && f.endsWith('.bin'));
    return readdirSync(dir, { recursive: true, withFileTypes: true }).some((e) => e.isFile());
  } catch {
    return false;
  }
}

async function once(c: Contestant, ctx: BenchContext, n: number, warmUp = false): Promise<Run> {
  const traceFile = path.join(ctx.tmp, `cold-trace-${c.id}-${n}.jsonl`);
  rmSync(traceFile, { force: true });
  const home = cacheHome(ctx, c, n);
  const env = cleanEnv({ NODE_ENV: 'production', XDG_CONFIG_HOME: ctx.tmp, XDG_CACHE_HOME: home, ...(c.id === 'l2top' ? { L2TOP_BENCH_FILE: traceFile } : {}) });
  const p = spawnPty(c.argv(String(n)), { cols: COLS, rows: ROWS, env, cwd: ctx.root });
  try {
    const at = await p.waitFor(c.marker, 30_000);
    if (warmUp && c.cache) {
      // The measured runs are killed right after their first data frame; the warm-up run lives until the code
      // cache that every later start reads is on disk.
      const deadline = performance.now() + 10_000;
      while (!cacheWritten(home, c.cache)) {
        if (performance.now() > deadline) throw new Error(`cold start: ${c.label} wrote no code cache into ${home} within 10 s of its first data frame`);
        await sleep(20);
      }
    }
    const ms = at - p.startedAt;
    let cpuMs: number | undefined;
    // Node 24 names its main thread differently, so its process may not be found by name: no CPU figure then.
    if (!c.exits) cpuMs = await p.programPid(1_000).then((pid) => cpuOf(pid)?.schedMs, () => undefined);
    let trace: { ms: number; rss: number } | undefined;
    if (c.id === 'l2top') {
      // The trace line is appended right after the frame is written; give it a moment.
      const deadline = performance.now() + 2_000;
      while (!(trace = readTrace(traceFile)) && performance.now() < deadline) await sleep(10);
    }
    return { ms, cpuMs, ...(trace ? { traceMs: trace.ms, traceRssMb: trace.rss / 2 ** 20 } : {}) };
  } finally {
    await p.stop(c.exits ? 'SIGTERM' : 'SIGKILL');
  }
}

interface ProbeEvent {
  readonly event: string;
  readonly t: number;
  readonly timeOrigin?: number;
  readonly url?: string;
  readonly start?: number;
  readonly bytes?: number;
  readonly data?: boolean;
  readonly cpu?: number;
}

/** One run with the preload probe: where the time between spawn and the first data frame goes. */
async function probeRun(ctx: BenchContext, n: number): Promise<Record<string, number>> {
  const file = path.join(ctx.tmp, `cold-probe-${n}.jsonl`);
  rmSync(file, { force: true });
  const argv = [process.execPath, ...L2TOP_NODE_FLAGS, '--import', path.join(ctx.root, 'bench/fixtures/startup-probe.mjs'), path.join(ctx.root, 'bin/l2top.js'), '--demo', '--no-state'];
  const env = cleanEnv({ NODE_ENV: 'production', XDG_CONFIG_HOME: ctx.tmp, XDG_CACHE_HOME: path.join(ctx.tmp, 'cache'), L2TOP_PROBE_FILE: file });
  const p = spawnPty(argv, { cols: COLS, rows: ROWS, env, cwd: ctx.root });
  const spawnAbs = performance.timeOrigin + p.startedAt;
  let markerAbs: number;
  try {
    markerAbs = performance.timeOrigin + (await p.waitFor(DATA_ROW, 30_000));
    await sleep(200);
  } finally {
    await p.stop('SIGKILL');
  }
  const events = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as ProbeEvent);
  const find = (pred: (e: ProbeEvent) => boolean): ProbeEvent | undefined => events.find(pred);
  const preload = find((e) => e.event === 'preload');
  const listening = find((e) => e.event === 'listening');
  // The first write is the alternate-screen switch; the next one is Ink's first frame (still without data).
  const writes = events.filter((e) => e.event === 'write');
  const firstFrame = writes[1];
  const dataWrite = find((e) => e.event === 'write' && e.data === true);
  const requests = events.filter((e) => e.event === 'request' && dataWrite !== undefined && e.t <= dataWrite.t);
  const firstRequest = requests[0];
  if (!preload || !listening || !firstFrame || !dataWrite || !firstRequest) throw new Error(`probe run ${n}: missing events in ${file}`);
  const serverMs = requests.reduce((s, e) => s + (e.t - (e.start ?? e.t)), 0);
  const lastResponse = requests[requests.length - 1] as ProbeEvent;
  const wasm = events.filter((e) => e.event === 'wasm' && e.t <= dataWrite.t);
  const cpu = (a: ProbeEvent, b: ProbeEvent): number => (b.cpu ?? Number.NaN) - (a.cpu ?? Number.NaN);
  return {
    'spawn -> node process started (script, sh, node exec)': (preload.timeOrigin ?? preload.t) - spawnAbs,
    'node started -> preload ran (node bootstrap)': preload.t - (preload.timeOrigin ?? preload.t),
    'preload -> demo server listening (bundle import, config)': listening.t - preload.t,
    'listening -> first Ink frame written (no data yet)': firstFrame.t - listening.t,
    '  CPU used meanwhile (first render)': cpu(listening, firstFrame),
    'first frame -> first request reaches the demo server': firstRequest.t - firstFrame.t,
    '  CPU used meanwhile (poller start, first fetches)': cpu(firstFrame, firstRequest),
    'first request -> last response before the data frame': lastResponse.t - firstRequest.t,
    'last response -> data frame written': dataWrite.t - lastResponse.t,
    '  CPU used meanwhile (parse, reduce, data render; the rest is waiting)': cpu(lastResponse, dataWrite),
    'data frame written -> seen on the pty': markerAbs - dataWrite.t,
    'requests served before the data frame': requests.length,
    'demo server time in those requests (ms)': serverMs,
    'bytes served before the data frame (KB)': requests.reduce((s, e) => s + (e.bytes ?? 0), 0) / 1024,
    'WebAssembly compiles before the data frame (ms, Yoga + undici llhttp)': wasm.reduce((s, e) => s + (e.t - (e.start ?? e.t)), 0),
    'CPU used by the data frame (ms, all threads)': dataWrite.cpu ?? Number.NaN,
  };
}

export async function coldStart(ctx: BenchContext): Promise<BenchResult> {
  const runs = Math.max(1, Math.round(envNumber('BENCH_COLD_RUNS', 12)));
  const probes = Math.round(envNumber('BENCH_COLD_PROBES', 3));
  const n24 = node24();
  const state = await stateSetup(ctx);
  try {
    return await measure(ctx, runs, probes, contestants(ctx.root, await bundledHello(ctx), n24, state), n24 !== undefined, state);
  } finally {
    await state.close();
  }
}

async function measure(ctx: BenchContext, runs: number, probes: number, list: readonly Contestant[], has24: boolean, state: { readonly bytes: number; readonly points: number }): Promise<BenchResult> {
  ctx.log(`cold start: state directory ${fmt(state.bytes / 2 ** 20, 1)} MB, ${state.points.toLocaleString('en-US')} points; Node 24 ${has24 ? 'found' : 'not installed (see bench/cold-start-setup.ts)'}`);
  const results = new Map<Contestant['id'], Run[]>(list.map((c) => [c.id, []]));
  ctx.log(`cold start: ${runs} runs of each of ${list.map((c) => c.id).join(', ')}, interleaved (order rotates), pty ${COLS}x${ROWS}, after 1 warm-up round`);
  for (let round = -1; round < runs; round += 1) {
    const order = list.map((_, i) => list[(i + Math.max(0, round)) % list.length] as Contestant);
    const line: string[] = [];
    for (const c of order) {
      const r = await once(c, ctx, round, round < 0);
      if (round >= 0) results.get(c.id)?.push(r);
      line.push(`${c.id} ${fmt(r.ms, 0)}${r.traceMs !== undefined ? ` (trace ${fmt(r.traceMs, 0)})` : ''}`);
      await sleep(150);
    }
    ctx.log(`  ${round < 0 ? 'warm-up' : `round ${round + 1}`}: ${line.join(', ')} ms`);
  }
  const ms = (id: Contestant['id']): number[] => (results.get(id) ?? []).map((r) => r.ms);
  const cpu = (id: Contestant['id']): number[] => (results.get(id) ?? []).flatMap((r) => (r.cpuMs === undefined || Number.isNaN(r.cpuMs) ? [] : [r.cpuMs]));
  const traces = (results.get('l2top') ?? []).flatMap((r) => (r.traceMs === undefined ? [] : [r.traceMs]));
  const traceRss = (results.get('l2top') ?? []).flatMap((r) => (r.traceRssMb === undefined ? [] : [r.traceRssMb]));
  const hello = median(ms('hello'));
  const l2top = median(ms('l2top'));
  // Per-round ratios too: robust against drift within the run.
  const pairs = (a: ContestantId, b: ContestantId): number[] => (results.get(a) ?? []).map((r, i) => r.ms / ((results.get(b) ?? [])[i]?.ms ?? Number.NaN));
  const paired = pairs('l2top', 'hello');
  const range = (xs: number[]): string => `per-round ratio median ${fmt(median(xs), 2)}, range ${fmt(Math.min(...xs), 2)}-${fmt(Math.max(...xs), 2)}`;
  const helloBundled = median(ms('hello-bundled'));

  const breakdown: Record<string, number[]> = {};
  if (probes > 0) {
    ctx.log(`cold start: ${probes} extra l2top runs with the preload probe, for the breakdown (not in the figures above)`);
    for (let i = 0; i < probes; i += 1) {
      const phases = await probeRun(ctx, i);
      for (const [k, v] of Object.entries(phases)) (breakdown[k] ??= []).push(v);
      await sleep(150);
    }
    for (const [k, v] of Object.entries(breakdown)) ctx.log(`  ${k}: median ${fmt(median(v), 1)} (${v.map((x) => fmt(x, 0)).join(', ')})`);
  }

  const figures: Figure[] = [
    {
      id: 'cold-start.ratio', label: 'Cold start to first data frame, l2top --demo / Ink hello-world (medians; l2top with the code cache an earlier start wrote)', value: l2top / hello, unit: 'x', decimals: 2,
      target: { max: 0.6, text: '<= 0.6x' },
      note: `per-round ratio median ${fmt(median(paired), 2)}, range ${fmt(Math.min(...paired), 2)}-${fmt(Math.max(...paired), 2)}`,
    },
    { id: 'cold-start.l2top', label: 'Cold start l2top --demo, spawn to first data row in the pty (median)', value: l2top, unit: 'ms', decimals: 0, readme: true,
      note: `p10 ${fmt(percentile(ms('l2top'), 10), 0)}, p90 ${fmt(percentile(ms('l2top'), 90), 0)}; CPU used by then ${fmt(median(cpu('l2top')), 0)} ms` },
    { id: 'cold-start.hello', label: 'Cold start Ink hello-world (unbundled), spawn to its text in the pty (median)', value: hello, unit: 'ms', decimals: 0, readme: true,
      note: `p10 ${fmt(percentile(ms('hello'), 10), 0)}, p90 ${fmt(percentile(ms('hello'), 90), 0)}; CPU used by then ${fmt(median(cpu('hello')), 0)} ms` },
    { id: 'cold-start.first', label: 'First start ever (no code cache yet), l2top --demo / Ink hello-world (medians)', value: median(ms('first')) / hello, unit: 'x', decimals: 2, readme: true,
      note: `${range(pairs('first', 'hello'))}; ${fmt(median(ms('first')), 0)} ms; CPU used by then ${fmt(median(cpu('first')), 0)} ms` },
    { id: 'cold-start.trace', label: 'l2top first-data-frame trace (performance.now() in l2top, median)', value: median(traces), unit: 'ms', decimals: 0, readme: true,
      note: `${traces.length} of ${runs} runs traced; RSS then ${fmt(median(traceRss), 1)} MB` },
    { id: 'cold-start.bundled', label: 'Cold start l2top --demo / Ink hello-world bundled with esbuild (medians)', value: l2top / helloBundled, unit: 'x', decimals: 2, readme: true,
      note: `${range(pairs('l2top', 'hello-bundled'))}; the bundled hello-world itself: ${fmt(helloBundled, 0)} ms, ${fmt(helloBundled / hello, 2)}x the unbundled one` },
    ...(has24 ? [
      { id: 'cold-start.node24', label: 'Cold start on Node 24, l2top --demo / Ink hello-world (medians)', value: median(ms('l2top24')) / median(ms('hello24')), unit: 'x', decimals: 2, readme: true,
        note: `${range(pairs('l2top24', 'hello24'))}; l2top ${fmt(median(ms('l2top24')), 0)} ms, hello-world ${fmt(median(ms('hello24')), 0)} ms` },
    ] satisfies Figure[] : []),
    { id: 'state-start.ratio', label: 'Start with a full 90-day state directory / without state, to the first data frame (medians)', value: median(ms('state')) / median(ms('nostate')), unit: 'x', decimals: 2,
      target: { max: 1.2, text: '<= 1.2x' },
      note: `${range(pairs('state', 'nostate'))}; ${fmt(median(ms('state')), 0)} ms against ${fmt(median(ms('nostate')), 0)} ms; ${fmt(state.bytes / 2 ** 20, 1)} MB, ${state.points.toLocaleString('en-US')} points on disk` },
    { id: 'cold-start.node', label: 'Bare node start to its first line in the pty (median)', value: median(ms('node')), unit: 'ms', decimals: 0 },
    { id: 'cold-start.version', label: 'l2top --version in the pty (bundle load, no UI; median)', value: median(ms('version')), unit: 'ms', decimals: 0 },
  ];
  return {
    name: 'cold-start',
    figures,
    details: {
      pty: `${COLS}x${ROWS}`,
      runs: Object.fromEntries([...results].map(([id, rs]) => [id, rs])),
      pairedRatios: paired,
      breakdownMs: Object.fromEntries(Object.entries(breakdown).map(([k, v]) => [k, { median: median(v), runs: v }])),
    },
  };
}
