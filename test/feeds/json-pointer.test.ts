import { describe, expect, it } from 'vitest';
import { isPointer, resolvePointer } from '../../src/feeds/custom/json-pointer.js';

/** The example document of RFC 6901 §5. */
const RFC_DOC: unknown = JSON.parse(`{
  "foo": ["bar", "baz"],
  "": 0,
  "a/b": 1,
  "c%d": 2,
  "e^f": 3,
  "g|h": 4,
  "i\\\\j": 5,
  "k\\"l": 6,
  " ": 7,
  "m~n": 8
}`);

describe('resolvePointer', () => {
  it.each<[string, unknown]>([
    ['', RFC_DOC],
    ['/foo', ['bar', 'baz']],
    ['/foo/0', 'bar'],
    ['/', 0],
    ['/a~1b', 1],
    ['/c%d', 2],
    ['/e^f', 3],
    ['/g|h', 4],
    ['/i\\j', 5],
    ['/k"l', 6],
    ['/ ', 7],
    ['/m~0n', 8],
  ])('RFC 6901 §5: %j', (pointer, value) => {
    expect(resolvePointer(RFC_DOC, pointer)).toEqual({ found: true, value });
  });

  it('unescapes ~1 before ~0, so "~01" is the key "~1"', () => {
    expect(resolvePointer({ '~1': 'tilde-one', '/': 'slash' }, '/~01')).toEqual({ found: true, value: 'tilde-one' });
  });

  it('walks nested objects and arrays', () => {
    expect(resolvePointer({ data: [{ a: { b: 42 } }] }, '/data/0/a/b')).toEqual({ found: true, value: 42 });
  });

  it('finds null and false values', () => {
    expect(resolvePointer({ a: null, b: false }, '/a')).toEqual({ found: true, value: null });
    expect(resolvePointer({ a: null, b: false }, '/b')).toEqual({ found: true, value: false });
  });

  it.each<[unknown, string, string]>([
    [{}, '/x/y', '/x'],
    [{ x: {} }, '/x/y', '/x/y'],
    [{ x: 1 }, '/x/y', '/x/y'],
    [{ x: 'str' }, '/x/0', '/x/0'],
    [{ x: null }, '/x/y', '/x/y'],
    [['a', 'b'], '/2', '/2'],
    [['a', 'b'], '/-', '/-'],
    [['a', 'b'], '/01', '/01'],
    [['a', 'b'], '/+1', '/+1'],
    [['a', 'b'], '/1.0', '/1.0'],
    [['a', 'b'], '/length', '/length'],
    [['a', 'b'], '/', '/'],
    [{ a: 1 }, '/constructor', '/constructor'],
    [{ a: 1 }, '/__proto__', '/__proto__'],
    [{ a: 1 }, '/toString', '/toString'],
    [{ 'a~b': 1 }, '/a~b', ''],
    [{ a: 1 }, 'a', ''],
    [{ a: 1 }, '/a~', ''],
  ])('%j %j is not found at %j', (doc, pointer, at) => {
    expect(resolvePointer(doc, pointer)).toEqual({ found: false, at });
  });

  it('finds own members named like prototype properties', () => {
    const doc: unknown = JSON.parse('{"__proto__": 5, "constructor": 6}');
    expect(resolvePointer(doc, '/__proto__')).toEqual({ found: true, value: 5 });
    expect(resolvePointer(doc, '/constructor')).toEqual({ found: true, value: 6 });
  });

  it('reports the escaped prefix that names nothing', () => {
    expect(resolvePointer({ 'a/b': {} }, '/a~1b/c~0d/e')).toEqual({ found: false, at: '/a~1b/c~0d' });
  });
});

describe('isPointer', () => {
  it.each(['', '/', '/a', '/a~0b~1c', '//'])('accepts %j', (p) => {
    expect(isPointer(p)).toBe(true);
  });

  it.each(['a', '/a~', '/a~2', '#/a'])('rejects %j', (p) => {
    expect(isPointer(p)).toBe(false);
  });
});
