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

/**
 * Parquet is decoded by parquet-wasm (Rust's parquet crate compiled to
 * WebAssembly) into Arrow IPC, which arquero reads without copying row by row.
 */
export async function readParquet(source: string | URL, opts: ColumnarOptions = {}): Promise<ColumnTable> {
  const bytes = await readBytes(source);
  const { readParquet: decode } = await import('parquet-wasm');
  let ipc: Uint8Array;
  try {
    const table = decode(bytes, opts.columns ? { columns: opts.columns } : undefined);
    ipc = table.intoIPCStream();
  } catch (e) {
    throw new DataError(`${source} is not a readable Parquet file: ${(e as Error).message ?? e}`);
  }
  return aq.fromArrow(ipc);
}
