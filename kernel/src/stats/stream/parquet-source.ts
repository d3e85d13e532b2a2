/**
 * A Parquet file read one column chunk at a time: parquet-wasm's ParquetFile
 * reads the footer once, then, per request, one column of one row group; it
 * comes back as Arrow IPC, decoded by flechette as arquero's readParquet
 * does (`useDate`). One chunk at a time keeps the WebAssembly heap, which
 * never shrinks, at the size of the largest chunk (~40 MiB for 1 M rows ×
 * 10 columns, against ~400 MiB for whole row groups), and measured faster.
 *
 * ParquetFile asks its "Blob" for `size` and `slice(a, b).arrayBuffer()`.
 * Node's own file Blob (`fs.openAsBlob`) answers in 64 KiB reads, each a
 * round trip through libuv's thread pool that left the process idle ~10 % of
 * the time; this one answers each range with one synchronous read.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { tableFromIPC } from '@uwdata/flechette';
import { DataError } from '../../data/errors.js';

interface RangeReader {
  size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
  close(): void;
}

export function rangeReader(path: string): RangeReader {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DataError(code === 'ENOENT' ? `no such file: ${path} (paths are relative to the notebook's folder, ${process.cwd()})` : `could not read ${path}: ${(e as Error).message}`);
  }
  const size = fstatSync(fd).size;
  return {
    size,
    slice(start, end) {
      return {
        async arrayBuffer() {
          const to = Math.min(end, size);
          const bytes = new Uint8Array(Math.max(0, to - start));
          for (let at = 0; at < bytes.length; ) {
            const n = readSync(fd, bytes, at, bytes.length - at, start + at);
            if (n === 0) throw new DataError(`${path} ended early (was it changed while being read?)`);
            at += n;
          }
          return bytes.buffer;
        },
      };
    },
    close: () => closeSync(fd),
  };
}

/** The flechette batches of one column chunk. */
export type Batches = readonly unknown[];

export interface ParquetSource {
  path: string;
  rows: number;
  /** Rows per row group. */
  groups: number[];
  /** Top-level column names, in file order. */
  columns: string[];
  read(group: number, column: string): Promise<Batches>;
  close(): void;
}

export async function openParquet(path: string): Promise<ParquetSource> {
  const full = resolve(path);
  const { ParquetFile } = await import('parquet-wasm');
  const blob = rangeReader(full);
  let file: Awaited<ReturnType<typeof ParquetFile.fromFile>>;
  try {
    file = await ParquetFile.fromFile(blob as unknown as Blob);
  } catch (e) {
    blob.close();
    throw new DataError(`${full} is not a readable Parquet file: ${(e as Error).message ?? e}`);
  }
  const meta = file.metadata();
  const groups = meta.rowGroups().map((g) => g.numRows());
  const columns = tableFromIPC(file.schema().intoIPCStream()).schema.fields.map((f) => f.name);
  return {
    path: full,
    rows: groups.reduce((a, b) => a + b, 0),
    groups,
    columns,
    async read(group, column) {
      let ipc: Uint8Array;
      try {
        // One batch per chunk: parquet-wasm's default of 1,024 rows costs ~3× in per-batch overhead.
        const table = await file.read({ rowGroups: [group], columns: [column], batchSize: Math.max(1, groups[group]) });
        ipc = table.intoIPCStream();
      } catch (e) {
        throw new DataError(`${full}: could not read column '${column}' of row group ${group}: ${(e as Error).message ?? e}`);
      }
      const table = tableFromIPC(ipc, { useDate: true });
      return table.getChildAt(0)?.data ?? [];
    },
    close() {
      file.free();
      blob.close();
    },
  };
}

/**
 * The chunks of `columns` in every row group, in order, with the next read
 * started before the current chunk is handed out: the file's bytes come in
 * (on libuv's threads) while the current chunk is being counted.
 */
export async function* chunksOf(source: ParquetSource, columns: string[]): AsyncGenerator<{ column: string; batches: Batches }> {
  const order = source.groups.flatMap((_, g) => columns.map((column) => ({ g, column })));
  const start = (i: number) => {
    if (i >= order.length) return undefined;
    const p = source.read(order[i].g, order[i].column);
    p.catch(() => {}); // awaited below; this only keeps an abandoned read from being an unhandled rejection
    return p;
  };
  let next = start(0);
  for (let i = 0; i < order.length; i++) {
    const batches = await next!;
    next = start(i + 1);
    yield { column: order[i].column, batches };
  }
}
