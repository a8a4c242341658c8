import { describe, expect, it } from 'vitest';
import { clipFrame, frameDiff, parseInkWrite } from '../../src/terminal/frame-diff.js';

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

describe('clipFrame', () => {
  it('cuts lines to the terminal width in display columns, keeping escapes, and drops rows beyond the screen', () => {
    const red = `${E}31m${'x'.repeat(6)}${E}39m`;
    expect(clipFrame(['abcdef', 'abc', red, 'd'], 4, 3)).toEqual(['abcd', 'abc', `${E}31mxxxx${E}39m`]);
  });
  it('leaves out a double-width character that would straddle the last column', () => {
    expect(clipFrame(['ab比特', '比特币'], 3, 5)).toEqual(['ab', '比']);
  });
  it('keeps lines that fit as they are', () => {
    const lines = ['ab', `${E}1m比特${E}22m`];
    expect(clipFrame(lines, 4, 2)).toEqual(lines);
  });
});
