// Exact-frame tests for renderChart at fixed widths: empty, single, constant, gaps, ASCII, width bounds.
import { describe, expect, it } from 'vitest';
import { axisLabels, chartColumns, renderChart } from '../../../src/ui/render/chart.js';
import { compactNumber } from '../../../src/ui/render/compact-number.js';
import type { ChartOptions } from '../../../src/ui/render/chart.js';
import { formatAmount } from '../../../src/ui/render/format.js';

const base: ChartOptions = { height: 2, width: 12, labelWidth: 3, formatLabel: (v) => v.toFixed(0) };
const render = (values: (number | null)[], opts: Partial<ChartOptions> = {}): string[] =>
  renderChart(values, { ...base, ...opts });

describe('chartColumns', () => {
  it.each<[number, number, number]>([
    [80, 10, 68],
    [12, 3, 7],
    [5, 3, 0],
    [3, 5, 0],
    [10, 0, 8],
  ])('width %d, labels %d -> %d columns', (w, l, out) => {
    expect(chartColumns(w, l)).toBe(out);
  });
});

describe('renderChart frames', () => {
  it.each<[string, (number | null)[], Partial<ChartOptions>, string[]]>([
    ['empty', [], {}, ['no data yet ']],
    ['all null', [null, null, Number.NaN], {}, ['no data yet ']],
    ['empty, narrow', [], { width: 5 }, ['no da']],
    ['empty, own text', [], { emptyText: 'waiting' }, ['waiting     ']],
    ['too narrow for any column', [1, 2], { width: 5 }, ['no da']],
    ['single point', [5], {}, ['    ┤ ', '  5 ┤─', '    ┤ ']],
    ['single point among gaps', [null, null, 5, null], {}, ['    ┤    ', '  5 ┤  ─ ', '    ┤    ']],
    ['constant', [7, 7, 7], {}, ['    ┤   ', '  7 ┤───', '    ┤   ']],
    ['rising', [0, 1, 2, 3, 4], {}, ['  4 ┤   ╭─', '  2 ┤ ╭─╯ ', '  0 ┤─╯   ']],
    ['rising, ascii', [0, 1, 2, 3, 4], { ascii: true }, ['  4 |   /-', '  2 | /-/ ', '  0 |-/   ']],
    ['interior gap is blank', [0, 4, null, 4, 0], {}, ['  4 ┤ ╭ ─╮', '  2 ┤ │  │', '  0 ┤─╯  ╰']],
    ['trailing gap is blank', [0, 4, null], {}, ['  4 ┤ ╭ ', '  2 ┤ │ ', '  0 ┤─╯ ']],
    [
      'leading and interior gaps, ascii',
      [null, 0, 4, null, null, 2, 0],
      { ascii: true },
      ['  4 |  /    ', '  2 |  |  -\\', '  0 | -/   \\'],
    ],
    ['only the newest values that fit', [9, 9, 9, 0, 2, 3, 4, 5, 6, 7, 8], {}, ['  8 ┤     ╭─', '  5 ┤  ╭──╯ ', '  2 ┤──╯    ']],
    ['a label too wide is left out', [0, 1000], {}, ['    ┤ ╭', '500 ┤ │', '  0 ┤─╯']],
    ['no labels', [1, 2, 3], { labelWidth: 0, width: 5 }, [' ┤  ╭', ' ┤ ╭╯', ' ┤─╯ ']],
    ['height below 1 is 1', [1, 2, 3], { height: 0 }, ['  3 ┤ ╭─', '  1 ┤─╯ ']],
    [
      'large sats values with amount labels',
      [460820222344, 461820222344, null, 462820222344],
      { labelWidth: 9, width: 20, formatLabel: (v) => formatAmount(v, 'btc', undefined, { compact: true }) },
      ['4.63K BTC ┤   ─', '4.62K BTC ┤ ╭  ', '4.61K BTC ┤─╯  '],
    ],
  ])('%s', (_name, values, opts, lines) => {
    expect(render(values, opts)).toEqual(lines);
  });
});

describe('renderChart invariants', () => {
  const series: (number | null)[][] = [
    Array.from({ length: 300 }, (_, i) => (i % 37 < 3 ? null : 1e11 + Math.sin(i / 9) * 1e9)),
    Array.from({ length: 60 }, (_, i) => (i < 20 ? null : i * i)),
    Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? -5 : 5)),
    [null, 3, null],
  ];
  const sizes: [number, number, number][] = [
    [80, 8, 10],
    [40, 6, 5],
    [20, 9, 3],
    [12, 3, 1],
  ];

  it('keeps every line within width with height + 1 lines, in both glyph sets', () => {
    for (const values of series) {
      for (const [width, height, labelWidth] of sizes) {
        for (const ascii of [false, true]) {
          const lines = renderChart(values, { width, height, labelWidth, ascii, formatLabel: (v) => v.toExponential(2) });
          expect(lines).toHaveLength(height + 1);
          for (const line of lines) expect(Array.from(line).length).toBeLessThanOrEqual(width);
          if (ascii) for (const line of lines) expect(line).toMatch(/^[\x20-\x7e]*$/);
        }
      }
    }
  });

  it('never draws a gap at the bottom row as if it were zero', () => {
    const lines = render([5, 10, null, null, 10, 5], { width: 12, height: 4 });
    for (const line of lines) expect(Array.from(line).slice(7, 9).join('')).toBe('  ');
  });
});

describe('y-axis labels', () => {
  const compact = (v: number, step: number) => compactNumber(v, step);
  it('never repeat: precision follows the spacing of the labels (5.19K appeared three times before)', () => {
    const values = [5187, 5188, 5190, 5191, 5193];
    const lines = renderChart(values, { height: 4, width: 20, labelWidth: 8, formatLabel: compact });
    const labels = lines.map((l) => l.slice(0, 8).trim()).filter(Boolean);
    expect(labels).toHaveLength(5);
    expect(new Set(labels).size).toBe(5);
    expect(labels[0]).toBe('5.193K');
    expect(labels[4]).toBe('5.187K');
  });
  it('leave rows out rather than show labels that do not fit', () => {
    expect(axisLabels([5193, 5191.5, 5190, 5188.5, 5187], 6, compact)).toEqual(['5.193K', '5.191K', '5.190K', '5.189K', '5.187K']);
    expect(axisLabels([5193, 5190, 5187, 5184, 5181], 5, (v, step) => compact(v, step).replace('K', ''))).toEqual(['5.193', '5.190', '5.187', '5.184', '5.181']);
    expect(axisLabels([5193, 5191.5, 5190, 5188.5, 5187], 5, compact)).toEqual(['', '', '', '', '5.19K']);
  });
  it('repeat no label even when rows are closer than the format can show', () => {
    expect(axisLabels([3, 2.5, 2, 1.5, 1], 3, (v) => v.toFixed(0))).toEqual(['3', '', '2', '', '1']);
    expect(axisLabels([1, 0], 3, (v) => v.toFixed(0))).toEqual(['1', '0']);
  });
});
