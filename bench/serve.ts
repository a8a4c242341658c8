// Figures for `l2top serve` (issue 11): (a) its resident memory over 120 simulated days of 5-minute polls for 20
// networks, no TUI (bench/serve-child.ts), at most 80 MB; (b) a /metrics scrape with 20 networks and a full
// 90-day window: p95 latency (client side, over real HTTP on 127.0.0.1) at most 5 ms and the server's CPU per
// scrape at most 2 ms. Each scrape follows a new poll round, so the exposition is built every time (the worst
// case; a scrape of an unchanged state reuses it, reported as context). CPU per scrape = (server CPU over
// round+scrape pairs - server CPU over rounds alone) / scrapes.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { bundle } from './child.js';
import { L2TOP_NODE_ENV, L2TOP_NODE_FLAGS, type BenchContext } from './context.js';
import type { BenchResult, Figure } from './report.js';
import type { ServeMemoryResult } from './serve-child.js';
import { envNumber, fmt, median, percentile } from './stats.js';

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

async function cpuMs(url: string): Promise<number> {
  const c = JSON.parse(await get(`${url}/bench/cpu`)) as { user: number; system: number };
  return (c.user + c.system) / 1000;
}

export async function serveBench(ctx: BenchContext): Promise<BenchResult> {
  const days = Math.round(envNumber('BENCH_SERVE_DAYS', 120));
  const n = Math.round(envNumber('BENCH_SERVE_SCRAPES', 400));
  ctx.log(`serve: ${days} simulated days of 5-minute rounds for 20 networks into the serve app (hub ring, provenance, SSE watcher; /metrics and a snapshot every simulated hour), no TUI; then ${n} scrapes of /metrics over HTTP, each after a new round`);
  const file = await bundle(ctx, 'bench/serve-child.ts');
  const resultFile = path.join(ctx.tmp, 'serve-child.result.json');
  rmSync(resultFile, { force: true });
  // BENCH_SERVE_NODE_ARGS (diagnosis): other node flags instead of the ones `l2top serve` runs with.
  const nodeArgs = process.env.BENCH_SERVE_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? L2TOP_NODE_FLAGS;
  const child = spawn(process.execPath, ['--expose-gc', ...nodeArgs, file], { cwd: ctx.root, env: { ...process.env, ...L2TOP_NODE_ENV, NODE_ENV: 'production', BENCH_RESULT_FILE: resultFile, BENCH_SERVE_DAYS: String(days) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    let pending = '';
    child.stdout.on('data', (d: Buffer) => {
      pending += d.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^ready (\S+)$/.exec(line);
        if (m?.[1]) resolve(m[1]);
        else ctx.log(`  ${line}`);
      }
    });
    void closed.then((code) => reject(new Error(`bench/serve-child.ts exited with ${code}: ${stderr.slice(-2000)}`)));
  });
  // Warm-up, then rounds alone (their CPU is subtracted), then round + timed scrape pairs, then cached scrapes.
  for (let i = 0; i < 30; i += 1) {
    await get(`${url}/bench/round`);
    await get(`${url}/metrics`);
  }
  const c0 = await cpuMs(url);
  for (let i = 0; i < n; i += 1) await get(`${url}/bench/round`);
  const c1 = await cpuMs(url);
  const fresh: number[] = [];
  for (let i = 0; i < n; i += 1) {
    await get(`${url}/bench/round`);
    const t0 = performance.now();
    await get(`${url}/metrics`);
    fresh.push(performance.now() - t0);
  }
  const c2 = await cpuMs(url);
  const cached: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const t0 = performance.now();
    await get(`${url}/metrics`);
    cached.push(performance.now() - t0);
  }
  const c3 = await cpuMs(url);
  await get(`${url}/bench/done`);
  agent.destroy();
  if ((await closed) !== 0) throw new Error(`bench/serve-child.ts failed: ${stderr.slice(-2000)}`);
  const r = JSON.parse(readFileSync(resultFile, 'utf8')) as ServeMemoryResult;
  const max = r.samples.reduce((m, s) => (s.rssMb > m.rssMb ? s : m), r.baseline);
  const last = r.samples[r.samples.length - 1];
  const daily = r.samples.filter((s) => s.day >= 90);
  const growth = median(daily.slice(-10).map((s) => s.rssMb)) - median(daily.filter((s) => s.day < 100).map((s) => s.rssMb));
  const cpuPerScrape = (c2 - c1 - (c1 - c0)) / n;
  ctx.log(`  scrape ms (new state each time): median ${fmt(median(fresh), 2)}, p95 ${fmt(percentile(fresh, 95), 2)}, max ${fmt(Math.max(...fresh), 2)}; unchanged state: median ${fmt(median(cached), 2)}, p95 ${fmt(percentile(cached, 95), 2)}`);
  const figures: Figure[] = [
    { id: 'serve.rss', label: `serve: resident memory over ${days} simulated days of 5-minute polls, 20 networks, no TUI (max RSS after GC)`, value: max.rssMb, unit: 'MB', decimals: 1,
      target: { max: 80, text: '<= 80 MB' },
      note: `max at day ${max.day}; before any data (whole bundle loaded, server up) ${fmt(r.baseline.rssMb, 1)} MB; day ${last?.day ?? '?'}: ${fmt(last?.rssMb ?? Number.NaN, 1)} MB, heap used ${fmt(last?.heapUsedMb ?? Number.NaN, 1)} MB, ${last?.points ?? '?'} points; growth once full (median of last 10 days - days 90-99) ${fmt(growth, 1)} MB; ${r.scrapes} scrapes during the run` },
    { id: 'serve.scrape-p95', label: '/metrics scrape with 20 networks (full 90-day window), p95 latency over HTTP, a new state before each', value: percentile(fresh, 95), unit: 'ms', decimals: 2,
      target: { max: 5, text: '<= 5 ms' }, note: `${n} scrapes, ${fmt(r.metricsBytes / 1024, 1)} KB each; median ${fmt(median(fresh), 2)} ms; unchanged state: p95 ${fmt(percentile(cached, 95), 2)} ms` },
    { id: 'serve.scrape-cpu', label: '/metrics scrape: server CPU per scrape (user + system), a new state before each', value: cpuPerScrape, unit: 'ms', decimals: 2,
      target: { max: 2, text: '<= 2 ms' }, note: `a poll round alone ${fmt((c1 - c0) / n, 2)} ms; a scrape of an unchanged state ${fmt((c3 - c2) / n, 2)} ms` },
  ];
  return { name: 'serve', figures, details: { ...r, fresh, cached, cpu: { c0, c1, c2, c3 } } };
}
