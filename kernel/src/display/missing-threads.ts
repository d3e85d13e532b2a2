/**
 * display.missing's numeric columns spread over worker threads. Each numeric
 * column is read once into a SharedArrayBuffer (one bulk copy, or the Arrow
 * column's own values copied whole) unless it is there already (readParquet's
 * columns without nulls are read in place); the caller and the workers take
 * columns from one atomic counter, and every column's scan is the same pure function
 * (`numericScan`) whoever runs it, so the payload is the same bit for bit on
 * any number of threads. While the workers scan, the caller adds each
 * column's row hashes (duplicates) in column order, as the one-thread path
 * does, then takes columns itself (work-pool.ts). Tables too small for
 * workers to pay take the one-thread path.
 */
import type { ColumnTable } from 'arquero';
import { rowNumbers, valueKind } from '../stats/access.js';
import { builtWorker, helperCount, WorkPool, type PoolJob, type PoolSplit } from '../stats/work-pool.js';
import { numericScan, type ColumnScan, type MissingScanner } from './missing-columns.js';

/** Below this many rows (when the thread count is not given) one thread is faster than handing columns out. */
export const THREADED_ROWS = 100_000;

export interface ColumnJob extends PoolJob {
  xs: Float64Array[];
  names: string[];
}


const pool = new WorkPool('display.missing', () => builtWorker(import.meta.url, 'missing-worker.js'));

/** The split of the last display.missing that used worker threads (tasks: numeric columns), undefined before any. */
export const lastMissingSplit = (): PoolSplit | undefined => pool.lastSplit;

/**
 * Shared column buffers, kept for a few seconds after a scan: a panel is often
 * redrawn on the same table, and 20 fresh 8 MB shared buffers cost more to
 * fault in than the copies into them. Released by an unref'd timer.
 */
let kept: Float64Array[] = [];
let release: ReturnType<typeof setTimeout> | undefined;
const KEEP_MS = 10_000;

function sharedColumns(table: ColumnTable, names: string[]): Float64Array[] {
  const rows = table.numRows();
  if (kept.length && kept[0].length !== rows) kept = [];
  while (kept.length < names.length) kept.push(new Float64Array(new SharedArrayBuffer(rows * 8)));
  if (release) clearTimeout(release);
  release = setTimeout(() => (kept = []), KEEP_MS);
  release.unref();
  return names.map((c, j) => {
    const s = kept[j];
    const x = rowNumbers(table, c, s);
    // Already shared (the scratch, or readParquet's own values): read in place.
    if (x.buffer instanceof SharedArrayBuffer) return x;
    s.set(x);
    return s;
  });
}

/**
 * Every column's scan, in `names` order, or undefined when one thread should
 * do it: `threads` as asked (at most 8), or when not given (Infinity) the
 * cores, at most 4, on tables of THREADED_ROWS rows or more; the caller is one.
 */
export function scanThreaded(table: ColumnTable, names: string[], scanner: MissingScanner, threads: number): ColumnScan[] | undefined {
  const given = Number.isFinite(threads);
  const helpers = helperCount(threads);
  const numeric = names.filter((c) => valueKind(table, c) === 'number');
  if (helpers < 1 || numeric.length < 2 || (!given && table.numRows() < THREADED_ROWS) || !pool.available()) return undefined;
  const xs = sharedColumns(table, numeric);
  const scans = new Array<ColumnScan | undefined>(names.length);
  const at = numeric.map((c) => names.indexOf(c));
  const finite = new Float64Array(table.numRows());
  pool.run<ColumnJob>({
    job: { xs, names: numeric },
    tasks: numeric.length,
    helpers,
    // Row hashes (and the other columns) in column order, as on one thread, while the workers scan.
    meanwhile: () => {
      let j = 0;
      names.forEach((c, i) => {
        if (valueKind(table, c) === 'number') scanner.hashOnly(xs[j++]);
        else scans[i] = scanner.scan(c);
      });
    },
    task: (k) => (scans[at[k]] = numericScan(numeric[k], xs[k], finite)),
    result: (k, scan) => (scans[at[k]] = scan as ColumnScan),
  });
  return scans.map((s, i) => (valueKind(table, names[i]) === 'number' ? scanner.withKnn(names[i], s!) : s!));
}
