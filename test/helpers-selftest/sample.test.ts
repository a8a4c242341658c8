// Self-test of the SAMPLE model: deterministic, integer, plausible and smooth.
import { describe, expect, it } from 'vitest';
import { DAY_MS, SAMPLE_NETWORKS, sampleAt, sampleDaily, sampleHistory, sampleLightningGraphAt, sampleMonthlyFlows, samplePriceAt } from '../../src/feeds/demo/sample.js';

const T = Date.UTC(2026, 10, 21, 13, 7);

describe('sample model', () => {
  it.each(SAMPLE_NETWORKS)('%s: integer sats in the thousands of BTC, deterministic', (network) => {
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
});
