// Turns the store's state into journal records: all of it for a checkpoint, what changed for a segment.
import type { RememberedHealth } from '../model/remembered.js';
import { lowerBound, timeAt, toPoints, valueAt, type Series } from '../model/series.js';
import type { Latest, SourceHealth, State } from '../model/state.js';
import { METRICS } from '../model/types.js';
import { seriesKey, type Provenance } from './provenance.js';
import { encodePoints, type JournalRecord } from './records.js';

/** Points per series record in a checkpoint, so no line grows without bound. */
const POINTS_PER_RECORD = 4_096;

function healthOf(h: SourceHealth): RememberedHealth {
  const { inFlight: _i, nextAttemptAt: _n, rateLimited: _r, ...rest } = h;
  return rest;
}

type Point = readonly [number, number];
type Maker = (p: { t: number[]; v: (number | null)[]; src: string }) => JournalRecord;

/** Records of at most POINTS_PER_RECORD points, one source each (consecutive points of one source share a record). */
function pointRecords(points: readonly Point[], sourceOf: (t: number) => string, make: Maker): JournalRecord[] {
  const out: JournalRecord[] = [];
  let run: Point[] = [];
  let src = '';
  const flush = () => {
    if (run.length > 0) out.push(make({ ...encodePoints(run), src }));
    run = [];
  };
  for (const p of points) {
    const s = sourceOf(p[0]);
    if (s !== src || run.length >= POINTS_PER_RECORD) flush();
    src = s;
    run.push(p);
  }
  flush();
  return out;
}

/** Every record needed to rebuild what `state` remembers (a checkpoint's body). */
export function checkpointRecords(state: State, prov: Provenance): JournalRecord[] {
  const out: JournalRecord[] = [];
  for (const m of METRICS) {
    for (const [n, s] of Object.entries(state.series[m])) {
      const key = seriesKey(m, n);
      out.push(...pointRecords(toPoints(s), (t) => prov.sourceOf(key, t) ?? '', (p) => ({ k: 'series', m, n, ...p })));
    }
    for (const [n, bySource] of Object.entries(state.values[m])) for (const l of Object.values(bySource)) out.push({ k: 'value', m, n, l });
    for (const [n, u] of Object.entries(state.backfilledUntil[m])) out.push({ k: 'backfill', m, n, u });
  }
  out.push(...pointRecords(toPoints(state.priceSeries), (t) => prov.sourceOf('price', t) ?? '', (p) => ({ k: 'price', ...p })));
  for (const l of Object.values(state.prices)) out.push({ k: 'rate', l });
  if (state.height) out.push({ k: 'height', ...state.height });
  for (const [n, byKey] of Object.entries(state.details)) for (const [key, l] of Object.entries(byKey)) out.push({ k: 'detail', n, key, l });
  for (const [s, h] of Object.entries(state.health)) if (h.lastOk !== undefined || h.history) out.push({ k: 'health', s, h: healthOf(h) });
  for (const a of state.alerts) out.push({ k: 'alert', a });
  if (Object.keys(state.alertActive).length > 0) out.push({ k: 'active', a: state.alertActive });
  return out;
}

/** The points of `next` that `prev` did not have: appended ones, and history merged in front or into holes. */
export function newPoints(prev: Series, next: Series): [number, number][] {
  if (prev === next || next.length === 0) return [];
  if (prev.length === 0) return toPoints(next);
  const prevLast = timeAt(prev, prev.length - 1);
  const tail = lowerBound(next, prevLast + 1);
  const out: [number, number][] = [];
  // Before prev's last point, next has more points than prev kept of that span only after a history merge.
  const kept = prev.length - lowerBound(prev, timeAt(next, 0));
  if (tail > kept) {
    let j = lowerBound(prev, timeAt(next, 0));
    for (let i = 0; i < tail; i += 1) {
      const t = timeAt(next, i);
      while (j < prev.length && timeAt(prev, j) < t) j += 1;
      if (j >= prev.length || timeAt(prev, j) !== t) out.push([t, valueAt(next, i)]);
    }
  }
  for (let i = tail; i < next.length; i += 1) out.push([timeAt(next, i), valueAt(next, i)]);
  return out;
}

function changedHealth(a: SourceHealth | undefined, b: SourceHealth): boolean {
  return a === undefined || a.lastAttemptAt !== b.lastAttemptAt || a.lastOk !== b.lastOk || a.history !== b.history;
}

/**
 * The source a new point came from: the latest value that describes exactly its time (a live poll), else the
 * source whose backfill finished in this step, else unknown ('').
 */
function attribute(latest: Readonly<Record<string, Latest>> | undefined, history: string, t: number, v: number): string {
  if (!Number.isFinite(v)) return '';
  for (const l of Object.values(latest ?? {})) if (l.dataAt === t && l.value === v) return l.sourceId;
  return history;
}

/** The records that take a journal from `prev` to `next` (empty when nothing worth keeping changed); notes provenance. */
export function diffRecords(prev: State, next: State, prov: Provenance): JournalRecord[] {
  const out: JournalRecord[] = [];
  const history = prev.health === next.health ? '' : Object.keys(next.health).find((id) => next.health[id]?.history !== prev.health[id]?.history) ?? '';
  for (const m of METRICS) {
    if (prev.series[m] !== next.series[m]) {
      for (const [n, s] of Object.entries(next.series[m])) {
        const points = newPoints(prev.series[m][n] ?? s, s);
        if (points.length === 0) continue;
        const key = seriesKey(m, n);
        for (const [t, v] of points) prov.add(key, t, attribute(next.values[m][n], history, t, v));
        out.push(...pointRecords(points, (t) => prov.sourceOf(key, t) ?? '', (p) => ({ k: 'series', m, n, ...p })));
      }
    }
    if (prev.values[m] !== next.values[m]) {
      for (const [n, bySource] of Object.entries(next.values[m])) {
        const before = prev.values[m][n];
        if (before === bySource) continue;
        for (const [s, l] of Object.entries(bySource)) if (before?.[s] !== l) out.push({ k: 'value', m, n, l });
      }
    }
    if (prev.backfilledUntil[m] !== next.backfilledUntil[m]) {
      for (const [n, u] of Object.entries(next.backfilledUntil[m])) if (prev.backfilledUntil[m][n] !== u) out.push({ k: 'backfill', m, n, u });
    }
  }
  if (prev.priceSeries !== next.priceSeries) {
    const points = newPoints(prev.priceSeries, next.priceSeries);
    for (const [t, v] of points) prov.add('price', t, attribute(next.prices, history, t, v));
    out.push(...pointRecords(points, (t) => prov.sourceOf('price', t) ?? '', (p) => ({ k: 'price', ...p })));
  }
  if (prev.prices !== next.prices) for (const [s, l] of Object.entries(next.prices)) if (prev.prices[s] !== l) out.push({ k: 'rate', l });
  if (prev.height !== next.height && next.height) out.push({ k: 'height', ...next.height });
  if (prev.details !== next.details) {
    for (const [n, byKey] of Object.entries(next.details)) {
      for (const [key, l] of Object.entries(byKey)) if (prev.details[n]?.[key] !== l) out.push({ k: 'detail', n, key, l });
    }
  }
  if (prev.health !== next.health) {
    for (const [s, h] of Object.entries(next.health)) if (prev.health[s] !== h && !h.inFlight && changedHealth(prev.health[s], h)) out.push({ k: 'health', s, h: healthOf(h) });
  }
  if (prev.alerts !== next.alerts) {
    const last = prev.alerts[prev.alerts.length - 1];
    const from = last === undefined ? 0 : next.alerts.lastIndexOf(last) + 1;
    for (const a of next.alerts.slice(from)) out.push({ k: 'alert', a });
  }
  if (prev.alertActive !== next.alertActive) out.push({ k: 'active', a: next.alertActive });
  return out;
}
