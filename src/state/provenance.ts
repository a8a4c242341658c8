// Which source gave each point of a series, kept beside the model as runs of points (the model keeps values only).

/** [first time, last time, source id]: the run's points came from the source ('' for gaps). */
type Run = [number, number, string];

/**
 * Runs of points per series, sorted by first time. A run may enclose later-inserted runs (history filled into a
 * hole); the innermost run containing a time, the one starting last, gives its source.
 */
export class Provenance {
  private readonly runs = new Map<string, Run[]>();

  private listOf(key: string): Run[] {
    let list = this.runs.get(key);
    if (!list) {
      list = [];
      this.runs.set(key, list);
    }
    return list;
  }

  /** Index of the last run starting at or before t (-1 when none). */
  private static before(list: readonly Run[], t: number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((list[mid]?.[0] ?? 0) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** Notes that the point at t of series `key` came from `source`. */
  add(key: string, t: number, source: string): void {
    const list = this.listOf(key);
    const i = Provenance.before(list, t);
    const prev = list[i];
    const next = list[i + 1];
    if (prev && prev[2] === source && (next === undefined || next[0] > t)) {
      if (t > prev[1]) prev[1] = t;
      return;
    }
    if (prev && prev[0] === t && prev[1] === t) {
      prev[2] = source;
      return;
    }
    list.splice(i + 1, 0, [t, t, source]);
  }

  /** The source of the point at t, or undefined when unknown. */
  sourceOf(key: string, t: number): string | undefined {
    const list = this.runs.get(key);
    if (!list) return undefined;
    for (let i = Provenance.before(list, t), n = 0; i >= 0 && n < 64; i -= 1, n += 1) {
      const run = list[i];
      if (run && run[1] >= t) return run[2];
    }
    return undefined;
  }

  /** Forgets runs that end before `cutoff`. */
  prune(cutoff: number): void {
    for (const [key, list] of this.runs) {
      const keep = list.filter((r) => r[1] >= cutoff);
      if (keep.length === 0) this.runs.delete(key);
      else if (keep.length !== list.length) this.runs.set(key, keep);
    }
  }
}

/** The key of a series: "<metric>:<network>", or "price". */
export const seriesKey = (metric: string, network: string): string => `${metric}:${network}`;
