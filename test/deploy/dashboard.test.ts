// deploy/grafana/l2top-dashboard.json: a Grafana dashboard whose data source is the ${DS_PROMETHEUS} variable,
// with the panels the README promises, every query valid PromQL (promtool) over the contract's names only.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPromtool, prometheusRequired } from '../helpers/prometheus.js';
import { CONTRACT_LABELS, CONTRACT_METRICS, SCRAPE_METRICS, labelNames, metricNames, substituteGrafanaVariables } from './promql.js';

interface Datasource { readonly type?: string; readonly uid?: string }
interface Target { readonly expr?: string; readonly refId?: string; readonly datasource?: Datasource }
interface Panel {
  readonly id: number;
  readonly type: string;
  readonly title: string;
  readonly datasource?: Datasource;
  readonly gridPos: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
  readonly targets?: readonly Target[];
}
interface Variable { readonly name: string; readonly type: string; readonly query?: string | { readonly query: string }; readonly datasource?: Datasource }
interface Dashboard {
  readonly uid: string;
  readonly title: string;
  readonly schemaVersion: number;
  readonly id: number | null;
  readonly panels: readonly Panel[];
  readonly templating: { readonly list: readonly Variable[] };
}

const FILE = path.resolve('deploy/grafana/l2top-dashboard.json');
const text = fs.readFileSync(FILE, 'utf8');
const dash = JSON.parse(text) as Dashboard;
const DS = '${DS_PROMETHEUS}';
const queryPanels = dash.panels.filter((p) => p.type !== 'row');
const exprs = queryPanels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr ?? '' })));
/** `label_values(selector, label)` of the query variables: the selector is PromQL. */
const variableSelectors = dash.templating.list.flatMap((v) => {
  if (v.type !== 'query') return [];
  const q = typeof v.query === 'string' ? v.query : (v.query?.query ?? '');
  const m = /^label_values\((.+),\s*(\w+)\)$/.exec(q);
  if (!m) throw new Error(`variable ${v.name}: not label_values(selector, label): ${q}`);
  return [{ panel: `variable ${v.name}`, expr: m[1] ?? '', label: m[2] ?? '' }];
});
/** Values for Grafana's variables that make each query plain PromQL. */
const GRAFANA_VALUES = { instance: '.+', network: '.+', metric: 'btc-locked', __range: '7d', __rate_interval: '1m', __interval: '30s' };

describe('Grafana dashboard deploy/grafana/l2top-dashboard.json', () => {
  it('parses, has a uid, a title, a numeric schemaVersion and no fixed id (importable)', () => {
    expect(dash).toMatchObject({ uid: 'l2top', title: expect.stringContaining('l2top') as unknown as string, id: null });
    expect(dash.schemaVersion).toBeGreaterThanOrEqual(36);
  });

  it('takes its data source from the DS_PROMETHEUS variable everywhere, never a fixed uid', () => {
    const dsVar = dash.templating.list.find((v) => v.name === 'DS_PROMETHEUS');
    expect(dsVar).toMatchObject({ type: 'datasource', query: 'prometheus' });
    for (const p of queryPanels) {
      expect(p.datasource, p.title).toEqual({ type: 'prometheus', uid: DS });
      for (const t of p.targets ?? []) expect(t.datasource, `${p.title} ${t.refId}`).toEqual({ type: 'prometheus', uid: DS });
    }
    for (const v of dash.templating.list.filter((x) => x.type === 'query')) expect(v.datasource).toEqual({ type: 'prometheus', uid: DS });
    const uids = [...text.matchAll(/"uid":\s*"([^"]*)"/g)].map((m) => m[1]);
    expect(new Set(uids)).toEqual(new Set(['l2top', DS, '-- Grafana --']));
  });

  it('panels have unique ids and fit the 24-column grid without overlapping', () => {
    const ids = dash.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const cells = new Set<string>();
    for (const p of dash.panels) {
      const { x, y, w, h } = p.gridPos;
      expect(x >= 0 && w > 0 && x + w <= 24 && h > 0, p.title).toBe(true);
      for (let r = y; r < y + h; r += 1) {
        for (let c = x; c < x + w; c += 1) {
          expect(cells.has(`${r},${c}`), `${p.title} overlaps at row ${r} column ${c}`).toBe(false);
          cells.add(`${r},${c}`);
        }
      }
    }
  });

  it('shows shares over time, BTC locked per network, source health (up, latency, failures, data age) and BTC/USD', () => {
    const used = new Set(exprs.flatMap((e) => metricNames(e.expr)));
    for (const name of ['l2top_network_share_ratio', 'l2top_network_locked_btc', 'l2top_source_up', 'l2top_source_latency_seconds', 'l2top_source_consecutive_failures', 'l2top_source_data_timestamp_seconds', 'l2top_btc_price_usd']) {
      expect(used.has(name), name).toBe(true);
    }
    const share = queryPanels.find((p) => p.targets?.some((t) => t.expr?.startsWith('l2top_network_share_ratio')));
    expect(share?.type).toBe('timeseries');
  });

  it('every query and variable selects only metric and label names of the contract (and Prometheus\' own up)', () => {
    const allowed = new Set([...CONTRACT_METRICS, ...SCRAPE_METRICS]);
    const all = [...exprs, ...variableSelectors];
    expect(all.length).toBeGreaterThan(15);
    for (const { panel, expr } of all) {
      const names = metricNames(expr);
      expect(names.length, `${panel}: ${expr}`).toBeGreaterThan(0);
      expect(names.filter((n) => !allowed.has(n)), `${panel}: ${expr}`).toEqual([]);
      expect(labelNames(expr).filter((l) => !CONTRACT_LABELS.includes(l)), `${panel}: ${expr}`).toEqual([]);
    }
    expect(variableSelectors.map((v) => v.label).filter((l) => !CONTRACT_LABELS.includes(l))).toEqual([]);
  });
});

describe('the name checker itself', () => {
  it('finds metric names, not functions, keywords, durations, strings or grouping labels', () => {
    expect(metricNames('max by (network) (2 * l2top_network_stale{instance=~"$instance", metric="x_y"} > 0 or l2top_network_doubtful{a="b"})')).toEqual(['l2top_network_stale', 'l2top_network_doubtful']);
    expect(metricNames('abs(foo{metric="btc-locked"} - foo offset 1h) > 0.02 unless on(job) absent(up{job="l2top"})')).toEqual(['foo', 'up']);
    expect(metricNames('sum by (rule) (increase(bar_total[$__rate_interval])) and time() - baz_seconds')).toEqual(['bar_total', 'baz_seconds']);
    expect(labelNames('sum by (rule, job) (x{network=~"a", metric!="b"})')).toEqual(['network', 'metric', 'rule', 'job']);
  });
});

const missing = !hasPromtool();
if (missing && prometheusRequired()) throw new Error('promtool is required here (CI or L2TOP_REQUIRE_PROMETHEUS is set) but is not installed: apt-get install prometheus');

describe.skipIf(missing)('dashboard queries through promtool', () => {
  it('every query, with Grafana\'s variables filled in, is valid PromQL (as recording rules, `promtool check rules`)', () => {
    const all = [...exprs, ...variableSelectors];
    const rules = all.map((e, i) => `      - record: dashboard:query_${i}\n        expr: ${JSON.stringify(substituteGrafanaVariables(e.expr, GRAFANA_VALUES))}`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'l2top-dashboard-'));
    try {
      const file = path.join(dir, 'dashboard-rules.yml');
      fs.writeFileSync(file, `groups:\n  - name: dashboard\n    rules:\n${rules.join('\n')}\n`);
      const r = spawnSync('promtool', ['check', 'rules', file], { encoding: 'utf8' });
      expect(`${r.stdout}${r.stderr}`).toMatch(new RegExp(`SUCCESS: ${all.length} rules found`));
      fs.writeFileSync(file, `groups:\n  - name: dashboard\n    rules:\n      - record: dashboard:bad\n        expr: "sum(l2top_source_up"\n`);
      expect(spawnSync('promtool', ['check', 'rules', file]).status, 'a broken query fails the check').not.toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
