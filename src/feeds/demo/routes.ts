// The upstream routes the demo server and the test simulator answer: provider prefix, method and path per endpoint.
import { SBTC_CONTRACT } from './payloads.js';

/** The upstream providers, each mounted under /<provider>; keys of `baseUrls`. */
export const DEMO_PROVIDERS = [
  'mempool', 'liquid', 'rootstock', 'hiro', 'bitcoinlayers',
  'citrea', 'esplora-liquid', 'rootstock-explorer', 'coingecko', 'defillama-coins', 'defillama',
] as const;
/** One of DEMO_PROVIDERS. */
export type DemoProvider = (typeof DEMO_PROVIDERS)[number];

/** The upstream endpoints the app uses; the keys tests fault and count. */
export type UpstreamEndpoint =
  | 'lightning' | 'lightning-history' | 'liquid' | 'liquid-history' | 'rootstock' | 'stacks' | 'price' | 'bitcoinlayers-history'
  | 'citrea' | 'layers-current' | 'esplora-supply' | 'liquid-reserves' | 'rootstock-explorer' | 'hiro-metadata'
  | 'coingecko' | 'llama-coins' | 'llama-chains' | 'llama-history' | 'price-history' | 'tip-height'
  | 'layers-network' | 'layers-network-history' | 'stacks-tip' | 'stacks-block-at' | 'liquid-block' | 'liquid-volume' | 'liquid-pegs-list';

/** A request resolved to an endpoint. */
export interface Route {
  readonly endpoint: UpstreamEndpoint;
  readonly provider: DemoProvider;
  /** The path segment the route captures, URL-decoded: the lightning interval ("1y"), the DefiLlama chain or coins. */
  readonly param?: string;
  readonly query: URLSearchParams;
}

/** matchRoute's answer: a route, or the status to refuse with (405 keeps the endpoint it would have been). */
export type RouteMatch =
  | { readonly kind: 'route'; readonly route: Route }
  | { readonly kind: 'miss'; readonly status: 404 | 405; readonly message: string; readonly endpoint?: UpstreamEndpoint };

/** Days of daily points mempool's /lightning/statistics/{interval} covers; "all" and unknown intervals are capped here. */
export const HISTORY_MAX_DAYS = 1461;
/** Liquid's native asset (L-BTC) on Esplora. */
export const LBTC_ASSET_ID = '6f0279e9ed041c3d710a9f57d0c02928416460c4b722ae3457a11eec381c526d';

interface RouteSpec {
  readonly provider: DemoProvider;
  readonly method: 'GET' | 'POST';
  /** The path after the prefix, no trailing slash ('' is the prefix itself); a RegExp captures `param`. */
  readonly path: string | RegExp;
  readonly endpoint: UpstreamEndpoint;
}

const spec = (provider: DemoProvider, method: 'GET' | 'POST', path: string | RegExp, endpoint: UpstreamEndpoint): RouteSpec => ({ provider, method, path, endpoint });
const [contract, token] = SBTC_CONTRACT.split('.');

/** First match wins, so fixed paths come before the patterns that would also take them. */
const ROUTES: readonly RouteSpec[] = [
  spec('mempool', 'GET', '/api/v1/prices', 'price'),
  spec('mempool', 'GET', '/api/v1/historical-price', 'price-history'),
  spec('mempool', 'GET', '/api/blocks/tip/height', 'tip-height'),
  spec('mempool', 'GET', '/api/v1/lightning/statistics/latest', 'lightning'),
  spec('mempool', 'GET', /^\/api\/v1\/lightning\/statistics\/([^/]+)$/, 'lightning-history'),
  spec('liquid', 'GET', '/api/v1/liquid/pegs', 'liquid'),
  spec('liquid', 'GET', '/api/v1/liquid/pegs/month', 'liquid-history'),
  spec('liquid', 'GET', '/api/v1/liquid/pegs/volume', 'liquid-volume'),
  spec('liquid', 'GET', /^\/api\/v1\/liquid\/pegs\/list\/(\d+)$/, 'liquid-pegs-list'),
  spec('liquid', 'GET', /^\/api\/block\/([0-9a-fA-F]{64})$/, 'liquid-block'),
  spec('liquid', 'GET', '/api/v1/liquid/reserves', 'liquid-reserves'),
  spec('rootstock', 'POST', '', 'rootstock'),
  spec('citrea', 'POST', '', 'citrea'),
  spec('hiro', 'POST', `/v2/contracts/call-read/${contract}/${token}/get-total-supply`, 'stacks'),
  spec('hiro', 'GET', `/metadata/v1/ft/${SBTC_CONTRACT}`, 'hiro-metadata'),
  spec('hiro', 'GET', '/extended/v2/blocks', 'stacks-tip'),
  spec('hiro', 'GET', /^\/extended\/v2\/blocks\/by-block-time\/(\d+)$/, 'stacks-block-at'),
  spec('bitcoinlayers', 'GET', '/historical_supplies_by_tokenimpl', 'bitcoinlayers-history'),
  spec('bitcoinlayers', 'GET', '/current_supplies_by_tokenimpl', 'layers-current'),
  spec('bitcoinlayers', 'GET', '/historical_supplies_by_network', 'layers-network-history'),
  spec('bitcoinlayers', 'GET', '/current_supplies_by_network', 'layers-network'),
  spec('esplora-liquid', 'GET', `/api/asset/${LBTC_ASSET_ID}/supply`, 'esplora-supply'),
  spec('rootstock-explorer', 'GET', '/circulating', 'rootstock-explorer'),
  spec('coingecko', 'GET', '/api/v3/simple/price', 'coingecko'),
  spec('defillama-coins', 'GET', /^\/prices\/current\/([^/]+)$/, 'llama-coins'),
  spec('defillama', 'GET', '/v2/chains', 'llama-chains'),
  spec('defillama', 'GET', /^\/v2\/historicalChainTvl\/([^/]+)$/, 'llama-history'),
];

const WINDOW_DAYS: Readonly<Record<string, number>> = {
  '24h': 1, '3d': 3, '1w': 7, '1m': 30, '3m': 90, '6m': 180, '1y': 365, '2y': 730, '3y': 1095, '4y': 1460,
};

/** Days covered by a lightning-history interval; anything else means full history upstream, capped here. */
export function lightningWindowDays(interval: string): number {
  return WINDOW_DAYS[interval] ?? HISTORY_MAX_DAYS;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The spec `path` matches and the segment it captured, if any. */
function findSpec(provider: DemoProvider, rest: string): { spec: RouteSpec; param?: string } | undefined {
  const path = rest.endsWith('/') ? rest.slice(0, -1) : rest;
  for (const s of ROUTES) {
    if (s.provider !== provider) continue;
    if (typeof s.path === 'string' && s.path === path) return { spec: s };
    const captured = typeof s.path === 'string' ? undefined : s.path.exec(path)?.[1];
    if (captured !== undefined) return { spec: s, param: decode(captured) };
  }
  return undefined;
}

/** Resolve a request line to an endpoint; never throws (HEAD counts as GET, one trailing slash is ignored). */
export function matchRoute(method: string, url: string): RouteMatch {
  const q = url.indexOf('?');
  const pathname = q < 0 ? url : url.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
  const slash = pathname.indexOf('/', 1);
  const head = slash < 0 ? pathname.slice(1) : pathname.slice(1, slash);
  const provider = DEMO_PROVIDERS.find((p) => p === head);
  const found = provider ? findSpec(provider, slash < 0 ? '' : pathname.slice(slash)) : undefined;
  if (!provider || !found) return { kind: 'miss', status: 404, message: `no route for ${pathname}` };
  const { endpoint, method: wanted } = found.spec;
  if ((method === 'HEAD' ? 'GET' : method) !== wanted) return { kind: 'miss', status: 405, message: `${endpoint} takes ${wanted}`, endpoint };
  return { kind: 'route', route: { endpoint, provider, query, ...(found.param !== undefined ? { param: found.param } : {}) } };
}
