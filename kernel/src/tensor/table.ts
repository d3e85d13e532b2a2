/**
 * Tables ↔ tensors: `tableToTensor(table, columns, { dtype })` packs numeric
 * columns row-major into a 2-D tensor (1-D for a single column name), and
 * `tensorToTable(t, names)` turns a 1-D/2-D tensor back into an arquero table.
 * A missing or non-numeric value stops the conversion with the column, row and
 * value, and the verb that fixes it — NaN in a feature matrix otherwise only
 * shows up epochs later as a NaN loss.
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { assertColumns, DataError } from '../data/errors.js';
import type { Tf } from './candidates.js';
import { loadedTf } from './load.js';
import { isTensorLike, type TensorLike } from './tensor-like.js';

export type TableDtype = 'float32' | 'int32' | 'bool';
const DTYPES: readonly TableDtype[] = ['float32', 'int32', 'bool'];

export interface TableToTensorOptions {
  /** float32 (default, what layers expect), int32 (class ids, counts) or bool. */
  dtype?: TableDtype;
}

function requireTf(what: string): Tf {
  const tf = loadedTf();
  if (!tf) {
    throw new Error(`${what} needs TensorFlow.js, which is not loaded yet: run \`await tsml.loadTf()\` (or import '@tensorflow/tfjs') in an earlier cell`);
  }
  return tf;
}

function isTable(t: unknown): t is ColumnTable {
  const x = t as Record<string, unknown> | null;
  return !!x && typeof x.numRows === 'function' && typeof x.columnNames === 'function' && typeof x.array === 'function';
}

const isMissing = (v: unknown) => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));

function show(v: unknown): string {
  if (typeof v === 'string') return `the string '${v.length > 30 ? v.slice(0, 29) + '…' : v}'`;
  if (v instanceof Date) return `the date ${Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString()}`;
  if (typeof v === 'object') return `an object (${Object.prototype.toString.call(v).slice(8, -1)})`;
  return `${typeof v} ${String(v)}`;
}

function missingError(table: ColumnTable, name: string, row: number, values: ArrayLike<unknown>): DataError {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (isMissing(values[i])) count++;
  const n = JSON.stringify(name);
  return new DataError(
    `tableToTensor: column '${name}' has a missing value at row ${row} (${count.toLocaleString('en-US')} of ${table.numRows().toLocaleString('en-US')} rows are missing it). ` +
      `Tensors cannot hold missing values: drop those rows with tsml.dropna(table, { subset: [${n}] }) ` +
      `or fill them with tsml.fillna(table, { ${n}: 'median' }) first.`,
  );
}

function nonNumericError(name: string, row: number, v: unknown): DataError {
  const hint =
    typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))
      ? `it looks like a number stored as text: parse the column when loading (e.g. readCsv(path, { parse: { ${JSON.stringify(name)}: Number } })) or convert it with table.derive()`
      : typeof v === 'string'
        ? `encode categories first, e.g. tsml.getDummies(table, [${JSON.stringify(name)}]), or leave the column out`
        : v instanceof Date
          ? 'convert dates to numbers first, e.g. table.derive({ t: d => +d.' + name + ' })'
          : 'convert it to numbers first, or leave the column out';
  return new DataError(`tableToTensor: column '${name}' is not numeric: row ${row} holds ${show(v)}; ${hint}.`);
}

/** Checks one value and returns the number to store. */
function toNumber(table: ColumnTable, name: string, row: number, values: ArrayLike<unknown>, dtype: TableDtype): number {
  const v = values[row];
  if (isMissing(v)) throw missingError(table, name, row, values);
  let x: number;
  if (typeof v === 'number') x = v;
  else if (typeof v === 'boolean') x = v ? 1 : 0;
  else if (typeof v === 'bigint') {
    x = Number(v);
    if (!Number.isSafeInteger(x)) throw new DataError(`tableToTensor: column '${name}' row ${row} holds ${v}n, beyond what ${dtype} can hold exactly.`);
  } else throw nonNumericError(name, row, v);
  if (dtype === 'int32' && (!Number.isInteger(x) || x < -2147483648 || x > 2147483647)) {
    throw new DataError(
      `tableToTensor: column '${name}' row ${row} holds ${x}, which int32 cannot hold; use { dtype: 'float32' }${Number.isInteger(x) ? '' : ' or round the column first'}.`,
    );
  }
  if (dtype === 'bool' && x !== 0 && x !== 1) {
    throw new DataError(`tableToTensor: column '${name}' row ${row} holds ${x}; a bool tensor takes only 0/1 or true/false.`);
  }
  return x;
}

/**
 * Packs columns of a table into a tensor: shape [rows, columns], or [rows] when
 * `columns` is a single name (labels). Columns default to all of them.
 */
export function tableToTensor(table: ColumnTable, columns?: string | readonly string[], opts: TableToTensorOptions = {}): TensorLike {
  if (!isTable(table)) throw new TypeError('tableToTensor expects an arquero table (from tsml.readCsv, aq.table, …)');
  const dtype = opts.dtype ?? 'float32';
  if (!DTYPES.includes(dtype)) throw new DataError(`tableToTensor: dtype must be one of ${DTYPES.join(', ')}, got '${dtype}'`);
  const single = typeof columns === 'string';
  const names = single ? [columns as string] : [...((columns as readonly string[] | undefined) ?? table.columnNames())];
  if (names.length === 0) throw new DataError('tableToTensor: no columns to convert');
  assertColumns(table.columnNames(), names);
  const tf = requireTf('tableToTensor');
  const rows = table.numRows();
  const cols = names.length;
  const out = dtype === 'float32' ? new Float32Array(rows * cols) : dtype === 'int32' ? new Int32Array(rows * cols) : new Uint8Array(rows * cols);
  names.forEach((name, c) => {
    const values = table.array(name) as ArrayLike<unknown>;
    // Typed columns need no per-value type checks, only NaN (float) and range checks.
    const typed = ArrayBuffer.isView(values) && !(values instanceof DataView);
    for (let r = 0; r < rows; r++) {
      const v = values[r];
      out[r * cols + c] = typed && typeof v === 'number' && dtype === 'float32' && !Number.isNaN(v) ? v : toNumber(table, name, r, values, dtype);
    }
  });
  const shape = single ? [rows] : [rows, cols];
  return tf.tensor(out, shape, dtype) as unknown as TensorLike;
}

/**
 * A 1-D or 2-D tensor as a table: one column per tensor column, named by
 * `names` (default '0', '1', … as pandas names a DataFrame made from an array).
 */
export function tensorToTable(t: TensorLike, names?: readonly string[]): ColumnTable {
  if (!isTensorLike(t)) throw new TypeError('tensorToTable expects a TensorFlow.js tensor');
  if (t.isDisposed) throw new DataError('tensorToTable: the tensor is disposed');
  if (t.rank !== 1 && t.rank !== 2) {
    throw new DataError(`tensorToTable needs a 1-D or 2-D tensor, got shape [${t.shape.join(', ')}]; reshape it first, e.g. t.reshape([${t.shape[0] ?? 'n'}, -1])`);
  }
  if (t.dtype === 'complex64') throw new DataError('tensorToTable: complex64 has no table column type; take tf.real(t) and tf.imag(t) separately');
  const rows = t.shape[0];
  const cols = t.rank === 1 ? 1 : t.shape[1];
  const colNames = names ? [...names] : Array.from({ length: cols }, (_, i) => String(i));
  if (colNames.length !== cols) throw new DataError(`tensorToTable: ${colNames.length} names for ${cols} column${cols === 1 ? '' : 's'}`);
  const dup = colNames.find((n, i) => colNames.indexOf(n) !== i);
  if (dup !== undefined) throw new DataError(`tensorToTable: column name '${dup}' is given twice`);
  let values;
  try {
    values = t.dataSync();
  } catch (e) {
    throw new DataError(`tensorToTable: cannot read the tensor synchronously (${(e as Error).message}); read it with \`tf.tensor(await t.data(), t.shape, t.dtype)\` on the cpu backend first`);
  }
  const data: Record<string, ArrayLike<unknown>> = {};
  colNames.forEach((name, c) => {
    if (t.dtype === 'float32') data[name] = strided(new Float32Array(rows), values as Float32Array, c, cols);
    else if (t.dtype === 'int32') data[name] = strided(new Int32Array(rows), values as Int32Array, c, cols);
    else if (t.dtype === 'bool') data[name] = Array.from({ length: rows }, (_, r) => (values as Uint8Array)[r * cols + c] !== 0);
    else data[name] = Array.from({ length: rows }, (_, r) => (values as string[])[r * cols + c]);
  });
  return aq.table(data);
}

function strided<T extends Float32Array | Int32Array>(out: T, src: T, c: number, cols: number): T {
  for (let r = 0; r < out.length; r++) out[r] = src[r * cols + c];
  return out;
}
