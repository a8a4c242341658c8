// Trends view: per-network charts over the chosen range and a share-over-time (dominance) chart beside them.
import { Box } from 'ink';
import React from 'react';
import type { NetworkRow } from '../../model/selectors.js';
import { pointsOf, timeAt, type Series } from '../../model/series.js';
import { RANGE_MS, type DisplayUnit, type RangeId } from '../../model/state.js';
import type { Metric } from '../../model/types.js';
import { convertSeries, formatMetric } from '../render/amount.js';
import { chartColumns, renderChart } from '../render/chart.js';
import { dominanceGrid, fillFor } from '../render/dominance.js';
import { formatChange, formatDuration, formatShare } from '../render/format.js';
import { sparkline } from '../render/sparkline.js';
import { resample } from '../render/resample.js';
import { fit } from '../render/text.js';
import type { Theme } from '../theme.js';
import { Line, type Segment } from '../components/Line.js';

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

/** 3 significant digits with K/M/B/T: 4608.2 -> "4.61K". */
export function compactNumber(v: number): string {
  const abs = Math.abs(v);
  const steps: [number, string][] = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'K']];
  for (const [size, suffix] of steps) if (abs >= size) return `${(v / size).toPrecision(3)}${suffix}`;
  return abs >= 1 ? v.toPrecision(3) : v.toFixed(2);
}

function NetworkCharts(p: TrendsViewProps & { readonly from: number; readonly to: number; readonly prices: (number | null)[] }): React.JSX.Element {
  const ascii = p.ascii ?? false;
  const perChart = p.height >= 24 ? Math.floor(p.height / 3) : p.height >= 8 ? Math.floor(p.height / 2) : Math.max(2, p.height);
  const count = Math.max(1, Math.floor(p.height / perChart));
  const start = Math.max(0, Math.min(p.selected, p.rows.length - count));
  const cols = chartColumns(p.width, LABEL_W);
  const out: React.JSX.Element[] = [];
  for (const [k, row] of p.rows.slice(start, start + count).entries()) {
    const s = p.series[row.meta.id];
    const raw = s && s.length > 0 ? resample(pointsOf(s), p.from, p.to, cols) : [];
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
  if (p.rows.length > count) {
    out.push(<Line key="more" segments={[{ text: fit(`  networks ${start + 1}-${Math.min(p.rows.length, start + count)} of ${p.rows.length} (Up/Down)`, p.width), dim: true }]} />);
  }
  return <Box flexDirection="column">{out.slice(0, p.height)}</Box>;
}

/** Networks drawn on their own in the share chart; the rest are summed as "others". */
const SHARE_TOP = 5;

function ShareChart(p: TrendsViewProps & { readonly from: number; readonly to: number }): React.JSX.Element {
  const ascii = p.ascii ?? false;
  const tracked = p.rows.filter((r) => !r.notTracked && r.value !== undefined);
  const cols = Math.max(1, p.width - 2);
  const sampled = tracked.map((r) => {
    const s = p.series[r.meta.id];
    return s && s.length > 0 ? resample(pointsOf(s), p.from, p.to, cols) : [];
  });
  const top = tracked.slice(0, SHARE_TOP);
  const rest = sampled.slice(SHARE_TOP);
  const others = rest.length === 0 ? [] : [Array.from({ length: cols }, (_, c) => {
    const vs = rest.map((v) => v[c] ?? null).filter((v): v is number => v !== null);
    return vs.length === 0 ? null : vs.reduce((a, b) => a + b, 0);
  })];
  const perNetwork = [...sampled.slice(0, SHARE_TOP), ...others];
  const names = [...top.map((r) => r.meta.name), ...(others.length > 0 ? [`${rest.length} others`] : [])];
  // Per column, each network's value or null (no data then: left out, not counted as zero).
  const shares = Array.from({ length: cols }, (_, c) => {
    const col = perNetwork.map((v) => v[c] ?? null);
    return col.some((v) => v !== null) ? col : null;
  });
  const title = `Share of ${p.metric === 'btc-locked' ? 'BTC locked' : 'DeFi TVL'}, last ${p.range}`;
  const legendLines = Math.ceil(names.length / Math.max(1, Math.floor(p.width / 16)));
  const gridHeight = p.height - 1 - legendLines;
  // A stacked chart needs height to show every series; when short, one sparkline row per network.
  if (gridHeight < 2 * names.length) return <ShareRows names={names} shares={shares} title={title} {...p} />;
  const grid = dominanceGrid(shares.map((col) => col && col.map((v) => v ?? 0)), gridHeight);
  const out: React.JSX.Element[] = [<Line key="title" segments={[{ text: fit(title, p.width), bold: true }]} />];
  grid.forEach((row, y) => {
    const segs: Segment[] = [{ text: ascii ? '|' : '│', color: p.theme.muted }];
    for (const cell of row) segs.push(cell < 0 ? { text: ' ' } : { text: fillFor(cell, ascii), color: p.theme.bars[cell % p.theme.bars.length] });
    out.push(<Line key={`g${y}`} segments={segs} />);
  });
  const legend: Segment[] = [];
  names.forEach((name, i) => legend.push({ text: fillFor(i, ascii), color: p.theme.bars[i % p.theme.bars.length] }, { text: ` ${fit(name, 13)} ` }));
  const perLine = Math.max(1, Math.floor(p.width / 16)) * 2;
  for (let i = 0; i < legend.length; i += perLine) out.push(<Line key={`l${i}`} segments={legend.slice(i, i + perLine)} />);
  return <Box flexDirection="column">{out.slice(0, p.height)}</Box>;
}

/** Share over time as one sparkline row per network, with its lowest, highest and current share. */
function ShareRows(p: TrendsViewProps & { readonly names: string[]; readonly shares: ((number | null)[] | null)[]; readonly title: string }): React.JSX.Element {
  const ascii = p.ascii ?? false;
  const nameW = 14;
  const statsW = 21;
  const sparkW = Math.max(4, p.width - nameW - statsW - 2);
  const step = p.shares.length / sparkW;
  const out: React.JSX.Element[] = [
    <Line key="t" segments={[{ text: fit(`${p.title}${' '.repeat(Math.max(1, p.width - p.title.length - statsW))}`, p.width - statsW), bold: true }, { text: fit('  low   high    now', statsW, 'right'), dim: true }]} />,
  ];
  p.names.forEach((name, i) => {
    const series = Array.from({ length: sparkW }, (_, c) => {
      const col = p.shares[Math.min(p.shares.length - 1, Math.floor(c * step))];
      const mine = col?.[i];
      if (!col || mine === null || mine === undefined) return null;
      const total = col.reduce((a: number, b) => a + (b ?? 0), 0);
      return total > 0 ? mine / total : null;
    });
    const known = series.filter((v): v is number => v !== null);
    const stats = known.length === 0 ? '' : `${formatShare(Math.min(...known))} ${formatShare(Math.max(...known))} ${formatShare(known[known.length - 1] ?? 0)}`;
    out.push(
      <Line key={`s${i}`} segments={[
        { text: fit(name, nameW) + ' ' },
        { text: sparkline(series, { ascii }), color: p.theme.bars[i % p.theme.bars.length] },
        { text: ' ' + fit(stats, statsW, 'right') },
      ]} />,
    );
  });
  return <Box flexDirection="column">{out.slice(0, p.height)}</Box>;
}

export function TrendsView(p: TrendsViewProps): React.JSX.Element {
  const to = p.now;
  const from = to - Math.min(RANGE_MS[p.range], p.windowMs);
  const usdNote = p.unit === 'usd' || p.metric === 'defi-tvl' ? '; USD at each point\'s own BTC price' : '';
  const header = <Line segments={[{ text: fit(`Range ${p.range} ([ ] to change); unit ${p.unit.toUpperCase()}${usdNote}`, p.width), dim: true }]} />;
  const body = p.height - 1;
  const side = p.width >= SIDE_BY_SIDE;
  const chartsWidth = side ? Math.floor(p.width * 0.6) : p.width;
  const shareHeight = side ? body : Math.min(SHARE_TOP + 2, Math.max(4, Math.floor(body * 0.45)));
  const cols = chartColumns(chartsWidth, LABEL_W);
  const prices = p.priceSeries.length > 0 ? resample(pointsOf(p.priceSeries), from, to, cols) : new Array<number | null>(cols).fill(p.priceUsd ?? null);
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
