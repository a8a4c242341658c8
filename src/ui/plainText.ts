// The --once output: a plain-text table for scripts and pipes (no colour, no cursor codes, ASCII only).
import { selectHeader, selectRows, selectSector, selectSources } from '../model/selectors.js';
import type { State } from '../model/state.js';
import { formatMetric } from './render/amount.js';
import { formatAmount, formatChange, formatShare, formatUsd } from './render/format.js';
import { fit } from './render/text.js';

/** The text printed by `l2top --once`, ending with a newline. */
export function renderPlainText(state: State): string {
  const metric = state.ui.metric;
  const rows = selectRows(state, metric);
  const header = selectHeader(state, rows);
  const sector = selectSector(state);
  const out: string[] = [];
  const metricText = metric === 'btc-locked' ? 'BTC locked on Bitcoin L2s (metric: btc-locked)' : 'DeFi TVL on Bitcoin L2 chains, DefiLlama (metric: defi-tvl)';
  out.push(`l2top: ${metricText}${state.demo ? '  *** SAMPLE DATA, not live ***' : ''}`);
  const price = header.priceUsd !== undefined ? `${formatUsd(header.priceUsd)}${header.priceStale ? ' (stale)' : ''} (${header.priceSource?.id ?? '?'})` : 'unavailable';
  out.push(`as of ${new Date(state.now).toISOString()}  BTC/USD ${price}`);
  if (sector.shareOfSupply !== undefined) out.push(`${(sector.shareOfSupply * 100).toFixed(3)}% of all bitcoin is on the tracked L2s (block ${state.height?.height})`);
  out.push('');
  const unitTitle = metric === 'btc-locked' ? 'BTC' : 'USD';
  out.push(`${fit('NETWORK', 14)} ${fit(unitTitle, 20, 'right')} ${fit('SHARE', 6, 'right')} ${fit('24H', 9, 'right')}  ${fit('SOURCE', 22)} STATUS`);
  for (const r of rows) {
    const amount = r.value === undefined ? '-' : metric === 'btc-locked'
      ? formatAmount(r.value, 'btc', undefined, { decimals: 8, ascii: true }).replace(/ BTC$/, '')
      : formatMetric(metric, r.value, 'usd', undefined, { ascii: true });
    const share = r.share === undefined ? '-' : formatShare(r.share);
    const change = r.value === undefined ? '-' : formatChange(r.change24h, { ascii: true }).text;
    const flags = [r.fallback ? 'fallback' : '', r.disagree.length > 0 ? 'sources disagree' : '', r.anomaly ? `anomaly ${(r.anomaly.change * 100).toFixed(1)}%` : ''].filter(Boolean);
    const status = r.notTracked ? 'not tracked' : r.value === undefined ? `no data${r.error ? `: ${r.error.message}` : ''}` : r.stale ? `stale${r.error ? `: ${r.error.message}` : ''}` : r.status;
    out.push(`${fit(r.meta.name, 14)} ${fit(amount, 20, 'right')} ${fit(share, 6, 'right')} ${fit(change, 9, 'right')}  ${fit(r.source?.id ?? '-', 22)} ${[status, ...flags].join(', ')}`);
  }
  const total = metric === 'btc-locked' ? formatAmount(header.total, 'btc', undefined, { decimals: 8, ascii: true }).replace(/ BTC$/, '') : formatUsd(header.total);
  out.push(`${fit('TOTAL', 14)} ${fit(total, 20, 'right')}`);
  const failing = selectSources(state).filter((s) => s.status === 'down' || s.status === 'bad-data' || s.status === 'stale');
  if (failing.length > 0) {
    out.push('');
    for (const s of failing) out.push(`source ${s.meta.id}: ${s.status}${s.error ? ` (${s.error.message})` : ''}`);
  }
  if (state.alerts.length > 0) {
    out.push('');
    for (const a of state.alerts) out.push(`alert ${new Date(a.at).toISOString()}: ${a.message}`);
  }
  return out.join('\n') + '\n';
}
