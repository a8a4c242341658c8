// Alert rules from config and their pure evaluation: each rule fires once per episode (edge-triggered).
import { sourceStatus } from './health.js';
import { pickValue } from './pick.js';
import { sharesAtBoth } from './share-history.js';
import type { State } from './state.js';
import type { NetworkId, SourceId } from './types.js';

/** A network's share (of the btc-locked total) moving by at least `pp` percentage points within `windowMs`. */
export interface ShareMoveRule {
  readonly type: 'share-move';
  readonly network?: NetworkId;
  readonly pp: number;
  readonly windowMs: number;
}
/** A network's BTC locked crossing a level (from below for `above`, from above for `below`). */
export interface LevelRule {
  readonly type: 'level';
  readonly network: NetworkId;
  readonly above?: number;
  readonly below?: number;
}
/** A source down (or sending bad data) for longer than `forMs`. */
export interface SourceDownRule {
  readonly type: 'source-down';
  readonly source?: SourceId;
  readonly forMs: number;
}
export type AlertRule = ShareMoveRule | LevelRule | SourceDownRule;

/** One fired alert. */
export interface FiredAlert {
  readonly at: number;
  /** Index of the rule in config and its one-line description. */
  readonly rule: number;
  readonly ruleText: string;
  readonly subject: string;
  readonly message: string;
  readonly values: Readonly<Record<string, number>>;
}

/** Most fired alerts kept in memory. */
export const MAX_ALERTS = 200;

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

/** A rule in words, for the Alerts view. */
export function describeRule(r: AlertRule): string {
  switch (r.type) {
    case 'share-move':
      return `${r.network ?? 'any network'}: share moves >= ${r.pp} pp within ${Math.round(r.windowMs / 3_600_000)}h`;
    case 'level':
      return `${r.network}: BTC locked ${r.above !== undefined ? `rises to ${r.above}` : ''}${r.above !== undefined && r.below !== undefined ? ' or ' : ''}${r.below !== undefined ? `falls to ${r.below}` : ''} BTC`;
    case 'source-down':
      return `${r.source ?? 'any source'} down for ${Math.round(r.forMs / 60_000)}m`;
  }
}

interface Condition {
  readonly key: string;
  readonly subject: string;
  /** undefined: not decidable now (no data); the previous state is kept. */
  readonly on: boolean | undefined;
  readonly message: string;
  readonly values: Record<string, number>;
}

function conditions(state: State, rule: AlertRule, index: number): Condition[] {
  const out: Condition[] = [];
  if (rule.type === 'share-move') {
    const [thenShares, nowShares] = sharesAtBoth(state, 'btc-locked', state.now - rule.windowMs, state.now);
    for (const n of state.networks) {
      if (rule.network !== undefined && n.id !== rule.network) continue;
      const a = thenShares.get(n.id);
      const b = nowShares.get(n.id);
      const on = a === undefined || b === undefined ? undefined : Math.abs(b - a) * 100 >= rule.pp;
      const move = a !== undefined && b !== undefined ? (b - a) * 100 : 0;
      out.push({ key: `${index}:${n.id}`, subject: n.name, on, message: `${n.name} share ${a !== undefined ? pct(a) : '?'} -> ${b !== undefined ? pct(b) : '?'} (${move >= 0 ? '+' : ''}${move.toFixed(2)} pp)`, values: { from: a ?? NaN, to: b ?? NaN, pp: move } });
    }
  } else if (rule.type === 'level') {
    const n = state.networks.find((x) => x.id === rule.network);
    const v = n ? pickValue(state, n, 'btc-locked') : undefined;
    const btc = v && !v.stale ? v.value / 1e8 : undefined;
    if (rule.above !== undefined) {
      out.push({ key: `${index}:above`, subject: n?.name ?? rule.network, on: btc === undefined ? undefined : btc >= rule.above, message: `${n?.name ?? rule.network} rose to ${btc?.toFixed(2)} BTC (level ${rule.above})`, values: { btc: btc ?? NaN, level: rule.above } });
    }
    if (rule.below !== undefined) {
      out.push({ key: `${index}:below`, subject: n?.name ?? rule.network, on: btc === undefined ? undefined : btc <= rule.below, message: `${n?.name ?? rule.network} fell to ${btc?.toFixed(2)} BTC (level ${rule.below})`, values: { btc: btc ?? NaN, level: rule.below } });
    }
  } else {
    for (const s of state.sources) {
      if (rule.source !== undefined && s.id !== rule.source) continue;
      const h = state.health[s.id];
      const status = sourceStatus(h, s, state.now, state.intervalMs);
      const failing = status === 'down' || status === 'bad-data';
      const since = h?.failingSince;
      const on = failing && since !== undefined && state.now - since >= rule.forMs;
      out.push({ key: `${index}:${s.id}`, subject: s.id, on, message: `${s.label} ${status} for ${since !== undefined ? Math.round((state.now - since) / 60_000) : 0}m: ${h?.lastError?.message ?? ''}`, values: { minutes: since !== undefined ? (state.now - since) / 60_000 : 0 } });
    }
  }
  return out;
}

/**
 * Evaluates every rule against the state and appends alerts for conditions that just became true.
 * A level rule needs to have seen the other side first ("crossing"); the first observation only arms it.
 */
export function evaluateAlerts(state: State): State {
  const rules = state.settings.alertRules;
  if (rules.length === 0) return state;
  const active: Record<string, boolean> = { ...state.alertActive };
  const fired: FiredAlert[] = [];
  rules.forEach((rule, index) => {
    for (const c of conditions(state, rule, index)) {
      if (c.on === undefined) continue;
      const was = active[c.key];
      active[c.key] = c.on;
      const armed = rule.type === 'level' ? was === false : was !== true;
      if (c.on && armed) fired.push({ at: state.now, rule: index, ruleText: describeRule(rule), subject: c.subject, message: c.message, values: c.values });
    }
  });
  const changed = fired.length > 0 || Object.keys(active).some((k) => active[k] !== state.alertActive[k]);
  if (!changed) return state;
  return { ...state, alertActive: active, alerts: fired.length > 0 ? [...state.alerts, ...fired].slice(-MAX_ALERTS) : state.alerts };
}
