// A minimal terminal screen for tests: applies the escape sequences FrameWriter emits (cursor position,
// column, erase line/screen, SGR colours) to a grid of cells, so two ways of drawing can be compared.

/** One screen cell: its character and the style it was drawn with. */
export interface ScreenCell {
  ch: string;
  style: string;
}

const CSI = /^\u001B\[([?0-9;]*)([A-Za-z])/;

export class VtScreen {
  readonly cells: ScreenCell[][];
  private row = 0;
  private col = 0;
  private attrs = new Map<string, string>();

  constructor(readonly columns: number, readonly rows: number) {
    this.cells = Array.from({ length: rows }, () => this.blankRow());
  }

  private blankRow(): ScreenCell[] {
    return Array.from({ length: this.columns }, () => ({ ch: ' ', style: '' }));
  }

  private style(): string {
    return [...this.attrs].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join(',');
  }

  private sgr(params: string): void {
    const p = params === '' ? ['0'] : params.split(';');
    for (let i = 0; i < p.length; i += 1) {
      const code = Number(p[i] || '0');
      const set = (k: string, v: string | undefined) => (v === undefined ? this.attrs.delete(k) : this.attrs.set(k, v));
      if (code === 0) this.attrs.clear();
      else if (code === 1) set('bold', '1');
      else if (code === 2) set('dim', '1');
      else if (code === 22) { set('bold', undefined); set('dim', undefined); }
      else if (code === 38 || code === 48) {
        const n = p[i + 1] === '5' ? 2 : 4;
        set(code === 38 ? 'fg' : 'bg', p.slice(i + 1, i + n + 1).join(':'));
        i += n;
      } else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) set('fg', String(code));
      else if (code === 39) set('fg', undefined);
      else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) set('bg', String(code));
      else if (code === 49) set('bg', undefined);
      else if (code >= 3 && code <= 9) set(`a${code}`, '1');
      else if (code >= 23 && code <= 29) set(`a${code - 20}`, undefined);
      else throw new Error(`VtScreen: SGR ${code} not modelled`);
    }
  }

  /** Applies terminal output. */
  write(data: string): void {
    for (let i = 0; i < data.length;) {
      if (data.charCodeAt(i) === 0x1b) {
        const m = CSI.exec(data.slice(i, i + 40));
        if (!m) throw new Error(`VtScreen: escape not modelled at ${JSON.stringify(data.slice(i, i + 10))}`);
        const [all, params = '', final] = m;
        i += all.length;
        if (params.startsWith('?')) continue;
        const nums = params.split(';').map((x) => Number(x || '0'));
        if (final === 'H') {
          this.row = Math.max(1, nums[0] || 1) - 1;
          this.col = Math.max(1, nums[1] || 1) - 1;
        } else if (final === 'G') this.col = Math.max(1, nums[0] || 1) - 1;
        else if (final === 'J' && nums[0] === 2) for (let r = 0; r < this.rows; r += 1) this.cells[r] = this.blankRow();
        else if (final === 'K') {
          const line = this.cells[this.row];
          if (line) for (let c = nums[0] === 2 ? 0 : this.col; c < this.columns; c += 1) line[c] = { ch: ' ', style: '' };
        } else if (final === 'm') this.sgr(params);
        else throw new Error(`VtScreen: CSI ${final} not modelled`);
        continue;
      }
      const ch = String.fromCodePoint(data.codePointAt(i) ?? 32);
      i += ch.length;
      const line = this.cells[this.row];
      if (line && this.col < this.columns) line[this.col] = { ch, style: this.style() };
      this.col += 1;
    }
  }

  /** Every cell as text: characters and styles, to compare two screens. */
  dump(): string {
    return this.cells.map((r) => r.map((c) => `${c.ch}${c.style ? `{${c.style}}` : ''}`).join('')).join('\n');
  }
}
