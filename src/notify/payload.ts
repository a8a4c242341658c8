// The alert as hooks deliver it: the webhook's JSON body (also a command's stdin) and a command's environment.
import type { FiredAlert } from '../model/alert-rules.js';

/** Facts about this l2top run that every alert carries. */
export interface PayloadContext {
  readonly version: string;
  readonly host: string;
  /** --demo: the alert is about SAMPLE data. */
  readonly sample: boolean;
  /** --replay: the alert comes from a recording. */
  readonly replay: boolean;
}

/** The documented body (README "Alert hooks"); fields are only ever added. */
export interface AlertPayload {
  readonly type: 'l2top.alert';
  readonly schemaVersion: 1;
  /** One line for chat webhooks that read `text` (Slack, Mattermost). */
  readonly text: string;
  readonly at: string;
  readonly rule: number;
  readonly ruleText: string;
  readonly subject: string;
  readonly message: string;
  readonly values: Readonly<Record<string, number>>;
  readonly l2top: { readonly version: string; readonly host: string; readonly sample: boolean; readonly replay: boolean };
}

export function alertPayload(a: FiredAlert, ctx: PayloadContext): AlertPayload {
  const label = ctx.sample ? ' (SAMPLE DATA)' : ctx.replay ? ' (REPLAY)' : '';
  return {
    type: 'l2top.alert',
    schemaVersion: 1,
    text: `l2top${label}: ${a.message} [${a.ruleText}]`,
    at: new Date(a.at).toISOString(),
    rule: a.rule,
    ruleText: a.ruleText,
    subject: a.subject,
    message: a.message,
    values: a.values,
    l2top: { version: ctx.version, host: ctx.host, sample: ctx.sample, replay: ctx.replay },
  };
}

/** The environment variables a command hook gets (besides l2top's own environment). */
export function alertEnv(p: AlertPayload): Record<string, string> {
  return {
    L2TOP_ALERT_AT: p.at,
    L2TOP_ALERT_RULE: p.ruleText,
    L2TOP_ALERT_RULE_INDEX: String(p.rule),
    L2TOP_ALERT_SUBJECT: p.subject,
    L2TOP_ALERT_MESSAGE: p.message,
    L2TOP_ALERT_TEXT: p.text,
    L2TOP_ALERT_VALUES: JSON.stringify(p.values),
    L2TOP_ALERT_JSON: JSON.stringify(p),
    L2TOP_SAMPLE: p.l2top.sample ? '1' : '0',
    L2TOP_REPLAY: p.l2top.replay ? '1' : '0',
  };
}
