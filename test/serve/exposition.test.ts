// The hand-written gauge exposition: escaping per the text format, HELP/TYPE once per family, unknown values left out.
import { describe, expect, it } from 'vitest';
import { exposition, GaugeFamily } from '../../src/serve/exposition.js';

describe('gauge exposition', () => {
  it('escapes label values (backslash, quote, newline) and HELP text (backslash, newline); HELP and TYPE once per family', () => {
    const g = new GaugeFamily('x_ratio', 'a \\ help\nline', ['network', 'source']);
    g.set({ network: 'a"b', source: 'c\\d\ne' }, 0.5);
    g.set({ network: 'plain', source: 's' }, 2);
    expect(g.text()).toBe('# HELP x_ratio a \\\\ help\\nline\n# TYPE x_ratio gauge\nx_ratio{network="a\\"b",source="c\\\\d\\ne"} 0.5\nx_ratio{network="plain",source="s"} 2');
  });

  it('leaves out values that are not finite numbers; reset drops every sample; families apart by a blank line', () => {
    const a = new GaugeFamily('a_value', 'A', []);
    const b = new GaugeFamily('b_value', 'B', ['k']);
    a.set({}, Number.NaN);
    a.set({}, undefined);
    b.set({ k: 'x' }, Number.POSITIVE_INFINITY);
    b.set({ k: 'y' }, 1);
    expect(exposition([a, b])).toBe('# HELP a_value A\n# TYPE a_value gauge\n\n# HELP b_value B\n# TYPE b_value gauge\nb_value{k="y"} 1\n');
    b.reset();
    expect(b.text()).toBe('# HELP b_value B\n# TYPE b_value gauge');
  });
});
