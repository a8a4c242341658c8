// Table tests for the formatting module: exact strings for every unit, share, change and duration.
import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatAmount,
  formatBtc,
  formatChange,
  formatDuration,
  formatSats,
  formatShare,
  formatUsd,
  missingMark,
} from '../../../src/ui/render/format.js';
import type { AmountOptions, Unit } from '../../../src/ui/render/format.js';

describe('formatBtc', () => {
  it.each<[number, number | undefined, string]>([
    [460820222344, undefined, '4,608.20222344 BTC'],
    [460820222344, 8, '4,608.20222344 BTC'],
    [460820222344, 2, '4,608.20 BTC'],
    [460820222344, 0, '4,608 BTC'],
    [460850000000, 0, '4,609 BTC'],
    [0, 2, '0.00 BTC'],
    [1, undefined, '0.00000001 BTC'],
    [1, 2, '0.00 BTC'],
    [-150000000, 1, '-1.5 BTC'],
    [-1, 2, '0.00 BTC'],
    [2_100_000_000_000_000, 2, '21,000,000.00 BTC'],
    [99_999_999, 2, '1.00 BTC'],
    [Number.NaN, 2, 'n/a'],
  ])('%d sats, %s decimals -> %s', (sats, decimals, out) => {
    expect(formatBtc(sats, decimals === undefined ? {} : { decimals })).toBe(out);
  });
});

describe('formatSats', () => {
  it.each<[number, string]>([
    [460820222344, '460,820,222,344 sats'],
    [0, '0 sats'],
    [999, '999 sats'],
    [1000, '1,000 sats'],
    [-1234567, '-1,234,567 sats'],
    [Number.POSITIVE_INFINITY, 'n/a'],
  ])('%d -> %s', (sats, out) => {
    expect(formatSats(sats)).toBe(out);
  });
});

describe('formatUsd', () => {
  it.each<[number, boolean, string]>([
    [97284.65, false, '$97,284.65'],
    [0, false, '$0.00'],
    [0.005, false, '$0.01'],
    [1234567.891, false, '$1,234,567.89'],
    [-1, false, '-$1.00'],
    [448_300_000, true, '$448.3M'],
    [1_200_000_000, true, '$1.20B'],
    [97_284.65, true, '$97.3K'],
    [512.345, true, '$512.35'],
    [999.996, true, '$1.0K'],
    [999_960, true, '$1.0M'],
    [999_996_000, true, '$1.00B'],
    [4_500_000_000_000, true, '$4.50T'],
    [-2_500_000, true, '-$2.5M'],
    [Number.NaN, true, 'n/a'],
  ])('case %#: %d compact=%s', (usd, compact, out) => {
    expect(formatUsd(usd, { compact })).toBe(out);
  });
});

describe('formatAmount', () => {
  const price = 97_284.65;
  it.each<[number, Unit, number | undefined, AmountOptions, string]>([
    [460820222344, 'btc', undefined, {}, '4,608.20222344 BTC'],
    [460820222344, 'btc', undefined, { decimals: 2 }, '4,608.20 BTC'],
    [460820222344, 'btc', undefined, { compact: true }, '4.61K BTC'],
    [4608202223440, 'btc', undefined, { compact: true }, '46.1K BTC'],
    [46082022234400, 'btc', undefined, { compact: true }, '461K BTC'],
    [99_960_000_000, 'btc', undefined, { compact: true }, '1.00K BTC'],
    [2_100_000_000_000_000, 'btc', undefined, { compact: true }, '21.0M BTC'],
    [12_345_000_000, 'btc', undefined, { compact: true }, '123 BTC'],
    [1_234_500_000, 'btc', undefined, { compact: true }, '12.3 BTC'],
    [123_450_000, 'btc', undefined, { compact: true }, '1.23 BTC'],
    [50_000_000, 'btc', undefined, { compact: true }, '0.50 BTC'],
    [100_000, 'btc', undefined, { compact: true }, '<0.01 BTC'],
    [0, 'btc', undefined, { compact: true }, '0.00 BTC'],
    [-460820222344, 'btc', undefined, { compact: true }, '-4.61K BTC'],
    [460820222344, 'sats', undefined, {}, '460,820,222,344 sats'],
    [460820222344, 'sats', undefined, { compact: true }, '461B sats'],
    [512, 'sats', undefined, { compact: true }, '512 sats'],
    [460820222344, 'usd', price, {}, '$448,307,340.44'],
    [460820222344, 'usd', price, { compact: true }, '$448.3M'],
    [460820222344, 'usd', undefined, {}, '\u2014'],
    [460820222344, 'usd', undefined, { ascii: true }, '-'],
    [460820222344, 'usd', Number.NaN, {}, '\u2014'],
    [460820222344, 'usd', 0, { compact: true }, '\u2014'],
    [Number.NaN, 'btc', undefined, { ascii: true }, '-'],
  ])('case %#: %d sats as %s', (sats, unit, p, opts, out) => {
    expect(formatAmount(sats, unit, p, opts)).toBe(out);
  });

  it('has a missing mark for each mode', () => {
    expect([missingMark(), missingMark(true)]).toEqual(['\u2014', '-']);
  });
});

describe('formatShare', () => {
  it.each<[number, string]>([
    [0.432, '43.2%'],
    [0, '0.0%'],
    [1, '100.0%'],
    [0.0004, '<0.1%'],
    [0.0005, '0.1%'],
    [0.00049, '<0.1%'],
    [0.12345, '12.3%'],
    [Number.NaN, 'n/a'],
  ])('%d -> %s', (f, out) => {
    expect(formatShare(f)).toBe(out);
  });
});

describe('formatChange', () => {
  it.each<[number | null, boolean, string, string]>([
    [0.023, false, '\u25b2 +2.3%', 'up'],
    [-0.011, false, '\u25bc -1.1%', 'down'],
    [0, false, '= 0.0%', 'flat'],
    [0.0004, false, '= 0.0%', 'flat'],
    [-0.0004, false, '= 0.0%', 'flat'],
    [0.0006, false, '\u25b2 +0.1%', 'up'],
    [null, false, 'n/a', 'none'],
    [Number.NaN, false, 'n/a', 'none'],
    [0.023, true, '^ +2.3%', 'up'],
    [-0.011, true, 'v -1.1%', 'down'],
    [0, true, '= 0.0%', 'flat'],
    [12.5, true, '^ +1250.0%', 'up'],
  ])('%s ascii=%s -> %s', (f, ascii, text, direction) => {
    expect(formatChange(f, { ascii })).toEqual({ text, direction });
  });
});

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('formatAge', () => {
  it.each<[number, string]>([
    [0, '<1m'],
    [59 * S, '<1m'],
    [-5 * S, '<1m'],
    [M, '1m'],
    [4 * M + 59 * S, '4m'],
    [59 * M, '59m'],
    [H, '1h 0m'],
    [2 * H + 5 * M + 30 * S, '2h 5m'],
    [D, '1d 0h'],
    [3 * D + 4 * H + 59 * M, '3d 4h'],
    [Number.NaN, 'n/a'],
  ])('%d ms -> %s', (ms, out) => {
    expect(formatAge(ms)).toBe(out);
  });
});

describe('formatDuration', () => {
  it.each<[number, boolean, string]>([
    [250, false, '250ms'],
    [0, false, '0ms'],
    [999.6, false, '1s'],
    [30 * S, false, '30s'],
    [5 * M, false, '5m'],
    [90 * S, false, '1m 30s'],
    [H, false, '1h'],
    [H + 30 * M + 15 * S, false, '1h 30m'],
    [H + 15 * S, false, '1h'],
    [2 * D + 3 * H, false, '2d 3h'],
    [4 * M, true, '4m'],
    [3 * M + 10 * S, true, '4m'],
    [30 * S, true, '1m'],
    [0, true, '0m'],
    [-5 * S, true, '0m'],
    [H + 59 * M + 1 * S, true, '2h'],
    [Number.NaN, false, 'n/a'],
  ])('%d ms coarse=%s -> %s', (ms, coarse, out) => {
    expect(formatDuration(ms, { coarse })).toBe(out);
  });
});
