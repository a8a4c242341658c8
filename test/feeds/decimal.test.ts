import { describe, expect, it } from 'vitest';
import { scaleDecimal } from '../../src/feeds/decimal.js';
import { satsProblem } from '../../src/feeds/sats.js';

describe('scaleDecimal', () => {
  it.each<[string, number, bigint, boolean]>([
    ['3876.54321098', 8, 387654321098n, true],
    ['3876.543210987', 8, 387654321098n, false],
    ['3876.5', 8, 387650000000n, true],
    ['0', 8, 0n, true],
    ['007', 0, 7n, true],
    ['1e-7', 8, 10n, true],
    ['1.5e-9', 8, 0n, false],
    ['2.1E+7', 8, 2_100_000_000_000_000n, true],
    ['-1.5', 8, -150_000_000n, true],
    ['-0.5', 0, 0n, false],
    ['1.5', 0, 1n, false],
    ['123456789012345678901234567890', -10, 12345678901234567890n, false],
  ])('%s × 10^%i → %s (exact: %s)', (text, decimals, value, exact) => {
    expect(scaleDecimal(text, decimals)).toEqual({ value, exact });
  });

  it.each(['', '.5', '5.', '+5', '1,5', '0x10', '1e', '1e12345', 'Infinity', 'NaN', ' 1', '1 '])('rejects %j', (text) => {
    expect(scaleDecimal(text, 8)).toBeUndefined();
  });
});

describe('satsProblem', () => {
  it.each<[bigint, string | undefined]>([
    [0n, undefined],
    [2_100_000_000_000_000n, undefined],
    [2_100_000_000_000_001n, 'more than 21M BTC'],
    [-1n, 'below 0'],
  ])('%s → %s', (sats, problem) => {
    expect(satsProblem(sats)).toBe(problem);
  });
});
