import { describe, expect, it } from 'vitest';
import { reduce } from '../../src/model/reducer.js';
import { selectShownRows } from '../../src/model/shown-rows.js';
import { allOk, DAY, freshState, ok, run, T0 } from '../helpers/state.js';

/** Yesterday Lightning 400, Liquid 400, Rootstock 400, Stacks 400; today 460 / 360 / 300 / 500. */
function state() {
  const day0 = allOk(freshState(), T0, [400_000_000_000, 400_000_000_000, 400_000_000_000, 400_000_000_000]);
  return run(day0, [
    ok('src-lightning', T0 + DAY, 'lightning', 460_000_000_000), ok('src-liquid', T0 + DAY, 'liquid', 360_000_000_000),
    ok('src-rootstock', T0 + DAY, 'rootstock', 300_000_000_000), ok('src-stacks', T0 + DAY, 'stacks', 500_000_000_000),
  ]);
}
const names = (s: ReturnType<typeof state>) => selectShownRows(s).map((r) => r.meta.id);

describe('sort and filter of the Shares rows', () => {
  it('s cycles share -> 24h change -> name -> share', () => {
    let s = state();
    expect(names(s)).toEqual(['stacks', 'lightning', 'liquid', 'rootstock']);
    s = reduce(s, { type: 'ui/sort-next' });
    expect(s.ui.sort).toBe('change');
    expect(names(s)).toEqual(['stacks', 'lightning', 'liquid', 'rootstock']);
    expect(selectShownRows(s).map((r) => Math.round((r.change24h ?? 0) * 100))).toEqual([25, 15, -10, -25]);
    s = reduce(s, { type: 'ui/sort-next' });
    expect(names(s)).toEqual(['lightning', 'liquid', 'rootstock', 'stacks']);
    s = reduce(s, { type: 'ui/sort-next' });
    expect(s.ui.sort).toBe('share');
  });

  it('the filter keeps names containing it, case-insensitive; Enter keeps it, Esc clears it', () => {
    let s = reduce(state(), { type: 'ui/select-step', step: 2, rows: 4 });
    s = reduce(s, { type: 'ui/filter-open' });
    s = reduce(s, { type: 'ui/filter-set', text: 'LI' });
    expect(s.ui).toMatchObject({ filtering: true, filter: 'LI', selected: 0 });
    expect(names(s)).toEqual(['lightning', 'liquid']);
    s = reduce(s, { type: 'ui/filter-keep' });
    expect(s.ui).toMatchObject({ filtering: false, filter: 'LI' });
    expect(names(s)).toEqual(['lightning', 'liquid']);
    s = reduce(reduce(s, { type: 'ui/filter-open' }), { type: 'ui/filter-clear' });
    expect(s.ui).toMatchObject({ filtering: false, filter: '' });
    expect(names(s)).toHaveLength(4);
  });

  it('each list keeps its own scroll; help, detail and a kept filter close one at a time', () => {
    let s = state();
    s = reduce(s, { type: 'ui/select-step', step: 1, rows: 4 });
    s = reduce(s, { type: 'ui/scroll', target: 'sources', step: 5, max: 3 });
    s = reduce(s, { type: 'ui/scroll', target: 'alerts', step: -1, max: 3 });
    expect(s.ui).toMatchObject({ selected: 1, scroll: { sources: 3, alerts: 0, help: 0 } });
    s = reduce(s, { type: 'ui/filter-set', text: 'x' });
    s = reduce(s, { type: 'ui/detail-open', network: 'liquid' });
    s = reduce(s, { type: 'ui/help-toggle' });
    s = reduce(s, { type: 'ui/scroll', target: 'help', step: 4, max: 10 });
    expect(s.ui.scroll.help).toBe(4);
    s = reduce(s, { type: 'ui/close' });
    expect(s.ui).toMatchObject({ help: false, detail: 'liquid', filter: 'x' });
    s = reduce(s, { type: 'ui/close' });
    expect(s.ui).toMatchObject({ detail: undefined, filter: 'x' });
    s = reduce(s, { type: 'ui/close' });
    expect(s.ui.filter).toBe('');
    expect(s.ui.scroll.sources).toBe(3);
  });
});
