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
