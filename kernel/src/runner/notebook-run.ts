/**
 * Runs one notebook: prepares it (outputs cleared, parameters injected), starts
 * its kernel, executes the code cells in order and writes the output notebook
 * before the first cell, after every cell, every few seconds while a cell keeps
 * producing output, and at the end — so a crash, timeout or kill leaves every
 * finished cell on disk. The first failure stops the run (unless errors are
 * allowed); the cells after it stay unexecuted.
 */
import { dirname } from 'node:path';
import { cellEnded, cellStarted, finish, markError, prepare, setCell } from './annotate.js';
import { executeCell, type CellOutcome } from './cell.js';
import { findKernelSpec } from './kernelspec.js';
import { RunningKernel } from './launcher.js';
import { firstLine, hasTag, readNotebook, writeNotebook, type Cell, type Notebook } from './notebook.js';
import { OutputCollector } from './outputs.js';
import { declaredParameters, injectParameters, unknownParameters, type Params } from './parameters.js';

export interface NotebookJob {
  input: string;
  output: string;
  /** How messages name the notebook (its path relative to the working directory). */
  label: string;
}

export interface RunConfig {
  params: Params;
  cwd?: string;
  cellTimeoutS?: number;
  timeoutS?: number;
  startupTimeoutS: number;
  allowErrors: boolean;
  kernel?: string;
}

/**
 * ok: every cell ran; errors: every cell ran, and some raised errors that
 * --allow-errors let through; invalid: the notebook (or its kernel or
 * parameters) could not be used at all.
 */
export type NotebookStatus = 'ok' | 'errors' | 'failed' | 'timeout' | 'dead' | 'stopped' | 'invalid';

export interface NotebookFailure {
  /** 1-based among the cells that run, as progress counts them; 0 before any cell. */
  cell: number;
  executionCount: number | null;
  source: string;
  ename: string;
  evalue: string;
  traceback: string[];
}

export interface NotebookResult {
  job: NotebookJob;
  status: NotebookStatus;
  executed: number;
  total: number;
  seconds: number;
  failure?: NotebookFailure;
  /** Errors --allow-errors let through (cells tagged raises-exception are not counted). */
  errors: NotebookFailure[];
  /** Whether the output notebook was written. */
  written: boolean;
}

export interface RunListener {
  cell(job: NotebookJob, index: number, total: number, firstLine: string): void;
  warn(job: NotebookJob, message: string): void;
}

const SAVE_EVERY_MS = 5000;

const failureOf = (cell: number, c: Cell, outcome: CellOutcome): NotebookFailure => {
  const e = outcome.error!;
  return { cell, executionCount: outcome.executionCount, source: c.source, ename: e.ename, evalue: e.evalue, traceback: e.traceback };
};

const STATUS_OF: Record<Exclude<CellOutcome['status'], 'ok'>, NotebookStatus> = { error: 'failed', timeout: 'timeout', dead: 'dead', stopped: 'stopped' };

export async function runNotebook(job: NotebookJob, cfg: RunConfig, listener: RunListener, signal: AbortSignal): Promise<NotebookResult> {
  const t0 = Date.now();
  const errors: NotebookFailure[] = [];
  const result = (status: NotebookStatus, executed: number, total: number, failure?: NotebookFailure, written = true): NotebookResult => ({
    job,
    status,
    executed,
    total,
    seconds: (Date.now() - t0) / 1000,
    failure,
    errors,
    written,
  });
  const invalid = (message: string) => result('invalid', 0, 0, { cell: 0, executionCount: null, source: '', ename: 'InvalidNotebook', evalue: message, traceback: [message] }, false);

  let nb: Notebook;
  let kernelName: string;
  let spec: ReturnType<typeof findKernelSpec>;
  try {
    nb = readNotebook(job.input);
    kernelName = cfg.kernel ?? nb.metadata.kernelspec?.name ?? 'tsml';
    spec = findKernelSpec(kernelName);
  } catch (e) {
    return invalid((e as Error).message);
  }
  const hasParams = Object.keys(cfg.params).length > 0;
  if (hasParams && !/^(typescript|javascript)$/i.test(spec.language)) {
    return invalid(`parameters are injected as TypeScript, but kernel '${spec.name}' runs ${spec.language || 'an unknown language'}`);
  }
  prepare(nb, { input_path: job.input, output_path: job.output, parameters: cfg.params, kernel: spec.name });
  if (hasParams) {
    try {
      if (!injectParameters(nb, cfg.params)) listener.warn(job, "no cell is tagged 'parameters': parameters injected at the top");
    } catch (e) {
      return invalid((e as Error).message);
    }
    const declared = await declaredParameters(nb);
    if (declared) for (const w of unknownParameters(cfg.params, declared)) listener.warn(job, w);
  }
  const runnable = nb.cells.filter((c) => c.cell_type === 'code' && c.source.trim() !== '' && !hasTag(c, 'skip-execution'));
  for (const c of nb.cells) if (c.cell_type === 'code' && !runnable.includes(c)) setCell(c, { status: 'skipped' });

  let lastSave = 0;
  const outputs = new OutputCollector();
  const save = () => {
    // This run's widgets replace whatever an earlier run or session saved.
    if (outputs.widgets.size) nb.metadata.widgets = outputs.widgets.metadata();
    else delete nb.metadata.widgets;
    writeNotebook(job.output, nb);
    lastSave = Date.now();
  };
  try {
    save();
  } catch (e) {
    return invalid(`cannot write ${job.output}: ${(e as Error).message}`);
  }

  const deadline = cfg.timeoutS ? t0 + cfg.timeoutS * 1000 : Infinity;
  let kernel: RunningKernel;
  try {
    const startupMs = Math.min(cfg.startupTimeoutS * 1000, Math.max(1, deadline - Date.now()));
    kernel = await RunningKernel.start(spec, { cwd: cfg.cwd ?? dirname(job.input), startupTimeoutMs: startupMs, signal });
  } catch (e) {
    // --timeout counts from the start, so a slow kernel start can be what ran out of time.
    const [status, ename]: [NotebookStatus, string] = signal.aborted
      ? ['stopped', 'RunStopped']
      : Date.now() >= deadline
        ? ['timeout', 'NotebookTimeoutError']
        : ['dead', 'KernelStartError'];
    const message = (e as Error).message;
    markError(nb, undefined, `${ename}: ${message}`);
    finish(nb, t0, status);
    save();
    return result(status, 0, runnable.length, { cell: 0, executionCount: null, source: '', ename, evalue: message, traceback: [message] });
  }

  let failure: NotebookFailure | undefined;
  let failedCell: Cell | undefined;
  let status: NotebookStatus = 'ok';
  let executed = 0;
  try {
    for (const [i, cell] of runnable.entries()) {
      if (signal.aborted) {
        status = 'stopped';
        break;
      }
      listener.cell(job, i + 1, runnable.length, firstLine(cell.source));
      const started = Date.now();
      const cellLimit = cfg.cellTimeoutS ? started + cfg.cellTimeoutS * 1000 : Infinity;
      const byCell = cellLimit <= deadline;
      outputs.begin(cell);
      cellStarted(cell, started);
      const allowed = cfg.allowErrors || hasTag(cell, 'raises-exception');
      const outcome = await executeCell(kernel, outputs, {
        code: cell.source,
        timeoutMs: Math.max(0, Math.min(cellLimit, deadline) - started),
        timeoutError: (s) =>
          byCell
            ? { ename: 'CellTimeoutError', evalue: `the cell did not finish within ${s} s (--cell-timeout); the kernel was interrupted` }
            : { ename: 'NotebookTimeoutError', evalue: `the notebook did not finish within ${cfg.timeoutS} s (--timeout); the kernel was interrupted` },
        stopOnError: !allowed,
        signal,
        onChange: () => {
          if (Date.now() - lastSave > SAVE_EVERY_MS) save();
        },
      });
      executed++;
      cell.execution_count = outcome.executionCount;
      const tolerated = outcome.status === 'ok' || (outcome.status === 'error' && allowed);
      cellEnded(cell, started, outcome.status !== 'ok');
      if (outcome.status === 'error' && tolerated && !hasTag(cell, 'raises-exception')) errors.push(failureOf(i + 1, cell, outcome));
      if (!tolerated) {
        status = STATUS_OF[outcome.status as keyof typeof STATUS_OF];
        failedCell = cell;
        failure = failureOf(i + 1, cell, outcome);
        break;
      }
      save();
    }
  } finally {
    if (failure) markError(nb, failedCell, `${failure.ename}: ${failure.evalue}`);
    if (status === 'ok' && errors.length) status = 'errors';
    finish(nb, t0, status === 'ok' ? 'completed' : status === 'errors' ? 'completed_with_errors' : status);
    save();
    // A kernel that is stuck or that the user is stopping gets little time to leave.
    await kernel.shutdown(status === 'ok' || status === 'errors' || status === 'failed' ? 3000 : 500);
  }
  return result(status, executed, runnable.length, failure);
}
