// The versioned JSON snapshot printed by --json (schemaVersion 1).
import { selectHeader, selectRows, selectSources } from './selectors.js';
import type { State } from './state.js';

const SATS_PER_BTC = 100_000_000;

export interface SnapshotV1 {
  schemaVersion: 1;
  generatedAt: string;
  metric: 'btc-locked';
  sample: boolean;
  priceUsd: number | null;
  totalBtc: number;
  networks: {
    id: string;
    name: string;
    btc: number | null;
    share: number | null;
    source: string | null;
    stale: boolean;
    change24h: number | null;
    change7d: number | null;
    updatedAt: string | null;
    error: string | null;
  }[];
  sources: {
    id: string;
    provider: string;
    network: string;
    status: string;
    lastSuccessAt: string | null;
    latencyMs: number | null;
    error: string | null;
    errorKind: string | null;
  }[];
}

/** BTC with exactly 8 decimals of precision, as a JSON number (sats / 1e8 round-trips). */
function btc(sats: number): number {
  return Number((sats / SATS_PER_BTC).toFixed(8));
}

const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());

export function toSnapshot(state: State): SnapshotV1 {
  const rows = selectRows(state);
  const header = selectHeader(state, rows);
  return {
    schemaVersion: 1,
    generatedAt: new Date(state.now).toISOString(),
    metric: 'btc-locked',
    sample: state.demo,
    priceUsd: header.priceUsd ?? null,
    totalBtc: btc(header.totalSats),
    networks: rows.map((r) => ({
      id: r.meta.id,
      name: r.meta.name,
      btc: r.sats === undefined ? null : btc(r.sats),
      share: r.share ?? null,
      source: r.source && r.sats !== undefined ? r.source.id : null,
      stale: r.stale,
      change24h: r.change24h,
      change7d: r.change7d,
      updatedAt: iso(r.at),
      error: r.error?.message ?? null,
    })),
    sources: selectSources(state).map((s) => ({
      id: s.meta.id,
      provider: s.meta.provider,
      network: s.meta.network,
      status: s.status,
      lastSuccessAt: iso(s.lastSuccessAt),
      latencyMs: s.latencyMs ?? null,
      error: s.error?.message ?? null,
      errorKind: s.error?.kind ?? null,
    })),
  };
}
