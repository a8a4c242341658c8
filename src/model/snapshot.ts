// The versioned JSON snapshot printed by --json (schemaVersion 1; fields are only ever added).
import { dailyPoints } from './daily.js';
import { selectHeader, selectRows, selectSector, selectSources } from './selectors.js';
import type { State } from './state.js';
import { selectHooks } from './hooks.js';
import type { Metric } from './types.js';

const SATS_PER_BTC = 100_000_000;

/** BTC with exactly 8 decimals of precision, as a JSON number (sats / 1e8 round-trips). */
function btc(sats: number): number {
  return Number((sats / SATS_PER_BTC).toFixed(8));
}

const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());
const round = (x: number | null | undefined, digits = 6): number | null => (x === null || x === undefined ? null : Number(x.toFixed(digits)));

/** A value of `metric` in its JSON unit: BTC for btc-locked, USD for defi-tvl. */
function jsonValue(metric: Metric, v: number): number {
  return metric === 'btc-locked' ? btc(v) : Number(v.toFixed(2));
}

export function toSnapshot(state: State) {
  const metric = state.ui.metric;
  const rows = selectRows(state, metric);
  const btcRows = new Map(selectRows(state, 'btc-locked').map((r) => [r.meta.id, r]));
  const tvlRows = new Map(selectRows(state, 'defi-tvl').map((r) => [r.meta.id, r]));
  const header = selectHeader(state, rows);
  const sector = selectSector(state);
  return {
    schemaVersion: 1 as const,
    generatedAt: new Date(state.now).toISOString(),
    metric,
    unit: metric === 'btc-locked' ? 'BTC' : 'USD',
    sample: state.demo,
    replay: state.replay ?? false,
    priceUsd: header.priceUsd ?? null,
    priceSource: header.priceSource?.id ?? null,
    doubtful: header.doubtful,
    // A total over no data is missing, not zero.
    totalBtc: [...btcRows.values()].some((r) => r.value !== undefined) ? btc(sector.totalSats) : null,
    totalTvlUsd: [...tvlRows.values()].some((r) => r.value !== undefined) ? round([...tvlRows.values()].reduce((a, r) => a + (r.value ?? 0), 0), 2) : null,
    networksWithData: header.networksWithData,
    networksTracked: rows.filter((r) => !r.notTracked).length,
    sector: {
      circulatingBtc: sector.supplySats === undefined ? null : btc(sector.supplySats),
      blockHeight: state.height?.height ?? null,
      shareOfSupply: header.networksWithData > 0 || metric !== 'btc-locked' ? round(sector.shareOfSupply, 8) : null,
      change30d: round(sector.change30d),
      change90d: round(sector.change90d),
    },
    networks: rows.map((r) => {
      const b = btcRows.get(r.meta.id);
      const t = tvlRows.get(r.meta.id);
      return {
        id: r.meta.id,
        name: r.meta.name,
        type: r.meta.type,
        btc: b?.value === undefined ? null : btc(b.value),
        tvlUsd: t?.value === undefined ? null : round(t.value, 2),
        share: r.share ?? null,
        source: r.source && r.value !== undefined ? r.source.id : null,
        fallback: r.fallback,
        stale: r.stale,
        change24h: round(r.change24h),
        change7d: round(r.change7d),
        changeSinceStart: r.change24h === null && r.changeSinceStart
          ? { change: round(r.changeSinceStart.change), since: iso(state.now - r.changeSinceStart.sinceMs) }
          : null,
        note: r.note ?? null,
        updatedAt: iso(r.at),
        error: r.value === undefined || r.stale ? r.error?.message ?? r.staleReason ?? null : null,
        category: r.meta.category ?? 'bitcoin-l2',
        status: r.meta.status ?? { state: 'live' },
        dataAt: iso(r.dataAt),
        staleReason: r.staleReason ?? null,
        doubtful: r.doubtful,
        outvoted: r.outvoted?.id ?? null,
        sourcesDisagree: r.disagree.length > 0,
        otherSources: r.others.map((o) => ({ source: o.sourceId, value: jsonValue(metric, o.value), diff: round(o.diff), updatedAt: iso(o.at) })),
        otherMethodology: r.references.map((o) => ({ source: o.sourceId, value: jsonValue(metric, o.value), diff: round(o.diff), updatedAt: iso(o.at) })),
        rejected: r.rejected.map((x) => ({ source: x.sourceId, value: jsonValue(metric, x.value), reason: x.reason, at: iso(x.at) })),
        anomaly: r.anomaly
          ? { change: round(r.anomaly.change), since: iso(r.anomaly.since), confirmedBy: r.anomaly.confirmedBy, contradictedBy: r.anomaly.contradictedBy }
          : null,
        backfilledUntil: iso(state.backfilledUntil[metric][r.meta.id]),
        history: dailyPoints(state.series[metric][r.meta.id]).map(([t, v]) => ({ date: new Date(t).toISOString().slice(0, 10), value: jsonValue(metric, v) })),
      };
    }),
    sources: selectSources(state).map((s) => ({
      id: s.meta.id,
      provider: s.meta.provider,
      role: s.meta.role,
      networks: s.meta.networks,
      status: s.status,
      lastSuccessAt: iso(s.lastSuccessAt),
      latencyMs: s.latencyMs ?? null,
      error: s.error?.message ?? null,
      errorKind: s.error?.kind ?? null,
      dataAt: iso(s.dataAt),
      staleReason: s.staleReason ?? null,
      rejected: s.rejected ?? null,
      nextAttemptAt: iso(s.nextAttemptAt),
      waitReason: s.rateLimited ? `rate-limited by ${s.rateLimited.provider} until ${new Date(s.rateLimited.until).toISOString()}` : null,
      historyPoints: s.historyPoints ?? null,
    })),
    alerts: state.alerts.map((a) => ({ at: iso(a.at), rule: a.rule, ruleText: a.ruleText, subject: a.subject, message: a.message, values: a.values })),
    hooks: selectHooks(state).map((h) => ({
      id: h.id,
      target: h.target,
      status: h.status,
      delivered: h.delivered,
      failed: h.failed,
      dropped: h.dropped,
      consecutiveFailures: h.consecutiveFailures,
      lastAttemptAt: iso(h.lastAttemptAt),
      lastSuccessAt: iso(h.lastSuccessAt),
      error: h.lastError ?? null,
    })),
  };
}

export type SnapshotV1 = ReturnType<typeof toSnapshot>;
