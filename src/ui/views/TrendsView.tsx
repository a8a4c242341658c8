// Trends view: one asciichart per network over the window, resampled to the width.
import React from 'react';
import type { NetworkRow } from '../../model/selectors.js';
import { pointsOf, timeAt, type Series } from '../../model/series.js';
import type { DisplayUnit } from '../../model/state.js';
import { chartColumns, renderChart } from '../render/chart.js';
import { formatAmount, formatChange, formatDuration } from '../render/format.js';
import { resample } from '../render/resample.js';
import { fit } from '../render/text.js';
import type { Theme } from '../theme.js';
import { Line } from '../components/Line.js';

export interface TrendsViewProps {
  readonly rows: readonly NetworkRow[];
  readonly series: Readonly<Record<string, Series>>;
  readonly backfilledUntil: Readonly<Record<string, number>>;
  readonly unit: DisplayUnit;
  readonly priceUsd: number | undefined;
  readonly now: number;
  readonly windowMs: number;
  readonly width: number;
  readonly height: number;
  readonly theme: Theme;
  readonly ascii?: boolean;
}

const LABEL_W = 10;

/** The time span a chart covers: from the oldest point in the window (or now - window) to now. */
export function chartSpan(s: Series | undefined, now: number, windowMs: number): { from: number; to: number } {
  const from = s && s.length > 0 ? Math.max(now - windowMs, timeAt(s, 0)) : now - windowMs;
  return { from, to: Math.max(now, from + 1) };
}

export function TrendsView(p: TrendsViewProps): React.JSX.Element {
  const n = Math.max(1, p.rows.length);
  const per = Math.floor(p.height / n);
  const chartRows = per - 1; // one title line per network
  const ascii = p.ascii ?? false;
  const out: React.JSX.Element[] = [];
  for (const [i, row] of p.rows.entries()) {
    const s = p.series[row.meta.id];
    const { from, to } = chartSpan(s, p.now, p.windowMs);
    const cols = chartColumns(p.width, LABEL_W);
    const values = s && s.length > 0 ? resample(pointsOf(s), from, to, cols) : [];
    const amount = row.sats !== undefined ? formatAmount(row.sats, p.unit, p.priceUsd, { decimals: 2, ascii }) : 'no data';
    const ch = formatChange(row.change24h, { ascii });
    const backfill = p.backfilledUntil[row.meta.id] !== undefined ? ', incl. backfilled history' : '';
    const span = s && s.length > 0 ? `last ${formatDuration(to - from, { coarse: true })}${backfill}` : 'collecting';
    const title = `${row.meta.name}  ${amount}  ${ch.direction === 'none' ? '' : ch.text + ' 24h  '}(${span}${row.stale ? ', stale' : ''})`;
    out.push(<Line key={`t${row.meta.id}`} segments={[{ text: fit(title, p.width), bold: true, color: p.theme.bars[i % p.theme.bars.length] }]} />);
    if (chartRows < 1) continue;
    const toUnit = (sats: number) => formatAmount(sats, p.unit, p.priceUsd, { compact: true, ascii }).replace(/ (BTC|sats)$/, '');
    const lines = renderChart(values, {
      height: Math.max(1, chartRows - 1),
      width: p.width,
      ascii,
      labelWidth: LABEL_W,
      formatLabel: toUnit,
      emptyText: row.sats === undefined ? 'no data yet' : 'collecting: one point so far',
    });
    lines.slice(0, chartRows).forEach((l, j) => out.push(<Line key={`c${row.meta.id}${j}`} segments={[{ text: fit(l, p.width) }]} />));
  }
  return <>{out.slice(0, p.height)}</>;
}
