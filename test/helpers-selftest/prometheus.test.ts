// The Prometheus helper against a tiny exposition server on 127.0.0.1: real scrapes, real queries, rules loaded.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPrometheus, prometheusRequired, RULES_FILE, startPrometheus, type Prometheus } from '../helpers/prometheus.js';

const missing = !hasPrometheus();
if (missing && prometheusRequired()) throw new Error('prometheus is required here (CI or L2TOP_REQUIRE_PROMETHEUS is set) but is not installed: apt-get install prometheus');
if (missing) console.warn('skipped: the prometheus binary is not installed (apt-get install prometheus); CI installs it and requires these tests');

describe.skipIf(missing)('prometheus helper', () => {
  let value = 42.5;
  let scrapes = 0;
  let authorization: string | undefined;
  let server: http.Server;
  let prom: Prometheus;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url !== '/metrics') {
        res.writeHead(404).end();
        return;
      }
      scrapes += 1;
      authorization = req.headers.authorization;
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(`# HELP selftest_value A value the test changes.\n# TYPE selftest_value gauge\nselftest_value{kind="a"} ${value}\n`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    prom = await startPrometheus({ targets: [`127.0.0.1:${port}`], bearerToken: 'selftest-token' });
  });
  afterAll(async () => {
    await prom?.stop();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('scrapes the target every second and a query returns the served value, then the new one', async () => {
    const first = await prom.waitFor('selftest_value', (r) => r.length > 0);
    expect(first).toEqual([{ metric: { __name__: 'selftest_value', kind: 'a', job: 'l2top', instance: expect.stringMatching(/^127\.0\.0\.1:\d+$/) as unknown as string }, value: 42.5 }]);
    value = 7;
    const seen = scrapes;
    await prom.waitFor('selftest_value', (r) => r[0]?.value === 7, 10_000);
    expect(scrapes).toBeGreaterThan(seen);
    expect(await prom.query('up{job="l2top"}')).toMatchObject([{ value: 1 }]);
    expect(authorization).toBe('Bearer selftest-token');
  });

  it('answers scalars, and a PromQL syntax error rejects with Prometheus\' message', async () => {
    expect(await prom.query('scalar(selftest_value) * 2')).toEqual([{ metric: {}, value: 14 }]);
    await expect(prom.query('sum(selftest_value')).rejects.toThrow(/bad_data|parse error/);
  });

  it('loads the repository\'s rules file and evaluates every rule without error', async () => {
    const groups = await prom.rules();
    expect(groups.map((g) => g.file)).toEqual([RULES_FILE]);
    const names = groups.flatMap((g) => g.rules.map((r) => r.name));
    expect(names).toEqual(expect.arrayContaining(['L2topDown', 'L2topSourceDown', 'L2topDataStale', 'L2topShareMoved', 'L2topNoNetworkReady']));
    const healthy = async (): Promise<boolean> => (await prom.rules()).every((g) => g.rules.every((r) => r.health === 'ok'));
    const deadline = Date.now() + 10_000;
    while (!(await healthy()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await prom.rules()).flatMap((g) => g.rules.map((r) => [r.name, r.health, r.lastError ?? '']))).toEqual(names.map((n) => [n, 'ok', '']));
  });
});
