// Test helper: an HttpClient over an undici MockAgent with the network blocked, plus fixture loaders.
import { readFileSync } from 'node:fs';
import { MockAgent } from 'undici';
import { afterEach, beforeEach } from 'vitest';
import type { HttpClient } from '../../src/feeds/http-client.js';
import { createHttpClient } from '../../src/feeds/http.js';

/** The User-Agent every test client sends (interceptors match on it). */
export const UA = 'l2top-test/1.0';

/** A MockAgent that refuses real connections and an HttpClient that uses it. */
export function mockHttp(maxBytes?: number): { agent: MockAgent; http: HttpClient } {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const http = createHttpClient({ userAgent: UA, dispatcher: agent, ...(maxBytes === undefined ? {} : { maxBytes }) });
  return { agent, http };
}

/** Fails when any interceptor went unused, then closes the agent. */
export async function verifyAndClose(agent: MockAgent): Promise<void> {
  try {
    agent.assertNoPendingInterceptors();
  } finally {
    await agent.close();
  }
}

/** A synthetic fixture from test/fixtures/feeds as text. */
export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url), 'utf8');
}

/** A recorded upstream payload from test/fixtures/upstream (see its PROVENANCE.md) as text. */
export function upstream(name: string): string {
  return readFileSync(new URL(`../fixtures/upstream/${name}`, import.meta.url), 'utf8');
}

/** A fresh, never-aborted signal. */
export function signal(): AbortSignal {
  return new AbortController().signal;
}

/**
 * Registers a fresh MockAgent + HttpClient before each test and verifies every interceptor was used
 * after it. Read `mock.agent` / `mock.http` inside tests.
 */
export function withMockHttp(maxBytes?: number): { readonly agent: MockAgent; readonly http: HttpClient } {
  let current: { agent: MockAgent; http: HttpClient } | undefined;
  beforeEach(() => {
    current = mockHttp(maxBytes);
  });
  afterEach(async () => {
    if (current) await verifyAndClose(current.agent);
  });
  const get = () => {
    if (!current) throw new Error('withMockHttp: used outside a test');
    return current;
  };
  return {
    get agent() {
      return get().agent;
    },
    get http() {
      return get().http;
    },
  };
}
