// The event-stream parser: line endings split anywhere, comments, multi-line data, ids, and its caps.
import { describe, expect, it } from 'vitest';
import { createSseParser, type SseEvent } from '../../src/feeds/hub/sse.js';

function parse(chunks: readonly string[], limits = {}): SseEvent[] {
  const out: SseEvent[] = [];
  const p = createSseParser((e) => out.push(e), limits);
  for (const c of chunks) p.push(Buffer.from(c));
  return out;
}

describe('SSE parser', () => {
  it('dispatches on a blank line, whatever the line endings and however the bytes are split', () => {
    const stream = 'retry: 3000\n\n: hb\n\nid: 7\nevent: round\ndata: {"seq":7}\n\nevent: health\r\ndata: a\r\ndata:b\r\n\r\ndata: last\r\r';
    const whole = parse([stream]);
    expect(whole).toEqual([
      { type: 'round', data: '{"seq":7}', id: '7' },
      { type: 'health', data: 'a\nb', id: '7' },
      { type: 'message', data: 'last', id: '7' },
    ]);
    for (let cut = 1; cut < stream.length; cut += 1) expect(parse([stream.slice(0, cut), stream.slice(cut)])).toEqual(whole);
  });

  it('keeps a UTF-8 character split across chunks whole', () => {
    const bytes = Buffer.from('data: Ünïcödé ₿\n\n');
    const out: SseEvent[] = [];
    const p = createSseParser((e) => out.push(e));
    for (const b of bytes) p.push(Buffer.from([b]));
    expect(out).toEqual([{ type: 'message', data: 'Ünïcödé ₿', id: undefined }]);
  });

  it('refuses a line or an event past its cap (a hub that never sends a line end cannot grow memory)', () => {
    expect(() => parse(['data: ' + 'x'.repeat(100)], { maxLine: 64 })).toThrow(/a line longer than 64 characters/);
    expect(() => parse(['data: 0123456789\n'.repeat(10)], { maxEvent: 64 })).toThrow(/an event larger than 64 characters/);
    expect(parse(['data: 0123456789\n'.repeat(3), '\n'], { maxEvent: 64 })).toHaveLength(1);
  });
});
