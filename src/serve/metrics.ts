// GET /metrics: the store's state as Prometheus gauges, read from the selectors at scrape time and written as
// exposition text directly (exposition.ts). The l2top part is built once per state object (a scrape of an
// unchanged state reuses the text); the process part (process-metrics.ts, HTTP requests, SSE clients, alerts
// fired) is read every scrape.
// Label values come only from registry and config ids: bounded. No sample carries a timestamp.
import { pickPrice } from '../model/pick.js';
import { selectSources, selectValues } from '../model/selectors.js';
import type { State } from '../model/state.js';
import { METRICS, type Metric } from '../model/types.js';
import { CounterFamily, exposition, EXPOSITION_CONTENT_TYPE, GaugeFamily } from './exposition.js';
import { createProcessMetrics } from './process-metrics.js';

const SATS = 1e8;

export interface MetricsOptions {
  readonly version: string;
  /** How many alert rules the config has: their counters start at 0. */
  readonly rules: number;
  /** SSE clients connected now. */
  readonly sseClients: () => number;
  /** Applied to the exposition before it is served (secrets out). */
  readonly redact?: (text: string) => string;
}

export interface ServeMetrics {
  readonly contentType: string;
  /** The exposition for this state. */
  scrape(state: State): Promise<string>;
  /** Counts a request: `path` one of the known routes or "other". */
  countRequest(path: string, code: number): void;
  /** Counts a fired alert of rule `rule` (0-based, as in the state). */
  countAlert(rule: number): void;
}

/** The gauges that mirror the state, rebuilt together on a new state (written by hand: see exposition.ts). */
function stateGauges() {
  const g = <K extends string>(name: string, help: string, labelNames: readonly K[]) => new GaugeFamily<K>(name, help, labelNames);
  return {
    lockedBtc: g('l2top_network_locked_btc', 'BTC locked in the network, the value in use', ['network']),
    lockedUsd: g('l2top_network_locked_usd', 'BTC locked in the network in US dollars (BTC locked x BTC/USD)', ['network']),
    tvlUsd: g('l2top_network_defi_tvl_usd', 'DeFi TVL of the network in US dollars, the value in use', ['network']),
    share: g('l2top_network_share_ratio', 'Share of the total over the networks with a value (0..1)', ['network', 'metric']),
    stale: g('l2top_network_stale', '1 when the value is the last good one and no source confirms it now', ['network', 'metric']),
    doubtful: g('l2top_network_doubtful', '1 when like-for-like sources disagree with no majority', ['network', 'metric']),
    sourceInfo: g('l2top_network_source_info', 'The source whose value is in use (always 1)', ['network', 'metric', 'source']),
    dataTime: g('l2top_network_data_timestamp_seconds', 'Upstream time the value in use describes (Unix seconds)', ['network', 'metric']),
    srcBtc: g('l2top_source_locked_btc', "A source's own last good BTC locked for a network", ['network', 'source']),
    srcUsd: g('l2top_source_locked_usd', "A source's own last good BTC locked in US dollars", ['network', 'source']),
    srcTvl: g('l2top_source_defi_tvl_usd', "A source's own last good DeFi TVL in US dollars", ['network', 'source']),
    up: g('l2top_source_up', '1 when the last attempt succeeded and the data is not stale', ['source', 'provider']),
    lastSuccess: g('l2top_source_last_success_timestamp_seconds', 'Time of the last successful request (Unix seconds)', ['source']),
    latency: g('l2top_source_latency_seconds', 'Duration of the last request', ['source']),
    failures: g('l2top_source_consecutive_failures', 'Failed attempts in a row', ['source']),
    retryAfter: g('l2top_source_retry_after_seconds', "Remaining wait imposed by the provider's Retry-After (0 if none)", ['source']),
    srcDataTime: g('l2top_source_data_timestamp_seconds', "Newest upstream time in the source's last answer (Unix seconds)", ['source']),
    price: g('l2top_btc_price_usd', 'BTC/USD in use', []),
    sector: g('l2top_sector_locked_btc', 'BTC locked over all tracked networks with a value', []),
    withData: g('l2top_networks_with_data', 'Networks with a BTC locked value', []),
  };
}

type Gauges = ReturnType<typeof stateGauges>;

const seconds = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms / 1000);

/** The state's exposition. */
function stateText(gs: Gauges, state: State): string {
  const families = Object.values(gs);
  for (const family of families) family.reset();
  const price = pickPrice(state)?.value;
  let withData = 0;
  let sectorSats = 0;
  for (const metric of METRICS) {
    for (const r of selectValues(state, metric)) {
      if (metric === 'btc-locked' && r.value !== undefined) {
        withData += 1;
        sectorSats += r.value;
      }
      if (r.notTracked) continue;
      const network = r.meta.id;
      if (r.value !== undefined) {
        if (metric === 'btc-locked') {
          gs.lockedBtc.set({ network }, r.value / SATS);
          if (price !== undefined) gs.lockedUsd.set({ network }, (r.value / SATS) * price);
        } else gs.tvlUsd.set({ network }, r.value);
        gs.share.set({ network, metric }, r.share);
        if (r.sourceId) gs.sourceInfo.set({ network, metric, source: r.sourceId }, 1);
        gs.dataTime.set({ network, metric }, seconds(r.dataAt));
      }
      gs.stale.set({ network, metric }, r.stale ? 1 : 0);
      gs.doubtful.set({ network, metric }, r.doubtful ? 1 : 0);
    }
    sourceValues(gs, state, metric, price);
  }
  for (const s of selectSources(state)) {
    const source = s.meta.id;
    gs.up.set({ source, provider: s.meta.provider }, s.status === 'ok' ? 1 : 0);
    gs.lastSuccess.set({ source }, seconds(s.lastSuccessAt));
    gs.latency.set({ source }, seconds(s.latencyMs));
    gs.failures.set({ source }, s.consecutiveFailures);
    gs.retryAfter.set({ source }, s.rateLimited ? Math.max(0, s.rateLimited.until - state.now) / 1000 : 0);
    gs.srcDataTime.set({ source }, seconds(s.dataAt));
  }
  // The unlabelled gauges read 0 while unknown, as prom-client's did.
  gs.price.set({}, price ?? 0);
  gs.sector.set({}, withData > 0 ? sectorSats / SATS : 0);
  gs.withData.set({}, withData);
  return exposition(families);
}

function sourceValues(gs: Gauges, state: State, metric: Metric, price: number | undefined): void {
  for (const [network, bySource] of Object.entries(state.values[metric])) {
    for (const [source, latest] of Object.entries(bySource)) {
      if (metric === 'defi-tvl') {
        gs.srcTvl.set({ network, source }, latest.value);
        continue;
      }
      gs.srcBtc.set({ network, source }, latest.value / SATS);
      if (price !== undefined) gs.srcUsd.set({ network, source }, (latest.value / SATS) * price);
    }
  }
}

export function createServeMetrics(o: MetricsOptions): ServeMetrics {
  const gauges = stateGauges();
  const processMetrics = createProcessMetrics();
  const buildInfo = new GaugeFamily('l2top_build_info', 'The running l2top (always 1)', ['version']);
  buildInfo.set({ version: o.version }, 1);
  const sse = new GaugeFamily('l2top_sse_clients', 'Server-Sent Events clients connected', []);
  const requests = new CounterFamily('l2top_http_requests_total', 'HTTP requests served, by route and status code', ['path', 'code']);
  const alerts = new CounterFamily('l2top_alerts_fired_total', 'Alerts fired since start, by rule (1-based index in the config)', ['rule']);
  for (let i = 1; i <= o.rules; i += 1) alerts.inc({ rule: String(i) }, 0);
  const redact = o.redact ?? ((t: string) => t);
  let cached: { state: State; text: string } | undefined;
  return {
    contentType: EXPOSITION_CONTENT_TYPE,
    async scrape(state) {
      if (cached?.state !== state) cached = { state, text: redact(stateText(gauges, state)) };
      const own = cached.text;
      const processText = await processMetrics.text();
      sse.reset();
      sse.set({}, o.sseClients());
      return `${own}\n${exposition([buildInfo, sse, requests, alerts, { text: () => processText }])}`;
    },
    countRequest(path, code) {
      requests.inc({ path, code: String(code) });
    },
    countAlert(rule) {
      alerts.inc({ rule: String(rule + 1) });
    },
  };
}
