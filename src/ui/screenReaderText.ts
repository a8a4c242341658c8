// Flat text for screen readers: sentences and one line per network or source, no bars, charts or tables.
import { selectHooks } from '../model/hooks.js';
import type { HeaderInfo, NetworkRow, SourceRow } from '../model/selectors.js';
import type { State } from '../model/state.js';
import type { FiredAlert } from '../model/alert-rules.js';
import { formatMetric } from './render/amount.js';
import { formatAge, formatShare } from './render/format.js';
import { flagFor } from './views/SharesView.js';
import { SORT_LABEL } from './components/tabBar.js';

const VIEW_NAMES = { shares: 'Shares', trends: 'Trends', sources: 'Sources', alerts: 'Alerts' } as const;

/** "up 0.2%", "down 1.1%", "unchanged", "n/a": words, not glyphs. */
export function changeWords(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return 'n/a';
  const pct = (Math.abs(x) * 100).toFixed(1);
  return pct === '0.0' ? 'unchanged' : `${x > 0 ? 'up' : 'down'} ${pct}%`;
}

/** One network: name, share, amount, 24 h change and its flag, e.g. "Liquid: 14.0%, 4,187.99 BTC, 24h up 0.2%, stale 12m". */
export function networkLine(row: NetworkRow, state: State, priceUsd: number | undefined): string {
  const flag = flagFor(row, state.now)?.text;
  if (row.value === undefined) return `${row.meta.name}: ${flag ?? 'no data'}`;
  const amount = formatMetric(row.metric, row.value, state.ui.unit, priceUsd, { decimals: 2, ascii: true });
  return [`${row.meta.name}: ${formatShare(row.share ?? 0)}`, amount, `24h ${changeWords(row.change24h)}`, ...(flag ? [flag] : [])].join(', ');
}

function sourceLine(s: SourceRow, now: number): string {
  const last = s.lastSuccessAt !== undefined ? `last ok ${formatAge(now - s.lastSuccessAt)} ago` : 'never answered';
  return `${s.meta.label}: ${s.status}, ${last}${s.error ? `, ${s.error.message}` : ''}`;
}

function alertLine(a: FiredAlert, now: number): string {
  return `${formatAge(now - a.at)} ago: ${a.message}`;
}

/** The summary sentences that stand in for the header. */
export function summaryLines(state: State, header: HeaderInfo, rows: readonly NetworkRow[]): string[] {
  const metric = state.ui.metric === 'btc-locked' ? 'BTC locked' : 'DeFi TVL';
  const total = header.networksWithData > 0 ? formatMetric(state.ui.metric, header.total, state.ui.unit, header.priceUsd, { decimals: 2, ascii: true }) : 'no data';
  const fresh = header.newestAgeMs !== undefined ? `updated ${formatAge(header.newestAgeMs)} ago` : 'no answer yet';
  const failing = header.failing > 0 ? `${header.failing} of ${state.sources.length} sources failing` : `${state.sources.length - header.pending} of ${state.sources.length} sources ok`;
  const filter = state.ui.filter !== '' ? `, filter "${state.ui.filter}" (${rows.length} shown)` : '';
  return [
    `${state.demo ? 'SAMPLE DATA, not live. ' : state.replay ? 'REPLAY of a recording, not live. ' : ''}l2top ${metric}: total ${total}; ${fresh}; ${failing}.`,
    `${VIEW_NAMES[state.ui.view]} view, sorted by ${SORT_LABEL[state.ui.sort]}${filter}.`,
  ];
}

/** The body lines of the current view, one item per line. */
export function viewLines(state: State, rows: readonly NetworkRow[], sources: readonly SourceRow[], priceUsd: number | undefined): string[] {
  switch (state.ui.view) {
    case 'shares':
      return rows.map((r) => networkLine(r, state, priceUsd));
    case 'trends':
      return rows.map((r) => `${r.meta.name}: 24h ${changeWords(r.change24h)}, 7d ${changeWords(r.change7d)}`);
    case 'sources':
      return [...sources.map((s) => sourceLine(s, state.now)), ...selectHooks(state).map((h) => `${h.label}: ${h.status}${h.lastError ? `, ${h.lastError}` : ''}`)];
    case 'alerts':
      return state.alerts.length === 0 ? ['No alerts fired.'] : [...state.alerts].reverse().map((a) => alertLine(a, state.now));
  }
}
