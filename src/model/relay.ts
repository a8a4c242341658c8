// A relay is the link every other source's readings arrive through (the hub of `--hub`). While it is not ok,
// nothing it carries can be called fresh: every value stays, marked stale, with the relay's problem as the reason.
import { age, sourceStatus, staleReason, type SourceStatus } from './health.js';
import type { State } from './state.js';
import type { SourceMeta } from './types.js';

const cache = new WeakMap<State, string | null>();

/** The relay's problem in words ("hub http://127.0.0.1:9464 unreachable: connection refused"), or undefined when fine. */
export function relayProblem(state: State): string | undefined {
  const cached = cache.get(state);
  if (cached !== undefined) return cached ?? undefined;
  let problem: string | undefined;
  for (const meta of state.sources) {
    if (meta.role !== 'relay') continue;
    const h = state.health[meta.id];
    const status = sourceStatus(h, meta, state.now, state.intervalMs);
    if (status === 'down' || status === 'bad-data') {
      const kind = h?.lastError?.kind;
      const how = kind === 'network' || kind === 'timeout' ? ' unreachable' : '';
      problem = `${meta.label}${how}: ${h?.lastError?.message ?? 'no answer'}`;
    } else if (status === 'stale') {
      problem = `${meta.label}: ${staleReason(h, meta, state.now, state.intervalMs) ?? `no answer since ${age(state.now - (h?.lastSuccessAt ?? state.now))}`}`;
    }
    if (problem !== undefined) break;
  }
  cache.set(state, problem ?? null);
  return problem;
}

/** A source's status as the viewer sees it: an ok source carried by a relay that is not ok is stale. */
export function statusVia(state: State, meta: SourceMeta): SourceStatus {
  const status = sourceStatus(state.health[meta.id], meta, state.now, state.intervalMs);
  return status === 'ok' && meta.role !== 'relay' && relayProblem(state) !== undefined ? 'stale' : status;
}
