// What a hook is to the notifier: a function that delivers one alert or throws a HookFailure.
import type { AlertPayload } from './payload.js';

/** Delivers one alert; resolves when delivered, throws a HookFailure with the reason otherwise; `stop` aborts it. */
export type Deliver = (payload: AlertPayload, stop: AbortSignal) => Promise<void>;

/** A failed delivery. `retry` says another attempt might work (network, timeout, 5xx). */
export class HookFailure extends Error {
  override readonly name = 'HookFailure';
  constructor(message: string, readonly retry = false) {
    super(message);
  }
}
