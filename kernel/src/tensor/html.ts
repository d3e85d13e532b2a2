/**
 * The text/html form of a tensor: a header (dtype, shape, size, memory,
 * backend) and its preview as tables — one per 2-D slice for rank ≥ 3, with
 * "…" rows and columns where positions are elided. Inline styles only, so it
 * reads the same on GitHub and nbviewer as in JupyterLab.
 */
import { formatCells } from './numfmt.js';
import { isElided, shownCount, type Grid } from './preview.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const TH = 'style="text-align:right;padding:2px 8px;color:#666;font-weight:normal"';
const TD = 'style="text-align:right;padding:2px 8px;white-space:nowrap;font-family:monospace"';
const GAP = 'style="text-align:center;padding:2px 8px;color:#999"';
const TABLE = 'style="border-collapse:collapse;font-size:12px"';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)} ${units[u]}`;
}

export interface TensorFacts {
  shape: number[];
  dtype: string;
  size: number;
  bytes: number | null;
  backend: string | null;
  memory?: { tensors: number; bytes: number };
}

export function headerText(f: TensorFacts): string {
  const parts = [f.dtype, `shape [${f.shape.join(', ')}]`, `${f.size.toLocaleString('en-US')} value${f.size === 1 ? '' : 's'}`];
  if (f.bytes !== null) parts.push(formatBytes(f.bytes));
  if (f.backend) parts.push(`on ${f.backend}`);
  return parts.join(' · ');
}

/** Positions of one axis with a marker where elided ones are hidden. */
function positions(a: Grid['axes'][number]): (number | 'gap')[] {
  const out: (number | 'gap')[] = [];
  const n = shownCount(a);
  for (let i = 0; i < n; i++) {
    if (isElided(a) && i === a.head) out.push('gap');
    out.push(i);
  }
  if (isElided(a) && a.head === n) out.push('gap');
  return out;
}

/** Original index of a shown position. */
const original = (a: Grid['axes'][number], i: number) => (i < a.head ? i : a.length - a.tail + (i - a.head));

function matrix(grid: Grid, cells: string[], offset: number): string {
  const r = grid.axes.length;
  const colAxis = grid.axes[r - 1];
  const rowAxis = r >= 2 ? grid.axes[r - 2] : { length: 1, head: 1, tail: 0 };
  const cols = positions(colAxis);
  const nCols = shownCount(colAxis);
  const head = `<tr>${r >= 2 ? `<th ${TH}></th>` : ''}${cols.map((c) => (c === 'gap' ? `<th ${GAP}>…</th>` : `<th ${TH}>${original(colAxis, c)}</th>`)).join('')}</tr>`;
  const rows = positions(rowAxis).map((p) => {
    if (p === 'gap') return `<tr>${r >= 2 ? `<th ${GAP}>⋮</th>` : ''}${cols.map(() => `<td ${GAP}>⋮</td>`).join('')}</tr>`;
    const base = offset + p * nCols;
    const tds = cols.map((c) => (c === 'gap' ? `<td ${GAP}>…</td>` : `<td ${TD}>${esc(cells[base + c])}</td>`)).join('');
    return `<tr>${r >= 2 ? `<th ${TH}>${original(rowAxis, p)}</th>` : ''}${tds}</tr>`;
  });
  return `<table ${TABLE}><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}

/** One table per shown 2-D slice of a rank ≥ 3 grid, captioned with its index. */
function slices(grid: Grid, cells: string[]): string {
  const r = grid.axes.length;
  const lead = grid.axes.slice(0, r - 2);
  const sliceSize = shownCount(grid.axes[r - 2]) * shownCount(grid.axes[r - 1]);
  const dims = lead.map(shownCount);
  const out: string[] = [];
  const rec = (axis: number, offset: number, index: string[]) => {
    if (axis === lead.length) {
      const label = `[${[...index, ':', ':'].join(', ')}]`;
      out.push(`<div style="margin:6px 0 2px;color:#666;font-size:12px;font-family:monospace">${label}</div>${matrix(grid, cells, offset * sliceSize)}`);
      return;
    }
    const a = lead[axis];
    for (const p of positions(a)) {
      if (p === 'gap') {
        const hidden = a.length - a.head - a.tail;
        out.push(`<div style="color:#999;font-size:12px;margin:4px 0">⋮ ${hidden.toLocaleString('en-US')} more along axis ${axis}</div>`);
      } else rec(axis + 1, offset * dims[axis] + p, [...index, String(original(a, p))]);
    }
  };
  rec(0, 0, []);
  return out.join('');
}

export function tensorHtml(facts: TensorFacts, grid: Grid | undefined, note?: string): string {
  const header = `<div style="font-size:12px;color:#444;margin-bottom:4px"><b>tensor</b> · ${esc(headerText(facts))}</div>`;
  let body: string;
  if (!grid) body = `<div style="color:#999;font-size:12px">${esc(note ?? 'values not shown')}</div>`;
  else {
    const cells = formatCells(grid.values, grid.dtype, false);
    const r = grid.axes.length;
    if (r === 0) body = `<pre style="margin:0">${esc(cells[0] ?? '')}</pre>`;
    else if (facts.size === 0) body = `<div style="color:#999;font-size:12px">(empty)</div>`;
    else body = r <= 2 ? matrix(grid, cells, 0) : slices(grid, cells);
  }
  const mem = facts.memory
    ? `<div style="color:#999;font-size:11px;margin-top:4px">${esc(facts.backend ?? 'backend')} holds ${facts.memory.tensors.toLocaleString('en-US')} tensor${facts.memory.tensors === 1 ? '' : 's'} (${formatBytes(facts.memory.bytes)})</div>`
    : '';
  return `<div class="tsml-tensor" style="overflow-x:auto">${header}${body}${mem}</div>`;
}
