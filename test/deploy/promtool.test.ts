// The Prometheus examples under deploy/prometheus, checked by promtool: the scrape config, the alerting rules
// and their unit tests (each alert made to fire and not to fire); every rule uses only the contract's names.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPromtool, prometheusRequired } from '../helpers/prometheus.js';
import { CONTRACT_LABELS, CONTRACT_METRICS, SCRAPE_METRICS, labelNames, metricNames, rulesOf } from './promql.js';

const DIR = path.resolve('deploy/prometheus');
const missing = !hasPromtool();
if (missing && prometheusRequired()) throw new Error('promtool is required here (CI or L2TOP_REQUIRE_PROMETHEUS is set) but is not installed: apt-get install prometheus');
if (missing) console.warn('skipped promtool checks: promtool is not installed (apt-get install prometheus); CI installs it and requires them');

function promtool(...args: string[]): { code: number | null; out: string } {
  const r = spawnSync('promtool', args, { cwd: DIR, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe.skipIf(missing)('promtool on deploy/prometheus', () => {
  it('the scrape config is valid, finds the rules file and scrapes 127.0.0.1:9464 as job l2top with the token shown commented', () => {
    const r = promtool('check', 'config', 'prometheus.yml');
    expect(r.out).toMatch(/SUCCESS: prometheus\.yml is valid/);
    expect(r.out).toMatch(/SUCCESS: 5 rules found/);
    expect(r.code).toBe(0);
    const yml = fs.readFileSync(path.join(DIR, 'prometheus.yml'), 'utf8');
    expect(yml).toMatch(/job_name: l2top\n/);
    expect(yml).toMatch(/targets: \['127\.0\.0\.1:9464'\]/);
    expect(yml).toMatch(/^ {4}# authorization:\n {4}# {3}type: Bearer\n {4}# {3}credentials_file: /m);
  });

  it('check rules passes and a broken expression fails it (the check is real)', () => {
    const r = promtool('check', 'rules', 'l2top-rules.yml');
    expect(r.out).toMatch(/SUCCESS: 5 rules found/);
    expect(r.code).toBe(0);
    const broken = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'l2top-rules-')), 'broken.yml');
    fs.writeFileSync(broken, fs.readFileSync(path.join(DIR, 'l2top-rules.yml'), 'utf8').replace('l2top_source_up == 0', 'l2top_source_up == ('));
    try {
      expect(promtool('check', 'rules', broken).code).not.toBe(0);
    } finally {
      fs.rmSync(path.dirname(broken), { recursive: true, force: true });
    }
  });

  it('the unit tests pass: each alert fires on its input series and stays quiet on the others', () => {
    const r = promtool('test', 'rules', 'l2top-rules.test.yml');
    expect(r.out).toMatch(/SUCCESS/);
    expect(r.code).toBe(0);
    const tests = fs.readFileSync(path.join(DIR, 'l2top-rules.test.yml'), 'utf8');
    for (const { alert } of rulesOf(fs.readFileSync(path.join(DIR, 'l2top-rules.yml'), 'utf8'))) {
      const evals = [...tests.matchAll(new RegExp(`alertname: ${alert}\\n\\s+exp_alerts:(\\s*\\[\\])?`, 'g'))];
      expect(evals.some((m) => m[1] === undefined), `${alert} has a firing case`).toBe(true);
      expect(evals.some((m) => m[1] !== undefined), `${alert} has a quiet case`).toBe(true);
    }
  });
});

describe('deploy/prometheus/l2top-rules.yml names', () => {
  const rules = rulesOf(fs.readFileSync(path.join(DIR, 'l2top-rules.yml'), 'utf8'));

  it('has the five alerts the README describes', () => {
    expect(rules.map((r) => r.alert)).toEqual(['L2topDown', 'L2topNoNetworkReady', 'L2topSourceDown', 'L2topDataStale', 'L2topShareMoved']);
  });

  it('every rule selects only metric and label names of the contract (and Prometheus\' own up)', () => {
    const allowed = new Set([...CONTRACT_METRICS, ...SCRAPE_METRICS]);
    const used = rules.flatMap((r) => metricNames(r.expr));
    expect(used.length).toBeGreaterThanOrEqual(rules.length);
    expect(used.filter((n) => !allowed.has(n))).toEqual([]);
    expect(rules.flatMap((r) => labelNames(r.expr)).filter((l) => !CONTRACT_LABELS.includes(l))).toEqual([]);
  });
});
