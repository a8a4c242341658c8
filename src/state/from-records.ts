// Folds journal records (checkpoint first, then segments in order) back into what an earlier run remembered.
import type { FiredAlert } from '../model/alert-rules.js';
import type { Points, Remembered, RememberedHealth } from '../model/remembered.js';
import type { Latest, State } from '../model/state.js';
import type { Metric } from '../model/types.js';
import { Provenance, seriesKey } from './provenance.js';
import { decodePoints, type JournalRecord } from './records.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Sorts by time and keeps the last point given for each time (a later record wins). */
function merged(points: [number, number][]): Points {
  const byTime = new Map<number, number>();
  for (const [t, v] of points) byTime.set(t, v);
  return [...byTime.entries()].sort((a, b) => a[0] - b[0]);
}

function pick(l: Latest): Latest {
  return { value: l.value, at: l.at, dataAt: l.dataAt, sourceId: l.sourceId, ...(l.extra ? { extra: l.extra } : {}), ...(l.note !== undefined ? { note: l.note } : {}) };
}

/**
 * What the records say, newest record winning; `savedAt` is the newest time any record carries. Notes in `prov`
 * which source gave each point.
 */
export function rememberedFrom(records: readonly JournalRecord[], prov: Provenance = new Provenance()): Remembered {
  const series: Record<Metric, Record<string, [number, number][]>> = { 'btc-locked': {}, 'defi-tvl': {} };
  const price: [number, number][] = [];
  const values: Record<Metric, Record<string, Record<string, Latest>>> = { 'btc-locked': {}, 'defi-tvl': {} };
  const backfilledUntil: Record<Metric, Record<string, number>> = { 'btc-locked': {}, 'defi-tvl': {} };
  const prices: Record<string, Latest> = {};
  const details: Record<string, Record<string, Latest>> = {};
  const health: Record<string, RememberedHealth> = {};
  const alerts: FiredAlert[] = [];
  const seen = new Set<string>();
  const out: Mutable<Pick<Remembered, 'height' | 'alertActive' | 'savedAt'>> = { alertActive: {}, savedAt: 0 };
  const saw = (t: number | undefined) => {
    if (t !== undefined && Number.isFinite(t)) out.savedAt = Math.max(out.savedAt, t);
  };
  for (const r of records) {
    switch (r.k) {
      case 'series': {
        const points = decodePoints(r);
        const key = seriesKey(r.m, r.n);
        for (const [t] of points) prov.add(key, t, r.src ?? '');
        (series[r.m][r.n] ??= []).push(...points);
        saw(points[points.length - 1]?.[0]);
        break;
      }
      case 'price': {
        const points = decodePoints(r);
        for (const [t] of points) prov.add('price', t, r.src ?? '');
        price.push(...points);
        break;
      }
      case 'value':
        (values[r.m][r.n] ??= {})[r.l.sourceId] = pick(r.l);
        saw(r.l.at);
        break;
      case 'rate':
        prices[r.l.sourceId] = pick(r.l);
        break;
      case 'height':
        out.height = { height: r.height, at: r.at, sourceId: r.sourceId };
        break;
      case 'detail':
        (details[r.n] ??= {})[r.key] = pick(r.l);
        break;
      case 'health':
        health[r.s] = r.h;
        saw(r.h.lastAttemptAt);
        break;
      case 'backfill':
        backfilledUntil[r.m][r.n] = r.u;
        break;
      case 'alert': {
        const key = `${r.a.at}:${r.a.rule}:${r.a.subject}:${r.a.message}`;
        if (!seen.has(key)) alerts.push(r.a);
        seen.add(key);
        break;
      }
      case 'active':
        out.alertActive = r.a;
        break;
      case 'meta':
      case 'end':
        break;
    }
  }
  const seriesOut: Record<Metric, Record<string, Points>> = { 'btc-locked': {}, 'defi-tvl': {} };
  for (const m of ['btc-locked', 'defi-tvl'] as const) for (const [n, p] of Object.entries(series[m])) seriesOut[m][n] = merged(p);
  alerts.sort((a, b) => a.at - b.at);
  return {
    savedAt: out.savedAt, series: seriesOut, priceSeries: merged(price), values, prices, details, health, backfilledUntil, alerts,
    alertActive: out.alertActive, ...(out.height ? { height: out.height as NonNullable<State['height']> } : {}),
  };
}
