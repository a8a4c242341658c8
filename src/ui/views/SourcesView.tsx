// Sources view: the health table of every upstream (status, last success, latency, failures, next try, reason).
import React from 'react';
import type { HookRow } from '../../model/hooks.js';
import type { SourceRow } from '../../model/selectors.js';
import type { StorageStatus } from '../../model/state.js';
import { formatAge, formatClock, formatDuration } from '../render/format.js';
import { dueIn, fit, widthOf } from '../render/text.js';
import { statusColor, type Theme } from '../theme.js';
import { Line } from '../components/Line.js';
import { Table, type Column } from '../components/Table.js';

export interface SourcesViewProps {
  readonly sources: readonly SourceRow[];
  /** Alert hooks (webhook, command), listed after the sources as "hook: …" rows. Default none. */
  readonly hooks?: readonly HookRow[];
  readonly now: number;
  readonly width: number;
  readonly height: number;
  readonly theme: Theme;
  readonly ascii?: boolean;
  /** First source shown when they do not all fit (Up/Down scroll). */
  readonly offset?: number;
  /** The state directory's status: one more row, "state", after the sources. */
  readonly storage?: StorageStatus | undefined;
}

/** The "state" row: where the window is kept on disk and how that goes. */
function storageRow(s: StorageStatus, theme: Theme) {
  const color = s.status === 'ok' ? theme.ok : s.status === 'failed' ? theme.error : theme.warn;
  return {
    source: { text: 'state (on disk)' }, network: { text: 'all' }, status: { text: s.status, color }, last: { text: '-' }, latency: { text: '-' },
    fails: { text: '-' }, next: { text: '-' }, reason: { text: `${s.message} (${s.path})`, color: s.status === 'ok' ? theme.muted : color },
  };
}

const COLUMNS: readonly Column[] = [
  { key: 'network', title: 'For', width: 9, priority: 5 },
  { key: 'status', title: 'Status', width: 8, priority: 1 },
  { key: 'last', title: 'Last ok', width: 7, priority: 3, align: 'right' },
  { key: 'latency', title: 'Latency', width: 7, priority: 6, align: 'right' },
  { key: 'fails', title: 'Fails', width: 5, priority: 7, align: 'right' },
  { key: 'next', title: 'Next', width: 6, priority: 4, align: 'right' },
  { key: 'reason', title: 'Reason', width: 12, flex: true, priority: 2 },
];

/** Width of every column but Source at full layout, with the separators and room for a 32-column reason. */
const OTHERS_W = COLUMNS.filter((c) => !c.flex).reduce((n, c) => n + c.width + 1, 1) + 32;

/**
 * The columns; the Source column is as wide as the longest label (at least 16). Up to 30 columns always;
 * wider only where the full labels still leave every other column and 32 columns for the reason.
 */
export function columnsFor(sources: readonly SourceRow[], width: number, hooks: readonly HookRow[] = []): Column[] {
  const longest = Math.max(16, ...sources.map((s) => widthOf(s.meta.label)), ...hooks.map((h) => widthOf(h.label)));
  return [{ key: 'source', title: 'Source', width: Math.min(longest, Math.max(30, width - OTHERS_W)), priority: 0 }, ...COLUMNS];
}

/** How many sources fit in `height` rows (table header and a legend or scroll line take the rest) and the largest offset. */
export function sourcesWindow(count: number, height: number): { readonly withLegend: boolean; readonly space: number; readonly max: number } {
  const withLegend = height - 3 >= count + 1;
  const space = Math.max(1, height - (withLegend ? 3 : 2));
  return { withLegend, space, max: Math.max(0, count - space) };
}

export function SourcesView(p: SourcesViewProps): React.JSX.Element {
  const rows: Record<string, { text: string; color?: string }>[] = p.sources.map((s) => {
    const status = s.inFlight && s.status === 'pending' ? 'polling' : s.status;
    const waiting = s.rateLimited ? `rate-limited by ${s.rateLimited.provider} until ${formatClock(s.rateLimited.until, p.now)}` : undefined;
    const reason = s.error
      ? s.error.message
      : waiting !== undefined
        ? waiting
        : s.meta.polls
        ? s.status === 'stale' ? s.staleReason ?? 'no success for over two intervals' : s.rejected !== undefined ? `refused: ${s.rejected}` : s.meta.path
        : s.historyPoints !== undefined ? `backfill: ${s.historyPoints} points` : 'backfill (once at start)';
    return {
      source: { text: s.meta.label },
      network: { text: s.meta.role === 'price' ? 'price' : s.meta.role === 'block-height' ? 'height' : s.meta.role === 'relay' ? 'all' : s.meta.networks.length === 1 ? (s.meta.networks[0] ?? '') : `${s.meta.networks.length} nets` },
      status: { text: status, color: statusColor(p.theme, s.status) },
      last: { text: s.lastSuccessAt !== undefined ? formatAge(p.now - s.lastSuccessAt) : '-' },
      latency: { text: s.latencyMs !== undefined ? formatDuration(s.latencyMs) : '-' },
      fails: { text: String(s.consecutiveFailures) },
      next: { text: s.inFlight ? 'now' : s.nextAttemptAt !== undefined ? dueIn(s.nextAttemptAt, p.now, (ms) => formatDuration(ms, { coarse: true })).replace(/^in /, '') : '-' },
      reason: { text: reason, color: s.error ? statusColor(p.theme, s.status) : waiting !== undefined ? p.theme.warn : p.theme.muted },
    };
  });
  if (p.storage) rows.push(storageRow(p.storage, p.theme));
  const hookStatus = { ok: 'ok', failing: 'down', pending: 'pending' } as const;
  for (const h of p.hooks ?? []) {
    const dropped = h.dropped > 0 ? `; ${h.dropped} dropped (queue full)` : '';
    rows.push({
      source: { text: h.label },
      network: { text: 'alerts' },
      status: { text: h.status === 'pending' && h.inFlight > 0 ? 'sending' : h.status, color: statusColor(p.theme, hookStatus[h.status]) },
      last: { text: h.lastSuccessAt !== undefined ? formatAge(p.now - h.lastSuccessAt) : '-' },
      latency: { text: h.latencyMs !== undefined ? formatDuration(h.latencyMs) : '-' },
      fails: { text: String(h.consecutiveFailures) },
      next: { text: h.inFlight > 0 ? 'now' : '-' },
      reason: {
        text: (h.lastError ?? (h.delivered > 0 ? `${h.delivered} alerts delivered to ${h.target}` : `fired alerts go to ${h.target}`)) + dropped,
        color: h.lastError !== undefined ? statusColor(p.theme, 'down') : p.theme.muted,
      },
    });
  }
  const legend = 'ok: answered recently; stale: no recent success or old upstream data; down: no answer; bad-data: failed validation or implausible';
  const { withLegend, space, max } = sourcesWindow(rows.length, p.height);
  const first = Math.max(0, Math.min(p.offset ?? 0, max));
  const shown = rows.slice(first, first + space);
  const more = rows.length > space ? `sources ${first + 1}-${first + shown.length} of ${rows.length} (Up/Down)` : '';
  return (
    <>
      <Table columns={columnsFor(p.sources, p.width, p.hooks)} rows={shown} width={p.width} maxRows={space} headerColor={p.theme.accent} ascii={p.ascii ?? false} />
      {withLegend ? <Line segments={[{ text: '' }]} /> : null}
      <Line segments={[{ text: fit(more || legend, p.width), dim: true }]} />
    </>
  );
}
