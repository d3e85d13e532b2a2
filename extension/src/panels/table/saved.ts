/**
 * The saved view: the head and tail rows the payload carries, as the static
 * HTML shows them. Drawn at once, before (or without) a kernel.
 */
import type { TablePayload } from 'tsml/mime';
import { colgroup, columnWidths, fillRow, header } from './cells';

export function savedTable(p: TablePayload): HTMLTableElement {
  const table = document.createElement('table');
  table.className = 'tsml-tbl-grid';
  const rows = [...p.head, ...p.tail];
  const widths = columnWidths(p.columns, rows);
  const labelWidth = Math.max(4, String(p.shape[0]).length + 2);
  table.append(colgroup(widths, labelWidth), header(p.columns, []));
  const body = table.createTBody();
  for (const r of p.head) fillRow(body.insertRow(), r, p.columns.length);
  if (p.truncated) {
    const gap = body.insertRow();
    gap.className = 'tsml-tbl-gap';
    const cell = gap.insertCell();
    cell.colSpan = p.columns.length + 1;
    cell.textContent = `… ${(p.shape[0] - p.head.length - p.tail.length).toLocaleString('en-US')} more rows …`;
  }
  for (const r of p.tail) fillRow(body.insertRow(), r, p.columns.length);
  return table;
}
