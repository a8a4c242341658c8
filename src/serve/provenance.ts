// Which source gave each point, for hub viewers, when no journal keeps it (--no-state, a read-only directory).
import type { Store } from '../model/store.js';
import { Provenance } from '../state/provenance.js';
import { diffRecords } from '../state/to-records.js';

/** Notes the source of every new point the store gains; returns the Provenance and a stop function. */
export function trackProvenance(store: Store): { readonly provenance: Provenance; stop(): void } {
  const provenance = new Provenance();
  let prev = store.getState();
  let changes = 0;
  const stop = store.subscribe(() => {
    const next = store.getState();
    if (next.series !== prev.series || next.priceSeries !== prev.priceSeries) diffRecords(prev, next, provenance);
    prev = next;
    changes += 1;
    if (changes % 1_000 === 0) provenance.prune(next.now - next.windowMs);
  });
  return { provenance, stop };
}
