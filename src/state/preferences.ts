// UI choices (view, unit, metric, range, sort, filter) remembered across runs in <state dir>/preferences.json,
// written through conf. conf (with ajv) is loaded when the first choice is written, not at start: reading the
// file needs nothing but JSON.parse and the schema below.
import fs from 'node:fs';
import path from 'node:path';
import type Conf from 'conf';
import { z } from 'zod';
import type { Preferences } from '../model/remembered.js';
import { RANGES, SORTS, UNITS, VIEWS, type UiState } from '../model/state.js';
import type { Store } from '../model/store.js';
import { METRICS } from '../model/types.js';

const PreferencesSchema = z.object({
  view: z.enum(VIEWS).optional().catch(undefined),
  unit: z.enum(UNITS).optional().catch(undefined),
  metric: z.enum(METRICS).optional().catch(undefined),
  range: z.enum(RANGES).optional().catch(undefined),
  sort: z.enum(SORTS).optional().catch(undefined),
  filter: z.string().max(100).optional().catch(undefined),
});

const KEYS = ['view', 'unit', 'metric', 'range', 'sort', 'filter'] as const;

const FILE = 'preferences.json';

function open(Store: typeof Conf, dir: string): Conf<Record<string, unknown>> | undefined {
  try {
    return new Store<Record<string, unknown>>({ cwd: dir, configName: 'preferences', clearInvalidConfig: false });
  } catch {
    return undefined; // unreadable or invalid: nothing is written over it
  }
}

/** The remembered choices (a missing, unreadable or invalid file, and invalid or unknown values, are dropped). */
export function loadPreferences(dir: string): Preferences {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(path.join(dir, FILE), 'utf8'));
  } catch {
    return {};
  }
  const parsed = PreferencesSchema.safeParse(data);
  if (!parsed.success) return {};
  return Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as Preferences;
}

function chosen(ui: UiState): Preferences {
  return { view: ui.view, unit: ui.unit, metric: ui.metric, range: ui.range, sort: ui.sort, filter: ui.filtering ? undefined : ui.filter };
}

/** Writes the choices whenever the user changes one (a kept filter, not each key typed). Returns an unsubscribe. */
export function savePreferences(dir: string, store: Store): () => void {
  let conf: Promise<Conf<Record<string, unknown>> | undefined> | undefined;
  let last = chosen(store.getState().ui);
  return store.subscribe(() => {
    const now = chosen(store.getState().ui);
    const changed = KEYS.filter((k) => now[k] !== undefined && now[k] !== last[k]);
    last = { ...now, filter: now.filter ?? last.filter };
    if (changed.length === 0) return;
    const values = Object.fromEntries(changed.map((k) => [k, now[k]]));
    // Writes keep their order: each waits on the same store.
    conf ??= import('conf').then(({ default: Store }) => open(Store, dir), () => undefined);
    void conf.then((c) => {
      try {
        c?.set(values);
      } catch {
        // A read-only or full disk: the choice still holds for this run.
      }
    });
  });
}
