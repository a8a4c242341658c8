// A text/event-stream parser (WHATWG HTML, "Server-sent events"), fed chunks as they arrive, with a cap on the
// length of a line and of an event's data, so a hostile or broken hub cannot grow memory without bound.
import { StringDecoder } from 'node:string_decoder';
import { FeedFailure } from '../feed-failure.js';

/** One dispatched event. `type` is "message" when the stream named none. */
export interface SseEvent {
  readonly type: string;
  readonly data: string;
  readonly id: string | undefined;
}

export interface SseParser {
  /** Feeds bytes; calls onEvent for each complete event. Throws a FeedFailure past a cap. */
  push(chunk: Buffer): void;
}

export interface SseLimits {
  /** Longest line in characters (default 64 KiB). */
  readonly maxLine?: number;
  /** Most data characters in one event (default 256 KiB). */
  readonly maxEvent?: number;
}

export function createSseParser(onEvent: (e: SseEvent) => void, limits: SseLimits = {}): SseParser {
  const maxLine = limits.maxLine ?? 65_536;
  const maxEvent = limits.maxEvent ?? 262_144;
  const decoder = new StringDecoder('utf8');
  let buffer = '';
  let afterCr = false;
  let type = '';
  let data: string[] = [];
  let dataLength = 0;
  let lastId: string | undefined;

  const line = (text: string) => {
    if (text === '') {
      if (data.length > 0) onEvent({ type: type || 'message', data: data.join('\n'), id: lastId });
      type = '';
      data = [];
      dataLength = 0;
      return;
    }
    if (text.startsWith(':')) return; // a comment (heartbeat)
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') type = value;
    else if (field === 'data') {
      dataLength += value.length + 1;
      if (dataLength > maxEvent) throw new FeedFailure('schema', `event stream: an event larger than ${maxEvent} characters`);
      data.push(value);
    } else if (field === 'id' && !value.includes('\0')) lastId = value;
  };

  return {
    push(chunk) {
      let text = decoder.write(chunk);
      if (afterCr && text.startsWith('\n')) text = text.slice(1);
      afterCr = false;
      let start = 0;
      for (let i = 0; i < text.length; i += 1) {
        const c = text.charCodeAt(i);
        if (c !== 10 && c !== 13) continue;
        line(buffer + text.slice(start, i));
        buffer = '';
        if (c === 13) {
          if (i + 1 < text.length && text.charCodeAt(i + 1) === 10) i += 1;
          else if (i + 1 === text.length) afterCr = true;
        }
        start = i + 1;
      }
      buffer += text.slice(start);
      if (buffer.length > maxLine) throw new FeedFailure('schema', `event stream: a line longer than ${maxLine} characters`);
    },
  };
}
