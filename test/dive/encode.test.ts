/** Wire encodings of the Dive's columns: smallest dtype that keeps every value, dictionaries by frequency, nothing lost. */
import { describe, expect, it } from 'vitest';
import {
  categoryLabel, columnFromBytes, encodeCategories, encodeColumn, encodeNumbers, fromBase64, numberAt, numbersOf, valueAt, valueKind,
  type CategoryColumn, type NumberColumn,
} from '../../kernel/src/dive/index.js';

describe('numbers', () => {
  it('small-range integers travel as uint8 with an offset, missing as 255', () => {
    const c = encodeNumbers('age', [17, 90, null, 40, NaN, undefined]);
    expect(c.info).toMatchObject({ dtype: 'uint8', offset: 17, min: 17, max: 90, integer: true, missing: 3, posInf: 0, negInf: 0 });
    expect(Array.from(c.data)).toEqual([0, 73, 255, 23, 255, 255]);
    expect(Array.from(numbersOf(c))).toEqual([17, 90, NaN, 40, NaN, NaN]);
  });

  it('a range of 254 still fits a byte; 255 needs uint16; beyond 65534 uint32; fractions float32', () => {
    expect(encodeNumbers('a', [0, 254]).info.dtype).toBe('uint8');
    expect(encodeNumbers('a', [0, 255]).info.dtype).toBe('uint16');
    expect(encodeNumbers('a', [-5, 65529]).info.dtype).toBe('uint16');
    const big = encodeNumbers('fnlwgt', [12285, 1484705, null, 200000]);
    expect(big.info.dtype).toBe('uint32');
    expect(Array.from(numbersOf(big))).toEqual([12285, 1484705, NaN, 200000]);
    expect(encodeNumbers('id', [0, 2 ** 40]).info.dtype).toBe('float32');
    expect(encodeNumbers('x', [0, 0.5]).info.dtype).toBe('float32');
  });

  it('floats keep ±Infinity and NaN, relative to the minimum so large offsets stay precise', () => {
    const c = encodeNumbers('t', [1.7e12 + 0.5, 1.7e12 + 1000.25, Infinity, -Infinity, NaN]);
    expect(c.info).toMatchObject({ dtype: 'float32', offset: 1.7e12 + 0.5, min: 1.7e12 + 0.5, max: 1.7e12 + 1000.25, integer: false, missing: 1, posInf: 1, negInf: 1 });
    expect(numberAt(c, 1)).toBe(1.7e12 + 1000.25);
    expect(numberAt(c, 2)).toBe(Infinity);
    expect(numberAt(c, 3)).toBe(-Infinity);
    expect(numberAt(c, 4)).toBeNaN();
  });

  it('all-missing and all-infinite columns encode without a range', () => {
    const c = encodeNumbers('x', [NaN, null, Infinity]);
    expect(c.info).toMatchObject({ dtype: 'float32', min: null, max: null, integer: false, missing: 2, posInf: 1 });
  });

  it('dates become numbers marked temporal (whole milliseconds: uint32 while the span fits); valueAt gives ISO text back', () => {
    const d = [new Date('2021-05-01T00:00:00Z'), new Date('2021-06-01T12:00:00Z'), null];
    const c = encodeColumn('when', d) as NumberColumn;
    expect(c.info.kind).toBe('number');
    expect(c.info.temporal).toBe(true);
    expect(c.info.dtype).toBe('uint32');
    expect(valueAt(c, 1)).toBe('2021-06-01T12:00:00.000Z');
    expect(valueAt(c, 2)).toBeNull();
  });

  it('encodes only the given rows, in their order', () => {
    const c = encodeNumbers('x', [10, 11, 12, 13], [3, 0]);
    expect(Array.from(numbersOf(c))).toEqual([13, 10]);
  });
});

describe('categories', () => {
  it('codes are ranks by frequency (ties by value); missing has its own code', () => {
    const c = encodeCategories('income', ['b', 'a', null, 'b', 'c', 'a', 'b']);
    expect(c.info).toMatchObject({ dtype: 'uint8', values: ['b', 'a', 'c'], counts: [3, 2, 1], other: 0, missing: 1, unique: 3 });
    expect(Array.from(c.data)).toEqual([0, 1, 255, 0, 2, 1, 0]);
    expect(categoryLabel(c, 255)).toBe('(missing)');
  });

  it('booleans and mixed values are categories; numbers are numbers', () => {
    expect(valueKind([true, false, null])).toBe('category');
    expect(valueKind([1, 'a'])).toBe('category');
    expect(valueKind([1, null, 2n])).toBe('number');
    expect(valueKind(new Float64Array(2))).toBe('number');
    expect(valueKind([null, undefined])).toBe('category');
    expect(encodeColumn('b', [true, false, true]).info).toMatchObject({ kind: 'category', values: ['true', 'false'] });
  });

  it('more than 254 values need uint16; beyond 65,534 the long tail shares the "other" code', () => {
    const mid = encodeCategories('id', Array.from({ length: 300 }, (_, i) => `v${i}`));
    expect(mid.info.dtype).toBe('uint16');
    expect(mid.info.values).toHaveLength(300);
    const n = 500_000;
    // 500 k distinct strings (the bad input), plus one frequent value that must be kept first.
    const values = Array.from({ length: n }, (_, i) => (i % 10 === 0 ? 'common' : `name-${i}`));
    const c = encodeCategories('name', values) as CategoryColumn;
    expect(c.info.dtype).toBe('uint16');
    expect(c.info.values[0]).toBe('common');
    expect(c.info.values).toHaveLength(65534);
    expect(c.info.unique).toBe(n - n / 10 + 1);
    expect(c.info.other).toBe(n - n / 10 - 65533);
    expect(c.data[0]).toBe(0);
    expect(valueAt(c, n - 1)).toBe('(other)');
  });
});

describe('bytes', () => {
  it('round-trips through base64 and a byte buffer (also misaligned)', () => {
    const c = encodeNumbers('h', [1, 300, 40]);
    const bytes = new Uint8Array(c.data.buffer, c.data.byteOffset, c.data.byteLength);
    const b64 = Buffer.from(bytes).toString('base64');
    const back = columnFromBytes(c.info, fromBase64(b64), 3);
    expect(Array.from(back.data)).toEqual(Array.from(c.data));
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(Array.from(columnFromBytes(c.info, shifted.subarray(1), 3).data)).toEqual(Array.from(c.data));
    expect(() => columnFromBytes(c.info, bytes, 4)).toThrow(/has 6 bytes, expected 8/);
  });
});
