/**
 * The text/plain form of a tensor, laid out like numpy's array repr:
 * `tensor([[0.1, 0.2, ..., 0.9], ...], shape=[1000, 1000], dtype=float32)`,
 * nested brackets, `...` where positions are elided, blank lines between
 * blocks of rank ≥ 3, rows wrapped at 75 columns.
 */
import { formatCells } from './numfmt.js';
import { isElided, shownCount, type Grid } from './preview.js';

const LINE_WIDTH = 75;

/** Lays out the grid's (already formatted) values in nested brackets. */
export function layoutArray(grid: Grid, cells: string[], prefix: string): string {
  const rank = grid.axes.length;
  if (rank === 0) return cells[0] ?? '';
  const dims = grid.axes.map(shownCount);
  const strides = dims.map((_, i) => dims.slice(i + 1).reduce((a, b) => a * b, 1));
  const rec = (axis: number, offset: number, indent: string): string => {
    const a = grid.axes[axis];
    const n = dims[axis];
    const items: (number | 'gap')[] = [];
    for (let i = 0; i < n; i++) {
      if (isElided(a) && i === a.head) items.push('gap');
      items.push(i);
    }
    if (isElided(a) && a.head === n) items.push('gap');
    if (axis === rank - 1) {
      const words = items.map((it) => (it === 'gap' ? '...' : cells[offset + (it as number)]));
      // Lines are measured from the left margin: the first starts at this level's bracket.
      const lines: string[] = [];
      let line = indent + '[';
      words.forEach((w, i) => {
        const word = i < words.length - 1 ? w + ',' : w;
        const fresh = line.length === indent.length + 1;
        if (!fresh && line.length + 1 + word.length + (rank - axis) > LINE_WIDTH) {
          lines.push(line);
          line = indent + ' ' + word;
        } else line += (fresh ? '' : ' ') + word;
      });
      return [...lines, line + ']'].join('\n').slice(indent.length);
    }
    const inner = indent + ' ';
    const sep = ',\n' + '\n'.repeat(Math.max(0, rank - axis - 2)) + inner;
    const parts = items.map((it) => (it === 'gap' ? '...' : rec(axis + 1, offset + (it as number) * strides[axis], inner)));
    return '[' + parts.join(sep) + ']';
  };
  return rec(0, 0, ' '.repeat(prefix.length));
}

export function shapeString(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** `tensor(<values>, shape=[…], dtype=…)`; `note` replaces the values when they cannot be shown. */
export function tensorText(shape: number[], dtype: string, grid: Grid | undefined, note?: string): string {
  const prefix = 'tensor(';
  const tail = `shape=${shapeString(shape)}, dtype=${dtype}`;
  if (!grid) return `${prefix}<${note ?? 'values not shown'}>, ${tail})`;
  const body = layoutArray(grid, formatCells(grid.values, dtype), prefix);
  return `${prefix}${body}, ${tail})`;
}
