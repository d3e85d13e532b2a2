/**
 * `tsml run`: plans the notebooks, runs them `--jobs` at a time (each in its
 * own kernel), reports progress, writes the JUnit report and picks the exit
 * code. SIGINT/SIGTERM stop the run gracefully: running cells are marked,
 * output notebooks written and kernels shut down; a second signal exits at once.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { planJobs } from './inputs.js';
import { junitXml } from './junit.js';
import { runNotebook, type NotebookJob, type NotebookResult, type RunConfig } from './notebook-run.js';
import { EXIT, parseRunArgs, RUN_USAGE, UsageError, type RunOptions } from './options.js';
import { createReporter } from './progress.js';

const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/** The most serious outcome decides the exit code. */
export function exitCode(results: NotebookResult[]): number {
  const has = (s: NotebookResult['status']) => results.some((r) => r.status === s);
  if (has('invalid')) return EXIT.usage;
  if (has('dead')) return EXIT.deadKernel;
  if (has('timeout')) return EXIT.timeout;
  if (has('failed')) return EXIT.cellError;
  if (has('errors')) return EXIT.allowedErrors;
  return EXIT.ok;
}

/** Runs `work` on `size` items at a time; once `stop` fires, items not yet started are left out. */
async function pool<T, R>(items: T[], size: number, stop: AbortSignal, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop.aborted) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results.filter((r) => r !== undefined);
}

export async function run(args: string[]): Promise<number> {
  let o: RunOptions;
  let jobs: NotebookJob[];
  let total: number;
  try {
    o = parseRunArgs(args);
    if (o.help) {
      process.stdout.write(RUN_USAGE);
      return EXIT.ok;
    }
    ({ jobs, total } = planJobs(o));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`tsml run: ${e.message}\n(tsml run --help for usage)\n`);
    return EXIT.usage;
  }
  const cfg: RunConfig = {
    params: o.params,
    cwd: o.cwd && resolve(o.cwd),
    cellTimeoutS: o.cellTimeoutS,
    timeoutS: o.timeoutS,
    startupTimeoutS: o.startupTimeoutS,
    allowErrors: o.allowErrors,
    kernel: o.kernel,
  };
  const reporter = createReporter({ stdout: process.stdout, stderr: process.stderr, quiet: o.quiet, several: total > 1 });
  if (jobs.length === 0) process.stdout.write(`shard ${o.shard!.index}/${o.shard!.count} has no notebooks (${total} in all)\n`);

  const stop = new AbortController();
  let stoppedBy: string | undefined;
  const onSignal = (sig: NodeJS.Signals) => {
    if (stoppedBy) process.exit(SIGNAL_EXIT[sig] ?? 1); // a second signal: the user insists
    stoppedBy = sig;
    process.stderr.write(`\ntsml run: ${sig}: stopping; writing outputs and shutting kernels down (again to quit at once)\n`);
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const t0 = Date.now();
  let results: NotebookResult[];
  try {
    results = await pool(jobs, o.jobs, stop.signal, async (job) => {
      reporter.started(job);
      const r = await runNotebook(job, cfg, reporter, stop.signal);
      reporter.finished(r);
      return r;
    });
    if (o.junit) {
      mkdirSync(dirname(resolve(o.junit)), { recursive: true });
      writeFileSync(o.junit, junitXml(results));
    }
    reporter.summary(results, (Date.now() - t0) / 1000, { others: total - jobs.length, unstarted: jobs.length - results.length });
  } finally {
    reporter.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return stoppedBy ? SIGNAL_EXIT[stoppedBy] : exitCode(results);
}
