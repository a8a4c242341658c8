// The hub sync endpoints a `--hub` viewer reads: the whole state as journal records, then the actions since.
import type { State } from '../model/state.js';
import type { SourceMeta } from '../model/types.js';
import type { Provenance } from '../state/provenance.js';
import { checkpointRecords } from '../state/to-records.js';
import type { ActionLog } from './action-log.js';

export interface HubInfo {
  /** Random per serve process: a viewer that sees it change fetches the state again. */
  readonly instance: string;
  readonly version: string;
}

/** GET /api/v1/hub/state: what a viewer needs to build the same store (records as in the state directory). */
export function hubState(state: State, prov: Provenance, log: ActionLog, info: HubInfo) {
  const byId = new Map(state.sources.map((s) => [s.id, s]));
  return {
    schemaVersion: 1 as const,
    instance: info.instance,
    seq: log.seq,
    now: state.now,
    intervalMs: state.intervalMs,
    windowMs: state.windowMs,
    sample: state.demo,
    version: info.version,
    networks: state.networks,
    sources: state.sources,
    priceSources: state.priceSources.map((id) => byId.get(id)).filter((s): s is SourceMeta => s !== undefined),
    settings: state.settings,
    records: checkpointRecords(state, prov),
  };
}

/** GET /api/v1/hub/actions?after=N: the actions after N, or undefined (410) when N is older than the ring. */
export function hubActions(log: ActionLog, after: number, info: HubInfo) {
  const actions = after > log.seq ? [] : log.after(after);
  return actions === undefined ? undefined : { instance: info.instance, seq: log.seq, actions };
}
