/** Display dtypes of columns, named as pandas users know them. */
import { isMissing } from './columns.js';

export function dtypeOf(values: ArrayLike<unknown>): string {
  if (values instanceof Float64Array) {
    for (let i = 0; i < values.length; i++) if (!Number.isInteger(values[i])) return 'float64';
    return 'int64';
  }
  if (values instanceof Float32Array) return 'float32';
  if (values instanceof Int32Array) return 'int32';
  if (values instanceof Int16Array) return 'int16';
  if (values instanceof Int8Array) return 'int8';
  if (values instanceof Uint8Array) return 'uint8';
  if (values instanceof Uint16Array) return 'uint16';
  if (values instanceof Uint32Array) return 'uint32';
  if (values instanceof BigInt64Array) return 'int64';
  const kinds = new Set<string>();
  let allInt = true;
  for (let i = 0; i < values.length && kinds.size < 2; i++) {
    const v = values[i];
    if (isMissing(v)) continue;
    const k = v instanceof Date ? 'date' : typeof v;
    kinds.add(k);
    if (k === 'number' && !Number.isInteger(v)) allInt = false;
  }
  if (kinds.size === 0) return 'empty';
  if (kinds.size > 1) return 'object';
  const [k] = kinds;
  return k === 'number' ? (allInt ? 'int64' : 'float64') : k === 'boolean' ? 'bool' : k === 'bigint' ? 'int64' : k;
}
