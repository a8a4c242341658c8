// The --once output: a plain-text table for scripts and pipes (no colour, no cursor codes), and the
// reasons for what is missing, which go to stderr once.
import { relayProblem } from '../model/relay.js';
import { selectHeader, selectRows, selectSector, selectSources } from '../model/selectors.js';
import type { State } from '../model/state.js';
import { formatMetric } from './render/amount.js';
import { formatAge, formatAmount, formatChange, formatShare, formatUsd } from './render/format.js';
import { fit } from './render/text.js';

/** Printed where a value is missing: never 0, which would be a claim. */
export const MISSING = 'n/a';

/** The table printed on stdout by `l2top --once`, ending with a newline. Reasons are left to {@link onceReasons}. */
export function renderPlainText(state: State): string {
  const metric = state.ui.metric;
  const rows = selectRows(state, metric);
  const header = selectHeader(state, rows);
  const sector = selectSector(state);
  const out: string[] = [];
  const metricText = metric === 'btc-locked' ? 'BTC locked on Bitcoin L2s (metric: btc-locked)' : 'DeFi TVL on Bitcoin L2 chains, DefiLlama (metric: defi-tvl)';
  out.push(`l2top: ${metricText}${state.demo ? '  *** SAMPLE DATA, not live ***' : state.replay ? '  *** REPLAY of a recording, not live ***' : ''}`);
  const price = header.priceUsd !== undefined ? `${formatUsd(header.priceUsd)}${header.priceStale ? ' (stale)' : ''} (${header.priceSource?.id ?? '?'})` : MISSING;
  out.push(`as of ${new Date(state.now).toISOString()}  BTC/USD ${price}`);
  const relay = relayProblem(state);
  if (relay !== undefined) out.push(`STALE: ${relay}; every value is the last one it sent`);
  if (sector.shareOfSupply !== undefined && header.networksWithData > 0) out.push(`${(sector.shareOfSupply * 100).toFixed(3)}% of all bitcoin is on the tracked L2s (block ${state.height?.height})`);
  out.push('');
  const unitTitle = metric === 'btc-locked' ? 'BTC' : 'USD';
  const amountOf = (v: number) => (metric === 'btc-locked'
    ? formatAmount(v, 'btc', undefined, { decimals: 8, ascii: true }).replace(/ BTC$/, '')
    : formatMetric(metric, v, 'usd', undefined, { ascii: true }));
  out.push(`${fit('NETWORK', 14)} ${fit(unitTitle, 20, 'right')} ${fit('SHARE', 6, 'right')} ${fit('24H', 9, 'right')}  ${fit('SOURCE', 22)} STATUS`);
  for (const r of rows) {
    const missing = r.value === undefined;
    const amount = missing ? MISSING : amountOf(r.value);
    const share = r.share === undefined ? MISSING : formatShare(r.share);
    const since = r.change24h === null ? r.changeSinceStart : undefined;
    const change = missing ? MISSING : since ? `${formatAge(since.sinceMs)} ${formatChange(since.change, { ascii: true }).text.replace(/^\S+ /, '')}` : formatChange(r.change24h, { ascii: true }).text;
    const flags = [
      r.doubtful ? 'DOUBTFUL' : '', r.outvoted ? `${r.outvoted.id} outvoted` : '', r.fallback ? 'fallback' : '',
      r.disagree.length > 0 && !r.doubtful && !r.outvoted ? 'sources disagree' : '', r.anomaly ? `anomaly ${(r.anomaly.change * 100).toFixed(1)}%` : '',
      ...r.rejected.map((x) => `${x.sourceId} refused`),
    ].filter(Boolean);
    const status = r.notTracked ? 'not tracked' : missing ? (r.status === 'bad-data' ? 'no data: bad data*' : 'no data*') : r.stale ? 'stale*' : r.status;
    out.push(`${fit(r.meta.name, 14)} ${fit(amount, 20, 'right')} ${fit(share, 6, 'right')} ${fit(change, 9, 'right')}  ${fit(r.source?.id ?? '-', 22)} ${[status, ...flags].join(', ')}`);
  }
  const tracked = rows.filter((r) => !r.notTracked).length;
  const withData = header.networksWithData;
  const total = withData === 0 ? MISSING : metric === 'btc-locked' ? amountOf(header.total) : formatUsd(header.total);
  const over = withData === 0 ? '  no network had data' : withData < tracked ? `  over ${withData} of ${tracked} networks` : '';
  out.push(`${fit('TOTAL', 14)} ${fit(total, 20, 'right')}${over}`);
  if (onceReasons(state).length > 0) out.push('', '* the reasons are on stderr, one line per failing source');
  if (state.alerts.length > 0) {
    out.push('');
    for (const a of state.alerts) out.push(`alert ${new Date(a.at).toISOString()}: ${a.message}`);
  }
  return out.join('\n') + '\n';
}

/** One line per source that is down, sending bad data or stale, with its reason: what --once writes to stderr. */
export function onceReasons(state: State): string[] {
  // While a relay (the hub of --hub) is failing, it is the one reason: every other source is stale through it.
  const relay = relayProblem(state);
  return selectSources(state)
    .filter((s) => s.status === 'down' || s.status === 'bad-data' || s.status === 'stale')
    .filter((s) => relay === undefined || s.meta.role === 'relay')
    .map((s) => `${s.meta.id}: ${s.status}${relay !== undefined ? ` (${relay})` : s.error ? ` (${s.error.message})` : ''}`);
}
