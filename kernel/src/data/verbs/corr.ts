/** corr(): Pearson (or Spearman) correlation matrix of numeric columns, pairwise-complete like pandas. */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { columnOf, firstText, isMissing, numericColumns } from '../columns.js';
import { assertColumns, checkOptions, DataError } from '../errors.js';

/** Average ranks (ties share their mean rank), as Spearman needs. */
function ranks(x: number[]): number[] {
  const idx = x.map((_, i) => i).sort((a, b) => x[a] - x[b]);
  const out = new Array<number>(x.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && x[idx[j + 1]] === x[idx[i]]) j++;
    for (let k = i; k <= j; k++) out[idx[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

export function pearson(x: number[], y: number[]): number {
  const n = x.length;
  if (n < 2) return NaN;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) (mx += x[i]), (my += y[i]);
  (mx /= n), (my /= n);
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx, dy = y[i] - my;
    (sxy += dx * dy), (sxx += dx * dx), (syy += dy * dy);
  }
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * The correlation matrix of numeric `columns` (all numeric columns by default), pairwise-complete:
 * `method` 'pearson' (default) or 'spearman', as pandas' `DataFrame.corr`.
 */
export function corr(table: ColumnTable, columns?: string[], opts: { method?: 'pearson' | 'spearman' } = {}): ColumnTable {
  checkOptions('corr', opts, ['method']);
  const cols = columns ?? numericColumns(table);
  assertColumns(table.columnNames(), cols);
  const data = cols.map((c) => columnOf(table, c));
  data.forEach((values, i) => {
    const r = firstText(values);
    if (r >= 0) throw new DataError(`corr: column '${cols[i]}' is not numeric (row ${r} holds ${JSON.stringify(values[r])}); encode it first (e.g. tsml.getDummies) or leave it out of the columns`);
  });
  const matrix: Record<string, unknown[]> = { column: cols };
  cols.forEach((c, j) => {
    matrix[c] = cols.map((_, i) => {
      const x: number[] = [];
      const y: number[] = [];
      for (let r = 0; r < data[i].length; r++) {
        if (isMissing(data[i][r]) || isMissing(data[j][r])) continue;
        x.push(Number(data[i][r]));
        y.push(Number(data[j][r]));
      }
      return opts.method === 'spearman' ? pearson(ranks(x), ranks(y)) : pearson(x, y);
    });
  });
  return aq.table(matrix, ['column', ...cols]);
}
