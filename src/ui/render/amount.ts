// Amounts of either metric in the chosen unit: BTC locked is sats, DeFi TVL is USD; the price converts.
import type { Metric } from '../../model/types.js';
import { formatAmount, formatUsd, missingMark, type AmountOptions, type Unit } from './format.js';

const SATS_PER_BTC = 100_000_000;

/** The value in sats (BTC locked as is; TVL through the price), or undefined without a price. */
export function toSats(metric: Metric, value: number, priceUsd: number | undefined): number | undefined {
  if (metric === 'btc-locked') return value;
  return priceUsd && priceUsd > 0 ? (value / priceUsd) * SATS_PER_BTC : undefined;
}

/** Formats a value of `metric` in `unit`; TVL without a price stays in USD rather than showing nothing. */
export function formatMetric(metric: Metric, value: number, unit: Unit, priceUsd: number | undefined, opts: AmountOptions = {}): string {
  if (metric === 'defi-tvl' && (unit === 'usd' || !priceUsd)) return formatUsd(value, { compact: opts.compact ?? false });
  const sats = toSats(metric, value, priceUsd);
  if (sats === undefined) return missingMark(opts.ascii);
  return formatAmount(Math.round(sats), unit, priceUsd, opts);
}

/** A chart's values converted into `unit`, using the price at each point's own time (`prices[i]`). */
export function convertSeries(metric: Metric, values: readonly (number | null)[], unit: Unit, prices: readonly (number | null)[]): (number | null)[] {
  return values.map((v, i) => {
    if (v === null) return null;
    const p = prices[i] ?? null;
    if (unit === 'usd') return metric === 'defi-tvl' ? v : p === null ? null : (v / SATS_PER_BTC) * p;
    const sats = metric === 'btc-locked' ? v : p === null ? null : (v / p) * SATS_PER_BTC;
    if (sats === null) return null;
    return unit === 'btc' ? sats / SATS_PER_BTC : sats;
  });
}
