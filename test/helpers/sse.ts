// A minimal Server-Sent Events reader for tests: parses events and comment lines as they arrive.
import http from 'node:http';

export interface SseEvent {
  readonly id: string | undefined;
  readonly event: string;
  readonly data: string;
}

export interface SseClient {
  readonly status: number;
  readonly events: SseEvent[];
  /** Comment lines (": hb") and `retry:` lines, in order. */
  readonly other: string[];
  /** Resolves with the first event (from the start) that matches. */
  waitFor(pred: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  waitForOther(pred: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  close(): void;
}

export function openEvents(url: string, headers: Readonly<Record<string, string>> = {}): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      const events: SseEvent[] = [];
      const other: string[] = [];
      const waiters = new Set<() => void>();
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const fields: Record<string, string> = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':') || line.startsWith('retry:')) other.push(line);
            else {
              const m = /^(\w+): ?(.*)$/.exec(line);
              if (m?.[1]) fields[m[1]] = m[2] ?? '';
            }
          }
          if (fields.event !== undefined || fields.data !== undefined) events.push({ id: fields.id, event: fields.event ?? 'message', data: fields.data ?? '' });
        }
        for (const w of [...waiters]) w();
      });
      res.on('error', () => undefined);
      const wait = <T>(find: () => T | undefined, timeoutMs: number): Promise<T> => new Promise((ok, fail) => {
        const check = () => {
          const found = find();
          if (found === undefined) return;
          waiters.delete(check);
          clearTimeout(timer);
          ok(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          fail(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => e.event))} ${JSON.stringify(other)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
      resolve({
        status: res.statusCode ?? 0, events, other,
        waitFor: (pred, timeoutMs = 10_000) => wait(() => events.find(pred), timeoutMs),
        waitForOther: (pred, timeoutMs = 10_000) => wait(() => other.find(pred), timeoutMs),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}
