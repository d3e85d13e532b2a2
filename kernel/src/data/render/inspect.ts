/**
 * console.log(table), and a table inside a logged or returned object ({ train, test } from
 * trainTestSplit, a Promise a cell forgot to await), print as a table instead of arquero's
 * internals (hundreds of lines of typed arrays): the bounded text view at the top level, one
 * line with the shape and column names when nested.
 */
import { ColumnTable } from 'arquero';
import { tableView } from './table-view.js';
import { shapeText, tableText } from './table-html.js';

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

export function installTableInspect(): void {
  const proto = ColumnTable.prototype as unknown as Record<symbol, unknown>;
  if (Object.prototype.hasOwnProperty.call(proto, INSPECT)) return;
  Object.defineProperty(proto, INSPECT, {
    value: function (this: ColumnTable, depth: number, options: { depth?: number | null }) {
      const view = tableView(this);
      if (depth === options?.depth) return tableText(view);
      const names = this.columnNames();
      return `ColumnTable [${shapeText(view)}: ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''}]`;
    },
    configurable: true,
    writable: true,
  });
}
