// Shares over time per screen column, over one consistent set of networks, so no line jumps where
// another network's history begins.

/** One network's value per column (null: no data there), largest network first. */
export interface ShareInput {
  readonly name: string;
  readonly values: readonly (number | null)[];
}

/** What the share chart draws. */
export interface ShareColumns {
  /** The drawn series: the largest `top` networks, then "N others" when two or more are left in the set. */
  readonly names: string[];
  /** Per column, each drawn series' fraction of the set's total (summing to 1), or null for a blank column. */
  readonly shares: (number[] | null)[];
  /** Networks left out because their history starts too late in the range to be compared. */
  readonly leftOut: string[];
}

/**
 * Shares per column over one set of networks. The set holds every network whose data begins within the
 * first quarter of the span that has any data; a network starting later is left out (and named), so it
 * never moves the others' lines when it appears. Columns before the last start in the set, and columns
 * where any network of the set has no value (a gap), are blank rather than computed over fewer networks.
 */
export function shareColumns(inputs: readonly ShareInput[], columns: number, top: number): ShareColumns {
  const firsts = inputs.map((s) => s.values.findIndex((v) => v !== null && Number.isFinite(v)));
  const known = firsts.filter((f) => f >= 0);
  if (known.length === 0) return { names: [], shares: new Array<null>(columns).fill(null), leftOut: [] };
  const earliest = Math.min(...known);
  const cutoff = earliest + Math.max(1, Math.floor((columns - earliest) / 4));
  const set = inputs.filter((_, i) => (firsts[i] ?? -1) >= 0 && (firsts[i] ?? 0) <= cutoff);
  const leftOut = inputs.filter((_, i) => (firsts[i] ?? -1) > cutoff).map((s) => s.name);
  // "1 others" would hide a name for nothing: a single network beyond `top` is drawn on its own.
  const own = set.length === top + 1 ? set : set.slice(0, top);
  const rest = set.slice(own.length);
  const names = [...own.map((s) => s.name), ...(rest.length > 0 ? [`${rest.length} others`] : [])];
  const shares = Array.from({ length: columns }, (_, c) => {
    const vs = set.map((s) => s.values[c] ?? null);
    if (vs.some((v) => v === null || !Number.isFinite(v))) return null;
    const nums = vs as number[];
    const total = nums.reduce((a, b) => a + b, 0);
    if (!(total > 0)) return null;
    const drawn = nums.slice(0, own.length);
    if (rest.length > 0) drawn.push(nums.slice(own.length).reduce((a, b) => a + b, 0));
    return drawn.map((v) => v / total);
  });
  return { names, shares, leftOut };
}
