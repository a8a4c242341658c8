// Views with networks named in CJK and with an emoji, rendered to exact strings at a fixed width:
// every column stays where it is for an ASCII name.
import { renderToString } from 'ink';
import React from 'react';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { reduce } from '../../src/model/reducer.js';
import { selectRows, selectSources } from '../../src/model/selectors.js';
import type { State } from '../../src/model/state.js';
import type { NetworkMeta, SourceMeta } from '../../src/model/types.js';
import { renderPlainText } from '../../src/ui/plainText.js';
import { THEMES } from '../../src/ui/theme.js';
import { SharesView } from '../../src/ui/views/SharesView.js';
import { SourcesView } from '../../src/ui/views/SourcesView.js';
import { TrendsView } from '../../src/ui/views/TrendsView.js';
import { DAY, HOUR, MIN, T0, TEST_NETWORKS, TEST_SOURCES, freshState, ok, run } from '../helpers/state.js';

const WIDE: NetworkMeta[] = [
  { id: 'bridge', name: '比特币桥', type: 'other', lockedMeaning: 'custom', sources: ['custom-bridge'] },
  { id: 'orange', name: '🟠 Orange', type: 'other', lockedMeaning: 'custom', sources: ['custom-orange'] },
];
const custom = (id: string, label: string): SourceMeta => ({ id: `custom-${id}`, provider: 'custom', role: 'btc-locked', networks: [id], label, path: '/x', polls: true });

/** Four test networks and the two wide-named ones, each with an hourly history over two days. */
function wideState(): State {
  let s = freshState({ networks: [...TEST_NETWORKS, ...WIDE], sources: [...TEST_SOURCES, custom('bridge', '比特币桥 (custom)'), custom('orange', '🟠 Orange (custom)')] });
  const sats: Record<string, [string, number]> = {
    lightning: ['src-lightning', 460_820_222_344], liquid: ['src-liquid', 360_000_000_000], rootstock: ['src-rootstock', 300_000_000_000],
    stacks: ['src-stacks', 500_000_000_000], bridge: ['custom-bridge', 200_000_000_000], orange: ['custom-orange', 100_000_000_000],
  };
  for (let h = 0; h <= 48; h += 1) {
    s = run(s, Object.entries(sats).map(([net, [src, v]]) => ok(src, T0 + h * HOUR, net, v + h * 1e8)));
  }
  return reduce(s, { type: 'tick', now: T0 + 48 * HOUR + MIN });
}

const common = { now: T0 + 48 * HOUR + MIN, width: 80, theme: THEMES.dark, selected: 0 };
const lines = (el: React.JSX.Element) => renderToString(el, { columns: 80 }).split('\n');
const colOf = (line: string, re: RegExp) => {
  const m = re.exec(line);
  return m ? stringWidth(line.slice(0, m.index + m[0].length)) : -1;
};

describe('wide characters in names keep columns aligned', () => {
  const state = wideState();
  const rows = selectRows(state);
  const sources = selectSources(state);

  it('Shares: exact rows at 80 columns', () => {
    const out = lines(<SharesView rows={rows} sources={sources} metric="btc-locked" unit="btc" priceUsd={undefined} height={14} {...common} />);
    expect(out.slice(0, 12).filter((_, i) => i % 2 === 0)).toEqual([
      '›Stacks (sBTC)  █████▍                 25.9%   5,048.00 BTC   ▲ +0.5%',
      ' Lightning      █████                  23.9%   4,656.20 BTC   ▲ +0.5%',
      ' Liquid         ███▉                   18.7%   3,648.00 BTC   ▲ +0.7%',
      ' Rootstock      ███▎                   15.6%   3,048.00 BTC   ▲ +0.8%',
      ' 比特币桥       ██▎                    10.5%   2,048.00 BTC   ▲ +1.2%',
      ' 🟠 Orange      █▏                      5.4%   1,048.00 BTC   ▲ +2.3%',
    ]);
    expect(out[9]).toBe('                via 比特币桥 (custom) (custom-bridge)');
    for (const l of out) expect(stringWidth(l)).toBeLessThanOrEqual(80);
  });

  it('Sources: the Status column starts in one column on every row', () => {
    const out = lines(<SourcesView sources={sources} height={16} {...common} />);
    expect(out.filter((l) => l.includes('(custom)'))).toEqual([
      '比特币桥 (custom)  bridge    ok            1m    42ms     0     4m /x',
      '🟠 Orange (custom) orange    ok            1m    42ms     0     4m /x',
    ]);
    expect(out[1]).toBe('LN                 lightning ok            1m    42ms     0     4m /ln');
  });

  it('Trends: share rows keep low / high / now in fixed columns', () => {
    const out = lines(<TrendsView rows={rows} series={state.series['btc-locked']} priceSeries={state.priceSeries} backfilledUntil={{}}
      metric="btc-locked" unit="btc" range="24h" priceUsd={undefined} windowMs={90 * DAY} height={20} {...common} />);
    expect(out.slice(1, 8)).toEqual([
      'Share of BTC locked, last 24h                                  low   high    now',
      'Stacks (sBTC)  ████▇▇▇▇▇▇▆▆▆▆▆▆▆▅▅▅▅▅▄▄▄▄▄▄▃▃▃▃▃▃▃▂▂▂▂▂▂▁▁▁  25.9%  26.0%  25.9%',
      'Lightning      ████▇▇▇▇▇▇▆▆▆▆▆▆▆▅▅▅▅▅▄▄▄▄▄▄▃▃▃▃▃▃▃▂▂▂▂▂▂▁▁▁  23.9%  23.9%  23.9%',
      'Liquid         ████▇▇▇▇▇▇▆▆▆▆▆▆▆▅▅▅▅▅▄▄▄▄▄▄▃▃▃▃▃▃▃▂▂▂▂▂▂▁▁▁  18.7%  18.7%  18.7%',
      'Rootstock      ▁▁▁▁▂▂▂▂▂▂▃▃▃▃▃▃▃▄▄▄▄▄▅▅▅▅▅▅▆▆▆▆▆▆▆▇▇▇▇▇▇███  15.6%  15.6%  15.6%',
      '比特币桥       ▁▁▁▁▂▂▂▂▂▂▃▃▃▃▃▃▃▄▄▄▄▄▅▅▅▅▅▅▆▆▆▆▆▆▆▇▇▇▇▇▇███  10.5%  10.5%  10.5%',
      '🟠 Orange      ▁▁▁▁▂▂▂▂▂▂▃▃▃▃▃▃▃▄▄▄▄▄▅▅▅▅▅▅▆▆▆▆▆▆▆▇▇▇▇▇▇███   5.3%   5.4%   5.4%',
    ]);
    expect(out.slice(-5)).toEqual([
      '  4.656K ┤                                                          ╭───────────',
      '  4.648K ┤                                  ╭───────────────────────╯',
      '  4.640K ┤           ╭──────────────────────╯',
      '  4.632K ┤───────────╯',
      '      UTC         03:00    06:00    09:00   12:00    15:00    18:00    21:00',
    ]);
  });

  it('--once text: amount, share and source columns line up', () => {
    const out = renderPlainText(state).split('\n');
    const table = out.filter((l) => /^(Lightning|比特币桥|🟠 Orange) /.test(l));
    expect(table).toHaveLength(3);
    expect(new Set(table.map((l) => colOf(l, /\d\.\d{8}/))).size).toBe(1);
    expect(new Set(table.map((l) => colOf(l, /\d%/))).size).toBe(1);
    expect(out.find((l) => l.startsWith('比特币桥'))).toBe('比特币桥             2,048.00000000  10.5%   ^ +1.2%  custom-bridge          ok');
  });
});
