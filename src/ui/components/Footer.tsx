// The last line: key hints fitted by priority (quit and help always stay), a notice, or the filter prompt.
import React from 'react';
import type { Hint } from '../footerHints.js';
import { fitParts, type Part } from '../layout/fitLine.js';
import type { Theme } from '../theme.js';
import { Line } from './Line.js';

export interface FooterProps {
  readonly width: number;
  readonly theme: Theme;
  readonly demo: boolean;
  /** Served from a recording (--replay). Default false. */
  readonly replay?: boolean;
  /** The hints for the current mode (see footerHints). */
  readonly hints: readonly Hint[];
  /** A transient message (e.g. what refresh did); shortened at word boundaries to leave the must-keep hints. */
  readonly notice?: string | undefined;
  /** The filter being typed, when the prompt is open. */
  readonly prompt?: string | undefined;
}

export function Footer(p: FooterProps): React.JSX.Element {
  const hintColor = p.demo ? p.theme.sample : p.theme.muted;
  const hints: Part[] = p.hints.map((h) => ({ segments: [{ text: h.keys, bold: true, color: hintColor }, { text: ` ${h.text}`, color: hintColor }], priority: h.priority + 10 }));
  const lead: Part[] = [];
  if (p.prompt !== undefined) {
    lead.push({ segments: [{ text: 'filter: ', color: p.theme.accent, bold: true }, { text: `${p.prompt}_` }], priority: 0 });
  } else if (p.notice) {
    lead.push({ segments: [{ text: p.notice, color: p.theme.accent }], priority: 1, shrink: true });
  } else if (p.demo) {
    lead.push({ segments: [{ text: 'SAMPLE DATA, not live.', color: p.theme.sample }], priority: 0, shrink: true });
  } else if (p.replay) {
    lead.push({ segments: [{ text: 'REPLAY of a recording, not live.', color: p.theme.sample }], priority: 0, shrink: true });
  }
  // Must-keep hints (priority 0) become 0 again here; the others rank after a notice.
  const parts = [...lead, ...hints.map((h) => (h.priority === 10 ? { ...h, priority: 0 } : h))];
  return <Line segments={fitParts(parts, p.width)} />;
}
