// Exact decimal-string arithmetic for amounts that arrive as text (RBTC, BTC, wei): no floats anywhere.

/** Optional sign, digits, optional fraction, optional exponent (as Number#toString and bignumber.js print). */
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d{1,4}))?$/;

/** A decimal scaled to an integer: `value` is truncated toward zero; `exact` says nothing was cut off. */
export interface Scaled {
  readonly value: bigint;
  readonly exact: boolean;
}

/**
 * `text` × 10^`decimals` as a BigInt, truncated toward zero, e.g. ("3876.543210987", 8) → 387654321098n
 * (not exact). Undefined when `text` is not a plain decimal; exponents have at most 4 digits.
 */
export function scaleDecimal(text: string, decimals: number): Scaled | undefined {
  const m = DECIMAL.exec(text);
  if (m === null) return undefined;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = m;
  const digits = BigInt(whole + fraction);
  const shift = decimals + Number(exponent) - fraction.length;
  let value: bigint;
  let exact = true;
  if (shift >= 0) {
    value = digits * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    value = digits / divisor;
    exact = value * divisor === digits;
  }
  return { value: sign === '-' ? -value : value, exact };
}

