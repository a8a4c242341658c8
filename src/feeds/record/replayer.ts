// --replay FILE: a wire with no network that answers from a recording, in order, at the recorded pace.
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { redactBody, redactUrl } from '../../model/redact.js';
import { FeedFailure } from '../feed-failure.js';
import type { PollerClock } from '../poller.js';
import type { Transport, TransportResponse } from '../transport.js';
import { ExchangeSchema, RecordingHeaderSchema, type Exchange, type RecordingHeader } from './format.js';

/** A parsed recording. */
export interface Recording {
  readonly header: RecordingHeader;
  readonly exchanges: readonly Exchange[];
}

/** Reads a recording; throws an Error naming the file and line when it is not one. A torn last line is skipped. */
export function readRecording(file: string): Recording {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const parse = (i: number): unknown => {
    try {
      return JSON.parse(lines[i] ?? '');
    } catch {
      return undefined;
    }
  };
  const head = RecordingHeaderSchema.safeParse(parse(0));
  if (!head.success) throw new Error(`${file}: not an l2top recording (the first line is not its header)`);
  const exchanges: Exchange[] = [];
  for (let i = 1; i < lines.length; i += 1) {
    if ((lines[i] ?? '').trim() === '') continue;
    const ex = ExchangeSchema.safeParse(parse(i));
    if (ex.success) exchanges.push(ex.data);
    else if (i < lines.length - 2) throw new Error(`${file}: line ${i + 1} is not a recorded exchange`);
  }
  return { header: head.data, exchanges };
}

/** Key of a request: method, redacted URL and body. */
const exactKey = (method: string, url: string, body: string | undefined) => `${method} ${url} ${body ?? ''}`;
/** The same with every run of digits as '#': matches a request whose URL carries a time that moved a little. */
const shapeKey = (key: string) => key.replace(/\d+/g, '#');

function abortable(ms: number, clock: PollerClock, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clock.clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Rejects with the signal's reason once it aborts (a recorded timeout waits for this run's own). */
function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

function codeError(message: string, code: string | undefined): Error {
  return Object.assign(new Error(message), code === undefined ? {} : { code });
}

/**
 * The replay wire: each request takes the next unused exchange with the same method, URL and body (else the
 * same with digits ignored), waits until the recording reached that exchange and for its recorded duration
 * (on `clock`, which runs at the replay speed), and gives its answer or its error. Nothing touches the network.
 */
export function replayTransport(rec: Recording, clock: PollerClock): Transport {
  const exact = new Map<string, Exchange[]>();
  const shaped = new Map<string, Exchange[]>();
  for (const ex of rec.exchanges) {
    const key = exactKey(ex.method, ex.url, ex.requestBody);
    exact.set(key, [...(exact.get(key) ?? []), ex]);
    shaped.set(shapeKey(key), [...(shaped.get(shapeKey(key)) ?? []), ex]);
  }
  const used = new Set<number>();
  const take = (key: string): Exchange | undefined => {
    const ex = (exact.get(key) ?? []).find((e) => !used.has(e.seq)) ?? (shaped.get(shapeKey(key)) ?? []).find((e) => !used.has(e.seq));
    if (ex) used.add(ex.seq);
    return ex;
  };
  return async (req): Promise<TransportResponse> => {
    const ex = take(exactKey(req.method, redactUrl(req.url), req.body === undefined ? undefined : redactBody(req.body)));
    if (!ex) throw new FeedFailure('network', 'replay: not in the recording (it ended, or was made with other settings)');
    const due = rec.header.startedAtMs + ex.t;
    await abortable(Math.max(0, due - clock.now()) + ex.ms, clock, req.signal);
    if (ex.error && (ex.error.aborted || ex.status === undefined)) {
      // A recorded timeout: wait for this run's own timeout to fire, as it did then.
      if (ex.error.aborted) await untilAborted(req.signal);
      throw codeError(ex.error.message, ex.error.code);
    }
    const bytes = ex.bodyBase64 !== undefined ? Buffer.from(ex.bodyBase64, 'base64') : Buffer.from(ex.body ?? '', 'utf8');
    // Over the cap then: one byte more than the cap now, so the client refuses it the same way.
    const served = ex.truncated && bytes.length >= ex.truncated.cap ? Buffer.concat([bytes, Buffer.from(' ')]) : bytes;
    const failure = ex.error;
    const body = failure === undefined
      ? Readable.from(served.length > 0 ? [served] : [])
      : new Readable({
        read() {
          if (served.length > 0) this.push(served);
          this.destroy(codeError(failure.message, failure.code));
        },
      });
    return { statusCode: ex.status ?? 200, headers: { ...ex.headers }, body };
  };
}
