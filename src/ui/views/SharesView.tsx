// Shares view: one bar per network with share, amount, 24 h change and a stale/error flag.
import React from 'react';
import type { NetworkRow, SourceRow } from '../../model/selectors.js';
import type { DisplayUnit } from '../../model/state.js';
import { shareBar } from '../render/bar.js';
import { formatAge, formatAmount, formatChange, formatDuration, formatShare } from '../render/format.js';
import { dueIn, fit, wrap } from '../render/text.js';
import type { Theme } from '../theme.js';
import { Line, type Segment } from '../components/Line.js';

export interface SharesViewProps {
  readonly rows: readonly NetworkRow[];
  readonly sources: readonly SourceRow[];
  readonly unit: DisplayUnit;
  readonly priceUsd: number | undefined;
  readonly now: number;
  readonly width: number;
  readonly height: number;
  readonly theme: Theme;
  readonly ascii?: boolean;
}

const NAME_W = 14;
const SHARE_W = 6;
const CHANGE_W = 9;
const FLAG_W = 10;

/** Column widths for a terminal width; narrow terminals drop the flag, then the change, then shrink the amount. */
export function sharesLayout(width: number, unit: DisplayUnit) {
  const fullAmount = unit === 'sats' ? 20 : unit === 'usd' ? 16 : 14;
  let amountW = fullAmount;
  let compact = false;
  let flag = true;
  let change = true;
  const fixed = () => NAME_W + 1 + 1 + SHARE_W + 1 + amountW + (change ? 1 + CHANGE_W : 0) + (flag ? 1 + FLAG_W : 0);
  const minBar = 8;
  if (width - fixed() < minBar) flag = false;
  if (width - fixed() < minBar) change = false;
  if (width - fixed() < minBar) {
    amountW = 10;
    compact = true;
  }
  const bar = Math.max(0, width - fixed());
  return { bar, amountW, compact, flag, change };
}

function flagFor(row: NetworkRow, now: number): { text: string; color: 'warn' | 'error' | 'muted' } | undefined {
  if (row.sats === undefined) {
    if (row.status === 'pending') return { text: 'waiting', color: 'muted' };
    return { text: row.status === 'bad-data' ? 'bad data' : 'no data', color: 'error' };
  }
  if (!row.stale) return undefined;
  return { text: `stale ${formatAge(now - (row.at ?? now))}`, color: 'warn' };
}

function noteFor(row: NetworkRow, src: SourceRow | undefined, now: number): string | undefined {
  if (row.status === 'ok' || row.status === 'pending') return undefined;
  const why = row.error ? row.error.message : 'no success for over two intervals';
  const retry = src?.nextAttemptAt !== undefined ? `, retry ${dueIn(src.nextAttemptAt, now, (ms) => formatDuration(ms, { coarse: true }))}` : '';
  const kept = row.sats !== undefined ? `; showing the value from ${formatAge(now - (row.at ?? now))} ago` : '';
  return `${row.meta.name} ${row.status}: ${why}${retry}${kept}`;
}

export function SharesView(p: SharesViewProps): React.JSX.Element {
  const L = sharesLayout(p.width, p.unit);
  const problems = p.rows.filter((r) => r.status !== 'ok' && r.status !== 'pending').length;
  // A dim "via <source>" line under each row when the height allows it.
  const details = p.height >= p.rows.length * 2 + 1 + (problems > 0 ? 2 * problems + 1 : 0);
  const color = (c: 'warn' | 'error' | 'muted') => (c === 'warn' ? p.theme.warn : c === 'error' ? p.theme.error : p.theme.muted);
  const lines: React.JSX.Element[] = [];

  p.rows.forEach((row, i) => {
    const barColor = p.theme.bars[i % p.theme.bars.length];
    const segs: Segment[] = [{ text: fit(row.meta.name, NAME_W) + ' ', bold: true }];
    const flag = flagFor(row, p.now);
    if (row.sats === undefined) {
      segs.push({ text: fit('', L.bar + 1 + SHARE_W + 1 + L.amountW) });
    } else {
      segs.push({ text: shareBar(row.share ?? 0, L.bar, { ascii: p.ascii ?? false }), color: row.stale ? p.theme.muted : barColor });
      segs.push({ text: ' ' + fit(formatShare(row.share ?? 0), SHARE_W, 'right') });
      segs.push({ text: ' ' + fit(formatAmount(row.sats, p.unit, p.priceUsd, { compact: L.compact || p.unit === 'usd', decimals: 2, ascii: p.ascii ?? false }), L.amountW, 'right') });
    }
    if (L.change) {
      const ch = formatChange(row.change24h, { ascii: p.ascii ?? false });
      const c = ch.direction === 'up' ? p.theme.up : ch.direction === 'down' ? p.theme.down : p.theme.muted;
      segs.push({ text: ' ' + fit(row.sats === undefined ? '' : ch.text, CHANGE_W, 'right'), color: c });
    }
    if (L.flag) segs.push({ text: ' ' + fit(flag?.text ?? '', FLAG_W), color: flag ? color(flag.color) : undefined });
    lines.push(<Line key={`r${row.meta.id}`} segments={segs} />);
    if (details) {
      const via = row.source ? `via ${row.source.label} (${row.source.id})` : 'no source configured';
      lines.push(<Line key={`d${row.meta.id}`} segments={[{ text: fit(`${' '.repeat(NAME_W + 1)}${via}`, p.width), dim: true }]} />);
    }
  });

  const legend = `BTC locked per network; share of the total shown; ${L.change ? '24h change of BTC; ' : ''}u: units`;
  lines.push(<Line key="legend" segments={[{ text: fit(legend, p.width), dim: true }]} />);

  const noData = p.rows.every((r) => r.sats === undefined);
  const failing = p.sources.filter((s) => s.status === 'down' || s.status === 'bad-data');
  if (noData && failing.length > 0) {
    lines.push(<Line key="gap" segments={[{ text: '' }]} />);
    lines.push(<Line key="offline" segments={[{ text: fit('No data yet: no source has answered. Are you offline?', p.width), color: p.theme.error, bold: true }]} />);
    for (const s of failing) {
      const retry = s.nextAttemptAt !== undefined ? `, retry ${dueIn(s.nextAttemptAt, p.now, (ms) => formatDuration(ms, { coarse: true }))}` : '';
      lines.push(<Line key={`o${s.meta.id}`} segments={[{ text: fit(`  ${s.meta.label}: ${s.error?.message ?? s.status}${retry}`, p.width), color: p.theme.muted }]} />);
    }
    lines.push(<Line key="demo" segments={[{ text: fit('Run `l2top --demo` (npm run demo) to explore with SAMPLE data.', p.width), color: p.theme.accent }]} />);
  } else {
    const notes = p.rows
      .map((r) => noteFor(r, p.sources.find((s) => s.meta.id === r.source?.id), p.now))
      .filter((n): n is string => n !== undefined);
    if (notes.length > 0) lines.push(<Line key="gap" segments={[{ text: '' }]} />);
    notes.forEach((n, i) => wrap(n, p.width, 2).forEach((text, j) =>
      lines.push(<Line key={`n${i}-${j}`} segments={[{ text, color: p.theme.warn }]} />)));
  }
  return <>{lines.slice(0, p.height)}</>;
}
