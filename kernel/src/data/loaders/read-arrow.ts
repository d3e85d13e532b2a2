/** readArrow (Arrow IPC file or stream) and readParquet, both into arquero tables via Arrow. */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { tableFromIPC } from '@uwdata/flechette';
import { localFile, readBytes, readSharedBytes } from '../source.js';
import { toShared } from '../../util/shared-memory.js';
import { DataError, assertColumns } from '../errors.js';
import { rangeReader } from '../../stats/stream/parquet-source.js';

export interface ColumnarOptions {
  /** Only these columns, in this order; a name the file does not have is an error that lists those it has. */
  columns?: string[];
}

/** Arrow IPC, uncompressed or with LZ4_FRAME (pyarrow's default for Feather) or ZSTD bodies. */
export async function readArrow(source: string | URL, opts: ColumnarOptions = {}): Promise<ColumnTable> {
  // Read into shared memory, so uncompressed columns (views into these bytes) are read in place by worker threads.
  const bytes = await readSharedBytes(source);
  const { registerArrowCodecs } = await import('../codecs/index.js');
  await registerArrowCodecs();
  try {
    // As arquero's fromArrow decodes bytes (dates as Date objects), once, so the names can be checked first.
    const arrow = tableFromIPC(bytes, { useDate: true });
    if (opts.columns) assertColumns(arrow.schema.fields.map((f) => f.name), opts.columns);
    return aq.fromArrow(arrow as unknown as Parameters<typeof aq.fromArrow>[0], opts.columns ? { columns: opts.columns } : undefined);
  } catch (e) {
    if (e instanceof DataError) throw new DataError(`${source}: ${e.message}`);
    throw new DataError(`${source} is not a readable Arrow IPC file: ${(e as Error).message}`);
  }
}

/** Rows per Arrow record batch: as many as parquet-wasm will put in one (it never exceeds the file's rows). */
const ONE_BATCH = 2 ** 30;

/**
 * Parquet is decoded by parquet-wasm (Rust's parquet crate compiled to
 * WebAssembly) into Arrow IPC, which arquero reads without copying row by row.
 * Its default of 1,024 rows per batch would make each column a thousand
 * pieces per million rows, and every later full read of a column a copy;
 * one batch leaves numeric columns as one typed array each. With `columns`,
 * only those column chunks are read from a local file and decoded.
 */
export async function readParquet(source: string | URL, opts: ColumnarOptions = {}): Promise<ColumnTable> {
  const ipc = opts.columns ? await parquetColumns(source, opts.columns) : await parquetWhole(source);
  // flechette's columns are views into the bytes they are decoded from: in
  // shared memory, worker threads read them in place (tsml.nullity,
  // display.missing). parquet-wasm's intoIPCStream already copies its output
  // out of WebAssembly memory into a fresh ArrayBuffer and cannot be pointed
  // at a SharedArrayBuffer, so this is a second copy (of the decoded bytes,
  // once per read); the first is garbage right after.
  const table = aq.fromArrow(toShared(ipc));
  return opts.columns ? table.select(opts.columns) : table;
}

async function parquetWhole(source: string | URL): Promise<Uint8Array> {
  const bytes = await readBytes(source);
  const { readParquet: decode } = await import('parquet-wasm');
  try {
    return decode(bytes, { batchSize: ONE_BATCH }).intoIPCStream();
  } catch (e) {
    throw new DataError(`${source} is not a readable Parquet file: ${(e as Error).message ?? e}`);
  }
}

/** parquet-wasm's readParquet() ignores `columns` (0.8.0); its ParquetFile honours them. */
async function parquetColumns(source: string | URL, columns: string[]): Promise<Uint8Array> {
  const { ParquetFile } = await import('parquet-wasm');
  const path = localFile(source);
  const blob = path ? rangeReader(path) : new Blob([await readBytes(source)]);
  let file: Awaited<ReturnType<typeof ParquetFile.fromFile>> | undefined;
  try {
    try {
      file = await ParquetFile.fromFile(blob as unknown as Blob);
    } catch (e) {
      throw new DataError(`${source} is not a readable Parquet file: ${(e as Error).message ?? e}`);
    }
    try {
      assertColumns(tableFromIPC(file.schema().intoIPCStream()).schema.fields.map((f) => f.name), columns);
    } catch (e) {
      throw new DataError(`${source}: ${(e as Error).message}`);
    }
    try {
      return (await file.read({ columns, batchSize: ONE_BATCH })).intoIPCStream();
    } catch (e) {
      throw new DataError(`${source}: could not read columns ${columns.join(', ')}: ${(e as Error).message ?? e}`);
    }
  } finally {
    file?.free();
    if ('close' in blob) blob.close();
  }
}
