/**
 * The body of a map-reduce worker thread, started from its source text
 * (`new Worker(src, { eval: true })`), so it runs the same from the built
 * package and from TypeScript sources in tests. It must not refer to anything
 * outside itself. A worker keeps the partitions it was given (like a cached
 * RDD) and runs jobs on them: map every row, combine per key within the
 * partition when asked, and send the (key, value) records back.
 */
export function workerMain(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parentPort } = require('node:worker_threads') as typeof import('node:worker_threads');
  type Part = { id: number; columns: Record<string, ArrayLike<unknown>>; size: number };
  const parts = new Map<number, Part>();
  const compiled = new Map<string, (...a: unknown[]) => unknown>();
  let prelude = '';
  const compile = (src: string) => {
    let f = compiled.get(src);
    if (!f) {
      f = new Function(`${prelude}return (${src});`)() as (...a: unknown[]) => unknown;
      compiled.set(src, f);
    }
    return f;
  };
  parentPort!.on('message', (msg: { type: string; [k: string]: any }) => {
    if (msg.type === 'load') {
      for (const p of msg.parts as Part[]) parts.set(p.id, p);
      parentPort!.postMessage({ type: 'loaded', job: msg.job });
      return;
    }
    if (msg.type !== 'run') return;
    prelude = msg.prelude ?? '';
    const out: { part: number; records: [unknown, unknown][]; emitted: number }[] = [];
    // Where an error happened, as numbers: a string per row would cost more than many a map function.
    let partId = -1;
    let i = 0;
    try {
      const map = compile(msg.map);
      const combine = msg.combine ? compile(msg.combine) : null;
      for (const id of msg.parts as number[]) {
        partId = id;
        const p = parts.get(id)!;
        const names = Object.keys(p.columns);
        const cols = names.map((n) => p.columns[n]);
        const local = new Map<unknown, unknown>();
        const records: [unknown, unknown][] = [];
        let emitted = 0;
        const emit = msg.combineLocally
          ? (k: unknown, v: unknown) => {
              emitted++;
              local.set(k, local.has(k) ? combine!(local.get(k), v) : v);
            }
          : (k: unknown, v: unknown) => {
              emitted++;
              records.push([k, v]);
            };
        for (i = 0; i < p.size; i++) {
          const row: Record<string, unknown> = {};
          for (let c = 0; c < names.length; c++) row[names[c]] = cols[c][i];
          map(row, emit, msg.context);
        }
        out.push({ part: id, records: msg.combineLocally ? [...local] : records, emitted });
      }
      parentPort!.postMessage({ type: 'done', job: msg.job, out });
    } catch (e) {
      const err = e as Error;
      const where = partId < 0 ? 'compiling map' : `partition ${partId}, row ${i}`;
      parentPort!.postMessage({ type: 'error', job: msg.job, where, name: err?.name, message: err?.message ?? String(e), stack: err?.stack });
    }
  });
}
