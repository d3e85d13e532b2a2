/**
 * display.missing's numeric columns on worker threads: the payload is the
 * same, bit for bit (toStrictEqual: every number, -0 and NaN, every key),
 * with 1 thread and with 2 or 3 (the caller and 1–2 workers), on Arrow
 * batches and on arrays, and the workers really took columns. Tables below
 * THREADED_ROWS take one thread unless a thread count is given.
 */
import * as aq from 'arquero';
import { utf8 } from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { missingPayload } from '../../kernel/src/display/missing.js';
import { lastMissingSplit, THREADED_ROWS } from '../../kernel/src/display/missing-threads.js';
import { rng } from '../stats/helpers.js';

function table(rows: number, seed: number) {
  const r = rng(seed);
  const cols: Record<string, unknown[] | Float64Array> = {};
  for (let j = 0; j < 8; j++) {
    const x = new Float64Array(rows);
    for (let i = 0; i < rows; i++) x[i] = r() < 0.02 * (j + 1) ? NaN : j === 3 && r() < 0.01 ? 0 : j === 4 && r() < 0.01 ? -1 : j === 5 && r() < 0.001 ? Infinity : j === 6 && i % 3 === 0 ? -0 : (j + 1) * r() * 100;
    cols[`x${j}`] = x;
  }
  cols.s = Array.from({ length: rows }, (_, i) => (r() < 0.1 ? null : r() < 0.02 ? '?' : ['a', 'b', 'c'][i % 3]));
  // Exact duplicate rows every 1,000 rows, so the row hashes (added by the caller in column order) matter.
  for (let i = 1000; i < rows; i += 1000) for (const c of Object.keys(cols)) (cols[c] as unknown[])[i] = (cols[c] as unknown[])[i - 1];
  return aq.table(cols);
}

describe('display.missing on worker threads', () => {
  it('gives the same payload with 1, 2 and 3 threads, on arrays and on Arrow batches, and the workers scan columns', () => {
    const plain = table(60_000, 11);
    const arrow = aq.fromArrow(aq.toArrow(plain, { maxBatchRows: 7000, types: { s: utf8() } }));
    for (const t of [plain, arrow]) {
      const one = missingPayload(t, { threads: 1 });
      expect(one.duplicates.count).toBeGreaterThanOrEqual(59);
      let byWorkers = 0;
      for (let tries = 0; tries < 20 && byWorkers === 0; tries++) {
        for (const threads of [2, 3]) {
          expect(missingPayload(t, { threads })).toStrictEqual(one);
          const split = lastMissingSplit()!;
          expect(split.tasks).toBe(8);
          expect(split.byThread.reduce((a, b) => a + b, 0)).toBe(8);
          byWorkers += split.byThread.slice(1).reduce((a, b) => a + b, 0);
        }
      }
      // Workers start once (a few hundred ms); within 20 tries they have taken columns.
      expect(byWorkers).toBeGreaterThan(0);
    }
  }, 120_000);

  it('takes one thread on tables below THREADED_ROWS unless threads are asked for, and with threads: 1', () => {
    const t = table(2_000, 4);
    const before = lastMissingSplit();
    missingPayload(t);
    missingPayload(t, { threads: 1 });
    expect(lastMissingSplit()).toBe(before);
    expect(THREADED_ROWS).toBeGreaterThan(2_000);
    missingPayload(t, { threads: 2 });
    expect(lastMissingSplit()).not.toBe(before);
  });
});
