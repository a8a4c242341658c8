// alerts.webhook: POSTs the alert as JSON, with a timeout per attempt and retries with exponential back-off.
import { STATUS_CODES } from 'node:http';
import { request, type Dispatcher } from 'undici';
import type { WebhookConfig } from '../config/schema.js';
import { requestFailure } from '../feeds/feed-failure.js';
import { HookFailure, type Deliver } from './hook.js';

/** Options of webhookHook; tests shorten the back-off. */
export interface WebhookOptions {
  readonly userAgent: string;
  readonly dispatcher?: Dispatcher;
  /** First back-off in ms (then doubled each retry, capped at 30 s). Default 1000. */
  readonly backoffMs?: number;
}

/** Default time an attempt may take. */
export const WEBHOOK_TIMEOUT_MS = 5_000;
/** Default retries after a failed attempt. */
export const WEBHOOK_RETRIES = 3;
const BACKOFF_CAP_MS = 30_000;

/** Statuses worth another attempt: the server may answer later. Anything else from 300 up is final. */
function retryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new HookFailure('stopped'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new HookFailure('stopped'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** One POST; resolves on 2xx, throws a HookFailure (with `retry`) otherwise. */
async function attempt(cfg: WebhookConfig, body: string, timeoutMs: number, opts: WebhookOptions, stop: AbortSignal): Promise<void> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new HookFailure(`no answer within ${timeoutMs / 1000} s`, true)), timeoutMs);
  const onStop = () => controller.abort(new HookFailure('stopped'));
  stop.addEventListener('abort', onStop, { once: true });
  try {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(cfg.headers ?? {})) headers[name.toLowerCase()] = value;
    headers['content-type'] = 'application/json';
    headers['user-agent'] = opts.userAgent;
    let res: Dispatcher.ResponseData;
    try {
      res = await request(cfg.url, {
        method: 'POST', headers, body, signal: controller.signal, headersTimeout: timeoutMs, bodyTimeout: timeoutMs,
        ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}),
      });
    } catch (e) {
      if (controller.signal.aborted && controller.signal.reason instanceof HookFailure) throw controller.signal.reason;
      throw new HookFailure(requestFailure(e, cfg.url, controller.signal).message, true);
    }
    await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
    if (res.statusCode >= 200 && res.statusCode < 300) return;
    const text = `HTTP ${res.statusCode} ${STATUS_CODES[res.statusCode] ?? ''}`.trimEnd();
    throw new HookFailure(text, retryable(res.statusCode));
  } finally {
    clearTimeout(timer);
    stop.removeEventListener('abort', onStop);
  }
}

/** The webhook as a Deliver function: 1 + retries attempts, waiting 1 s, 2 s, 4 s … between them. */
export function webhookHook(cfg: WebhookConfig, opts: WebhookOptions): Deliver {
  const timeoutMs = cfg.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const retries = cfg.retries ?? WEBHOOK_RETRIES;
  const base = opts.backoffMs ?? 1_000;
  return async (payload, stop) => {
    const body = JSON.stringify(payload);
    for (let n = 0; ; n += 1) {
      try {
        return await attempt(cfg, body, timeoutMs, opts, stop);
      } catch (e) {
        const failure = e instanceof HookFailure ? e : new HookFailure(String(e), true);
        if (!failure.retry || n >= retries || stop.aborted) {
          throw new HookFailure(n === 0 ? failure.message : `${failure.message} (after ${n + 1} attempts)`);
        }
      }
      await sleep(Math.min(BACKOFF_CAP_MS, base * 2 ** n), stop);
    }
  };
}
