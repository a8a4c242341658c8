// Shares view: one bar per network with share, amount, 24 h change and a flag; problems spelled out below.
import React from 'react';
import type { NetworkRow, SourceRow } from '../../model/selectors.js';
import type { DisplayUnit } from '../../model/state.js';
import type { Metric } from '../../model/types.js';
import { formatMetric } from '../render/amount.js';
import { shareBar } from '../render/bar.js';
import { formatAge, formatChange, formatDuration, formatShare } from '../render/format.js';
import { dueIn, fit, wrap } from '../render/text.js';
import type { Theme } from '../theme.js';
import { Line, type Segment } from '../components/Line.js';
import { shorten } from '../layout/fitLine.js';

export interface SharesViewProps {
  readonly rows: readonly NetworkRow[];
  readonly sources: readonly SourceRow[];
  readonly metric: Metric;
  readonly unit: DisplayUnit;
  readonly priceUsd: number | undefined;
  readonly now: number;
  readonly width: number;
  readonly height: number;
  readonly selected: number;
  readonly theme: Theme;
  readonly ascii?: boolean;
}

const NAME_W = 15;
const SHARE_W = 6;
const CHANGE_W = 9;
const FLAG_W = 10;
const MAX_NOTE_LINES = 6;

/** Column widths for a terminal width; narrow terminals drop the flag, then the change, then shrink the amount. */
export function sharesLayout(width: number, unit: DisplayUnit) {
  let amountW = unit === 'sats' ? 20 : unit === 'usd' ? 9 : 14;
  let compact = unit === 'usd';
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
  return { bar: Math.max(0, width - fixed()), amountW, compact, flag, change };
}

type Tone = 'warn' | 'error' | 'muted';

/** The one flag a row shows, most severe first. */
export function flagFor(row: NetworkRow, now: number): { text: string; tone: Tone } | undefined {
  if (row.notTracked) return { text: row.metric === 'defi-tvl' ? 'no TVL' : 'no source', tone: 'muted' };
  if (row.value === undefined) {
    if (row.status === 'pending') return { text: 'waiting', tone: 'muted' };
    return { text: row.status === 'bad-data' ? 'bad data' : 'no data', tone: 'error' };
  }
  if (row.anomaly) return { text: `jump ${row.anomaly.change >= 0 ? '+' : ''}${Math.round(row.anomaly.change * 100)}%`, tone: 'error' };
  if (row.doubtful) return { text: 'doubtful', tone: 'error' };
  if (row.stale) return { text: `stale ${formatAge(now - (row.dataAt ?? row.at ?? now))}`, tone: 'warn' };
  if (row.outvoted) return { text: 'outvoted', tone: 'warn' };
  if (row.disagree.length > 0) return { text: 'disagree', tone: 'warn' };
  if (row.fallback) return { text: 'fallback', tone: 'warn' };
  if (row.meta.status?.state === 'sunset' || row.meta.status?.state === 'retired') return { text: row.meta.status.state, tone: 'muted' };
  return undefined;
}

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

/** Plain-language notes for rows that need explaining (failover, staleness, disagreement, jumps). */
export function notesFor(rows: readonly NetworkRow[], sources: readonly SourceRow[], now: number): string[] {
  const label = (id: string) => sources.find((s) => s.meta.id === id)?.meta.label ?? id;
  const notes: string[] = [];
  const silent: string[] = [];
  // A failing relay (the hub of --hub) makes every value stale for one reason: one note says it, not one per row.
  const relay = sources.find((s) => s.meta.role === 'relay' && s.status !== 'ok' && s.status !== 'pending');
  let relayed: { reason: string; oldest: number } | undefined;
  for (const r of rows) {
    if (r.notTracked) continue;
    const primaryId = r.meta.sources[0];
    const primary = sources.find((s) => s.meta.id === (r.metric === 'btc-locked' ? primaryId : r.meta.tvlSource));
    const retry = primary?.nextAttemptAt !== undefined ? `, retry ${dueIn(primary.nextAttemptAt, now, (ms) => formatDuration(ms, { coarse: true }))}` : '';
    if (r.value === undefined) {
      if (r.status === 'ok') silent.push(r.meta.name);
      else if (r.status !== 'pending') notes.push(`${r.meta.name} ${r.status}: ${r.error?.message ?? 'no answer'}${retry}`);
      continue;
    }
    if (r.anomaly) {
      const a = r.anomaly;
      const check = a.confirmedBy.length > 0
        ? `confirmed by ${a.confirmedBy.map(label).join(', ')}`
        : a.contradictedBy.length > 0 ? `NOT confirmed: ${a.contradictedBy.map(label).join(', ')} disagrees` : 'no second source to confirm it';
      notes.push(`${r.meta.name} moved ${pct(a.change)} within 24h; ${check}`);
    }
    if (r.doubtful) {
      notes.push(`${r.meta.name} DOUBTFUL: ${r.disagree.map((d) => `${label(d.sourceId)} ${pct(d.diff)}`).join(', ')} vs ${r.source?.label ?? 'the value shown'}, no majority`);
    } else if (r.outvoted) {
      notes.push(`${r.meta.name}: ${r.outvoted.label} outvoted (${r.disagree.filter((d) => d.sourceId === r.outvoted?.id).map((d) => pct(d.diff)).join('') || 'apart'}); two sources agree on ${r.source?.label ?? 'the value shown'}`);
    } else if (r.disagree.length > 0) {
      notes.push(`${r.meta.name}: sources disagree: ${r.disagree.map((d) => `${label(d.sourceId)} ${pct(d.diff)}`).join(', ')} vs ${r.source?.label ?? 'the value shown'}`);
    }
    for (const x of r.rejected) notes.push(`${r.meta.name}: ${label(x.sourceId)} refused: ${x.reason}`);
    if (r.note) notes.push(`${r.meta.name}: ${r.note}`);
    if (r.stale && relay && r.staleReason?.startsWith(relay.meta.label)) {
      relayed = { reason: r.staleReason, oldest: Math.min(relayed?.oldest ?? Infinity, r.dataAt ?? r.at ?? now) };
    } else if (r.stale) notes.push(`${r.meta.name} ${r.status}: ${r.staleReason ?? r.error?.message ?? 'no success for over two intervals'}${retry}; showing the value from ${formatAge(now - (r.dataAt ?? r.at ?? now))} ago`);
    else if (r.fallback) notes.push(`${r.meta.name}: ${primary?.meta.label ?? 'primary'} ${primary?.status ?? 'down'}${r.error ? ` (${r.error.message})` : ''}; using ${r.source?.label}`);
  }
  if (relayed) notes.unshift(`Every value is stale: ${relayed.reason}; showing the last values it sent (from up to ${formatAge(now - relayed.oldest)} ago)`);
  if (silent.length > 0) notes.push(`No current figure for ${silent.join(', ')} (their source answered without one)`);
  return notes;
}

/** Failing sources grouped by reason ("connection refused: 16 sources, retry in 1m"), fitted to `maxLines`. */
export function offlineLines(failing: readonly SourceRow[], now: number, width: number, maxLines: number): string[] {
  const groups = new Map<string, SourceRow[]>();
  for (const s of failing) {
    const reason = s.error?.message ?? s.status;
    groups.set(reason, [...(groups.get(reason) ?? []), s]);
  }
  const out: string[] = [];
  for (const [reason, list] of groups) {
    const next = Math.min(...list.map((s) => s.nextAttemptAt ?? Infinity));
    const retry = Number.isFinite(next) ? `, retry ${dueIn(next, now, (ms) => formatDuration(ms, { coarse: true }))}` : '';
    const who = list.length === 1 ? list[0]?.meta.label ?? '' : `${list.length} sources (${list.map((s) => s.meta.provider).filter((v, i, a) => a.indexOf(v) === i).join(', ')})`;
    out.push(...wrap(`  ${reason}: ${who}${retry}`, width, 2));
  }
  return out.length > maxLines ? [...out.slice(0, maxLines - 1), fit(`  ... and more: see 3 Sources`, width)] : out;
}

/** Which rows the view shows: the first one, how many, and whether each gets a second "via" line. */
export interface SharesWindow {
  readonly first: number;
  readonly shown: number;
  readonly details: boolean;
  readonly noData: boolean;
  readonly failing: readonly SourceRow[];
  readonly noteLines: readonly string[];
}

/** The rows that fit with the legend, notes and offline help below them, scrolled to keep the selection. */
export function sharesWindow(p: SharesViewProps): SharesWindow {
  const noData = p.rows.every((r) => r.value === undefined);
  const failing = p.sources.filter((s) => s.status === 'down' || s.status === 'bad-data');
  // Notes take up to 3 lines each, and the lines rows and legend leave free beyond MAX_NOTE_LINES.
  const maxNotes = Math.max(MAX_NOTE_LINES, p.height - p.rows.length - 2);
  const noteLines = noData ? [] : notesFor(p.rows, p.sources, p.now).flatMap((n) => wrap(n, p.width, 3)).slice(0, maxNotes);
  const reserve = 1 + (noteLines.length > 0 ? noteLines.length + 1 : 0) + (noData && failing.length > 0 ? Math.min(failing.length, 4) + 3 : 0);
  const rowSpace = Math.max(1, p.height - reserve);
  const details = rowSpace >= p.rows.length * 2;
  const shown = details ? p.rows.length : Math.min(p.rows.length, rowSpace);
  const first = Math.max(0, Math.min(p.selected - shown + 1, p.rows.length - shown));
  return { first, shown, details, noData, failing, noteLines };
}

/** The row index drawn on body line `line` (0-based), if a row is there. */
export function sharesRowAt(p: SharesViewProps, line: number): number | undefined {
  const w = sharesWindow(p);
  const k = Math.floor(line / (w.details ? 2 : 1));
  return line >= 0 && k < w.shown ? w.first + k : undefined;
}

export function SharesView(p: SharesViewProps): React.JSX.Element {
  const L = sharesLayout(p.width, p.unit);
  const ascii = p.ascii ?? false;
  const tone = (c: Tone) => (c === 'warn' ? p.theme.warn : c === 'error' ? p.theme.error : p.theme.muted);
  const { first, shown, details, noData, failing, noteLines } = sharesWindow(p);
  const lines: React.JSX.Element[] = [];

  p.rows.slice(first, first + shown).forEach((row, k) => {
    const i = first + k;
    const mark = i === p.selected ? (ascii ? '>' : '›') : ' ';
    const segs: Segment[] = [{ text: mark + fit(row.meta.name, NAME_W - 1) + ' ', bold: true, inverse: i === p.selected }];
    const flag = flagFor(row, p.now);
    if (row.value === undefined) {
      segs.push({ text: fit('', L.bar + 1 + SHARE_W + 1 + L.amountW) });
    } else {
      const barColor = p.theme.bars[i % p.theme.bars.length];
      segs.push({ text: shareBar(row.share ?? 0, L.bar, { ascii }), color: row.stale ? p.theme.muted : barColor });
      segs.push({ text: ' ' + fit(formatShare(row.share ?? 0), SHARE_W, 'right') });
      segs.push({ text: ' ' + fit(formatMetric(row.metric, row.value, p.unit, p.priceUsd, { compact: L.compact, decimals: 2, ascii }), L.amountW, 'right') });
    }
    if (L.change) {
      const since = row.change24h === null ? row.changeSinceStart : undefined;
      const ch = formatChange(since ? since.change : row.change24h, { ascii });
      const c = since ? p.theme.muted : ch.direction === 'up' ? p.theme.up : ch.direction === 'down' ? p.theme.down : p.theme.muted;
      // Less than 24 h of comparable history: the change since the first point, with its span ("3h +0.1%").
      const text = since ? `${formatAge(since.sinceMs)} ${ch.text.replace(/^\S+ /, '')}` : ch.text;
      segs.push({ text: ' ' + fit(row.value === undefined ? '' : text, CHANGE_W, 'right'), color: c });
    }
    if (L.flag) segs.push({ text: ' ' + fit(flag?.text ?? '', FLAG_W), color: flag ? tone(flag.tone) : undefined });
    lines.push(<Line key={`r${row.meta.id}`} segments={segs} />);
    if (details) {
      const via = row.source ? `via ${row.source.label} (${row.source.id})` : 'no source for this metric';
      lines.push(<Line key={`d${row.meta.id}`} segments={[{ text: fit(`${' '.repeat(NAME_W + 1)}${via}`, p.width), dim: true }]} />);
    }
  });

  const more = p.rows.length > shown ? `${p.rows.length - shown} more ${first > 0 ? (ascii ? '^' : '↑') : ''}${first + shown < p.rows.length ? (ascii ? 'v' : '↓') : ''} (Up/Down); ` : '';
  const what = p.metric === 'btc-locked' ? 'BTC locked per network' : 'DeFi TVL per chain (DefiLlama)';
  const legend = `${more}${what}, share of total${L.change ? ', 24h change' : ''}; Enter: detail`;
  lines.push(<Line key="legend" segments={[{ text: fit(shorten(legend, p.width), p.width), dim: true }]} />);

  if (noData && failing.length > 0) {
    // With --hub only the hub can answer: ask about it, and --demo does not go with --hub.
    const hub = failing.some((s) => s.meta.role === 'relay');
    const headline = hub ? 'No data yet: the hub has not answered. Is l2top serve running there?' : 'No data yet: no source has answered. Are you offline?';
    lines.push(<Line key="gap" segments={[{ text: '' }]} />);
    lines.push(<Line key="offline" segments={[{ text: fit(headline, p.width), color: p.theme.error, bold: true }]} />);
    for (const [j, text] of offlineLines(failing, p.now, p.width, Math.max(1, p.height - lines.length - 2)).entries()) {
      lines.push(<Line key={`o${j}`} segments={[{ text, color: p.theme.muted }]} />);
    }
    if (!hub) lines.push(<Line key="demo" segments={[{ text: fit('Run `l2top --demo` (npm run demo) to explore with SAMPLE data.', p.width), color: p.theme.accent }]} />);
  } else if (noteLines.length > 0) {
    lines.push(<Line key="gap" segments={[{ text: '' }]} />);
    noteLines.forEach((text, j) => lines.push(<Line key={`n${j}`} segments={[{ text, color: p.theme.warn }]} />));
  }
  return <>{lines.slice(0, p.height)}</>;
}
