// Test helper for the deploy examples: the metric and label names a PromQL expression uses, the contract's
// names (issue 10) they may use, and Grafana's template variables replaced so promtool can parse a panel's query.

/** Metric names `l2top serve` exports (CONTRACT-10 "Prometheus metric names"). */
export const CONTRACT_METRICS: readonly string[] = [
  'l2top_network_locked_btc',
  'l2top_network_locked_usd',
  'l2top_network_defi_tvl_usd',
  'l2top_network_share_ratio',
  'l2top_network_stale',
  'l2top_network_doubtful',
  'l2top_network_source_info',
  'l2top_network_data_timestamp_seconds',
  'l2top_source_locked_btc',
  'l2top_source_locked_usd',
  'l2top_source_defi_tvl_usd',
  'l2top_source_up',
  'l2top_source_last_success_timestamp_seconds',
  'l2top_source_latency_seconds',
  'l2top_source_consecutive_failures',
  'l2top_source_retry_after_seconds',
  'l2top_source_data_timestamp_seconds',
  'l2top_btc_price_usd',
  'l2top_sector_locked_btc',
  'l2top_networks_with_data',
  'l2top_alerts_fired_total',
  'l2top_build_info',
  'l2top_sse_clients',
  'l2top_http_requests_total',
];

/** Prometheus' own series about a scrape target (not exported by l2top, written by Prometheus per scrape). */
export const SCRAPE_METRICS: readonly string[] = ['up'];

/** Label names of the contract's metrics, plus the target labels Prometheus adds. */
export const CONTRACT_LABELS: readonly string[] = ['network', 'metric', 'source', 'provider', 'rule', 'version', 'path', 'code', 'instance', 'job'];

const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'inf', 'nan', 'atan2']);
const GROUPING = /\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g;

/** The expression without string literals (each becomes ""), so names inside label values are not seen. */
function withoutStrings(expr: string): string {
  return expr.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""');
}

/** Metric names an expression selects, in order of first use; function and aggregation names are not names. */
export function metricNames(expr: string): string[] {
  const s = withoutStrings(expr)
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(GROUPING, ' ')
    .replace(/\$\{?\w+\}?/g, ' ')
    .replace(/(?<![\w:])\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?:ms|[smhdwy])?(?![\w:])/g, ' ');
  const names: string[] = [];
  for (const m of s.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const word = m[0];
    if (KEYWORDS.has(word.toLowerCase())) continue;
    if (/^\s*\(/.test(s.slice((m.index ?? 0) + word.length))) continue;
    if (!names.includes(word)) names.push(word);
  }
  return names;
}

/** Label names an expression matches on or groups by. */
export function labelNames(expr: string): string[] {
  const s = withoutStrings(expr);
  const names = new Set<string>();
  for (const m of s.matchAll(/\{([^}]*)\}/g)) for (const l of (m[1] ?? '').matchAll(/([A-Za-z_]\w*)\s*(?:=~|!~|!=|=)/g)) names.add(l[1] ?? '');
  for (const m of s.matchAll(GROUPING)) for (const l of (m[1] ?? '').split(',')) if (l.trim()) names.add(l.trim());
  return [...names];
}

/** Grafana's variables in a query, replaced by values Prometheus accepts (unknown variables throw). */
export function substituteGrafanaVariables(expr: string, values: Readonly<Record<string, string>>): string {
  return expr.replace(/\$\{?(\w+)\}?/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`unknown Grafana variable $${name} in ${expr}`);
    return value;
  });
}

/** `alert:` name and `expr:` of each rule (the file keeps each on one line; the count check catches otherwise). */
export function rulesOf(text: string): { alert: string; expr: string }[] {
  const alerts = [...text.matchAll(/^\s*- alert:\s*(\S+)\s*$/gm)].map((m) => m[1] ?? '');
  const exprs = [...text.matchAll(/^\s*expr:\s*(.+?)\s*$/gm)].map((m) => m[1] ?? '');
  if (alerts.length !== exprs.length) throw new Error(`${alerts.length} alerts but ${exprs.length} one-line exprs`);
  return alerts.map((alert, i) => ({ alert, expr: exprs[i] ?? '' }));
}
