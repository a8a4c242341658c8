// A one-line trend: one character per value, scaled between the series' own min and max.

const LEVELS = ['\u2581', '\u2582', '\u2583', '\u2584', '\u2585', '\u2586', '\u2587', '\u2588'] as const;
/** ASCII levels, lowest to highest. A space is never a level: it means "no value". */
const ASCII_LEVELS = ['_', '.', '-', '~', '*', '^'] as const;

/**
 * One character per value from ▁▂▃▄▅▆▇█ (ASCII: "_.-~*^"), scaled min..max over the finite values.
 * null and non-finite values are a space; a constant series sits at the middle level (▄, ASCII '-').
 */
export function sparkline(values: readonly (number | null)[], opts: { ascii?: boolean } = {}): string {
  const levels: readonly string[] = opts.ascii ? ASCII_LEVELS : LEVELS;
  const top = levels.length - 1;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v !== null && Number.isFinite(v)) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  const range = max - min;
  let out = '';
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) out += ' ';
    else if (range === 0) out += levels[Math.floor(top / 2)] ?? ' ';
    else out += levels[Math.round(((v - min) / range) * top)] ?? ' ';
  }
  return out;
}
