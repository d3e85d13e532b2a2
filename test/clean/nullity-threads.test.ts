/**
 * tsml.nullity on worker threads. readArrow and readParquet leave every
 * Arrow buffer in shared memory; nullity then reads the columns in place on
 * the caller and 1–2 workers, and gives the same masks and counts, bit for
 * bit, with 1, 2 and 3 threads, equal to the rows that are null or NaN in
 * the data written (record batches of 7,001 rows, so batches start off a
 * 32-row word, and 100,003 rows, not a multiple of 32). Tables whose buffers
 * are not shared, and small tables unless threads are asked for, take one
 * thread.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { float64, int32, tableToIPC, utf8 } from '@uwdata/flechette';
import { Table, writeParquet, WriterPropertiesBuilder } from 'parquet-wasm';
import { describe, expect, it } from 'vitest';
import { readArrow, readParquet } from '../../kernel/src/data/index.js';
import { isSet } from '../../kernel/src/stats/access.js';
import { nullity, type Nullity } from '../../kernel/src/stats/nullity.js';
import { lastNullitySplit, NULLITY_THREADED_ROWS } from '../../kernel/src/stats/nullity-threads.js';
import { missingPayload } from '../../kernel/src/display/missing.js';
import { rng } from '../stats/helpers.js';

const ROWS = 100_003;
const dir = mkdtempSync(join(tmpdir(), 'tsml-nullity-'));

/** Columns as JS arrays (null and NaN are the missing values), with several kinds and missing rates. */
function data(rows: number, seed: number): Record<string, unknown[]> {
  const r = rng(seed);
  const cols: Record<string, unknown[]> = {};
  for (let j = 0; j < 5; j++) cols[`f${j}`] = Array.from({ length: rows }, () => (r() < 0.01 * (j + 1) ? null : r() < 0.005 * j ? NaN : r() * 100));
  cols.full = Array.from({ length: rows }, () => r());
  cols.gone = Array.from({ length: rows }, (_, i) => (i % 97 === 0 ? 1 : null));
  cols.i = Array.from({ length: rows }, (_, i) => (r() < 0.03 ? null : i % 1000));
  cols.s = Array.from({ length: rows }, (_, i) => (r() < 0.08 ? null : ['a', 'b', 'c'][i % 3]));
  return cols;
}

const types = (cols: Record<string, unknown[]>) =>
  Object.fromEntries(Object.keys(cols).map((c) => [c, c === 's' ? utf8() : c === 'i' ? int32() : float64()]));

function files(cols: Record<string, unknown[]>) {
  const arrow = aq.toArrow(aq.table(cols), { maxBatchRows: 7001, types: types(cols) });
  const feather = join(dir, 'batches.arrow');
  writeFileSync(feather, tableToIPC(arrow, { format: 'file' })!);
  const parquet = join(dir, 'groups.parquet');
  writeFileSync(parquet, writeParquet(Table.fromIPCStream(tableToIPC(arrow, { format: 'stream' })!), new WriterPropertiesBuilder().setMaxRowGroupSize(7001).build()));
  return { feather, parquet };
}

/** Every buffer of every batch of every column. */
function buffers(t: ColumnTable): ArrayBufferView[] {
  return t.columnNames().flatMap((c) =>
    (t.column(c) as unknown as { data: { values?: ArrayBufferView; validity?: ArrayBufferView; offsets?: ArrayBufferView }[] }).data.flatMap((b) =>
      [b.values, b.validity, b.offsets].filter((x): x is ArrayBufferView => x !== undefined),
    ),
  );
}

const plain = (n: Nullity) => ({ missing: n.missing, masks: n.masks.map((m) => Array.from(m)) });

/** Runs nullity with 2 and 3 threads until the workers have taken columns (they start once, in a few hundred ms). */
function threaded(t: ColumnTable, one: Nullity) {
  let byWorkers = 0;
  for (let tries = 0; tries < 20 && byWorkers === 0; tries++) {
    for (const threads of [2, 3]) {
      expect(plain(nullity(t, undefined, { threads }))).toStrictEqual(plain(one));
      const split = lastNullitySplit()!;
      expect(split.tasks).toBe(t.numCols());
      expect(split.byThread).toHaveLength(threads);
      expect(split.byThread.reduce((a, b) => a + b, 0)).toBe(t.numCols());
      byWorkers += split.byThread.slice(1).reduce((a, b) => a + b, 0);
    }
  }
  expect(byWorkers).toBeGreaterThan(0);
}

describe('tsml.nullity on worker threads', () => {
  const cols = data(ROWS, 7);
  const { feather, parquet } = files(cols);

  it('reads Arrow and Parquet files into shared memory, every column buffer a view of it', async () => {
    const a = await readArrow(feather);
    const p = await readParquet(parquet);
    expect((a.column('f0') as unknown as { data: unknown[] }).data.length).toBe(Math.ceil(ROWS / 7001));
    for (const t of [a, p]) {
      expect(buffers(t).length).toBeGreaterThan(t.numCols());
      for (const b of buffers(t)) expect(b.buffer).toBeInstanceOf(SharedArrayBuffer);
    }
  });

  it('flags exactly the null and NaN rows, the same bit for bit on 1, 2 and 3 threads, over several record batches', async () => {
    const expected = Object.values(cols).map((v) => v.flatMap((x, i) => (x === null || (typeof x === 'number' && x !== x) ? [i] : [])));
    for (const t of [await readArrow(feather), await readParquet(parquet)]) {
      // NaN is stored as a value, not a null: those rows are found from the floats, the others from the validity bitmaps.
      expect((t.column('f3') as unknown as { nullCount: number }).nullCount).toBeLessThan(expected[3].length);
      const one = nullity(t, undefined, { threads: 1 });
      expect(one.missing).toEqual(expected.map((rows) => rows.length));
      one.masks.forEach((mask, j) => {
        expect(mask.length).toBe(Math.ceil(ROWS / 32));
        const flagged: number[] = [];
        for (let i = 0; i < ROWS; i++) if (isSet(mask, i)) flagged.push(i);
        expect(flagged).toEqual(expected[j]);
        // No bit past the last row.
        expect(mask[mask.length - 1] >>> (ROWS & 31)).toBe(0);
      });
      threaded(t, one);
      // The default (no thread count) on a table this size also matches.
      expect(plain(nullity(t))).toStrictEqual(plain(one));
      // A subset of the columns, in another order.
      expect(plain(nullity(t, ['s', 'f3', 'gone'], { threads: 3 }))).toStrictEqual(plain(nullity(t, ['s', 'f3', 'gone'], { threads: 1 })));
    }
  }, 120_000);

  it('gives the same display.missing payload on 1, 2 and 3 threads when columns are read in place', async () => {
    const t = await readParquet(parquet);
    const one = missingPayload(t, { threads: 1, knnPreviewRows: 0 });
    for (const threads of [2, 3]) expect(missingPayload(t, { threads, knnPreviewRows: 0 })).toStrictEqual(one);
  }, 120_000);

  it('takes one thread when the buffers are not shared, and on small tables unless threads are asked for', async () => {
    const arrays = aq.table(cols);
    const before = lastNullitySplit();
    const one = nullity(arrays, undefined, { threads: 3 });
    expect(lastNullitySplit()).toBe(before);
    expect(plain(one)).toStrictEqual(plain(nullity(await readArrow(feather), undefined, { threads: 1 })));
    // Arrow decoded from ordinary (unshared) bytes.
    nullity(aq.fromArrow(tableToIPC(aq.toArrow(arrays, { types: types(cols) }), { format: 'stream' })!), undefined, { threads: 3 });
    expect(lastNullitySplit()).toBe(before);
    const small = data(2_000, 3);
    writeFileSync(join(dir, 'small.arrow'), tableToIPC(aq.toArrow(aq.table(small), { types: types(small) }), { format: 'file' })!);
    const t = await readArrow(join(dir, 'small.arrow'));
    expect(NULLITY_THREADED_ROWS).toBeGreaterThan(2_000);
    nullity(t);
    expect(lastNullitySplit()).toBe(before);
    nullity(t, undefined, { threads: 2 });
    expect(lastNullitySplit()).not.toBe(before);
  });
});
