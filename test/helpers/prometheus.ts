// Test helper: a real Prometheus (Debian's `prometheus` binary) on 127.0.0.1, scraping given targets every
// second and evaluating the repository's alerting rules, with a temporary config and storage; queried over
// its HTTP API. Only loopback is touched.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The alerting rules the deploy examples ship, evaluated by default. */
export const RULES_FILE = path.resolve('deploy/prometheus/l2top-rules.yml');

/** One element of an instant query's result: labels and the value as a number. */
export interface PromSample {
  readonly metric: Readonly<Record<string, string>>;
  readonly value: number;
}

/** A rule as /api/v1/rules reports it. */
export interface PromRule {
  readonly name: string;
  readonly type: 'alerting' | 'recording';
  readonly health: string;
  readonly lastError?: string;
  readonly state?: string;
}

/** A rule group as /api/v1/rules reports it. */
export interface PromRuleGroup {
  readonly name: string;
  readonly file: string;
  readonly rules: readonly PromRule[];
}

/** How to start Prometheus. */
export interface PrometheusOptions {
  /** `host:port` targets, scraped every second at /metrics. */
  readonly targets: readonly string[];
  /** Scrape job name; default `l2top` (the name the rules select). */
  readonly job?: string;
  /** Rule files evaluated every second; default the repository's RULES_FILE. */
  readonly ruleFiles?: readonly string[];
  /** Sent as `Authorization: Bearer` on scrapes (written to a file in the temporary folder). */
  readonly bearerToken?: string;
  /** How long to wait for /-/ready; default 30 s. */
  readonly readyTimeoutMs?: number;
}

/** A running Prometheus. */
export interface Prometheus {
  /** Base URL, e.g. http://127.0.0.1:PORT. */
  readonly url: string;
  /** Instant query through /api/v1/query: a vector's samples, or one unlabelled sample for a scalar. */
  query(promql: string): Promise<PromSample[]>;
  /** Repeats `query` every 250 ms until `predicate` holds; returns that result, or throws with the last one. */
  waitFor(promql: string, predicate: (result: PromSample[]) => boolean, timeoutMs?: number): Promise<PromSample[]>;
  /** The rule groups loaded (/api/v1/rules). */
  rules(): Promise<PromRuleGroup[]>;
  /** What Prometheus wrote to stderr so far (its log). */
  log(): string;
  /** SIGTERM (SIGKILL after 5 s), then removes the temporary folder. Idempotent. */
  stop(): Promise<void>;
}

/** True when the `prometheus` binary runs here. */
export function hasPrometheus(): boolean {
  return spawnSync('prometheus', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** True when `promtool` runs here. */
export function hasPromtool(): boolean {
  return spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Under CI (CI set and not "false"/"0") or with L2TOP_REQUIRE_PROMETHEUS, tests that need Prometheus must run. */
export function prometheusRequired(): boolean {
  const ci = process.env['CI'];
  return (ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0') || Boolean(process.env['L2TOP_REQUIRE_PROMETHEUS']);
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A port free right now on 127.0.0.1 (Prometheus cannot bind port 0 and report it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** GET over plain http; resolves with status and body (at most 8 MB). */
export function httpGet(url: string, timeoutMs = 5_000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
        if (body.length > 8 << 20) req.destroy(new Error(`${url}: body over 8 MB`));
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${url}: no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

function configYaml(opts: PrometheusOptions, tokenFile: string | undefined): string {
  const q = (s: string): string => JSON.stringify(s);
  const lines = [
    'global:',
    '  scrape_interval: 1s',
    '  scrape_timeout: 1s',
    '  evaluation_interval: 1s',
    'rule_files:',
    ...(opts.ruleFiles ?? [RULES_FILE]).map((f) => `  - ${q(path.resolve(f))}`),
    'scrape_configs:',
    `  - job_name: ${q(opts.job ?? 'l2top')}`,
    '    static_configs:',
    `      - targets: [${opts.targets.map(q).join(', ')}]`,
  ];
  if (tokenFile) lines.push('    authorization:', '      type: Bearer', `      credentials_file: ${q(tokenFile)}`);
  return `${lines.join('\n')}\n`;
}

interface ApiAnswer<T> {
  readonly status: 'success' | 'error';
  readonly data?: T;
  readonly error?: string;
}
type QueryData =
  | { readonly resultType: 'vector'; readonly result: readonly { metric: Record<string, string>; value: [number, string] }[] }
  | { readonly resultType: 'scalar'; readonly result: [number, string] }
  | { readonly resultType: 'matrix' | 'string'; readonly result: unknown };

async function api<T>(url: string): Promise<T> {
  const { status, body } = await httpGet(url);
  let answer: ApiAnswer<T>;
  try {
    answer = JSON.parse(body) as ApiAnswer<T>;
  } catch {
    throw new Error(`${url}: HTTP ${status}, not JSON: ${body.slice(0, 200)}`);
  }
  if (answer.status !== 'success' || answer.data === undefined) throw new Error(`${url}: HTTP ${status}: ${answer.error ?? body.slice(0, 200)}`);
  return answer.data;
}

function toSamples(data: QueryData): PromSample[] {
  if (data.resultType === 'vector') return data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
  if (data.resultType === 'scalar') return [{ metric: {}, value: Number(data.result[1]) }];
  throw new Error(`unexpected result type ${data.resultType}`);
}

async function launch(opts: PrometheusOptions, dir: string, port: number): Promise<{ child: ChildProcess; log: () => string }> {
  const child = spawn('prometheus', [
    `--config.file=${path.join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${path.join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--storage.tsdb.retention.time=1d',
  ], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(child);
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-64_000)));
  child.once('exit', () => running.delete(child));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`prometheus exited (${child.exitCode ?? child.signalCode}):\n${stderr}`);
    const ready = await httpGet(`${url}/-/ready`, 1_000).then((r) => r.status === 200, () => false);
    if (ready) return { child, log: () => stderr };
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`prometheus not ready on ${url} within ${opts.readyTimeoutMs ?? 30_000} ms:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts Prometheus; resolves once /-/ready answers 200 and every target has been scraped once. A port taken
 * meanwhile is retried on another.
 */
export async function startPrometheus(opts: PrometheusOptions): Promise<Prometheus> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'l2top-prometheus-'));
  let tokenFile: string | undefined;
  if (opts.bearerToken !== undefined) {
    tokenFile = path.join(dir, 'token');
    fs.writeFileSync(tokenFile, opts.bearerToken, { mode: 0o600 });
  }
  fs.writeFileSync(path.join(dir, 'prometheus.yml'), configYaml(opts, tokenFile));
  let started: { child: ChildProcess; log: () => string; port: number } | undefined;
  for (let attempt = 1; !started; attempt += 1) {
    const port = await freePort();
    try {
      started = { ...(await launch(opts, dir, port)), port };
    } catch (error) {
      if (attempt >= 3 || !/address already in use/.test(String(error))) {
        fs.rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
  const { child, log, port } = started;
  const url = `http://127.0.0.1:${port}`;
  let stopped: Promise<void> | undefined;

  const query = async (promql: string): Promise<PromSample[]> =>
    toSamples(await api<QueryData>(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`));

  const waitFor = async (promql: string, predicate: (result: PromSample[]) => boolean, timeoutMs = 15_000): Promise<PromSample[]> => {
    const deadline = Date.now() + timeoutMs;
    let last: PromSample[] | string = 'no answer yet';
    for (;;) {
      try {
        const result = await query(promql);
        if (predicate(result)) return result;
        last = result;
      } catch (error) {
        last = (error as Error).message;
      }
      if (Date.now() > deadline) throw new Error(`waitFor(${promql}) timed out after ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  // Prometheus hands new targets to the scrapers about 5 s after start: wait for each target's first scrape
  // (its `up` sample, 1 or 0), so callers start with data and rules see the target.
  try {
    if (opts.targets.length > 0) await waitFor(`count(up{job=${JSON.stringify(opts.job ?? 'l2top')}})`, (r) => r[0]?.value === opts.targets.length, opts.readyTimeoutMs ?? 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${log()}`);
  }

  return {
    url,
    query,
    waitFor,
    async rules() {
      return (await api<{ groups: PromRuleGroup[] }>(`${url}/api/v1/rules`)).groups;
    },
    log,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(killer);
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        if (child.exitCode !== null || child.signalCode !== null) done();
        else {
          child.once('exit', done);
          child.kill('SIGTERM');
        }
      });
      return stopped;
    },
  };
}
