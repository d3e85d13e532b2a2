/**
 * A worker thread of display.missing: takes numeric columns from the shared
 * counter and computes their scans (missing-columns' `numericScan`, the same
 * code the calling thread runs), posting each on its own port, which the
 * blocked caller reads synchronously (receiveMessageOnPort).
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { numericScan } from './missing-columns.js';
import type { ColumnJob } from './missing-threads.js';

const port = (workerData as { port: MessagePort }).port;
let finite = new Float64Array(0);

parentPort!.on('message', (job: ColumnJob) => {
  const { xs, names, counters, slot } = job;
  try {
    for (let j = Atomics.add(counters, 0, 1); j < xs.length; j = Atomics.add(counters, 0, 1)) {
      if (finite.length < xs[j].length) finite = new Float64Array(xs[j].length);
      port.postMessage({ j, scan: numericScan(names[j], xs[j], finite) });
      Atomics.add(counters, slot, 1);
      Atomics.add(counters, 1, 1);
      Atomics.notify(counters, 1);
    }
  } catch (e) {
    port.postMessage({ error: e instanceof Error ? e.message : String(e) });
    Atomics.add(counters, 2, 1);
    Atomics.notify(counters, 1);
  }
});
