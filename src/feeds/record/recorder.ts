// --record FILE: wraps the wire and appends every exchange to the file as it completes (one line, written at once).
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { redactBody, redactText, redactUrl } from '../../model/redact.js';
import { stripControls } from '../../model/sanitize.js';
import type { Transport, TransportResponse } from '../transport.js';
import { KEPT_HEADERS, type Exchange, type RecordingHeader } from './format.js';

/** An open recording file. */
export interface Recorder {
  /** The wrapper to hand to createHttpClient({transport}). */
  readonly wrap: (wire: Transport) => Transport;
  /** Closes the file. Idempotent. */
  close(): void;
}

function firstHeader(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function errorCode(e: unknown): string | undefined {
  for (let x: unknown = e, i = 0; typeof x === 'object' && x !== null && i < 4; x = (x as { cause?: unknown }).cause, i += 1) {
    const code: unknown = (x as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** A body that gives `bytes`, then fails with `error` when there was one (a reset mid-body). */
function replayBody(bytes: Buffer, error?: unknown): Readable {
  if (error === undefined) return Readable.from(bytes.length > 0 ? [bytes] : []);
  return new Readable({
    read() {
      if (bytes.length > 0) this.push(bytes);
      this.destroy(error instanceof Error ? error : new Error(String(error)));
    },
  });
}

/**
 * Opens `file` (truncating it), writes the header line and returns the wrapper. Throws when the file cannot be
 * opened. A write that fails later (disk full) ends the recording quietly; polling goes on.
 */
export function startRecorder(file: string, header: RecordingHeader): Recorder {
  let fd: number | undefined = fs.openSync(file, 'w', 0o600);
  const append = (line: unknown) => {
    if (fd === undefined) return;
    try {
      fs.writeSync(fd, JSON.stringify(line) + '\n');
    } catch {
      fs.closeSync(fd);
      fd = undefined;
    }
  };
  append(header);
  let seq = 0;
  const wrap = (wire: Transport): Transport => async (req) => {
    const sentAt = Date.now();
    const t0 = performance.now();
    const base = {
      type: 'exchange' as const, seq: seq++, t: sentAt - header.startedAtMs, at: new Date(sentAt).toISOString(), method: req.method, url: redactUrl(req.url),
      ...(req.body === undefined ? {} : { requestBody: redactBody(req.body) }),
    };
    const ms = () => Math.round(performance.now() - t0);
    const failure = (e: unknown) => ({ code: errorCode(e), message: stripControls(redactText(e instanceof Error ? e.message : String(e), [req.url]), 200), aborted: req.signal.aborted });
    let res: TransportResponse;
    try {
      res = await wire(req);
    } catch (e) {
      append({ ...base, ms: ms(), error: failure(e) } satisfies Exchange);
      throw e;
    }
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const v = firstHeader(res.headers[name]);
      if (v !== undefined) headers[name] = v;
    }
    const answer = { ...base, status: res.statusCode, headers };
    const length = Number(headers['content-length']);
    if (Number.isFinite(length) && length > req.maxBytes) {
      res.body.on('error', () => undefined);
      res.body.destroy();
      append({ ...answer, body: '', bodyBytes: 0, ms: ms(), truncated: { cap: req.maxBytes, note: `not read: Content-Length ${length} is over the client's cap of ${req.maxBytes} bytes` } } satisfies Exchange);
      return { ...res, body: replayBody(Buffer.alloc(0)) };
    }
    const chunks: Buffer[] = [];
    let total = 0;
    let error: unknown;
    try {
      for await (const chunk of res.body) {
        const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
        chunks.push(buf);
        total += buf.length;
        if (total > req.maxBytes) break;
      }
    } catch (e) {
      error = e;
    }
    const all = Buffer.concat(chunks);
    const over = total > req.maxBytes;
    const kept = over ? all.subarray(0, req.maxBytes) : all;
    const text = kept.toString('utf8');
    const body = Buffer.from(text, 'utf8').equals(kept) ? { body: text } : { bodyBase64: kept.toString('base64') };
    append({
      ...answer, ...body, bodyBytes: total, ms: ms(),
      ...(over ? { truncated: { cap: req.maxBytes, note: `body over the client's cap of ${req.maxBytes} bytes: only the first ${req.maxBytes} are stored, and a replay answers "too large" again` } } : {}),
      ...(error === undefined ? {} : { error: failure(error) }),
    } satisfies Exchange);
    // The client reads what the wire gave: the bytes (one past the cap when over it) and the same error.
    return { ...res, body: replayBody(all, error) };
  };
  return {
    wrap,
    close() {
      if (fd !== undefined) fs.closeSync(fd);
      fd = undefined;
    },
  };
}
