// btc-locked.com (Bitcoin Layers) bodies: current and historical supplies per network, and the PostgREST filters they take.
import type { JsonReply } from './payloads.js';
import type { SampleNetwork } from './sample.js';

/** One btc-locked.com row in domain units; `network` is the slug, e.g. "Rootstock"; `date` the day (latest_date for current rows). */
export interface BitcoinlayersRow {
  readonly network: string;
  readonly date: string;
  readonly sats: number;
}

/** Days of daily rows btc-locked.com history covers at most (12 networks: about 1.5 MB unfiltered). */
export const LAYERS_MAX_DAYS = 731;
/** btc-locked.com network_slug per sample network. */
export const LAYERS_SLUGS: Readonly<Record<SampleNetwork, string>> = {
  lightning: 'Lightning', liquid: 'Liquid', rootstock: 'Rootstock', stacks: 'Stacks', citrea: 'Citrea', merlin: 'Merlin',
  bob: 'BOB', core: 'Core', bitlayer: 'Bitlayer', bsquared: 'Bsquared', botanix: 'Botanix', hemi: 'Hemi', mezo: 'Mezo', corn: 'Corn', bevm: 'BEVM',
};

const LAYERS_META: Readonly<Record<string, { name: string; tokens: string[]; tokenNames: string[] }>> = {
  Lightning: { name: 'Lightning', tokens: ['BTC'], tokenNames: ['Bitcoin'] },
  Liquid: { name: 'Liquid', tokens: ['L-BTC'], tokenNames: ['Liquid Bitcoin'] },
  Rootstock: { name: 'Rootstock', tokens: ['RBTC'], tokenNames: ['Rootstock Smart Bitcoin'] },
  Stacks: { name: 'Stacks', tokens: ['sBTC'], tokenNames: ['sBTC'] },
  Citrea: { name: 'Citrea', tokens: ['cBTC'], tokenNames: ['Citrea Bitcoin'] },
  Merlin: { name: 'Merlin Chain', tokens: ['M-BTC'], tokenNames: ['Merlin BTC'] },
  BOB: { name: 'BOB', tokens: ['WBTC', 'tBTC'], tokenNames: ['Wrapped BTC', 'tBTC v2'] },
  Core: { name: 'Core', tokens: ['coreBTC'], tokenNames: ['Core BTC'] },
  Bitlayer: { name: 'Bitlayer', tokens: ['BTC'], tokenNames: ['Bitcoin'] },
  Bsquared: { name: 'B² Network', tokens: ['BTC'], tokenNames: ['Bitcoin'] },
  Botanix: { name: 'Botanix', tokens: ['BTC'], tokenNames: ['Bitcoin'] },
  Hemi: { name: 'Hemi', tokens: ['hemiBTC'], tokenNames: ['Hemi Bitcoin'] },
  Mezo: { name: 'Mezo', tokens: ['BTC'], tokenNames: ['Bitcoin'] },
  Corn: { name: 'Corn', tokens: ['BTCN'], tokenNames: ['Bitcorn'] },
  BEVM: { name: 'BEVM', tokens: ['BTC'], tokenNames: ['Bitcoin'] },
};

function describe(r: BitcoinlayersRow, dateKey: 'date' | 'latest_date'): Record<string, unknown> {
  const meta = LAYERS_META[r.network];
  return {
    network_slug: r.network,
    network_name: meta?.name ?? r.network,
    total_balance: r.sats / 1e8,
    [dateKey]: r.date,
    tokens: meta?.tokens ?? [],
    token_names: meta?.tokenNames ?? [],
  };
}

/** btc-locked.com GET /historical_supplies_by_network rows; `total_balance` is BTC. */
export function bitcoinlayersHistory(rows: readonly BitcoinlayersRow[]): Record<string, unknown>[] {
  return rows.map((r) => describe(r, 'date'));
}

type Test = (value: string) => boolean;

/** One PostgREST-style filter "op.arg" (eq, neq, gt, gte, lt, lte, like, ilike with *, in.(a,b)). */
function parseFilter(expr: string): Test | undefined {
  const dot = expr.indexOf('.');
  if (dot < 0) return undefined;
  const op = expr.slice(0, dot);
  const arg = expr.slice(dot + 1);
  if (op === 'eq') return (v) => v === arg;
  if (op === 'neq') return (v) => v !== arg;
  if (op === 'gt') return (v) => v > arg;
  if (op === 'gte') return (v) => v >= arg;
  if (op === 'lt') return (v) => v < arg;
  if (op === 'lte') return (v) => v <= arg;
  if (op === 'like' || op === 'ilike') {
    const source = arg.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    const re = new RegExp(`^${source}$`, op === 'ilike' ? 'i' : '');
    return (v) => re.test(v);
  }
  const list = op === 'in' ? /^\((.*)\)$/.exec(arg)?.[1] : undefined;
  if (list === undefined) return undefined;
  const members = new Set(list.split(',').map((s) => s.trim().replace(/^"(.*)"$/, '$1')));
  return (v) => members.has(v);
}

/**
 * Apply btc-locked.com query parameters to rows: `<dateParam>` and `network_slug` filters (repeatable),
 * `order=<dateParam>.asc|desc`, `limit`. Other parameters are ignored; a malformed filter is an error (400 upstream).
 */
export function filterLayersRows<R extends BitcoinlayersRow>(
  rows: readonly R[],
  query: URLSearchParams,
  dateParam: 'date' | 'latest_date' = 'date',
): { ok: true; rows: R[] } | { ok: false; message: string } {
  const tests: { column: 'date' | 'network'; test: Test }[] = [];
  for (const [param, column] of [[dateParam, 'date'], ['network_slug', 'network']] as const) {
    for (const expr of query.getAll(param)) {
      const test = parseFilter(expr);
      if (!test) return { ok: false, message: `bad filter ${param}=${expr}` };
      tests.push({ column, test });
    }
  }
  let out = rows.filter((r) => tests.every(({ column, test }) => test(r[column])));
  if (query.get('order') === `${dateParam}.desc`) out = [...out].sort((a, b) => b.date.localeCompare(a.date));
  if (query.get('order') === `${dateParam}.asc`) out = [...out].sort((a, b) => a.date.localeCompare(b.date));
  const limit = Number(query.get('limit') ?? NaN);
  if (Number.isInteger(limit) && limit >= 0) out = out.slice(0, limit);
  return { ok: true, rows: out };
}

const badFilter = (message: string): JsonReply => ({ status: 400, json: { code: 'PGRST100', message } });

/** GET /historical_supplies_by_network: the rows through the query's filters, or PostgREST's 400. */
export function layersHistoryReply(rows: readonly BitcoinlayersRow[], query: URLSearchParams): JsonReply {
  const filtered = filterLayersRows(rows, query);
  return filtered.ok ? { status: 200, json: bitcoinlayersHistory(filtered.rows) } : badFilter(filtered.message);
}

/**
 * GET /current_supplies_by_network: one row per network ordered by balance desc, `rank` from 1 over all networks
 * (a filter keeps a row's rank, as the view computes it), `date` served as latest_date.
 */
export function layersCurrentReply(rows: readonly BitcoinlayersRow[], query: URLSearchParams): JsonReply {
  const ranked = [...rows]
    .sort((a, b) => b.sats - a.sats || a.network.localeCompare(b.network))
    .map((r, i) => ({ ...r, rank: i + 1 }));
  const filtered = filterLayersRows(ranked, query, 'latest_date');
  if (!filtered.ok) return badFilter(filtered.message);
  return { status: 200, json: filtered.rows.map((r) => ({ ...describe(r, 'latest_date'), token_addresses: [], rank: r.rank })) };
}

/** One btc-locked.com token-implementation row in domain units: `network` is the slug, `token` the token's symbol. */
export interface LayersTokenRow {
  readonly network: string;
  readonly token: string;
  readonly date: string;
  readonly sats: number;
}

/** The token implementation id btc-locked.com uses, e.g. "Rootstock-RBTC_Rootstock" (L-BTC is written LBTC). */
export function tokenImplementation(network: string, token: string): string {
  return `${network}-${token.replace(/-/g, '')}_${network}`;
}

/** The tokens the sample lists for a network slug (symbol and name). */
export function layersTokensOf(network: string): { symbol: string; name: string }[] {
  const meta = LAYERS_META[network];
  if (!meta) return [{ symbol: 'BTC', name: 'Bitcoin' }];
  return meta.tokens.map((symbol, i) => ({ symbol, name: meta.tokenNames[i] ?? symbol }));
}

/**
 * A network's balance split over its tokens as btc-locked.com stores them: the first token carries 60% of a
 * two-token network (the rest even), so the rows sum to `sats` exactly.
 */
export function splitOverTokens(network: string, sats: number, date: string, dates: Readonly<Record<string, string>> = {}): LayersTokenRow[] {
  const tokens = layersTokensOf(network);
  if (tokens.length === 1) {
    const only = tokens[0]?.symbol ?? 'BTC';
    return [{ network, token: only, date: dates[tokenImplementation(network, only)] ?? date, sats }];
  }
  const share = Math.floor((sats * 0.4) / (tokens.length - 1));
  return tokens.map((t, i) => ({
    network,
    token: t.symbol,
    date: dates[tokenImplementation(network, t.symbol)] ?? date,
    sats: i === 0 ? sats - share * (tokens.length - 1) : share,
  }));
}

function tokenFields(r: LayersTokenRow): { network_name: string; token_name: string } {
  return { network_name: LAYERS_META[r.network]?.name ?? r.network, token_name: layersTokensOf(r.network).find((t) => t.symbol === r.token)?.name ?? r.token };
}

/**
 * GET /current_supplies_by_tokenimpl: one row per token implementation at its own latest date (balance in BTC),
 * ordered by balance desc with `rank` by network, through `network_slug` and `date` filters.
 */
export function layersTokensReply(rows: readonly LayersTokenRow[], query: URLSearchParams): JsonReply {
  const sorted = [...rows].sort((a, b) => b.sats - a.sats || a.network.localeCompare(b.network));
  const filtered = filterLayersRows(sorted, query);
  if (!filtered.ok) return badFilter(filtered.message);
  return {
    status: 200,
    json: filtered.rows.map((r) => ({
      token_implementation: tokenImplementation(r.network, r.token),
      balance: r.sats / 1e8,
      date: r.date,
      network: r.network,
      network_slug: r.network,
      network_origin: r.network,
      ...tokenFields(r),
      token_slug: `${r.network}-${r.token.replace(/-/g, '')}`,
      token_address: null,
      explorer: null,
      rank: 1,
    })),
  };
}

/**
 * GET /historical_supplies_by_tokenimpl: per token and day, `amount` in BTC, `identifier` network first
 * ("Rootstock_Rootstock-RBTC") and `infra_slug` the token's slug, through `date` and `network_slug` filters.
 */
export function layersTokenHistoryReply(rows: readonly LayersTokenRow[], query: URLSearchParams): JsonReply {
  const filtered = filterLayersRows(rows, query);
  if (!filtered.ok) return badFilter(filtered.message);
  return {
    status: 200,
    json: filtered.rows.map((r) => {
      const infra = `${r.network}-${r.token.replace(/-/g, '')}`;
      return { network_name: tokenFields(r).network_name, network_slug: r.network, token_name: tokenFields(r).token_name, identifier: `${r.network}_${infra}`, amount: r.sats / 1e8, date: r.date, infra_slug: infra, network_rank: 1, project_rank: 1 };
    }),
  };
}
