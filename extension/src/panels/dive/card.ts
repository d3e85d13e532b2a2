/**
 * The card of a clicked point: every column of its row, from the kernel when
 * one is connected (exact values, all columns), else from the columns the
 * panel holds. Escaped text only: values are user data.
 */
export interface CardContent {
  row: number;
  values: Record<string, unknown>;
  /** Shown under the table, e.g. that only loaded columns are listed. */
  note?: string;
}

function text(v: unknown): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'number') return Number.isInteger(v) ? v.toLocaleString('en-US', { useGrouping: false }) : String(v);
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export class Card {
  readonly el = document.createElement('div');

  constructor(onClose: () => void) {
    this.el.className = 'tsml-dive-card';
    this.el.setAttribute('role', 'dialog');
    this.el.hidden = true;
    this.el.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.stopPropagation(); onClose(); } });
    this.el.addEventListener('pointerdown', (e) => e.stopPropagation());
    this.el.addEventListener('wheel', (e) => e.stopPropagation());
    this.close = () => { this.el.hidden = true; onClose(); };
  }

  readonly close: () => void;

  get row(): number | null {
    return this.el.hidden ? null : Number(this.el.dataset.row);
  }

  show(c: CardContent, at: [number, number], stage: { width: number; height: number }): void {
    this.el.replaceChildren();
    this.el.dataset.row = String(c.row);
    this.el.setAttribute('aria-label', `Row ${c.row}`);
    const head = document.createElement('div');
    head.className = 'tsml-dive-card-head';
    const title = document.createElement('b');
    title.textContent = `Row ${c.row.toLocaleString('en-US')}`;
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'tsml-dive-card-close';
    close.textContent = '×';
    close.title = 'Close (Esc)';
    close.setAttribute('aria-label', 'Close');
    close.addEventListener('click', () => this.close());
    head.append(title, close);
    const table = document.createElement('table');
    for (const [name, v] of Object.entries(c.values)) {
      const tr = table.insertRow();
      const th = document.createElement('th');
      th.textContent = name;
      const td = tr.insertCell();
      td.textContent = text(v);
      td.dataset.column = name;
      tr.prepend(th);
    }
    this.el.append(head, table);
    if (c.note) {
      const note = document.createElement('div');
      note.className = 'tsml-dive-card-note';
      note.textContent = c.note;
      this.el.append(note);
    }
    this.el.hidden = false;
    // Beside the point, inside the stage.
    const w = this.el.offsetWidth, h = this.el.offsetHeight;
    const x = at[0] + 14 + w > stage.width ? Math.max(0, at[0] - 14 - w) : at[0] + 14;
    const y = Math.max(0, Math.min(stage.height - h, at[1] - 20));
    this.el.style.left = `${x}px`;
    this.el.style.top = `${y}px`;
  }
}
