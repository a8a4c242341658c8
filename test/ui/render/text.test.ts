import { describe, expect, it } from 'vitest';
import { dueIn, fit, wrap } from '../../../src/ui/render/text.js';

describe('text', () => {
  it.each([
    ['abc', 5, 'left', 'abc  '], ['abc', 5, 'right', '  abc'], ['abcdef', 4, 'left', 'abc…'], ['abc', 0, 'left', ''], ['abc', 1, 'left', 'a'],
  ] as const)('fit(%j, %i, %s) = %j', (text, width, align, expected) => {
    expect(fit(text, width, align)).toBe(expected);
  });
  it('wraps words into at most N lines, cutting the last', () => {
    expect(wrap('one two three four', 9, 3)).toEqual(['one two', 'three', 'four']);
    expect(wrap('one two three four', 9, 2)).toEqual(['one two', 'three fo…']);
    expect(wrap('abcdefghijkl', 5, 2)).toEqual(['abcd…']);
  });
  it('says due for a past time', () => {
    expect(dueIn(10, 20, String)).toBe('due');
    expect(dueIn(30, 20, (ms) => `${ms}ms`)).toBe('in <1m');
    expect(dueIn(120_020, 20, (ms) => `${ms / 60_000}m`)).toBe('in 2m');
  });
});
