// A multi-line history chart built on asciichart, with gaps left blank and width kept in bounds.
import { plot } from 'asciichart';
import type { PlotConfig } from 'asciichart';

type Symbols = NonNullable<PlotConfig['symbols']>;
/** asciichart's own default symbols. */
const UNICODE_SYMBOLS: Symbols = ['┼', '┤', '╶', '╴', '─', '╰', '╭', '╮', '╯', '│'];
const ASCII_SYMBOLS: Symbols = ['+', '|', '-', '-', '-', '\\', '/', '\\', '/', '|'];

/** Options for {@link renderChart}. */
export interface ChartOptions {
  /** Rows between the top and bottom label; the chart has `height + 1` lines. At least 1. */
  readonly height: number;
  /** Maximum line width in characters. */
  readonly width: number;
  /** ASCII-only output. Default false. */
  readonly ascii?: boolean;
  /**
   * Formats a y-axis value; `step` is the difference between two labelled rows, so the precision can
   * follow it. Right-aligned in `labelWidth`; rows are left unlabelled rather than show a label that does
   * not fit or repeats its neighbour.
   */
  readonly formatLabel: (v: number, step: number) => string;
  /** Width of the y-axis labels. */
  readonly labelWidth: number;
  /** The single line shown when there is nothing to plot. Default "no data yet". */
  readonly emptyText?: string;
}

/** How many values fit beside labels of `labelWidth` in `width`: label, a space, the axis, one cell per value. */
export function chartColumns(width: number, labelWidth: number): number {
  return Math.max(0, Math.floor(width) - Math.max(0, Math.floor(labelWidth)) - 2);
}

/** `s` aligned in exactly `w` code points; a longer `s` is cut, or for labels shown as "###" (a cut number lies). */
function fit(s: string, w: number, label: boolean): string[] {
  const all = Array.from(s);
  if (label && all.length > w) return new Array<string>(w).fill('#');
  const cps = all.slice(0, w);
  const pad: string[] = new Array<string>(w - cps.length).fill(' ');
  return label ? [...pad, ...cps] : [...cps, ...pad];
}

/**
 * Labels for rows valued `values` (top to bottom, evenly spaced): every k-th row from the bottom, for the
 * smallest k that gives at least two labels, all different; rows in between, and labels wider than `width`,
 * get ''. One label (the bottom) when nothing else works.
 */
export function axisLabels(values: readonly number[], width: number, format: (v: number, step: number) => string): string[] {
  const n = values.length;
  const step = n > 1 ? Math.abs((values[0] ?? 0) - (values[1] ?? 0)) : 0;
  for (let k = 1; k < n; k += 1) {
    const labels = values.map((v, i) => ((n - 1 - i) % k === 0 ? format(v, step * k) : '')).map((l) => (Array.from(l).length <= width ? l : ''));
    const shown = labels.filter((l) => l !== '');
    if (shown.length >= 2 && new Set(shown).size === shown.length) return labels;
  }
  return values.map((v, i) => (i === n - 1 ? format(v, 0) : ''));
}

/** Each null takes the next value (so a gap never draws a step after it), else the previous one. */
function fillGaps(values: readonly (number | null)[]): number[] {
  const out: (number | null)[] = values.slice();
  let next: number | null = null;
  for (let i = out.length - 1; i >= 0; i--) out[i] = next = out[i] ?? next;
  let prev = 0;
  return out.map((v) => (prev = v ?? prev));
}

/**
 * Plots `values` (one per column, the newest last) as `height + 1` lines of label, space, axis and
 * one cell per value; every line is at most `width` wide (only the last `chartColumns` values are shown).
 * Null or non-finite values are gaps, left blank and never drawn as zero; a constant series is a flat
 * line labelled with its value; nothing finite to plot gives one line with `emptyText`.
 */
export function renderChart(values: readonly (number | null)[], opts: ChartOptions): string[] {
  const width = Math.max(0, Math.floor(opts.width));
  const labelWidth = Math.max(0, Math.floor(opts.labelWidth));
  const cols = chartColumns(width, labelWidth);
  const shown = cols > 0 ? values.slice(-cols).map((v) => (v !== null && Number.isFinite(v) ? v : null)) : [];
  if (!shown.some((v) => v !== null)) return [fit(opts.emptyText ?? 'no data yet', width, false).join('')];

  const filled = fillGaps(shown);
  const min = Math.min(...filled);
  const flat = Math.max(...filled) === min;
  const symbols = opts.ascii ? ASCII_SYMBOLS : UNICODE_SYMBOLS;
  const blankLabel = ' '.repeat(labelWidth + 1);
  const rowValues: number[] = [];
  const cfg: PlotConfig = {
    ...(flat ? { min: -1, max: 1 } : {}),
    height: Math.max(1, Math.floor(opts.height)),
    offset: 2,
    symbols,
    format: (x) => {
      rowValues.push(x + min);
      return blankLabel;
    },
  };
  // Shifting by min keeps asciichart's integer row maths exact for large values (sats);
  // the leading duplicate gives the first value a column of its own beside the axis.
  const series = [filled[0] ?? min, ...filled].map((v) => v - min);
  const axis = labelWidth + 1;
  const plotted = plot(series, cfg).split('\n');
  const labels = flat ? [] : axisLabels(rowValues, labelWidth, opts.formatLabel);
  return plotted
    .map((line, row) => {
      const cells = Array.from(line).slice(0, axis + 1 + shown.length);
      cells.splice(0, labelWidth, ...fit(labels[row] ?? '', labelWidth, true));
      cells[axis] = symbols[1];
      shown.forEach((v, i) => {
        if (v === null) cells[axis + 1 + i] = ' ';
      });
      if (flat && cells.slice(axis + 1).some((c) => c !== ' ')) {
        cells.splice(0, labelWidth, ...fit(opts.formatLabel(min, 0), labelWidth, true));
      }
      return cells.join('');
    });
}
