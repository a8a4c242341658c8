// The sanity ceiling every BTC amount from an upstream is checked against: no L2 can hold more than 21M BTC.

/** 21,000,000 BTC in satoshis (fits a JS number exactly: 2.1e15 < 2^53). */
export const MAX_SATS = 21e14;
/** The same ceiling as a BigInt, for amounts parsed from hex or long decimal strings. */
export const MAX_SATS_BIG = 2_100_000_000_000_000n;

/** Why `sats` is not a plausible amount ("below 0", "more than 21M BTC"), or undefined when it is. */
export function satsProblem(sats: bigint): string | undefined {
  if (sats < 0n) return 'below 0';
  if (sats > MAX_SATS_BIG) return 'more than 21M BTC';
  return undefined;
}

/**
 * Why `sats` cannot be a network's total of BTC locked, or undefined: a total of 0 (an indexer that has
 * not caught up, an emptied table) or all 21M are never real, and neither is anything outside 0..21M.
 */
export function totalProblem(sats: bigint): string | undefined {
  const range = satsProblem(sats);
  if (range !== undefined) return range;
  if (sats === 0n) return 'implausible: a total of 0';
  if (sats === MAX_SATS_BIG) return 'implausible: all 21,000,000 BTC';
  return undefined;
}

/** BTC/USD above this is not a price but a broken or hostile upstream (1e308 must never reach the UI). */
export const MAX_PRICE_USD = 1e9;
/** A chain's DeFi TVL above this (10 trillion USD) is implausible. */
export const MAX_TVL_USD = 1e13;

/** True for a usable BTC/USD price: finite, above 0, below the ceiling. */
export function plausiblePrice(usd: number): boolean {
  return Number.isFinite(usd) && usd > 0 && usd <= MAX_PRICE_USD;
}
