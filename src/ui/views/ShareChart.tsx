// Share over time for the Trends view: a 100%-stacked chart when there is room, else one sparkline per network.
import { Box } from 'ink';
import React from 'react';
import type { NetworkRow } from '../../model/selectors.js';
import type { Series } from '../../model/series.js';
import type { RangeId } from '../../model/state.js';
import type { Metric } from '../../model/types.js';
import { dominanceGrid, fillFor } from '../render/dominance.js';
import { formatShare } from '../render/format.js';
import { resampleSeries } from '../render/resample.js';
import { shareColumns } from '../render/share-columns.js';
import { sparkline } from '../render/sparkline.js';
import { fit, widthOf } from '../render/text.js';
import { timeAxis } from '../render/time-axis.js';
import type { Theme } from '../theme.js';
import { Line, type Segment } from '../components/Line.js';

export interface ShareChartProps {
  readonly rows: readonly NetworkRow[];
  readonly series: Readonly<Record<string, Series>>;
  readonly metric: Metric;
  readonly range: RangeId;
  readonly from: number;
  readonly to: number;
  readonly width: number;
  readonly height: number;
  readonly theme: Theme;
  readonly ascii?: boolean;
}

/** Networks drawn on their own in the share chart; the rest are summed as "others". */
export const SHARE_TOP = 5;
/** Width of one share in the low / high / now columns ("100.0%"). */
const SHARE_W = 6;

/** The title, naming networks left out because their history starts too late (by count when names do not fit). */
function titleFor(p: ShareChartProps, leftOut: readonly string[], room: number): string {
  const base = `Share of ${p.metric === 'btc-locked' ? 'BTC locked' : 'DeFi TVL'}, last ${p.range}`;
  if (leftOut.length === 0) return base;
  const named = `${base}; without ${leftOut.join(', ')} (history too short)`;
  return widthOf(named) <= room ? named : `${base}; ${leftOut.length} newer left out`;
}

export function ShareChart(p: ShareChartProps): React.JSX.Element {
  const ascii = p.ascii ?? false;
  const tracked = p.rows.filter((r) => !r.notTracked && r.value !== undefined);
  const cols = Math.max(1, p.width - 2);
  const inputs = tracked.map((r) => {
    const s = p.series[r.meta.id];
    return { name: r.meta.name, values: s && s.length > 0 ? resampleSeries(s, p.from, p.to, cols) : [] };
  });
  const { names, shares, leftOut } = shareColumns(inputs, cols, SHARE_TOP);
  const nameW = Math.min(24, Math.max(13, ...names.map(widthOf)));
  const perLine = Math.max(1, Math.floor(p.width / (nameW + 3)));
  const legendLines = Math.ceil(names.length / perLine);
  const axis = p.height - 2 - legendLines >= 2 * names.length;
  const gridHeight = p.height - 1 - legendLines - (axis ? 1 : 0);
  // A stacked chart needs height to show every series; when short, one sparkline row per network.
  if (gridHeight < 2 * names.length) return <ShareRows {...p} names={names} shares={shares} leftOut={leftOut} />;
  const grid = dominanceGrid(shares, gridHeight);
  const out: React.JSX.Element[] = [<Line key="title" segments={[{ text: fit(titleFor(p, leftOut, p.width), p.width), bold: true }]} />];
  grid.forEach((row, y) => {
    const segs: Segment[] = [{ text: ascii ? '|' : '│', color: p.theme.muted }];
    // One segment per run of cells of the same series, not one per cell: a 120x40 chart has ~1,600 cells.
    let run = -2;
    let text = '';
    const flush = () => {
      if (text) segs.push(run < 0 ? { text } : { text, color: p.theme.bars[run % p.theme.bars.length] });
    };
    for (const cell of row) {
      if (cell !== run) {
        flush();
        run = cell;
        text = '';
      }
      text += cell < 0 ? ' ' : fillFor(cell, ascii);
    }
    flush();
    out.push(<Line key={`g${y}`} segments={segs} />);
  });
  if (axis) out.push(<Line key="axis" segments={[{ text: fit(timeAxis(p.from, p.to, cols, 1), p.width), dim: true }]} />);
  const legend: Segment[] = [];
  names.forEach((name, i) => legend.push({ text: fillFor(i, ascii), color: p.theme.bars[i % p.theme.bars.length] }, { text: ` ${fit(name, nameW)} ` }));
  for (let i = 0; i < legend.length; i += perLine * 2) out.push(<Line key={`l${i}`} segments={legend.slice(i, i + perLine * 2)} />);
  return <Box flexDirection="column">{out.slice(0, p.height)}</Box>;
}

/** Share over time as one sparkline row per network, with its lowest, highest and current share in aligned columns. */
function ShareRows(p: ShareChartProps & { readonly names: string[]; readonly shares: (number[] | null)[]; readonly leftOut: string[] }): React.JSX.Element {
  const ascii = p.ascii ?? false;
  const statsW = 3 * SHARE_W + 2;
  const nameW = Math.min(p.width >= 100 ? 24 : 14, Math.max(14, ...p.names.map(widthOf)));
  const sparkW = Math.max(4, p.width - nameW - statsW - 2);
  const step = p.shares.length / sparkW;
  const head = ['low', 'high', 'now'].map((h) => fit(h, SHARE_W, 'right')).join(' ');
  const out: React.JSX.Element[] = [
    <Line key="t" segments={[{ text: fit(titleFor(p, p.leftOut, p.width - statsW - 1), p.width - statsW), bold: true }, { text: head, dim: true }]} />,
  ];
  p.names.forEach((name, i) => {
    const series = Array.from({ length: sparkW }, (_, c) => p.shares[Math.min(p.shares.length - 1, Math.floor(c * step))]?.[i] ?? null);
    const known = series.filter((v): v is number => v !== null);
    const last = known[known.length - 1];
    const stats = last === undefined ? '' : [Math.min(...known), Math.max(...known), last].map((v) => fit(formatShare(v), SHARE_W, 'right')).join(' ');
    out.push(
      <Line key={`s${i}`} segments={[
        { text: fit(name, nameW) + ' ' },
        { text: sparkline(series, { ascii }), color: p.theme.bars[i % p.theme.bars.length] },
        { text: ' ' + fit(stats, statsW, 'right') },
      ]} />,
    );
  });
  if (out.length < p.height) out.push(<Line key="axis" segments={[{ text: fit(timeAxis(p.from, p.to, sparkW, nameW + 1), p.width), dim: true }]} />);
  return <Box flexDirection="column">{out.slice(0, p.height)}</Box>;
}
