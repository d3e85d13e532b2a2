/** readArrow (Arrow IPC file or stream) and readParquet, both into arquero tables via Arrow. */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { readBytes } from '../source.js';
import { DataError } from '../errors.js';

export interface ColumnarOptions {
  /** Only these columns. */
  columns?: string[];
}

export async function readArrow(source: string | URL, opts: ColumnarOptions = {}): Promise<ColumnTable> {
  const bytes = await readBytes(source);
  try {
    return aq.fromArrow(bytes, opts.columns ? { columns: opts.columns } : undefined);
  } catch (e) {
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
 * one batch leaves numeric columns as one typed array each.
 */
export async function readParquet(source: string | URL, opts: ColumnarOptions = {}): Promise<ColumnTable> {
  const bytes = await readBytes(source);
  const { readParquet: decode } = await import('parquet-wasm');
  let ipc: Uint8Array;
  try {
    const table = decode(bytes, { batchSize: ONE_BATCH, ...(opts.columns ? { columns: opts.columns } : {}) });
    ipc = table.intoIPCStream();
  } catch (e) {
    throw new DataError(`${source} is not a readable Parquet file: ${(e as Error).message ?? e}`);
  }
  return aq.fromArrow(ipc);
}
