// The app's one formatting module: amounts, shares, changes and durations as plain strings.

/** The unit amounts are shown in; toggled by the user. */
export type Unit = 'btc' | 'sats' | 'usd';

/** Direction of a change, so views can colour it; the text always carries a glyph as well. */
export type ChangeDirection = 'up' | 'down' | 'flat' | 'none';

/** Shown for a value that cannot be formatted (NaN, Infinity, no baseline). */
const NOT_AVAILABLE = 'n/a';
const SATS_PER_BTC = 100_000_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The mark for an amount that cannot be known yet (USD without a price): an em dash, or "-" in ascii mode. */
export function missingMark(ascii = false): string {
  return ascii ? '-' : '\u2014';
}

/** "1234567" -> "1,234,567" for a string of digits. */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Fixed-point with thousands separators from an integer count of 10^-decimals units. */
function fixedGrouped(units: number, decimals: number): string {
  const div = 10 ** decimals;
  const whole = groupThousands(String(Math.floor(units / div)));
  return decimals > 0 ? `${whole}.${String(units % div).padStart(decimals, '0')}` : whole;
}

/**
 * Satoshis as BTC with thousands separators, exact (integer arithmetic).
 * `decimals` is 0..8, default 8: 460820222344 -> "4,608.20222344 BTC"; decimals 2 -> "4,608.20 BTC".
 */
export function formatBtc(sats: number, opts: { decimals?: number } = {}): string {
  if (!Number.isFinite(sats)) return NOT_AVAILABLE;
  const decimals = Math.min(8, Math.max(0, Math.floor(opts.decimals ?? 8)));
  const units = Math.round(Math.abs(sats) / 10 ** (8 - decimals));
  const sign = sats < 0 && units > 0 ? '-' : '';
  return `${sign}${fixedGrouped(units, decimals)} BTC`;
}

/** Whole satoshis with thousands separators: 460820222344 -> "460,820,222,344 sats" (always "sats"). */
export function formatSats(sats: number): string {
  if (!Number.isFinite(sats)) return NOT_AVAILABLE;
  const units = Math.round(Math.abs(sats));
  return `${sats < 0 && units > 0 ? '-' : ''}${fixedGrouped(units, 0)} sats`;
}

interface Step {
  readonly suffix: string;
  readonly scale: number;
  /** Fixed decimals, or undefined for three significant digits (capped by `maxDecimals`). */
  readonly decimals?: number;
  readonly maxDecimals?: number;
}

const USD_STEPS: readonly Step[] = [
  { suffix: '', scale: 1, decimals: 2 },
  { suffix: 'K', scale: 1e3, decimals: 1 },
  { suffix: 'M', scale: 1e6, decimals: 1 },
  { suffix: 'B', scale: 1e9, decimals: 2 },
  { suffix: 'T', scale: 1e12, decimals: 2 },
];
const BTC_STEPS: readonly Step[] = [
  { suffix: '', scale: 1, maxDecimals: 2 },
  { suffix: 'K', scale: 1e3 },
  { suffix: 'M', scale: 1e6 },
];
const SATS_STEPS: readonly Step[] = [
  { suffix: '', scale: 1, maxDecimals: 0 },
  { suffix: 'K', scale: 1e3 },
  { suffix: 'M', scale: 1e6 },
  { suffix: 'B', scale: 1e9 },
  { suffix: 'T', scale: 1e12 },
];

function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

function sigDecimals(x: number, max: number): number {
  return Math.min(max, x >= 100 ? 0 : x >= 10 ? 1 : 2);
}

/** A non-negative number with a K/M/B/T suffix; rounding up to 1000 moves to the next suffix. */
function compactAbs(abs: number, steps: readonly Step[]): string {
  let k = 0;
  while (k + 1 < steps.length && abs >= (steps[k + 1]?.scale ?? Infinity)) k++;
  for (;;) {
    const step = steps[k] ?? { suffix: '', scale: 1 };
    const scaled = abs / step.scale;
    let d = step.decimals ?? sigDecimals(scaled, step.maxDecimals ?? 2);
    let r = roundTo(scaled, d);
    if (step.decimals === undefined && sigDecimals(r, d) < d) {
      d = sigDecimals(r, d);
      r = roundTo(scaled, d);
    }
    if (r >= 1000 && k + 1 < steps.length) {
      k++;
      continue;
    }
    return `${r.toFixed(d)}${step.suffix}`;
  }
}

/** US dollars: "$97,284.65"; compact: "$97.3K", "$448.3M", "$1.20B". Negative as "-$1.00". */
export function formatUsd(usd: number, opts: { compact?: boolean } = {}): string {
  if (!Number.isFinite(usd)) return NOT_AVAILABLE;
  const abs = Math.abs(usd);
  const body = opts.compact ? compactAbs(abs, USD_STEPS) : fixedGrouped(Math.round(abs * 100), 2);
  return `${usd < 0 && /[1-9]/.test(body) ? '-' : ''}$${body}`;
}

/** Compact BTC, three significant digits: "4.61K BTC", "12.3 BTC", "0.50 BTC", "<0.01 BTC". */
function compactBtc(sats: number): string {
  const abs = Math.abs(sats) / SATS_PER_BTC;
  const body = compactAbs(abs, BTC_STEPS);
  if (abs > 0 && !/[1-9]/.test(body)) return '<0.01 BTC';
  return `${sats < 0 && /[1-9]/.test(body) ? '-' : ''}${body} BTC`;
}

/** Options for {@link formatAmount}. */
export interface AmountOptions {
  /** Short form for narrow widths ("4.61K BTC", "$448.3M", "461B sats"). Default false. */
  readonly compact?: boolean;
  /** ASCII-only output (the missing mark becomes "-"). Default false. */
  readonly ascii?: boolean;
  /** BTC decimals when not compact, 0..8. Default 8. */
  readonly decimals?: number;
}

/**
 * The one amount formatter views call: satoshis shown in `unit`. USD needs `priceUsd` (USD per BTC);
 * without a usable price (missing, non-finite or <= 0) it gives the missing mark, as for NaN sats.
 */
export function formatAmount(sats: number, unit: Unit, priceUsd?: number, opts: AmountOptions = {}): string {
  if (!Number.isFinite(sats)) return missingMark(opts.ascii);
  switch (unit) {
    case 'btc':
      return opts.compact ? compactBtc(sats) : formatBtc(sats, { decimals: opts.decimals ?? 8 });
    case 'sats':
      return opts.compact ? `${sats < 0 ? '-' : ''}${compactAbs(Math.abs(sats), SATS_STEPS)} sats` : formatSats(sats);
    case 'usd':
      if (priceUsd === undefined || !Number.isFinite(priceUsd) || priceUsd <= 0) return missingMark(opts.ascii);
      return formatUsd((sats / SATS_PER_BTC) * priceUsd, { compact: opts.compact ?? false });
  }
}

/** A share in 0..1 with one decimal: 0.432 -> "43.2%", 0 -> "0.0%", below 0.05% but above 0 -> "<0.1%". */
export function formatShare(fraction: number): string {
  if (!Number.isFinite(fraction)) return NOT_AVAILABLE;
  const tenths = Math.round(Math.abs(fraction) * 1000);
  if (fraction > 0 && tenths === 0) return '<0.1%';
  return `${fraction < 0 && tenths > 0 ? '-' : ''}${(tenths / 10).toFixed(1)}%`;
}

/** A formatted change: the text always has a direction glyph so meaning never depends on colour. */
export interface FormattedChange {
  readonly text: string;
  readonly direction: ChangeDirection;
}

/**
 * A relative change (0.023 = +2.3%) as "▲ +2.3%", "▼ -1.1%", "= 0.0%" (|change| < 0.05%), or "n/a" for
 * null/non-finite. ASCII mode uses "^" for up and "v" for down ("^ +2.3%", "v -1.1%").
 */
export function formatChange(fraction: number | null, opts: { ascii?: boolean } = {}): FormattedChange {
  if (fraction === null || !Number.isFinite(fraction)) return { text: NOT_AVAILABLE, direction: 'none' };
  const tenths = Math.round(Math.abs(fraction) * 1000);
  const pct = (tenths / 10).toFixed(1);
  if (tenths === 0) return { text: `= ${pct}%`, direction: 'flat' };
  if (fraction > 0) return { text: `${opts.ascii ? '^' : '\u25b2'} +${pct}%`, direction: 'up' };
  return { text: `${opts.ascii ? 'v' : '\u25bc'} -${pct}%`, direction: 'down' };
}

/**
 * How old something is, floored to the minute so the text does not change every second:
 * "<1m", "4m", "2h 0m", "2h 5m", "3d 4h". Negative ages (clock skew) read "<1m".
 */
export function formatAge(ms: number): string {
  if (!Number.isFinite(ms)) return NOT_AVAILABLE;
  if (ms < MINUTE) return '<1m';
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)}m`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)}h ${Math.floor((ms % HOUR) / MINUTE)}m`;
  return `${Math.floor(ms / DAY)}d ${Math.floor((ms % DAY) / HOUR)}h`;
}

/**
 * A duration in its two largest non-zero units: "250ms", "30s", "5m", "1m 30s", "1h", "1h 30m", "2d 3h".
 * `coarse` (for countdowns such as "next poll in 4m") rounds up to whole minutes and never shows seconds;
 * zero or less reads "0m".
 */
export function formatDuration(ms: number, opts: { coarse?: boolean } = {}): string {
  if (!Number.isFinite(ms)) return NOT_AVAILABLE;
  const abs = Math.max(0, ms);
  if (!opts.coarse && Math.round(abs) < 1000) return `${Math.round(abs)}ms`;
  const total = opts.coarse ? Math.ceil(abs / MINUTE) * MINUTE : Math.round(abs / 1000) * 1000;
  const parts: [number, string][] = [
    [Math.floor(total / DAY), 'd'],
    [Math.floor((total % DAY) / HOUR), 'h'],
    [Math.floor((total % HOUR) / MINUTE), 'm'],
    [Math.floor((total % MINUTE) / 1000), 's'],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  if (first < 0) return opts.coarse ? '0m' : '0s';
  return parts
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, u]) => `${n}${u}`)
    .join(' ');
}

/**
 * A wall-clock time in local time, rounded up to the minute so it is never before `at`: "10:32", or
 * "2026-11-22 10:32" when it is not on the same local day as `now`.
 */
export function formatClock(at: number, now: number): string {
  const d = new Date(Math.ceil(at / MINUTE) * MINUTE);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const today = new Date(now);
  if (d.getFullYear() === today.getFullYear() && d.getMonth() === today.getMonth() && d.getDate() === today.getDate()) return time;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
}
