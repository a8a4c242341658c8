// Trends view: per-network charts over the chosen range and a share-over-time (dominance) chart beside them.
import { Box } from 'ink';
import React from 'react';
import type { NetworkRow } from '../../model/selectors.js';
import { timeAt, type Series } from '../../model/series.js';
import { RANGE_MS, type DisplayUnit, type RangeId } from '../../model/state.js';
import type { Metric } from '../../model/types.js';
import { convertSeries, formatMetric } from '../render/amount.js';
import { chartColumns, renderChart } from '../render/chart.js';
import { compactNumber } from '../render/compact-number.js';
import { formatChange, formatDuration } from '../render/format.js';
import { resampleSeries } from '../render/resample.js';
import { fit } from '../render/text.js';
import { timeAxis } from '../render/time-axis.js';
import type { Theme } from '../theme.js';
import { Line } from '../components/Line.js';
import { SHARE_TOP, ShareChart } from './ShareChart.js';

export interface TrendsViewProps {
  readonly rows: readonly NetworkRow[];
  readonly series: Readonly<Record<string, Series>>;
  readonly priceSeries: Series;
  readonly backfilledUntil: Readonly<Record<string, number>>;
  readonly metric: Metric;
  readonly unit: DisplayUnit;
  readonly range: RangeId;
  readonly priceUsd: number | undefined;
  readonly now: number;
  readonly windowMs: number;
  readonly selected: number;
  readonly width: number;
  readonly height: number;
  readonly theme: Theme;
  readonly ascii?: boolean;
}

const LABEL_W = 8;
/** At this width and above the share chart sits beside the per-network charts. */
const SIDE_BY_SIDE = 110;

/** How many per-network charts fit in `height` lines (the last goes to the time axis), how tall, and the first shown. */
export function chartSlots(height: number, selected: number, total: number): { perChart: number; count: number; start: number } {
  const room = height - 1;
  const perChart = room >= 24 ? Math.floor(room / 3) : room >= 8 ? Math.floor(room / 2) : Math.max(2, room);
  const count = Math.max(1, Math.floor(room / perChart));
  return { perChart, count, start: Math.max(0, Math.min(selected, total - count)) };
}

function NetworkCharts(p: TrendsViewProps & { readonly from: number; readonly to: number; readonly prices: (number | null)[] }): React.JSX.Element {
  const ascii = p.ascii ?? false;
  const { perChart, count, start } = chartSlots(p.height, p.selected, p.rows.length);
  const cols = chartColumns(p.width, LABEL_W);
  const out: React.JSX.Element[] = [];
  for (const [k, row] of p.rows.slice(start, start + count).entries()) {
    const s = p.series[row.meta.id];
    const raw = s && s.length > 0 ? resampleSeries(s, p.from, p.to, cols) : [];
    const values = convertSeries(p.metric, raw, p.unit, p.prices);
    const amount = row.value !== undefined ? formatMetric(p.metric, row.value, p.unit, p.priceUsd, { decimals: 2, ascii }) : 'no data';
    const ch = formatChange(row.change24h, { ascii });
    const first = s && s.length > 0 ? timeAt(s, 0) : undefined;
    const since = first !== undefined && first > p.from ? `, data for ${formatDuration(p.to - first, { coarse: true })}` : '';
    const backfill = p.backfilledUntil[row.meta.id] !== undefined ? ', incl. backfill' : '';
    const title = `${row.meta.name}  ${amount}  ${ch.direction === 'none' ? '' : `${ch.text} 24h  `}(${since.slice(2) || p.range}${backfill}${row.stale ? ', stale' : ''})`;
    const i = start + k;
    out.push(<Line key={`t${row.meta.id}`} segments={[{ text: fit((i === p.selected ? (ascii ? '>' : '›') : ' ') + title, p.width), bold: true, color: p.theme.bars[i % p.theme.bars.length] }]} />);
    const lines = renderChart(values, {
      height: Math.max(1, perChart - 2),
      width: p.width,
      ascii,
      labelWidth: LABEL_W,
      formatLabel: compactNumber,
      emptyText: row.notTracked ? '  not tracked for this metric' : row.value === undefined ? '  no data yet' : '  collecting',
    });
    lines.slice(0, perChart - 1).forEach((l, j) => out.push(<Line key={`c${row.meta.id}${j}`} segments={[{ text: fit(l, p.width) }]} />));
  }
  out.push(<Line key="axis" segments={[{ text: fit(timeAxis(p.from, p.to, cols, LABEL_W + 2), p.width), dim: true }]} />);
  return <Box flexDirection="column">{out.slice(0, p.height)}</Box>;
}

export function TrendsView(p: TrendsViewProps): React.JSX.Element {
  const to = p.now;
  const from = to - Math.min(RANGE_MS[p.range], p.windowMs);
  const usdNote = p.unit === 'usd' || p.metric === 'defi-tvl' ? '; USD at each point\'s own BTC price' : '';
  const body = p.height - 1;
  const side = p.width >= SIDE_BY_SIDE;
  const chartsWidth = side ? Math.floor(p.width * 0.6) : p.width;
  const shareHeight = side ? body : Math.min(SHARE_TOP + 2, Math.max(4, Math.floor(body * 0.45)));
  const slots = chartSlots(side ? body : body - shareHeight, p.selected, p.rows.length);
  const shown = p.rows.length > slots.count ? `; networks ${slots.start + 1}-${Math.min(p.rows.length, slots.start + slots.count)} of ${p.rows.length} (Up/Down)` : '';
  const header = <Line segments={[{ text: fit(`Range ${p.range} ([ ] to change); unit ${p.unit.toUpperCase()}${shown}${usdNote}`, p.width), dim: true }]} />;
  const cols = chartColumns(chartsWidth, LABEL_W);
  const prices = p.priceSeries.length > 0 ? resampleSeries(p.priceSeries, from, to, cols) : new Array<number | null>(cols).fill(p.priceUsd ?? null);
  const charts = <NetworkCharts {...p} width={chartsWidth} height={side ? body : body - shareHeight} from={from} to={to} prices={prices} />;
  const share = <ShareChart {...p} width={side ? p.width - chartsWidth - 2 : p.width} height={shareHeight} from={from} to={to} />;
  return (
    <Box flexDirection="column">
      {header}
      {side ? (
        <Box flexDirection="row">
          {charts}
          <Box marginLeft={2}>{share}</Box>
        </Box>
      ) : (
        <>
          {share}
          {charts}
        </>
      )}
    </Box>
  );
}
