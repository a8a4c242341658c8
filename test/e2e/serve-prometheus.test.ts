// The real chain, on 127.0.0.1 only: the upstream simulator -> the real `l2top serve` binary -> a real Prometheus
// scraping it every second with the repository's alerting rules. PromQL through Prometheus' HTTP API returns each
// network's BTC locked exactly as the simulator serves it; the rules load and evaluate healthy against real metrics.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYERS_SLUGS } from '../../src/feeds/demo/layers.js';
import { metricNames, rulesOf } from '../deploy/promql.js';
import { hasPrometheus, hasPromtool, httpGet, prometheusRequired, RULES_FILE, startPrometheus, type Prometheus } from '../helpers/prometheus.js';
import { BIN } from '../helpers/run-binary.js';
import { useSimulatedProviders } from '../helpers/simulated-providers.js';
import { freshStateHome } from '../helpers/state-home.js';
import { layersBalances } from '../helpers/upstream.js';

const missing = !hasPrometheus() || !hasPromtool();
if (missing && prometheusRequired()) throw new Error('prometheus and promtool are required here (CI or L2TOP_REQUIRE_PROMETHEUS is set): apt-get install prometheus');
if (missing) console.warn('skipped: prometheus/promtool are not installed (apt-get install prometheus); CI installs them and requires this test');
/** `l2top serve` comes with issue 10's serve branch; until it is merged there is nothing to scrape. */
const noServe = !fs.existsSync(path.resolve('src/commands/serve.ts'));
if (noServe) console.warn('skipped: this checkout has no `l2top serve` (src/commands/serve.ts) yet');

const sim = useSimulatedProviders('serve-prom', { timeoutMs: 1500 });
const networks = Object.keys(LAYERS_SLUGS) as (keyof typeof LAYERS_SLUGS)[];

/** Starts `l2top serve` and resolves with its URL, read from the first stdout line the contract fixes. */
function startServe(args: readonly string[]): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'CI' && !k.startsWith('CI_') && !k.startsWith('VITEST')) env[k] = v;
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { env: { ...env, XDG_STATE_HOME: freshStateHome(), XDG_CONFIG_HOME: sim.dir }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no address within 15 s; stderr: ${stderr}`)), 15_000);
    child.once('exit', (code) => reject(new Error(`serve exited ${code} before listening; stderr: ${stderr}`)));
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const first = /^(.*)\n/.exec(stdout)?.[1];
      if (first === undefined) return;
      clearTimeout(timer);
      const m = /^l2top serve listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(first);
      if (m?.[1]) resolve({ child, url: m[1], stderr: () => stderr });
      else reject(new Error(`unexpected first line: ${first}`));
    });
  });
}

/** Metric names a text exposition declares (# TYPE lines) or has samples of. */
function exposedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/^# TYPE (\S+) /gm)) names.add(m[1] ?? '');
  for (const m of text.matchAll(/^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]/gm)) names.add(m[1] ?? '');
  return names;
}

describe.skipIf(missing || noServe)('l2top serve scraped by a real Prometheus', () => {
  let serve: Awaited<ReturnType<typeof startServe>>;
  let prom: Prometheus;

  beforeAll(async () => {
    sim.up.set({ lightningSats: 487_654_321_012, liquidSats: 371_234_567_891, rootstockSats: 321_987_654_321, stacksSats: 123_456_789, citreaSats: 31_234_567_890, priceUsd: 97_284 });
    serve = await startServe(['--listen', '127.0.0.1:0', '--config', sim.config, '--no-state', '--interval', '2s']);
    prom = await startPrometheus({ targets: [new URL(serve.url).host] });
  }, 60_000);
  afterAll(async () => {
    await prom?.stop();
    serve?.child.kill('SIGKILL');
  });

  it('a PromQL query per network returns its BTC locked equal to the simulator\'s value', async () => {
    await prom.waitFor('count(l2top_network_locked_btc)', (r) => r[0]?.value === networks.length, 30_000);
    const served = layersBalances(sim.up.values);
    const got: Record<string, number | undefined> = {};
    const want: Record<string, number | undefined> = {};
    for (const network of networks) {
      const result = await prom.query(`l2top_network_locked_btc{job="l2top", network="${network}"}`);
      expect(result, network).toHaveLength(1);
      got[network] = result[0]?.value;
      want[network] = served[LAYERS_SLUGS[network]];
    }
    expect(got).toEqual(want);
    expect(got).toMatchObject({ lightning: 4876.54321012, liquid: 3712.34567891, stacks: 1.23456789 });
    expect(await prom.query('l2top_btc_price_usd')).toMatchObject([{ value: 97_284 }]);
    expect(await prom.query('up{job="l2top"}')).toMatchObject([{ value: 1 }]);
  });

  it('serve\'s exposition passes `promtool check metrics` and declares every name the rules and the dashboard use', async () => {
    const { status, body } = await httpGet(`${serve.url}/metrics`);
    expect(status).toBe(200);
    const check = spawnSync('promtool', ['check', 'metrics'], { input: body, encoding: 'utf8' });
    expect(`${check.stdout}${check.stderr}`).toBe('');
    expect(check.status).toBe(0);
    const exposed = exposedNames(body);
    const dashboard = JSON.parse(fs.readFileSync(path.resolve('deploy/grafana/l2top-dashboard.json'), 'utf8')) as { panels: { targets?: { expr: string }[] }[] };
    const exprs = [...rulesOf(fs.readFileSync(RULES_FILE, 'utf8')).map((r) => r.expr), ...dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr))];
    const used = [...new Set(exprs.flatMap(metricNames))].filter((n) => n !== 'up');
    expect(used.length).toBeGreaterThanOrEqual(15);
    expect(used.filter((n) => !exposed.has(n))).toEqual([]);
  });

  it('loads the repository\'s rules, every one evaluates healthy on the real metrics, and none fires', async () => {
    const groups = await prom.rules();
    expect(groups.map((g) => g.file)).toEqual([RULES_FILE]);
    const rules = groups.flatMap((g) => g.rules);
    expect(rules.map((r) => r.name)).toEqual(rulesOf(fs.readFileSync(RULES_FILE, 'utf8')).map((r) => r.alert));
    const deadline = Date.now() + 10_000;
    while ((await prom.rules()).some((g) => g.rules.some((r) => r.health !== 'ok')) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await prom.rules()).flatMap((g) => g.rules.map((r) => `${r.name} ${r.health} ${r.lastError ?? ''}`.trim()))).toEqual(rules.map((r) => `${r.name} ok`));
    // Before the first scrape absent(up) made L2topDown pending; one evaluation (1 s) after it, nothing is.
    await prom.waitFor('ALERTS', (r) => r.length === 0, 5_000);
    expect((await prom.rules()).flatMap((g) => g.rules.map((r) => `${r.name} ${r.state ?? ''}`))).toEqual(rules.map((r) => `${r.name} inactive`));
  });

  it('a source failing at the simulator shows as down in Prometheus and its alert goes pending', async () => {
    sim.up.fault('lightning', { status: 500 });
    await prom.waitFor('l2top_source_up{source="mempool-lightning"}', (r) => r[0]?.value === 0, 20_000);
    const pending = await prom.waitFor('ALERTS{alertname="L2topSourceDown"}', (r) => r.length > 0, 10_000);
    expect(pending.map((a) => [a.metric['source'], a.metric['alertstate']])).toEqual([['mempool-lightning', 'pending']]);
    expect(await prom.query('l2top_source_consecutive_failures{source="mempool-lightning"} > 0')).toHaveLength(1);
    sim.up.clear('lightning');
  });

  it('SIGTERM ends serve with exit status 0', async () => {
    const exited = new Promise<number | null>((resolve) => serve.child.once('exit', (code) => resolve(code)));
    serve.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
