// The three header lines: title and totals, freshness and health, view tabs.
import React from 'react';
import type { HeaderInfo, SectorInfo } from '../../model/selectors.js';
import type { DisplayUnit, ViewId } from '../../model/state.js';
import type { Metric } from '../../model/types.js';
import { formatMetric } from '../render/amount.js';
import { formatAge, formatChange, formatDuration, formatUsd } from '../render/format.js';
import { dueIn, fit } from '../render/text.js';
import type { Theme } from '../theme.js';
import { Line, segmentsWidth, type Segment } from './Line.js';

export interface HeaderProps {
  readonly info: HeaderInfo;
  readonly sector: SectorInfo;
  readonly metric: Metric;
  readonly view: ViewId;
  readonly unit: DisplayUnit;
  readonly demo: boolean;
  readonly now: number;
  readonly width: number;
  readonly sourceCount: number;
  /** The key shown on each tab (from the keymap, so remapped keys show). */
  readonly tabKeys: Readonly<Record<ViewId, string>>;
  readonly theme: Theme;
  readonly ascii?: boolean;
}

const TABS: readonly [ViewId, string][] = [['shares', 'Shares'], ['trends', 'Trends'], ['sources', 'Sources'], ['alerts', 'Alerts']];
const METRIC_LABEL: Readonly<Record<Metric, string>> = { 'btc-locked': 'BTC locked', 'defi-tvl': 'DeFi TVL' };
const UNIT_LABEL: Readonly<Record<DisplayUnit, string>> = { btc: 'BTC', sats: 'sats', usd: 'USD' };

/** Left and right segments on one line, the right ones flush to the edge when they fit. */
function spread(left: Segment[], right: Segment[], width: number): Segment[] {
  const gap = width - segmentsWidth(left) - segmentsWidth(right);
  if (gap < 1) return fitSegments(left, width);
  return [...left, { text: ' '.repeat(gap) }, ...right];
}

export function Header(p: HeaderProps): React.JSX.Element {
  const { info, theme } = p;
  const ascii = p.ascii ?? false;
  const metricLabel = METRIC_LABEL[p.metric];
  const title: Segment[] = p.demo
    ? [{ text: ' SAMPLE DATA ', color: theme.sample, inverse: true, bold: true }, { text: ` l2top ${metricLabel}`, bold: true }]
    : [{ text: 'l2top', bold: true }, { text: ` ${metricLabel}`, bold: true, color: theme.accent }];
  const total = info.networksWithData > 0 ? formatMetric(p.metric, info.total, p.unit, info.priceUsd, { decimals: 2, ascii, compact: p.metric === 'defi-tvl' || p.width < 72 }) : '-';
  const price = info.priceUsd !== undefined ? `${formatUsd(info.priceUsd)}${info.priceStale ? ' (stale)' : ''}` : '-';
  const totals: Segment[] = [
    { text: 'total ', color: theme.muted }, { text: total, bold: true },
    { text: '  BTC/USD ', color: theme.muted }, { text: price, color: info.priceStale ? theme.warn : undefined },
  ];

  const fresh = info.newestAgeMs !== undefined ? `updated ${formatAge(info.newestAgeMs)} ago` : 'waiting for first answers';
  const next = info.nextPollAt !== undefined ? `next poll ${dueIn(info.nextPollAt, p.now, (ms) => formatDuration(ms, { coarse: true }))}` : '';
  const okCount = p.sourceCount - info.pending - info.failing;
  const health: Segment = info.failing > 0
    ? { text: `${info.failing} of ${p.sourceCount} sources failing (3: details)`, color: theme.error }
    : { text: `${okCount}/${p.sourceCount} sources ok`, color: info.pending > 0 ? theme.warn : theme.ok };
  const status: Segment[] = [{ text: [fresh, next].filter(Boolean).join(', ') + '  ', color: theme.muted }, health];
  const { sector } = p;
  const sectorText = sector.shareOfSupply !== undefined
    ? `${(sector.shareOfSupply * 100).toFixed(2)}% of all bitcoin is on these L2s`
    : 'share of all bitcoin: waiting for the block height';
  const trend = (label: string, x: number | null) => (x === null ? '' : `  ${label} ${formatChange(x, { ascii }).text}`);
  const sectorLine: Segment[] = [
    { text: sectorText, bold: sector.shareOfSupply !== undefined },
    { text: `${trend('30d', sector.change30d)}${trend('90d', sector.change90d)}`, color: theme.muted },
  ];

  const tabs: Segment[] = [];
  for (const [id, label] of TABS) {
    tabs.push({ text: ` ${p.tabKeys[id]} ${label} `, inverse: id === p.view, bold: id === p.view, color: id === p.view ? theme.accent : undefined });
    tabs.push({ text: ' ' });
  }
  const hint: Segment[] = [{ text: `unit ${UNIT_LABEL[p.unit]}  ? help`, color: theme.muted }];
  if (p.width < 64) tabs.splice(0, tabs.length, ...tabs.map((t) => ({ ...t, text: t.text.replace(/ (\w)\w+ $/, ' $1 ') })));
  const rule = (ascii ? '-' : '─').repeat(p.width);
  return (
    <>
      <Line segments={spread(title, totals, p.width)} />
      <Line segments={fitSegments(sectorLine, p.width)} />
      <Line segments={fitSegments(status, p.width)} />
      <Line segments={spread(tabs, hint, p.width)} />
      <Line segments={[{ text: rule, color: theme.muted }]} />
    </>
  );
}

/** Cuts a list of segments to `width`, truncating the last one that overflows. */
export function fitSegments(segments: readonly Segment[], width: number): Segment[] {
  const out: Segment[] = [];
  let used = 0;
  for (const s of segments) {
    const w = [...s.text].length;
    if (used + w <= width) {
      out.push(s);
      used += w;
      continue;
    }
    if (width - used > 0) out.push({ ...s, text: fit(s.text, width - used) });
    used = width;
    break;
  }
  return out;
}
