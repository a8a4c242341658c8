// Server-Sent Events: one numbered event per state change that matters, a bounded replay ring, heartbeats,
// Last-Event-ID resume, a cap on clients, and slow readers dropped before they can hold memory.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SeqRing } from './seq-ring.js';

/** The event types serve sends (`reset`: the id asked for is older than the ring or from another process). */
export type ServeEventType = 'round' | 'health' | 'alert' | 'reset';

export interface EventStreamOptions {
  /** Events kept for resume (default 1000). */
  readonly capacity?: number;
  /** Comment line `: hb` this often (default 15 s). */
  readonly heartbeatMs?: number;
  /** More clients than this get 503 (default 256). */
  readonly maxClients?: number;
  /** A client with more than this many bytes unsent is dropped (default 256 KiB). */
  readonly maxBufferedBytes?: number;
  /** Applied to every event's data before it is sent (secrets out). */
  readonly redact?: (text: string) => string;
}

export interface EventStream {
  /** Sends an event to every client and keeps it for resume; returns its id. */
  publish(type: Exclude<ServeEventType, 'reset'>, data: unknown): number;
  /** Serves one SSE request; false (nothing written) when the client cap is reached. */
  attach(req: IncomingMessage, res: ServerResponse, lastEventId: string | undefined): boolean;
  /** Clients connected now. */
  readonly clients: number;
  /** The id of the newest event (0 before the first). */
  readonly lastId: number;
  /** Ends every stream and stops the heartbeat. */
  close(): void;
}

/** One event on the wire: `id`, `event` and one `data` line (JSON has no raw line breaks). */
function frame(id: number | undefined, type: string, data: string): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${type}\ndata: ${data}\n\n`;
}

export function createEventStream(o: EventStreamOptions = {}): EventStream {
  const ring = new SeqRing<string>(o.capacity ?? 1_000);
  const maxClients = o.maxClients ?? 256;
  const maxBuffered = o.maxBufferedBytes ?? 256 * 1024;
  const redact = o.redact ?? ((t: string) => t);
  const clients = new Set<ServerResponse>();
  const send = (res: ServerResponse, text: string) => {
    // A reader that does not keep up is dropped (it reconnects and resumes), so no queue grows without bound.
    if (res.writableLength > maxBuffered) {
      clients.delete(res);
      res.destroy();
      return;
    }
    res.write(text);
  };
  const heartbeat = setInterval(() => {
    for (const res of clients) send(res, ': hb\n\n');
  }, o.heartbeatMs ?? 15_000);
  heartbeat.unref();
  return {
    publish(type, data) {
      const text = redact(JSON.stringify(data));
      const id = ring.push(frame(undefined, type, text));
      const out = frame(id, type, text);
      for (const res of clients) send(res, out);
      return id;
    },
    attach(req, res, lastEventId) {
      if (clients.size >= maxClients) return false;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      if (req.method === 'HEAD') {
        res.end();
        return true;
      }
      let text = 'retry: 3000\n\n';
      const asked = lastEventId === undefined || !/^\d{1,15}$/.test(lastEventId) ? undefined : Number(lastEventId);
      if (asked !== undefined) {
        const missed = asked <= ring.last ? ring.after(asked) : undefined;
        if (missed === undefined) text += frame(undefined, 'reset', JSON.stringify({ lastId: ring.last }));
        for (const { seq, item } of missed ?? ring.after(ring.oldest - 1) ?? []) text += item.replace(/^/, `id: ${seq}\n`);
      }
      res.write(text);
      clients.add(res);
      const drop = () => clients.delete(res);
      res.on('close', drop);
      req.socket.setNoDelay(true);
      return true;
    },
    get clients() {
      return clients.size;
    },
    get lastId() {
      return ring.last;
    },
    close() {
      clearInterval(heartbeat);
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}
