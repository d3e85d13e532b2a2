/**
 * Static renderings of a table view: HTML (pandas-like, with a dtype row and
 * missing counts in the header; inline styles only, so it survives GitHub and
 * nbviewer) and plain text.
 */
import type { TableView } from './table-view.js';
import { formatCell, isMissingCell, shapeLabel } from '../../tableview/format.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const TH = 'style="text-align:right;padding:2px 8px"';
const TD = 'style="text-align:right;padding:2px 8px;white-space:nowrap"';
const NA = 'style="text-align:right;padding:2px 8px;color:#999;font-style:italic"';

export function shapeText(v: TableView): string {
  return shapeLabel(v.shape[0], v.shape[1]);
}

export function tableHtml(v: TableView): string {
  const more = v.columnsTruncated ? `<th ${TH}>…</th>` : '';
  const head = `<tr><th ${TH}></th>${v.columns.map((c) => `<th ${TH}>${esc(c.name)}</th>`).join('')}${more}</tr>`;
  const types = `<tr style="color:#888;font-weight:normal;font-size:85%"><td ${TD}></td>${v.columns
    .map((c) => `<td ${TD} title="${c.missing} missing">${esc(c.dtype)}${c.missing ? ` · ${c.missing.toLocaleString('en-US')} NA` : ''}</td>`)
    .join('')}${v.columnsTruncated ? `<td ${TD}></td>` : ''}</tr>`;
  const row = (r: { row: number; cells: unknown[] }) =>
    `<tr><th ${TH}>${r.row}</th>${r.cells.map((x) => `<td ${isMissingCell(x) ? NA : TD}>${esc(formatCell(x))}</td>`).join('')}${more ? `<td ${TD}>…</td>` : ''}</tr>`;
  const gap = v.truncated ? `<tr><th ${TH}>…</th>${v.columns.map(() => `<td ${TD}>…</td>`).join('')}${more ? `<td ${TD}></td>` : ''}</tr>` : '';
  return (
    `<div class="tsml-table" style="overflow-x:auto"><table style="border-collapse:collapse;font-size:12px">` +
    `<thead>${head}${types}</thead><tbody>${v.head.map(row).join('')}${gap}${v.tail.map(row).join('')}</tbody></table>` +
    `<div style="color:#666;font-size:12px;margin-top:4px">${shapeText(v)}</div></div>`
  );
}

export function tableText(v: TableView): string {
  const header = ['', ...v.columns.map((c) => c.name)];
  const body = [...v.head, ...(v.truncated ? [{ row: -1, cells: v.columns.map(() => '…') }] : []), ...v.tail].map((r) => [
    r.row < 0 ? '…' : String(r.row),
    ...r.cells.map((x) => (x === '…' ? '…' : formatCell(x))),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  return [line(header), ...body.map(line), '', `[${shapeText(v)}]`].join('\n');
}
