// Network detail: what the number means, every source's value, age, status and difference, metrics, links.
import React from 'react';
import type { Latest } from '../../model/state.js';
import type { NetworkRow, SourceRow } from '../../model/selectors.js';
import type { DisplayUnit } from '../../model/state.js';
import type { NetworkMeta } from '../../model/types.js';
import { formatMetric } from '../render/amount.js';
import { formatAge, formatAmount, formatChange } from '../render/format.js';
import { fit, widthOf, wrap } from '../render/text.js';
import { statusColor, type Theme } from '../theme.js';
import { Line } from '../components/Line.js';
import { Table, type Column } from '../components/Table.js';

export interface DetailViewProps {
  readonly network: NetworkMeta;
  readonly btcRow: NetworkRow | undefined;
  readonly tvlRow: NetworkRow | undefined;
  /** Last good btc-locked value per source. */
  readonly values: Readonly<Record<string, Latest>>;
  readonly details: Readonly<Record<string, Latest>>;
  readonly sources: readonly SourceRow[];
  readonly unit: DisplayUnit;
  readonly priceUsd: number | undefined;
  readonly now: number;
  readonly width: number;
  readonly height: number;
  readonly theme: Theme;
  readonly ascii?: boolean;
}

const COLUMNS: readonly Column[] = [
  { key: 'value', title: 'Value', width: 16, priority: 1, align: 'right' },
  { key: 'diff', title: 'vs used', width: 8, priority: 2, align: 'right' },
  { key: 'age', title: 'Age', width: 7, priority: 3, align: 'right' },
  { key: 'status', title: 'Status', width: 8, priority: 4 },
  { key: 'note', title: '', width: 6, flex: true, priority: 5 },
];

/** Labels for detail metrics the sources give. */
const METRIC_LABELS: Readonly<Record<string, (v: number) => string>> = {
  channels: (v) => `${v.toLocaleString('en-US')} public channels`,
  nodes: (v) => `${v.toLocaleString('en-US')} nodes`,
  avgFeeRatePpm: (v) => `average fee rate ${v} ppm`,
  federationReservesSats: (v) => `federation reserves ${formatAmount(v, 'btc', undefined, { decimals: 2 })} (BTC in custody)`,
};

export function DetailView(p: DetailViewProps): React.JSX.Element {
  const { network: n, btcRow } = p;
  const ascii = p.ascii ?? false;
  const lines: React.JSX.Element[] = [];
  const push = (text: string, style: { bold?: boolean; dim?: boolean; color?: string } = {}) =>
    lines.push(<Line key={`l${lines.length}`} segments={[{ text: fit(text, p.width), ...style }]} />);
  const category = n.category === 'btc-on-other-chain' ? 'BTC on another chain' : 'Bitcoin L2';
  const status = n.status?.state === 'sunset' ? `SUNSET, withdrawals until ${n.status.date ?? '?'}` : n.status?.state === 'retired' ? `RETIRED ${n.status.date ?? ''}` : '';
  push(`${n.name}  (${n.type}, ${category}${status ? `, ${status}` : ''})  Esc to close`, { bold: true, color: p.theme.accent });
  if (n.status?.note) for (const l of wrap(n.status.note, p.width, 1)) push(l, { color: p.theme.warn });
  const aboutLines = Math.max(2, Math.min(4, p.height - 14));
  for (const l of wrap(`BTC locked: ${n.about ?? n.lockedMeaning}`, p.width, aboutLines)) push(l);
  if (!n.about && n.trust) for (const l of wrap(`Trust: ${n.trust}`, p.width, 2)) push(l, { dim: true });

  const used = btcRow?.source?.id;
  const row = (id: string, reference: boolean) => {
    const src = p.sources.find((s) => s.meta.id === id);
    const v = p.values[id];
    const diff = v && btcRow?.value ? (v.value - btcRow.value) / btcRow.value : undefined;
    const refused = btcRow?.rejected.find((x) => x.sourceId === id);
    const why = reference ? 'other methodology, never compared'
      : refused ? `refused: ${refused.reason}`
        : btcRow?.outvoted?.id === id ? 'outvoted' : src?.error?.message ?? src?.staleReason ?? v?.note ?? '';
    return {
      source: { text: `${reference ? '* ' : ''}${src?.meta.label ?? id}` },
      value: { text: v ? formatMetric('btc-locked', v.value, p.unit, p.priceUsd, { decimals: 2, ascii }) : '-' },
      diff: { text: id === used ? 'in use' : diff === undefined ? '' : formatChange(diff, { ascii }).text.replace(/^\S+ /, '') },
      age: { text: v ? formatAge(p.now - v.dataAt) : '-' },
      status: { text: src?.status ?? '-', color: src ? statusColor(p.theme, src.status) : undefined },
      note: { text: why, color: p.theme.muted },
    };
  };
  const rows = [...n.sources.map((id) => row(id, false)), ...(n.references ?? []).map((id) => row(id, true))];
  lines.push(<Line key="gap1" segments={[{ text: '' }]} />);
  const tableRows = Math.min(rows.length + 1, Math.max(2, p.height - lines.length - 6));
  const sourceW = Math.min(Math.max(32, p.width - 80), Math.max(12, ...rows.map((r) => widthOf(r.source.text))));
  const columns: Column[] = [{ key: 'source', title: 'Source', width: sourceW, priority: 0 }, ...COLUMNS];
  lines.push(<Table key="table" columns={columns} rows={rows} width={p.width} maxRows={tableRows - 1} headerColor={p.theme.accent} ascii={ascii} />);

  if ((n.references ?? []).length > 0) push('* another methodology: shown with its difference, never compared or used', { dim: true });
  const facts: string[] = [];
  if (p.tvlRow?.value !== undefined) facts.push(`DeFi TVL ${formatMetric('defi-tvl', p.tvlRow.value, 'usd', p.priceUsd, { compact: true })} (DefiLlama)`);
  const extra = { ...(p.values[n.sources[0] ?? '']?.extra ?? {}) };
  for (const [k, v] of Object.entries(extra)) facts.push(METRIC_LABELS[k]?.(v) ?? `${k} ${v}`);
  for (const [k, v] of Object.entries(p.details)) facts.push(METRIC_LABELS[k]?.(v.value) ?? `${k} ${v.value}`);
  if (btcRow?.anomaly) facts.push(`moved ${(btcRow.anomaly.change * 100).toFixed(1)}% within 24h`);
  if (btcRow?.doubtful) facts.push('DOUBTFUL: like-for-like sources disagree with no majority');
  if (btcRow?.change24h === null && btcRow.changeSinceStart) facts.push(`no 24h history yet; since start (${formatAge(btcRow.changeSinceStart.sinceMs)}) ${formatChange(btcRow.changeSinceStart.change, { ascii }).text}`);
  if (facts.length > 0) for (const l of wrap(facts.join('; '), p.width, 2)) push(l);
  for (const l of n.links ?? []) push(`${l.label}: ${l.url}`, { dim: true });
  return <>{lines}</>;
}
