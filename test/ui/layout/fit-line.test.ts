import { describe, expect, it } from 'vitest';
import { fitParts, shorten, type Part } from '../../../src/ui/layout/fitLine.js';

const text = (segments: readonly { text: string }[]) => segments.map((s) => s.text).join('');
const part = (t: string, priority: number, shrink = false): Part => ({ segments: [{ text: t }], priority, shrink });

describe('shorten', () => {
  it.each([
    ['16 of 16 sources failing (3: details)', 34, '16 of 16 sources failing…'],
    ['16 of 16 sources failing (3: details)', 40, '16 of 16 sources failing (3: details)'],
    ['updated 2m ago, next poll in 5m', 20, 'updated 2m ago…'],
    ['supercalifragilistic', 10, ''],
  ])('%j in %i columns -> %j (never cut inside a word)', (input, width, expected) => {
    expect(shorten(input, width)).toBe(expected);
    expect([...shorten(input, width)].length).toBeLessThanOrEqual(width);
  });
});

describe('fitParts', () => {
  it('drops the least important parts first and keeps priority 0', () => {
    const parts = [part('1-4 views', 1), part('m metric', 4), part('r refresh', 7), part('? help', 0), part('q quit', 0)];
    expect(text(fitParts(parts, 80))).toBe('1-4 views  m metric  r refresh  ? help  q quit');
    expect(text(fitParts(parts, 36))).toBe('1-4 views  m metric  ? help  q quit');
    expect(text(fitParts(parts, 20))).toBe('? help  q quit');
    expect(text(fitParts(parts, 14))).toBe('? help  q quit');
  });

  it('shortens a shrinkable part at a word boundary before dropping it', () => {
    const parts = [part('refreshing 16 sources; 3 waiting (just polled, back-off or rate limit)', 1, true), part('? help', 0), part('q quit', 0)];
    const line = text(fitParts(parts, 50));
    expect(line).toBe('refreshing 16 sources; 3 waiting…  ? help  q quit');
    expect([...line].length).toBeLessThanOrEqual(50);
  });

  it('shortens a must-keep shrinkable part when nothing else can go', () => {
    const parts = [part('updated 2m ago, next poll in 5m', 1, true), part('16 of 16 sources failing (3: details)', 0, true)];
    expect(text(fitParts(parts, 30))).toBe('16 of 16 sources failing…');
  });
});
