/**
 * The live grid: every row of the table behind one scroll area. Only the rows
 * in view exist in the DOM (the table is sticky inside a spacer as tall as all
 * rows); pages of rows come from the kernel as the view needs them, and a
 * click on a column name asks the kernel for that sort order.
 */
import { firstRowAt, geometry, PageCache, shapeLabel, type Geometry } from 'tsml/tableview';
import type { TableRowsReply, TableSchema, TableSortKey } from 'tsml/mime';
import { colgroup, columnWidths, fillRow, header, type Row } from './cells';

/** Must match `.tsml-tbl-live tbody tr { height }` in style/table.css. */
export const ROW_HEIGHT = 24;
const VIEW_ROWS = 16;
const PAGE = 100;

export interface GridRequest {
  start: number;
  count: number;
  sort: TableSortKey[];
}

export class LiveGrid {
  readonly node = document.createElement('div');
  private readonly spacer = document.createElement('div');
  private readonly table = document.createElement('table');
  private readonly body: HTMLTableSectionElement;
  private readonly cache = new PageCache<Row>(PAGE, 60);
  private readonly g: Geometry;
  private sort: TableSortKey[] = [];
  private frame = 0;
  private sortStarted = 0;

  constructor(
    private readonly schema: TableSchema,
    sample: Row[],
    private readonly request: (r: GridRequest) => void,
    private readonly status: (text: string) => void,
  ) {
    this.g = geometry(schema.rows, ROW_HEIGHT, Math.min(VIEW_ROWS, schema.rows));
    this.node.className = 'tsml-tbl-scroll';
    this.node.tabIndex = 0;
    this.node.setAttribute('role', 'region');
    this.node.setAttribute('aria-label', `table, ${shapeLabel(schema.rows, schema.columns.length)}; arrow keys and Page Up/Down scroll`);
    // Arrow keys scroll the table, not the notebook's cells.
    this.node.addEventListener('keydown', (e) => e.stopPropagation());
    this.spacer.className = 'tsml-tbl-spacer';
    this.table.className = 'tsml-tbl-grid tsml-tbl-live';
    const labelWidth = Math.max(4, String(schema.rows).length + 2);
    this.table.append(colgroup(columnWidths(schema.columns, sample), labelWidth), this.head());
    this.body = this.table.createTBody();
    for (let i = 0; i < this.g.viewportRows; i++) this.body.insertRow();
    this.spacer.append(this.table);
    this.node.append(this.spacer);
    this.node.addEventListener('scroll', () => this.schedule(), { passive: true });
    this.cache.reset('[]');
    this.layout();
    this.refresh();
  }

  /** A page from the kernel; replies for an older sort order are dropped. */
  receive(reply: TableRowsReply): void {
    if (!this.cache.put(JSON.stringify(reply.sort), reply.start, reply.rows)) return;
    if (this.sortStarted && reply.sort.length) {
      performance.measure('tsml:table:sort', { start: this.sortStarted, detail: { rows: reply.total } });
      this.sortStarted = 0;
    }
    this.refresh();
  }

  /** The header's height is known once the grid is in the page; the spacer adds it to the rows' height. */
  layout(): void {
    const headHeight = this.table.tHead?.offsetHeight ?? 0;
    this.spacer.style.height = `${headHeight + this.g.height}px`;
    // The rows must fill the inside exactly (borders and a horizontal scrollbar aside), or the last row hides.
    const want = headHeight + this.g.viewportRows * ROW_HEIGHT;
    this.node.style.height = `${want}px`;
    const short = want - this.node.clientHeight;
    if (short) this.node.style.height = `${want + short}px`;
  }

  private head(): HTMLTableSectionElement {
    return header(this.schema.columns, this.sort, (column, add) => this.toggleSort(column, add));
  }

  private toggleSort(column: string, add: boolean): void {
    const i = this.sort.findIndex((k) => k.column === column);
    const cur = this.sort[i];
    let next: TableSortKey[];
    if (add) {
      next = cur ? this.sort.map((k) => (k.column === column ? { column, descending: !k.descending } : k)) : [...this.sort, { column, descending: false }];
    } else if (!cur || this.sort.length > 1) next = [{ column, descending: cur ? !cur.descending : false }];
    else next = cur.descending ? [] : [{ column, descending: true }];
    this.sort = next;
    this.table.tHead!.replaceWith(this.head());
    this.cache.reset(JSON.stringify(next));
    this.sortStarted = next.length ? performance.now() : 0;
    this.node.scrollTop = 0;
    this.refresh();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.refresh();
    });
  }

  private refresh(): void {
    const first = firstRowAt(this.g, this.node.scrollTop);
    const rows = this.body.rows;
    let missing = 0;
    for (let i = 0; i < rows.length; i++) {
      const r = first + i < this.g.total ? this.cache.get(first + i) : undefined;
      if (!r) missing++;
      fillRow(rows[i], r, this.schema.columns.length);
    }
    const wanted = this.cache.request(first - PAGE / 2, first + this.g.viewportRows + PAGE, this.g.total);
    for (const w of wanted) this.request({ ...w, sort: this.sort });
    this.status(this.describe(first, missing > 0));
  }

  private describe(first: number, loading: boolean): string {
    const shown = this.g.total ? `rows ${(first + 1).toLocaleString('en-US')}–${Math.min(this.g.total, first + this.g.viewportRows).toLocaleString('en-US')} of ` : '';
    const sorted = this.sort.length ? ` · sorted by ${this.sort.map((k) => `${k.column} ${k.descending ? '▼' : '▲'}`).join(', ')}` : '';
    const more = this.schema.columnsTruncated ? ` (first ${this.schema.columns.length} columns shown)` : '';
    return `${shown}${shapeLabel(this.g.total, this.schema.columns.length)}${more}${sorted}${loading ? (this.sortStarted ? ' · sorting…' : ' · loading…') : ''}`;
  }
}
