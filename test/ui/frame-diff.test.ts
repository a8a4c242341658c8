import { describe, expect, it } from 'vitest';
import { frameDiff, parseInkWrite } from '../../src/terminal/frame-diff.js';

const E = '\u001B[';

describe('parseInkWrite', () => {
  it('strips Ink\'s erase-lines prefix, cursor codes and sync markers, keeping colours', () => {
    const chunk = `${E}2K${E}1A${E}2K${E}1A${E}2K${E}G${E}?2026hline 1\n${E}31mred${E}39m\n${E}?2026l`;
    expect(parseInkWrite(chunk)).toEqual({ lines: ['line 1', `${E}31mred${E}39m`], full: false });
  });
  it('marks a clear-terminal write as full', () => {
    expect(parseInkWrite(`${E}2J${E}3J${E}Ha\nb`)).toEqual({ lines: ['a', 'b'], full: true });
  });
});

describe('frameDiff', () => {
  it('draws a first frame in full after clearing', () => {
    expect(frameDiff(undefined, ['a', '', 'c'])).toBe(`${E}H${E}2J${E}1;1Ha${E}0m${E}K${E}3;1Hc${E}0m${E}K`);
  });
  it('rewrites only changed lines, in place', () => {
    expect(frameDiff(['a', 'b', 'c'], ['a', 'B', 'c'])).toBe(`${E}2;1HB${E}0m${E}K`);
  });
  it('writes nothing for an identical frame', () => {
    expect(frameDiff(['a', 'b'], ['a', 'b'])).toBe('');
  });
  it('erases rows a shorter frame no longer uses, and clears a line that became empty', () => {
    expect(frameDiff(['a', 'b', 'c'], ['a', ''])).toBe(`${E}2;1H${E}0m${E}K${E}3;1H${E}2K`);
  });
});
