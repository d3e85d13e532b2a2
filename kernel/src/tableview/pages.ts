/**
 * Rows of the live table view, fetched a page at a time and kept in a small
 * LRU: scrolling anywhere in 10 M rows holds a few thousand rows in the page.
 * A new sort order (or any other `key`) starts afresh.
 */
export class PageCache<R> {
  private pages = new Map<number, R[]>();
  private pending = new Set<number>();
  private currentKey = '';

  constructor(
    readonly pageSize = 100,
    private readonly maxPages = 50,
  ) {}

  get key(): string {
    return this.currentKey;
  }

  /** Forgets every row and request when the key (say, the sort order) changes; true if it did. */
  reset(key: string): boolean {
    if (key === this.currentKey) return false;
    this.currentKey = key;
    this.pages.clear();
    this.pending.clear();
    return true;
  }

  pageOf(row: number): number {
    return Math.floor(row / this.pageSize);
  }

  get(row: number): R | undefined {
    const p = this.pageOf(row);
    const page = this.pages.get(p);
    if (!page) return undefined;
    this.pages.delete(p); // most recently used last
    this.pages.set(p, page);
    return page[row - p * this.pageSize];
  }

  /** Stores rows from `start` (a page boundary); a reply for another key is dropped (false). */
  put(key: string, start: number, rows: R[]): boolean {
    if (key !== this.currentKey) return false;
    for (let i = 0; i < rows.length; i += this.pageSize) {
      const p = this.pageOf(start + i);
      this.pending.delete(p);
      this.pages.delete(p);
      this.pages.set(p, rows.slice(i, i + this.pageSize));
    }
    while (this.pages.size > this.maxPages) this.pages.delete(this.pages.keys().next().value!);
    return true;
  }

  /** Pages covering rows [first, last] (clamped to [0, total)) that are neither held nor requested; marks them requested. */
  request(first: number, last: number, total: number): { start: number; count: number }[] {
    const out: { start: number; count: number }[] = [];
    if (total <= 0) return out;
    const lo = this.pageOf(Math.max(0, first));
    const hi = this.pageOf(Math.min(total - 1, Math.max(0, last)));
    for (let p = lo; p <= hi; p++) {
      if (this.pages.has(p) || this.pending.has(p)) continue;
      this.pending.add(p);
      const start = p * this.pageSize;
      out.push({ start, count: Math.min(this.pageSize, total - start) });
    }
    return out;
  }

  /** Lets a request be made again (its reply was lost, e.g. the kernel restarted). */
  forgetPending(): void {
    this.pending.clear();
  }
}
