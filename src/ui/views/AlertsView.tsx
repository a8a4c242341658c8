// Alerts view: fired alert rules, newest first, with time, rule and values.
import React from 'react';
import type { FiredAlert } from '../../model/alert-rules.js';
import { formatAge } from '../render/format.js';
import { fit } from '../render/text.js';
import type { Theme } from '../theme.js';
import { Line } from '../components/Line.js';

export interface AlertsViewProps {
  readonly alerts: readonly FiredAlert[];
  readonly rules: number;
  /** The rules are the hub's (--hub): they live in its l2top serve's config file. */
  readonly viaHub?: boolean;
  readonly now: number;
  readonly width: number;
  readonly height: number;
  readonly theme: Theme;
  /** First alert line shown (Up/Down scroll); clamped to the last page. */
  readonly offset?: number;
}

/** The largest scroll offset for `count` alerts in `height` rows (a title line, two lines per alert). */
export function alertsScrollMax(count: number, height: number): number {
  return Math.max(0, 2 * count - (height - 1));
}

export function AlertsView(p: AlertsViewProps): React.JSX.Element {
  if (p.rules === 0) {
    return (
      <>
        <Line segments={[{ text: fit('No alert rules configured.', p.width), bold: true }]} />
        <Line segments={[{ text: fit(p.viaHub
          ? 'The rules are the hub\'s: add "alerts": {"rules": [...]} to the config file of its l2top serve (see README).'
          : 'Add "alerts": {"rules": [...]} to the config file: share-move, level or source-down (see README).', p.width), dim: true }]} />
      </>
    );
  }
  if (p.alerts.length === 0) {
    return <Line segments={[{ text: fit(`No alerts fired yet (${p.rules} rule${p.rules === 1 ? '' : 's'} watching).`, p.width), color: p.theme.ok }]} />;
  }
  const max = alertsScrollMax(p.alerts.length, p.height);
  const first = Math.max(0, Math.min(p.offset ?? 0, max));
  const scrolled = max > 0 ? ` (lines ${first + 1}-${first + p.height - 1} of ${2 * p.alerts.length}; Up/Down)` : '';
  const title = <Line key="h" segments={[{ text: fit(`${p.alerts.length} alert${p.alerts.length === 1 ? '' : 's'}, newest first${scrolled}`, p.width), bold: true }]} />;
  const lines: React.JSX.Element[] = [];
  for (const a of [...p.alerts].reverse()) {
    const when = `${new Date(a.at).toISOString().slice(5, 16).replace('T', ' ')}Z (${formatAge(p.now - a.at)} ago)`;
    lines.push(<Line key={`a${a.at}${a.rule}${a.subject}`} segments={[{ text: fit(`${when}  ${a.message}`, p.width), color: p.theme.warn }]} />);
    lines.push(<Line key={`r${a.at}${a.rule}${a.subject}`} segments={[{ text: fit(`    rule ${a.rule + 1}: ${a.ruleText}`, p.width), dim: true }]} />);
  }
  return <>{[title, ...lines.slice(first, first + p.height - 1)]}</>;
}
