// The header: title and totals, the sector line, freshness and health, view tabs with sort/filter, a rule.
import React from 'react';
import type { HeaderInfo, SectorInfo } from '../../model/selectors.js';
import type { Metric } from '../../model/types.js';
import { formatMetric } from '../render/amount.js';
import { formatAge, formatChange, formatDuration, formatUsd } from '../render/format.js';
import { dueIn, fit } from '../render/text.js';
import type { Theme } from '../theme.js';
import { fitParts, type Part } from '../layout/fitLine.js';
import { Line, segmentsWidth, type Segment } from './Line.js';
import { tabBar, type TabBarProps } from './tabBar.js';

export interface HeaderProps extends Omit<TabBarProps, 'width' | 'theme'> {
  readonly info: HeaderInfo;
  readonly sector: SectorInfo;
  readonly metric: Metric;
  readonly demo: boolean;
  /** Served from a recording (--replay): the title says REPLAY. Default false. */
  readonly replay?: boolean;
  readonly now: number;
  readonly width: number;
  readonly sourceCount: number;
  readonly theme: Theme;
  readonly ascii?: boolean;
}

const METRIC_LABEL: Readonly<Record<Metric, string>> = { 'btc-locked': 'BTC locked', 'defi-tvl': 'DeFi TVL' };

/** Left and right segments on one line, the right ones flush to the edge when they fit. */
function spread(left: Segment[], right: Segment[], width: number): Segment[] {
  const gap = width - segmentsWidth(left) - segmentsWidth(right);
  if (gap < 1) return fitSegments(left, width);
  return [...left, { text: ' '.repeat(gap) }, ...right];
}

/** Freshness and source health, most important first when the line is short: failures, then ages. */
function statusParts(p: HeaderProps): Part[] {
  const { info, theme } = p;
  const next = info.nextPollAt !== undefined ? dueIn(info.nextPollAt, p.now, (ms) => formatDuration(ms, { coarse: true })) : undefined;
  const details = `(${p.tabKeys.sources}: details)`;
  if (info.networksWithData === 0 && info.pending === 0 && info.failing > 0 && info.failing === p.sourceCount) {
    return [
      { segments: [{ text: `every source failed (${info.failing} of ${p.sourceCount})`, color: theme.error, bold: true }], priority: 0, shrink: true },
      ...(next ? [{ segments: [{ text: `next try ${next}`, color: theme.muted }], priority: 2 }] : []),
      { segments: [{ text: details, color: theme.error }], priority: 1 },
    ];
  }
  const fresh = info.newestAgeMs !== undefined ? `updated ${formatAge(info.newestAgeMs)} ago` : 'waiting for first answers';
  const okCount = p.sourceCount - info.pending - info.failing - info.stale;
  const stale = info.stale > 0 ? `, ${info.stale} stale` : '';
  const health: Part = info.failing > 0
    ? { segments: [{ text: `${info.failing} of ${p.sourceCount} sources failing${stale} ${details}`, color: theme.error }], priority: 0, shrink: true }
    : { segments: [{ text: `${okCount}/${p.sourceCount} sources ok${stale}`, color: info.pending > 0 || info.stale > 0 ? theme.warn : theme.ok }], priority: 0 };
  // A headline over numbers whose like-for-like sources disagree with no majority is marked, never shown as good.
  const doubtful: Part[] = info.doubtful.length > 0
    ? [{ segments: [{ text: `DOUBTFUL: ${info.doubtful.join(', ')}`, color: theme.error, bold: true }], priority: 0, shrink: true }]
    : [];
  return [
    ...doubtful,
    { segments: [{ text: [fresh, next ? `next poll ${next}` : ''].filter(Boolean).join(', '), color: theme.muted }], priority: 1, shrink: true },
    health,
  ];
}

export function Header(p: HeaderProps): React.JSX.Element {
  const { info, theme } = p;
  const ascii = p.ascii ?? false;
  const metricLabel = METRIC_LABEL[p.metric];
  const title: Segment[] = p.demo
    ? [{ text: ' SAMPLE DATA ', color: theme.sample, inverse: true, bold: true }, { text: ` l2top ${metricLabel}`, bold: true }]
    : p.replay
    ? [{ text: ' REPLAY ', color: theme.sample, inverse: true, bold: true }, { text: ` l2top ${metricLabel}`, bold: true }]
    : [{ text: 'l2top', bold: true }, { text: ` ${metricLabel}`, bold: true, color: theme.accent }];
  const total = info.networksWithData > 0
    ? `${info.doubtful.length > 0 ? '~' : ''}${formatMetric(p.metric, info.total, p.unit, info.priceUsd, { decimals: 2, ascii, compact: p.metric === 'defi-tvl' || p.width < 72 })}`
    : '-';
  const price = info.priceUsd !== undefined ? `${formatUsd(info.priceUsd)}${info.priceStale ? ' (stale)' : ''}` : '-';
  const totals: Segment[] = [
    { text: 'total ', color: theme.muted }, { text: total, bold: true },
    { text: '  BTC/USD ', color: theme.muted }, { text: price, color: info.priceStale ? theme.warn : undefined },
  ];

  const { sector } = p;
  const sectorText = sector.shareOfSupply !== undefined
    ? `${(sector.shareOfSupply * 100).toFixed(2)}% of all bitcoin is on these L2s`
    : 'share of all bitcoin: waiting for the block height';
  const trend = (label: string, x: number | null): Part[] => (x === null ? [] : [{ segments: [{ text: `${label} ${formatChange(x, { ascii }).text}`, color: theme.muted }], priority: 1 }]);
  const sectorLine: Part[] = [
    { segments: [{ text: sectorText, bold: sector.shareOfSupply !== undefined }], priority: 0, shrink: true },
    ...trend('30d', sector.change30d), ...trend('90d', sector.change90d),
  ];
  const rule = (ascii ? '-' : '─').repeat(p.width);
  return (
    <>
      <Line segments={spread(title, totals, p.width)} />
      <Line segments={fitParts(sectorLine, p.width)} />
      <Line segments={fitParts(statusParts(p), p.width)} />
      <Line segments={tabBar({ ...p, width: p.width, theme }).segments} />
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
