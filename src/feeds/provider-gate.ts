// The HTTP client an attempt gets: no request is sent to a provider inside its Retry-After window, and an
// answer that carries a Retry-After opens the window for every source of that provider at once.
import type { HttpClient } from './http-client.js';
import { FeedFailure } from './feed-failure.js';

/** The poller's record of Retry-After windows, per provider key. */
export interface ProviderWindows {
  now(): number;
  /** The end of the provider's window (ms) when it is open at `now`. */
  until(provider: string, now: number): number | undefined;
  /** Opens or extends the provider's window until `until` (ms). */
  hold(provider: string, until: number): void;
}

/** Wraps `http` so every request to `provider` first checks, and may open, the provider's window. */
export function gateHttp(http: HttpClient, provider: string, windows: ProviderWindows): HttpClient {
  async function guard<T>(send: () => Promise<T>): Promise<T> {
    const now = windows.now();
    const until = windows.until(provider, now);
    if (until !== undefined) {
      throw new FeedFailure('ratelimit', `not sent: ${provider} asked to wait (Retry-After) ${Math.ceil((until - now) / 1000)} s more`);
    }
    try {
      return await send();
    } catch (e) {
      if (e instanceof FeedFailure && e.retryAfterMs !== undefined) windows.hold(provider, windows.now() + e.retryAfterMs);
      throw e;
    }
  }
  return {
    getJson: (url, schema, options) => guard(() => http.getJson(url, schema, options)),
    postJson: (url, body, schema, options) => guard(() => http.postJson(url, body, schema, options)),
    getText: (url, schema, options) => guard(() => http.getText(url, schema, options)),
  };
}
