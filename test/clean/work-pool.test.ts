/**
 * The shared worker pool (stats/work-pool.ts) with real worker threads: the
 * tasks are all run once whoever takes them, a worker whose code cannot
 * start leaves the caller to run every task (and does not take the process
 * down), and a task failing in a worker is a clear error, after which the
 * pool still works.
 */
import { describe, expect, it } from 'vitest';
import { serveTasks, WorkPool, type PoolJob } from '../../kernel/src/stats/work-pool.js';

interface MarkJob extends PoolJob {
  marks: Int32Array;
  fail: boolean;
}

/** Marks task k in shared memory, slowly enough (1 ms) that a started worker takes some; throws in a worker when asked. */
function mark(job: { marks: Int32Array; fail?: boolean }, k: number): void {
  const until = Date.now() + 1;
  while (Date.now() < until);
  if (job.fail) throw new Error(`task ${k} failed`);
  Atomics.add(job.marks, k, 1);
}

const SOURCE = `const mark = ${mark.toString()};\n(${serveTasks.toString()})(require('node:worker_threads'), mark);`;

function runMarks(pool: WorkPool, tasks: number, fail = false): Int32Array {
  const marks = new Int32Array(new SharedArrayBuffer(4 * tasks));
  pool.run<MarkJob>({ job: { marks, fail }, tasks, helpers: 2, task: (k) => mark({ marks }, k) });
  return marks;
}

describe('work pool', () => {
  it('runs every task exactly once across the caller and the workers', async () => {
    const pool = new WorkPool('marks', () => ({ source: SOURCE }));
    let byWorkers = 0;
    for (let tries = 0; tries < 50 && byWorkers === 0; tries++) {
      expect(Array.from(runMarks(pool, 40))).toEqual(new Array(40).fill(1));
      expect(pool.lastSplit!.tasks).toBe(40);
      expect(pool.lastSplit!.byThread.reduce((a, b) => a + b, 0)).toBe(40);
      byWorkers = pool.lastSplit!.byThread.slice(1).reduce((a, b) => a + b, 0);
      // Workers start in the background; give them a moment between tries.
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(byWorkers).toBeGreaterThan(0);
  }, 60_000);

  it('lets the caller run every task when the worker code cannot start', async () => {
    const pool = new WorkPool('broken', () => ({ source: 'throw new Error("no such worker")' }));
    expect(Array.from(runMarks(pool, 10))).toEqual(new Array(10).fill(1));
    await new Promise((r) => setTimeout(r, 300));
    expect(Array.from(runMarks(pool, 10))).toEqual(new Array(10).fill(1));
    expect(pool.lastSplit!.byThread[0]).toBe(10);
  });

  it('reports a task failing in a worker, then runs the next job', async () => {
    const pool = new WorkPool('marks', () => ({ source: SOURCE }));
    for (let tries = 0; tries < 50; tries++) {
      runMarks(pool, 40);
      if (pool.lastSplit!.byThread.slice(1).some((b) => b > 0)) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(() => runMarks(pool, 40, true)).toThrow(/marks: a worker thread failed \(task \d+ failed\); rerun with \{ threads: 1 \}/);
    expect(Array.from(runMarks(pool, 40))).toEqual(new Array(40).fill(1));
  }, 60_000);
});
