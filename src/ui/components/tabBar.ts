// The tab line's layout (view tabs left, sort / filter / unit / help right), shared by the header and mouse clicks.
import type { DisplayUnit, SortId, ViewId } from '../../model/state.js';
import { fitParts, type Part } from '../layout/fitLine.js';
import { widthOf } from '../render/text.js';
import type { Theme } from '../theme.js';
import type { Segment } from './Line.js';

export interface TabBarProps {
  readonly view: ViewId;
  readonly unit: DisplayUnit;
  readonly sort: SortId;
  readonly filter: string;
  readonly filtering: boolean;
  /** The key shown on each tab (from the keymap, so remapped keys show). */
  readonly tabKeys: Readonly<Record<ViewId, string>>;
  /** The help key as help writes it. */
  readonly helpKey: string;
  readonly width: number;
  readonly theme: Theme;
}

const TABS: readonly [ViewId, string][] = [['shares', 'Shares'], ['trends', 'Trends'], ['sources', 'Sources'], ['alerts', 'Alerts']];
const UNIT_LABEL: Readonly<Record<DisplayUnit, string>> = { btc: 'BTC', sats: 'sats', usd: 'USD' };
export const SORT_LABEL: Readonly<Record<SortId, string>> = { share: 'share', change: '24h change', name: 'name' };

/** One tab per view and the column range [start, end) it covers. */
export interface TabLayout {
  readonly segments: Segment[];
  readonly tabs: readonly { readonly view: ViewId; readonly start: number; readonly end: number }[];
}

/**
 * The active tab is bracketed ("[1 Shares]") as well as highlighted, so it stays visible without colour
 * or inverse (NO_COLOR, monochrome terminals, screen magnifiers).
 */
function tabs(p: TabBarProps, short: boolean): TabLayout {
  const segments: Segment[] = [];
  const ranges: { view: ViewId; start: number; end: number }[] = [];
  let x = 0;
  for (const [id, label] of TABS) {
    const on = id === p.view;
    const name = short ? (label[0] ?? '') : label;
    const text = on ? `[${p.tabKeys[id]} ${name}]` : ` ${p.tabKeys[id]} ${name} `;
    segments.push({ text, inverse: on, bold: on, color: on ? p.theme.accent : undefined }, { text: ' ' });
    ranges.push({ view: id, start: x, end: x + widthOf(text) });
    x += widthOf(text) + 1;
  }
  return { segments, tabs: ranges };
}

function hintParts(p: TabBarProps): Part[] {
  const parts: Part[] = [];
  if (p.filter !== '' || p.filtering) {
    parts.push({ segments: [{ text: `filter: ${p.filter}${p.filtering ? '_' : ''}`, color: p.theme.warn, bold: true }], priority: 1, shrink: true });
  }
  parts.push({ segments: [{ text: `sort: ${SORT_LABEL[p.sort]}`, color: p.sort === 'share' ? p.theme.muted : p.theme.warn }], priority: 2 });
  parts.push({ segments: [{ text: `unit ${UNIT_LABEL[p.unit]}`, color: p.theme.muted }], priority: 3 });
  parts.push({ segments: [{ text: `${p.helpKey} help`, color: p.theme.muted }], priority: 0 });
  return parts;
}

const width = (segments: readonly Segment[]): number => segments.reduce((n, s) => n + widthOf(s.text), 0);

/** The whole tab line: full tab names when they leave room for help, sort and filter, else initials. */
export function tabBar(p: TabBarProps): TabLayout {
  const hints = hintParts(p);
  const needed = width(fitParts(hints.filter((h) => h.priority <= 2), 1_000));
  const full = tabs(p, false);
  const chosen = width(full.segments) + needed <= p.width ? full : tabs(p, true);
  const right = fitParts(hints, Math.max(0, p.width - width(chosen.segments)));
  const gap = p.width - width(chosen.segments) - width(right);
  return { segments: [...chosen.segments, { text: ' '.repeat(Math.max(0, gap)) }, ...right], tabs: chosen.tabs };
}

/** The view whose tab covers column `x` (0-based) of the tab line, if any. */
export function tabAt(p: TabBarProps, x: number): ViewId | undefined {
  return tabBar(p).tabs.find((t) => x >= t.start && x < t.end)?.view;
}
