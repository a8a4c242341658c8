// Chart axis numbers with K/M/B/T suffixes, as precise as the spacing of the labels needs.

const STEPS: readonly (readonly [number, string])[] = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'K']];

/**
 * `v` with a K/M/B/T suffix. Without a `step` (or a step of 0): 3 significant digits, 4608.2 -> "4.61K".
 * With the difference `step` between neighbouring labels: just enough decimals to tell them apart
 * (5192.3 with step 3 -> "5.192K", with step 400 -> "5.2K"), so labels never repeat.
 */
export function compactNumber(v: number, step = 0): string {
  const abs = Math.abs(v);
  const [size, suffix] = STEPS.find(([s]) => abs >= s) ?? [1, ''];
  const scaled = v / size;
  if (!(step > 0) || !Number.isFinite(step)) return `${abs >= 1 ? scaled.toPrecision(3) : scaled.toFixed(2)}${suffix}`;
  const decimals = Math.min(8, Math.max(0, Math.ceil(-Math.log10(step / size) - 1e-9)));
  return `${scaled.toFixed(decimals)}${suffix}`;
}
