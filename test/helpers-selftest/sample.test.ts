// Self-test of the SAMPLE model: deterministic, integer, plausible and smooth.
import { describe, expect, it } from 'vitest';
import {
  DAY_MS, SAMPLE_NETWORKS, sampleAt, sampleDaily, sampleHistory, sampleLightningGraphAt, sampleLiquidReservesAt, sampleMonthlyFlows, samplePriceAt,
} from '../../src/feeds/demo/sample.js';
import {
  LLAMA_CHAIN_NAMES, SAMPLE_TVL_CHAINS, samplePriceHourly, samplePriceOf, sampleTipHeightAt, sampleTvlAt, sampleTvlDaily,
} from '../../src/feeds/demo/sample-market.js';
import type { PriceSource } from '../../src/feeds/demo/sample-market.js';

const T = Date.UTC(2026, 10, 21, 13, 7);

describe('sample model', () => {
  it.each(['lightning', 'liquid', 'rootstock', 'stacks'] as const)('%s: integer sats in the thousands of BTC, deterministic', (network) => {
    const sats = sampleAt(network, T);
    expect(Number.isInteger(sats)).toBe(true);
    expect(sats / 1e8).toBeGreaterThan(1_000);
    expect(sats / 1e8).toBeLessThan(20_000);
    expect(sampleAt(network, T)).toBe(sats);
  });

  it.each(SAMPLE_NETWORKS)('%s: moves a little between 5-minute polls, more over a month', (network) => {
    const step = Math.abs(sampleAt(network, T + 300_000) / sampleAt(network, T) - 1);
    expect(step).toBeGreaterThan(0);
    expect(step).toBeLessThan(0.002);
    expect(Math.abs(sampleAt(network, T + 30 * DAY_MS) / sampleAt(network, T) - 1)).toBeGreaterThan(0.001);
  });

  it('price is an integer in a plausible range', () => {
    const usd = samplePriceAt(T);
    expect(Number.isInteger(usd)).toBe(true);
    expect(usd).toBeGreaterThan(10_000);
    expect(usd).toBeLessThan(1_000_000);
  });

  it('lightning graph size follows capacity', () => {
    const { channels, nodes } = sampleLightningGraphAt(T);
    expect(sampleAt('lightning', T) / channels).toBeGreaterThan(5e6);
    expect(nodes).toBeLessThan(channels);
    expect(nodes).toBeGreaterThan(1_000);
  });

  it('sampleHistory steps inclusively and rejects a bad step', () => {
    const points = sampleHistory('liquid', T, T + 3 * DAY_MS, DAY_MS);
    expect(points.map((p) => p.atMs)).toEqual([0, 1, 2, 3].map((d) => T + d * DAY_MS));
    expect(points[2]?.sats).toBe(sampleAt('liquid', T + 2 * DAY_MS));
    expect(sampleHistory('liquid', T, T - 1, DAY_MS)).toEqual([]);
    expect(() => sampleHistory('liquid', T, T, 0)).toThrow(RangeError);
    expect(() => sampleAt('liquid', Number.NaN)).toThrow(RangeError);
  });

  it('sampleDaily has one point per UTC midnight, the last holding the value now', () => {
    const points = sampleDaily('stacks', T - 3 * DAY_MS, T);
    expect(points).toHaveLength(3);
    expect(points.every((p) => p.atMs % DAY_MS === 0)).toBe(true);
    expect(points.at(-1)?.sats).toBe(sampleAt('stacks', T));
  });

  it('monthly flows sum exactly to the supply now and include negative months', () => {
    const flows = sampleMonthlyFlows('liquid', 48, T);
    expect(flows).toHaveLength(48);
    expect(flows.at(-1)?.date).toBe('2026-11-01');
    expect(flows[0]?.date).toBe('2022-12-01');
    expect(flows.reduce((sum, f) => sum + f.sats, 0)).toBe(sampleAt('liquid', T));
    expect(flows.some((f) => f.sats < 0)).toBe(true);
  });

  it.each(['citrea', 'merlin', 'bob', 'core', 'bitlayer', 'bsquared', 'botanix', 'hemi'] as const)('%s: integer sats, tens to a few thousand BTC', (network) => {
    for (const t of [T, T - 365 * DAY_MS, T + 365 * DAY_MS]) {
      const sats = sampleAt(network, t);
      expect(Number.isInteger(sats)).toBe(true);
      expect(sats / 1e8).toBeGreaterThan(10);
      expect(sats / 1e8).toBeLessThan(5_000);
    }
  });

  it('liquid reserves sit 0.2-0.3 % above the pegged amount', () => {
    for (let t = T; t < T + 3 * DAY_MS; t += 3_600_000) {
      const ratio = sampleLiquidReservesAt(t) / sampleAt('liquid', t);
      expect(ratio).toBeGreaterThan(1.0019);
      expect(ratio).toBeLessThan(1.0031);
    }
  });

  it('the three price providers stay within 0.5 % of each other', () => {
    const sources: PriceSource[] = ['mempool', 'coingecko', 'defillama'];
    for (let t = T - 365 * DAY_MS; t < T + 365 * DAY_MS; t += 7_919_000) {
      const quotes = sources.map((s) => samplePriceOf(s, t));
      expect(Math.max(...quotes) / Math.min(...quotes)).toBeLessThan(1.005);
      expect(quotes[0]).toBe(samplePriceAt(t));
    }
    expect(Number.isInteger(samplePriceOf('mempool', T))).toBe(true);
    expect(samplePriceOf('coingecko', T)).toBe(Math.round(samplePriceOf('coingecko', T) * 100) / 100);
    expect(samplePriceOf('coingecko', T)).not.toBe(samplePriceOf('defillama', T));
  });

  it('hourly price points sit on full hours, oldest first', () => {
    const points = samplePriceHourly(T - 5 * 3_600_000, T);
    expect(points).toHaveLength(5);
    expect(points.every((p) => p.atMs % 3_600_000 === 0 && p.usd === samplePriceAt(p.atMs))).toBe(true);
    expect(points.map((p) => p.atMs)).toEqual([...points.map((p) => p.atMs)].sort((a, b) => a - b));
  });

  it.each(SAMPLE_TVL_CHAINS)('%s: DeFi TVL in USD to the cent, millions to a billion, daily points at midnight', (chain) => {
    const usd = sampleTvlAt(chain, T);
    expect(Math.round(usd * 100) / 100).toBe(usd);
    expect(usd).toBeGreaterThan(1e6);
    expect(usd).toBeLessThan(1e9);
    const daily = sampleTvlDaily(chain, T - 10 * DAY_MS, T);
    expect(daily).toHaveLength(10);
    expect(daily.every((p) => p.atMs % DAY_MS === 0)).toBe(true);
    expect(daily.at(-1)?.usd).toBe(usd);
    expect(LLAMA_CHAIN_NAMES[chain]).toMatch(/^[A-Z]/);
  });

  it('tip height is plausible and advances one block per 10 minutes', () => {
    const h = sampleTipHeightAt(T);
    expect(h).toBeGreaterThan(900_000);
    expect(h).toBeLessThan(1_000_000);
    expect(sampleTipHeightAt(T + 600_000)).toBe(h + 1);
    expect(sampleTipHeightAt(T + DAY_MS)).toBe(h + 144);
    expect(() => sampleTipHeightAt(Number.NaN)).toThrow(RangeError);
  });

  it('no series moves more than 15 % within 24 h (5-minute steps) nor 2 % within an hour, over two years', () => {
    const series: [string, (t: number) => number][] = [
      ...SAMPLE_NETWORKS.map((n): [string, (t: number) => number] => [n, (t) => sampleAt(n, t)]),
      ...SAMPLE_TVL_CHAINS.map((c): [string, (t: number) => number] => [`tvl:${c}`, (t) => sampleTvlAt(c, t)]),
      ...(['mempool', 'coingecko', 'defillama'] as const).map((s): [string, (t: number) => number] => [`price:${s}`, (t) => samplePriceOf(s, t)]),
      ['liquid-reserves', sampleLiquidReservesAt],
    ];
    const worst: Record<string, { day: number; hour: number }> = {};
    for (const [name, at] of series) {
      let day = 0;
      let hour = 0;
      for (let start = T - 365 * DAY_MS; start < T + 365 * DAY_MS; start += 5 * DAY_MS + 3_700_000) {
        const values = Array.from({ length: 289 }, (_, i) => at(start + i * 300_000));
        day = Math.max(day, Math.max(...values) / Math.min(...values) - 1);
        for (let i = 12; i < values.length; i += 1) hour = Math.max(hour, Math.abs((values[i] ?? 0) / (values[i - 12] ?? 1) - 1));
      }
      worst[name] = { day, hour };
    }
    for (const [name, { day, hour }] of Object.entries(worst)) {
      expect(day, name).toBeLessThan(0.15);
      expect(hour, name).toBeLessThan(0.02);
    }
  });
});
