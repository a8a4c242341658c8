// The --once output: a plain-text table for scripts and pipes (no colour, no cursor codes).
import { selectHeader, selectRows, selectSources } from '../model/selectors.js';
import type { State } from '../model/state.js';
import { formatAmount, formatChange, formatShare, formatUsd } from './render/format.js';
import { fit } from './render/text.js';

/** The text printed by `l2top --once`, ending with a newline. */
export function renderPlainText(state: State): string {
  const rows = selectRows(state);
  const header = selectHeader(state, rows);
  const out: string[] = [];
  out.push(`l2top: BTC locked on Bitcoin L2s (metric: btc-locked)${state.demo ? '  *** SAMPLE DATA, not live ***' : ''}`);
  const price = header.priceUsd !== undefined ? `${formatUsd(header.priceUsd)}${header.priceStale ? ' (stale)' : ''}` : 'unavailable';
  out.push(`as of ${new Date(state.now).toISOString()}  BTC/USD ${price}`);
  out.push('');
  out.push(`${fit('NETWORK', 14)} ${fit('BTC', 20, 'right')} ${fit('SHARE', 6, 'right')} ${fit('24H', 9, 'right')}  ${fit('SOURCE', 20)} STATUS`);
  for (const r of rows) {
    const btc = r.sats === undefined ? '-' : formatAmount(r.sats, 'btc', undefined, { decimals: 8, ascii: true }).replace(/ BTC$/, '');
    const share = r.share === undefined ? '-' : formatShare(r.share);
    const change = r.sats === undefined ? '-' : formatChange(r.change24h, { ascii: true }).text;
    const status = r.sats === undefined ? `no data${r.error ? `: ${r.error.message}` : ''}` : r.stale ? `stale${r.error ? `: ${r.error.message}` : ''}` : r.status;
    out.push(`${fit(r.meta.name, 14)} ${fit(btc, 20, 'right')} ${fit(share, 6, 'right')} ${fit(change, 9, 'right')}  ${fit(r.source?.id ?? '-', 20)} ${status}`);
  }
  const total = formatAmount(header.totalSats, 'btc', undefined, { decimals: 8, ascii: true }).replace(/ BTC$/, '');
  out.push(`${fit('TOTAL', 14)} ${fit(total, 20, 'right')}`);
  const failing = selectSources(state).filter((s) => s.status !== 'ok');
  if (failing.length > 0) {
    out.push('');
    for (const s of failing) out.push(`source ${s.meta.id}: ${s.status}${s.error ? ` (${s.error.message})` : ''}`);
  }
  return out.join('\n') + '\n';
}
