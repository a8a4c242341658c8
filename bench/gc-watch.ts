// Which measured intervals a garbage collection ran in: V8 reports each GC pause (start, duration, kind) to
// perf_hooks; a benchmark records its intervals and asks afterwards which of them overlapped a pause.
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

/** One GC pause: when it started, how long it took (ms, performance.now() time) and its kind. */
export interface GcPause {
  readonly start: number;
  readonly ms: number;
  readonly kind: 'minor' | 'major' | 'incremental' | 'weak' | 'other';
}

function kindOf(entry: PerformanceEntry): GcPause['kind'] {
  const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
  if (kind === constants.NODE_PERFORMANCE_GC_MINOR) return 'minor';
  if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) return 'major';
  if (kind === constants.NODE_PERFORMANCE_GC_INCREMENTAL) return 'incremental';
  if (kind === constants.NODE_PERFORMANCE_GC_WEAKCB) return 'weak';
  return 'other';
}

export interface GcWatch {
  /** The pauses that overlapped [t0, t1] (performance.now() times); call after stop() or takeRecords. */
  within(t0: number, t1: number): GcPause[];
  stop(): void;
}

/** Starts recording GC pauses. */
export function watchGc(): GcWatch {
  const pauses: GcPause[] = [];
  const add = (entries: readonly PerformanceEntry[]): void => {
    for (const e of entries) pauses.push({ start: e.startTime, ms: e.duration, kind: kindOf(e) });
  };
  const observer = new PerformanceObserver((list) => add(list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  return {
    within(t0, t1) {
      add(observer.takeRecords());
      return pauses.filter((p) => p.start < t1 && p.start + p.ms > t0);
    },
    stop() {
      add(observer.takeRecords());
      observer.disconnect();
    },
  };
}
