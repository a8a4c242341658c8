// Wires --record and --replay: the transport wrapper, the replay clock and the settings a replay takes over.
import { redactUrl } from '../../model/redact.js';
import type { PollerClock } from '../poller.js';
import type { Transport } from '../transport.js';
import { startRecorder } from './recorder.js';
import { replayClock } from './replay-clock.js';
import { readRecording, replayTransport } from './replayer.js';

/** What main passes in (plain values: feeds never read config). */
export interface RecordReplayOptions {
  readonly record: string | undefined;
  readonly replay: string | undefined;
  readonly speed: number;
  readonly version: string;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly windowMs: number;
  readonly providers: Readonly<Record<string, string>>;
}

/** The wiring: a transport wrapper for the HTTP client, a clock, and the settings in effect. */
export interface RecordReplay {
  readonly transport?: (wire: Transport) => Transport;
  /** The replay's clock (recording time at `speed`); undefined when not replaying. */
  readonly clock?: PollerClock;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly windowMs: number;
  readonly providers: Readonly<Record<string, string>>;
  close(): void;
}

/** A problem with the --record or --replay file, for an exit status 2. */
export class RecordingError extends Error {}

/**
 * Opens the recording to write or to replay. A replay takes the recording's interval, timeout, window and
 * provider URLs, so the same requests are made at the same pace. Throws RecordingError.
 */
export function recordReplay(o: RecordReplayOptions): RecordReplay {
  const plain = { intervalMs: o.intervalMs, timeoutMs: o.timeoutMs, windowMs: o.windowMs, providers: o.providers, close: () => undefined };
  if (o.replay !== undefined) {
    let rec;
    try {
      rec = readRecording(o.replay);
    } catch (e) {
      throw new RecordingError(`l2top: --replay ${(e as Error).message.startsWith(o.replay) ? '' : `${o.replay}: `}${(e as Error).message}`);
    }
    const clock = replayClock(rec.header.startedAtMs, o.speed);
    const h = rec.header;
    return { ...plain, intervalMs: h.intervalMs, timeoutMs: h.timeoutMs, windowMs: h.windowMs, providers: { ...o.providers, ...h.providers }, clock, transport: () => replayTransport(rec, clock) };
  }
  if (o.record !== undefined) {
    const startedAtMs = Date.now();
    const providers = Object.fromEntries(Object.entries(o.providers).map(([k, v]) => [k, redactUrl(v)]));
    let recorder;
    try {
      recorder = startRecorder(o.record, {
        type: 'l2top-recording', version: 1, l2top: o.version, startedAt: new Date(startedAtMs).toISOString(), startedAtMs,
        intervalMs: o.intervalMs, timeoutMs: o.timeoutMs, windowMs: o.windowMs, providers,
      });
    } catch (e) {
      throw new RecordingError(`l2top: --record ${o.record}: ${(e as Error).message}`);
    }
    return { ...plain, transport: recorder.wrap, close: () => recorder.close() };
  }
  return plain;
}
