// A horizontal share bar of a fixed width, with eighth-block resolution (or whole '#' cells in ASCII).

/** Partial cells for 1/8 .. 7/8 of a cell. */
const EIGHTHS = ['', '\u258f', '\u258e', '\u258d', '\u258c', '\u258b', '\u258a', '\u2589'] as const;
const FULL = '\u2588';

/**
 * A bar exactly `width` characters long showing `fraction` (clamped to 0..1; NaN is empty):
 * full blocks, one eighth-block partial cell, then spaces. 0.5 at width 10 -> "█████     ".
 * ASCII mode rounds to whole cells of '#' followed by spaces.
 */
export function shareBar(fraction: number, width: number, opts: { ascii?: boolean } = {}): string {
  const w = Number.isFinite(width) ? Math.max(0, Math.floor(width)) : 0;
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  if (opts.ascii) {
    const cells = Math.round(f * w);
    return '#'.repeat(cells) + ' '.repeat(w - cells);
  }
  const eighths = Math.round(f * w * 8);
  const full = Math.floor(eighths / 8);
  const partial = EIGHTHS[eighths % 8] ?? '';
  return (FULL.repeat(full) + partial).padEnd(w, ' ');
}
