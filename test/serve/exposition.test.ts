// The hand-written exposition: escaping per the text format, HELP/TYPE once per family, unknown values left out;
// counters; the process metrics under prom-client's names.
import { describe, expect, it } from 'vitest';
import { CounterFamily, exposition, GaugeFamily } from '../../src/serve/exposition.js';
import { createProcessMetrics } from '../../src/serve/process-metrics.js';

describe('gauge exposition', () => {
  it('escapes label values (backslash, quote, newline) and HELP text (backslash, newline); HELP and TYPE once per family', () => {
    const g = new GaugeFamily('x_ratio', 'a \\ help\nline', ['network', 'source']);
    g.set({ network: 'a"b', source: 'c\\d\ne' }, 0.5);
    g.set({ network: 'plain', source: 's' }, 2);
    expect(g.text()).toBe('# HELP x_ratio a \\\\ help\\nline\n# TYPE x_ratio gauge\nx_ratio{network="a\\"b",source="c\\\\d\\ne"} 0.5\nx_ratio{network="plain",source="s"} 2');
  });

  it('leaves out values that are not finite numbers; reset drops every sample; families apart by a blank line', () => {
    const a = new GaugeFamily('a_value', 'A', []);
    const b = new GaugeFamily('b_value', 'B', ['k']);
    a.set({}, Number.NaN);
    a.set({}, undefined);
    b.set({ k: 'x' }, Number.POSITIVE_INFINITY);
    b.set({ k: 'y' }, 1);
    expect(exposition([a, b])).toBe('# HELP a_value A\n# TYPE a_value gauge\n\n# HELP b_value B\n# TYPE b_value gauge\nb_value{k="y"} 1\n');
    b.reset();
    expect(b.text()).toBe('# HELP b_value B\n# TYPE b_value gauge');
  });
});

describe('gauge series cache', () => {
  it('writes the same text for a label set seen again, keeps sets that share a prefix apart, and stays right past its limit', () => {
    const g = new GaugeFamily('y_ratio', 'Y', ['network', 'metric']);
    const write = (network: string, metric: string, v: number) => {
      g.reset();
      g.set({ network, metric }, v);
      return g.text().split('\n').pop();
    };
    expect(write('a', 'b', 1)).toBe('y_ratio{network="a",metric="b"} 1');
    expect(write('a', 'b', 2)).toBe('y_ratio{network="a",metric="b"} 2');
    expect(write('a', 'c"', 3)).toBe('y_ratio{network="a",metric="c\\""} 3');
    expect(write('ab', '', 4)).toBe('y_ratio{network="ab",metric=""} 4');
    for (let i = 0; i < 10_050; i += 1) expect(write(`n${i}`, 'm', i)).toBe(`y_ratio{network="n${i}",metric="m"} ${i}`);
    expect(write('a', 'b', 5)).toBe('y_ratio{network="a",metric="b"} 5');
  });
});

describe('counter exposition', () => {
  it('counts per label set in the order first seen; inc by 0 makes a series appear at 0; TYPE counter', () => {
    const c = new CounterFamily('x_requests_total', 'Requests', ['path', 'code']);
    c.inc({ path: '/a', code: '200' });
    c.inc({ path: '/b"', code: '404' }, 0);
    c.inc({ path: '/a', code: '200' }, 2);
    expect(c.text()).toBe('# HELP x_requests_total Requests\n# TYPE x_requests_total counter\nx_requests_total{path="/a",code="200"} 3\nx_requests_total{path="/b\\"",code="404"} 0');
  });
});

describe('process metrics', () => {
  it('the names prom-client\'s default metrics use, one sample each, with the process\'s own figures', async () => {
    const text = await createProcessMetrics().text();
    const value = (name: string): number => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
    for (const [name, type] of [['process_cpu_user_seconds_total', 'counter'], ['process_cpu_system_seconds_total', 'counter'], ['process_cpu_seconds_total', 'counter'],
      ['process_start_time_seconds', 'gauge'], ['process_resident_memory_bytes', 'gauge'], ['nodejs_eventloop_lag_seconds', 'gauge'],
      ['nodejs_heap_size_total_bytes', 'gauge'], ['nodejs_heap_size_used_bytes', 'gauge'], ['nodejs_external_memory_bytes', 'gauge']] as const) {
      expect(text).toContain(`# TYPE ${name} ${type}\n${name} `);
      expect(value(name), name).toBeGreaterThanOrEqual(0);
    }
    expect(value('process_cpu_seconds_total')).toBeCloseTo(value('process_cpu_user_seconds_total') + value('process_cpu_system_seconds_total'), 5);
    expect(value('process_resident_memory_bytes')).toBeGreaterThan(value('nodejs_heap_size_used_bytes'));
    expect(Math.abs(value('process_start_time_seconds') - (Date.now() / 1000 - process.uptime()))).toBeLessThan(2);
    expect(text).toMatch(new RegExp(`^nodejs_version_info\\{version="${process.version}",major="\\d+",minor="\\d+",patch="\\d+"\\} 1$`, 'm'));
    if (process.platform === 'linux') {
      expect(value('process_open_fds')).toBeGreaterThan(2);
      expect(value('process_max_fds')).toBeGreaterThanOrEqual(value('process_open_fds'));
    }
  });
});
