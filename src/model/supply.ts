// Bitcoin's circulating supply at a block height, from the subsidy halving schedule (integer sats).

/** Blocks between halvings. */
export const HALVING_INTERVAL = 210_000;
const INITIAL_SUBSIDY_SATS = 50 * 100_000_000;

/**
 * Sats issued by blocks 0..height inclusive (the genesis subsidy counted, as usual in supply figures).
 * The subsidy halves every 210,000 blocks by integer division, as Bitcoin Core's right shift does.
 */
export function circulatingSats(height: number): number {
  if (!Number.isInteger(height) || height < 0) return Number.NaN;
  let total = 0;
  let remaining = height + 1;
  let subsidy = INITIAL_SUBSIDY_SATS;
  while (remaining > 0 && subsidy > 0) {
    const blocks = Math.min(remaining, HALVING_INTERVAL);
    total += blocks * subsidy;
    remaining -= blocks;
    subsidy = Math.floor(subsidy / 2);
  }
  return total;
}
