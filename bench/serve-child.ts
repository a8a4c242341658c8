// Child process of the serve benchmark (bundled by bench/child.ts; run with --expose-gc, NODE_ENV=production).
// Phase 1: serve's memory. The serve app (metrics, events, hub ring, provenance) over the real store, fed 120
// simulated days of 5-minute poll rounds for 20 networks exactly as bench/memory-child.tsx feeds it (every action
// through the hub ring first, as the poller's emit does), with a /metrics scrape and a snapshot every simulated
// hour. No TUI is mounted; the serve bundle's code is loaded as the binary loads it (src/serve-main.ts). RSS and
// heap after a full GC every 10 days and daily from day 90.
// Phase 2: the server stays up for the parent's scrapes: GET /bench/round dispatches one more poll round (a new
// state, so the next scrape builds the exposition again), GET /bench/cpu reports process.cpuUsage(), GET
// /bench/done writes the result and exits.
// Diagnosis: BENCH_SERVE_NO_MAIN=1 leaves the rest of the bundle unloaded, BENCH_SERVE_NO_SCRAPE=1 skips the hourly
// scrapes (to tell what the store, the bundle and the scrapes each cost), BENCH_SERVE_NO_TUNING=1 skips serve's
// V8 settings (src/serve/v8-tuning.ts).
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { createStore } from '../src/model/store.js';
import { createActionLog } from '../src/serve/action-log.js';
import { createServeApp } from '../src/serve/app.js';
import { trackProvenance } from '../src/serve/provenance.js';
import { startServer } from '../src/serve/server.js';
import { tuneV8ForServe } from '../src/serve/v8-tuning.js';
import { benchInitialState, DAY, roundActions, STEP, T0 } from './fixtures/state.js';

export interface ServeSample {
  readonly day: number;
  readonly rssMb: number;
  readonly heapUsedMb: number;
  readonly points: number;
  readonly seconds: number;
}

export interface ServeMemoryResult {
  readonly days: number;
  readonly baseline: ServeSample;
  readonly samples: readonly ServeSample[];
  readonly scrapes: number;
  readonly metricsBytes: number;
}

const MB = 2 ** 20;
const gc = (globalThis as { gc?: () => void }).gc;

async function collect(): Promise<void> {
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
  await new Promise((resolve) => setTimeout(resolve, 200));
}

function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

async function main(): Promise<void> {
  // The code `l2top serve` loads (dist/serve.cjs: undici, zod, conf, the feeds, the model; no Ink or React).
  if (process.env.BENCH_SERVE_NO_MAIN !== '1') await import('../src/serve-main.js');
  // What runServe does first (BENCH_SERVE_NO_TUNING=1 leaves V8 as it is, for comparison).
  if (process.env.BENCH_SERVE_NO_TUNING !== '1') tuneV8ForServe();
  const days = Number(process.env.BENCH_SERVE_DAYS ?? 120);
  const store = createStore(benchInitialState(T0));
  const actionLog = createActionLog();
  const tracked = trackProvenance(store);
  const app = createServeApp({ store, actionLog, provenance: tracked.provenance, instance: 'bench', version: 'bench' });
  let k = 0;
  const step = () => {
    const at = T0 + (k + 1) * STEP;
    for (const action of roundActions(at, k, 0.01)) {
      actionLog.tap(action);
      store.dispatch(action);
    }
    k += 1;
  };
  const out: { result?: ServeMemoryResult } = {};
  const running = await startServer((req, res) => {
    if (req.url === '/bench/round') {
      step();
      res.end('ok');
    } else if (req.url === '/bench/cpu') {
      res.end(JSON.stringify(process.cpuUsage()));
    } else if (req.url === '/bench/done') {
      res.end('bye');
      const file = process.env.BENCH_RESULT_FILE;
      if (file) writeFileSync(file, JSON.stringify(out.result));
      setImmediate(() => process.exit(0));
    } else app.handler(req, res);
  }, { host: '127.0.0.1', port: 0 });
  const url = running.url;
  const started = performance.now();
  const sample = async (day: number): Promise<ServeSample> => {
    await collect();
    const m = process.memoryUsage();
    const s = store.getState();
    let points = s.priceSeries.length;
    for (const metric of ['btc-locked', 'defi-tvl'] as const) for (const series of Object.values(s.series[metric])) points += series.length;
    return { day, rssMb: m.rss / MB, heapUsedMb: m.heapUsed / MB, points, seconds: (performance.now() - started) / 1000 };
  };
  const baseline = await sample(0);
  process.stdout.write(`before any data (bundle loaded, server up): RSS ${baseline.rssMb.toFixed(1)} MB, heap used ${baseline.heapUsedMb.toFixed(1)} MB\n`);
  const samples: ServeSample[] = [];
  const perDay = DAY / STEP;
  let scrapes = 0;
  let metricsBytes = 0;
  for (let day = 1; day <= days; day += 1) {
    for (let j = 0; j < perDay; j += 1) {
      step();
      if (j % 12 === 11 && process.env.BENCH_SERVE_NO_SCRAPE !== '1') {
        metricsBytes = (await get(`${url}/metrics`)).length;
        await get(`${url}/api/v1/snapshot`);
        scrapes += 1;
      }
    }
    if (day % 10 === 0 || day === days || day >= 90) {
      const s = await sample(day);
      samples.push(s);
      if (day % 10 === 0 || day === days) process.stdout.write(`day ${String(day).padStart(3)}: RSS ${s.rssMb.toFixed(1)} MB, heap used ${s.heapUsedMb.toFixed(1)} MB, ${s.points} points held (${s.seconds.toFixed(1)} s)\n`);
    }
  }
  out.result = { days, baseline, samples, scrapes, metricsBytes };
  // The parent reads this line and starts its scrapes.
  process.stdout.write(`ready ${url}\n`);
}

await main();
