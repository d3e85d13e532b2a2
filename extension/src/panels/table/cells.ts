/**
 * DOM pieces the table panel's saved and live views share: the header (names,
 * dtype and missing counts, sort buttons), row cells, and column widths fixed
 * up front so scrolling and sorting never move a column.
 */
import { formatCell, isMissingCell } from 'tsml/tableview';
import type { TableColumnInfo, TableSortKey } from 'tsml/mime';

export type Row = { row: number; cells: unknown[] };

/** Column widths in `ch`, from the header and the rows at hand (the saved head and tail). */
export function columnWidths(columns: TableColumnInfo[], sample: Row[]): number[] {
  return columns.map((c, i) => {
    let w = Math.max(c.name.length + 3, c.dtype.length + (c.missing ? 8 : 0));
    for (const r of sample) w = Math.max(w, formatCell(r.cells[i]).length);
    return Math.min(32, Math.max(6, w + 2));
  });
}

export function colgroup(widths: number[], rowLabelWidth: number): HTMLTableColElement {
  const group = document.createElement('colgroup');
  for (const w of [rowLabelWidth, ...widths]) {
    const col = document.createElement('col');
    col.style.width = `${w}ch`;
    group.append(col);
  }
  return group as unknown as HTMLTableColElement;
}

/** The header: one row of names (sort buttons when `onSort` is given), one of dtypes and missing counts. */
export function header(columns: TableColumnInfo[], sort: TableSortKey[], onSort?: (column: string, add: boolean) => void): HTMLTableSectionElement {
  const thead = document.createElement('thead');
  const names = thead.insertRow();
  const types = thead.insertRow();
  types.className = 'tsml-tbl-dtypes';
  names.append(cornerCell());
  types.append(cornerCell());
  for (const c of columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.title = c.name;
    const k = sort.findIndex((s) => s.column === c.name);
    if (k >= 0) th.setAttribute('aria-sort', sort[k].descending ? 'descending' : 'ascending');
    if (onSort) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'tsml-tbl-sort';
      b.textContent = c.name;
      b.title = `Sort by ${c.name} (click again to reverse, a third time to clear; Shift+click adds it as a further key)`;
      if (k >= 0) {
        const mark = document.createElement('span');
        mark.className = 'tsml-tbl-mark';
        mark.textContent = `${sort[k].descending ? '▼' : '▲'}${sort.length > 1 ? k + 1 : ''}`;
        b.append(mark);
      }
      b.addEventListener('click', (e) => onSort(c.name, e.shiftKey));
      th.append(b);
    } else {
      th.textContent = c.name;
    }
    names.append(th);
    const td = document.createElement('th');
    td.textContent = c.missing ? `${c.dtype} · ${c.missing.toLocaleString('en-US')} NA` : c.dtype;
    td.title = `${c.missing.toLocaleString('en-US')} missing`;
    types.append(td);
  }
  return thead;
}

function cornerCell(): HTMLTableCellElement {
  const th = document.createElement('th');
  th.className = 'tsml-tbl-rowlabel';
  return th;
}

/** Fills `tr` with a row's label and cells (a placeholder row while its page loads). */
export function fillRow(tr: HTMLTableRowElement, row: Row | undefined, columns: number): void {
  const cells: HTMLElement[] = [];
  const label = document.createElement('th');
  label.scope = 'row';
  label.className = 'tsml-tbl-rowlabel';
  label.textContent = row ? String(row.row) : '';
  cells.push(label);
  for (let i = 0; i < columns; i++) {
    const td = document.createElement('td');
    if (!row) td.className = 'tsml-tbl-loading';
    else {
      const v = row.cells[i];
      td.textContent = formatCell(v);
      if (isMissingCell(v)) td.className = 'tsml-tbl-na';
    }
    cells.push(td);
  }
  tr.replaceChildren(...cells);
  tr.classList.toggle('tsml-tbl-pending', !row);
}
