// The Shares rows as the user asked to see them: filtered by name and sorted (share, 24 h change or name).
import { selectRows, type NetworkRow } from './selectors.js';
import type { SortId, State } from './state.js';

/** Rows whose network name contains `filter`, case-insensitive; '' keeps every row. */
export function filterRows(rows: readonly NetworkRow[], filter: string): NetworkRow[] {
  const needle = filter.trim().toLowerCase();
  return needle === '' ? [...rows] : rows.filter((r) => r.meta.name.toLowerCase().includes(needle));
}

const byName = (a: NetworkRow, b: NetworkRow): number => a.meta.name.localeCompare(b.meta.name, 'en', { sensitivity: 'base' });

/**
 * Rows in `sort` order. `share`: the order selectRows gives (largest value first, no value last). `change`:
 * largest 24 h rise first, rows without a comparable change last (by value). `name`: alphabetical.
 */
export function sortRows(rows: readonly NetworkRow[], sort: SortId): NetworkRow[] {
  if (sort === 'share') return [...rows];
  if (sort === 'name') return [...rows].sort(byName);
  const rank = (r: NetworkRow): number => (r.value === undefined || r.change24h === null ? -Infinity : r.change24h);
  return [...rows].sort((a, b) => rank(b) - rank(a) || (b.value ?? -1) - (a.value ?? -1));
}

const cache = new WeakMap<State, NetworkRow[]>();

/** The rows the Shares and Trends views list (current metric, filter and sort); memoised per state. */
export function selectShownRows(state: State): NetworkRow[] {
  const cached = cache.get(state);
  if (cached) return cached;
  const rows = sortRows(filterRows(selectRows(state), state.ui.filter), state.ui.sort);
  cache.set(state, rows);
  return rows;
}
