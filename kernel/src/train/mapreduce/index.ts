/**
 * Map-reduce over partitions on worker threads, Spark-RDD style:
 * `tsml.partition(table, n)` splits rows into n partitions (kept in the
 * workers once loaded, like a cached RDD), and `tsml.mapReduce(parts, map,
 * combine, opts)` runs `map(row, emit, context)` on every row in parallel,
 * combines the emitted values per key within each partition before the
 * shuffle (unless `combineBeforeShuffle: false`), then reduces by key across
 * partitions with the same `combine`. It reports how many records crossed the
 * shuffle. Functions travel as source text, so they see only their arguments:
 * pass outside values (centroids, weights) in `context`.
 */
import { Worker } from 'node:worker_threads';
import type { ColumnTable } from 'arquero';
import { workerMain } from './worker.js';
import { CHECK } from '../../engine/rewrite.js';

/** Cell code has interrupt checks in its loops; in a worker they are no-ops (the main thread owns interrupts). */
const PRELUDE = `const ${CHECK} = () => {};`;

export type Emit = (key: string | number, value: unknown) => void;
export type MapFn<R = Record<string, any>, C = any> = (row: R, emit: Emit, context: C) => void;
export type CombineFn<V = any> = (a: V, b: V) => V;

export interface MapReduceOptions<C = unknown> {
  /** Worker threads (default 2; 0 runs in this thread, for comparison). */
  workers?: number;
  /** Passed to every call of map (structured-cloned into the workers). */
  context?: C;
  /** Combine per key within each partition before the shuffle (default true). */
  combineBeforeShuffle?: boolean;
}

export interface MapReduceResult<V = any> {
  /** Reduced value per key, keys in first-seen order. */
  result: Map<string | number, V>;
  /** Records that crossed the shuffle (partition → reducer). */
  shuffled: number;
  /** Records map emitted. */
  emitted: number;
  partitions: number;
  workers: number;
  ms: number;
}

type Part = { id: number; columns: Record<string, ArrayLike<unknown>>; size: number };

class Pool {
  readonly workers: Worker[];
  private seq = 0;
  private readonly pending = new Map<number, { resolve(v: any): void; reject(e: Error): void }>();

  constructor(n: number) {
    const src = `(${workerMain.toString()})()`;
    this.workers = Array.from({ length: n }, () => {
      const w = new Worker(src, { eval: true });
      w.unref();
      w.on('message', (m: { type: string; job: number; [k: string]: any }) => {
        const p = this.pending.get(m.job);
        if (!p) return;
        this.pending.delete(m.job);
        if (m.type === 'error') p.reject(Object.assign(new Error(m.message), { where: m.where, workerName: m.name, workerStack: m.stack }));
        else p.resolve(m);
      });
      w.on('error', (e) => {
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      return w;
    });
  }

  call(w: number, msg: Record<string, unknown>): Promise<any> {
    const job = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(job, { resolve, reject });
      this.workers[w].postMessage({ ...msg, job });
    });
  }

  close(): Promise<unknown> {
    return Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * Rows split into partitions by `tsml.partition(table, n)`, kept in worker threads once loaded
 * (like a cached RDD) for `mapReduce`.
 */
export class Partitions {
  private pool: { n: number; pool: Pool; loaded: Promise<unknown> } | undefined;

  constructor(readonly parts: Part[], readonly columns: string[]) {}

  get length(): number {
    return this.parts.length;
  }

  get sizes(): number[] {
    return this.parts.map((p) => p.size);
  }

  /** Worker w holds partitions w, w + n, w + 2n, … (loaded once, reused by every job). */
  assignment(n: number): number[][] {
    return Array.from({ length: n }, (_, w) => this.parts.filter((_, i) => i % n === w).map((p) => p.id));
  }

  async workersFor(n: number): Promise<Pool> {
    if (this.pool?.n !== n) {
      await this.pool?.pool.close();
      const pool = new Pool(n);
      const loaded = Promise.all(this.assignment(n).map((ids, w) => pool.call(w, { type: 'load', parts: ids.map((id) => this.parts[id]) })));
      this.pool = { n, pool, loaded };
    }
    await this.pool.loaded;
    return this.pool.pool;
  }

  /** Stops the worker threads (they also stop with the process). */
  async close(): Promise<void> {
    await this.pool?.pool.close();
    this.pool = undefined;
  }

  toString(): string {
    return `Partitions(${this.length}: ${this.sizes.join(', ')} rows; columns ${this.columns.join(', ')})`;
  }
}

const isTable = (v: unknown): v is ColumnTable => typeof (v as ColumnTable | null)?.columnNames === 'function' && typeof (v as ColumnTable).numRows === 'function';

/** Splits rows into n contiguous partitions of (almost) equal size, as Spark's parallelize does. */
export function partition(data: ColumnTable | Record<string, ArrayLike<unknown>>, n: number): Partitions {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`partition: n must be a positive integer, got ${n}`);
  const columns: Record<string, ArrayLike<unknown>> = {};
  if (isTable(data)) for (const c of data.columnNames()) columns[c] = data.array(c) as ArrayLike<unknown>;
  else if (data && typeof data === 'object') Object.assign(columns, data);
  else throw new TypeError('partition: pass an arquero table or an object of equal-length columns');
  const names = Object.keys(columns);
  if (!names.length) throw new RangeError('partition: no columns');
  const rows = columns[names[0]].length;
  for (const c of names) if (columns[c].length !== rows) throw new RangeError(`partition: column '${c}' has ${columns[c].length} values, '${names[0]}' has ${rows}`);
  const parts: Part[] = [];
  for (let i = 0; i < n; i++) {
    const start = Math.floor((i * rows) / n);
    const end = Math.floor(((i + 1) * rows) / n);
    const cols: Record<string, ArrayLike<unknown>> = {};
    for (const c of names) {
      const col = columns[c] as ArrayLike<unknown> & { slice?(s: number, e: number): ArrayLike<unknown> };
      cols[c] = typeof col.slice === 'function' ? col.slice(start, end) : Array.prototype.slice.call(col, start, end);
    }
    parts.push({ id: i, columns: cols, size: end - start });
  }
  return new Partitions(parts, names);
}

function source(f: unknown, what: string): string {
  if (typeof f !== 'function') throw new TypeError(`mapReduce: ${what} must be a function`);
  const src = f.toString();
  if (/^[\w$]+\s*\(/.test(src) && !/^(async\s+)?function\b/.test(src)) {
    throw new TypeError(`mapReduce: ${what} is a method shorthand (${src.slice(0, 30)}…); pass an arrow function or a function expression`);
  }
  if (/\[native code\]/.test(src)) throw new TypeError(`mapReduce: ${what} is a built-in or bound function; its source cannot be sent to a worker`);
  return src;
}

function runLocal(parts: Partitions, map: MapFn, combine: CombineFn, context: unknown, combineLocally: boolean) {
  return parts.parts.map((p) => {
    const local = new Map<unknown, unknown>();
    const records: [unknown, unknown][] = [];
    let emitted = 0;
    const emit: Emit = combineLocally ? (k, v) => { emitted++; local.set(k, local.has(k) ? combine(local.get(k), v) : v); } : (k, v) => { emitted++; records.push([k, v]); };
    const names = Object.keys(p.columns);
    for (let i = 0; i < p.size; i++) {
      const row: Record<string, unknown> = {};
      for (const c of names) row[c] = p.columns[c][i];
      map(row, emit, context);
    }
    return { part: p.id, records: combineLocally ? [...local] : records, emitted };
  });
}

/**
 * Runs `map(row, emit, context)` over every row of the partitions on worker threads, combines
 * emitted values per key within each partition (unless `combineBeforeShuffle: false`), then
 * reduces by key across partitions with the same `combine`; reports the records shuffled.
 */
export async function mapReduce<V = any, C = unknown>(parts: Partitions, map: MapFn<Record<string, any>, C>, combine: CombineFn<V>, opts: MapReduceOptions<C> = {}): Promise<MapReduceResult<V>> {
  if (!(parts instanceof Partitions)) throw new TypeError('mapReduce: pass the partitions from tsml.partition(table, n)');
  const t0 = performance.now();
  const n = opts.workers ?? 2;
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`mapReduce: workers must be an integer ≥ 0, got ${n}`);
  const combineLocally = opts.combineBeforeShuffle ?? true;
  let outs: { part: number; records: [string | number, V][]; emitted: number }[];
  if (n === 0) outs = runLocal(parts, map as MapFn, combine as CombineFn, opts.context, combineLocally) as typeof outs;
  else {
    const msg = { type: 'run', prelude: PRELUDE, map: source(map, 'map'), combine: source(combine, 'combine'), context: opts.context, combineLocally };
    const pool = await parts.workersFor(n);
    try {
      const replies = await Promise.all(parts.assignment(n).map((ids, w) => pool.call(w, { ...msg, parts: ids })));
      outs = replies.flatMap((r) => r.out);
    } catch (e) {
      const err = e as Error & { where?: string; workerName?: string };
      const hint = err.workerName === 'ReferenceError' ? ' — map and combine run in worker threads and see only their arguments: pass outside values in { context } and read them from map\'s third argument' : '';
      throw new Error(`mapReduce: ${err.where ? `${err.where}: ` : ''}${err.workerName ?? 'Error'}: ${err.message}${hint}`);
    }
  }
  // The shuffle: every record leaves its partition for the reducer of its key.
  const result = new Map<string | number, V>();
  let shuffled = 0;
  let emitted = 0;
  for (const o of outs.sort((a, b) => a.part - b.part)) {
    emitted += o.emitted;
    for (const [k, v] of o.records) {
      shuffled++;
      result.set(k, result.has(k) ? combine(result.get(k)!, v) : v);
    }
  }
  return { result, shuffled, emitted, partitions: parts.length, workers: n, ms: performance.now() - t0 };
}
