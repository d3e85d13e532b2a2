/** How a table cell reads, in the static HTML and in the live view alike. */

export const isMissingCell = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));

export function formatCell(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : Number.isInteger(v) ? String(v) : String(+v.toPrecision(6));
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString().replace('T00:00:00.000Z', '');
  if (typeof v === 'object') {
    const s = JSON.stringify(v);
    return s.length > 60 ? s.slice(0, 57) + '…' : s;
  }
  const s = String(v);
  return s.length > 60 ? s.slice(0, 57) + '…' : s;
}

/** Row counts as the views print them: "1,000,000 rows × 12 columns". */
export function shapeLabel(rows: number, columns: number): string {
  return `${rows.toLocaleString('en-US')} row${rows === 1 ? '' : 's'} × ${columns} column${columns === 1 ? '' : 's'}`;
}
