/**
 * Progress on the terminal. On a TTY, one live line per running notebook (cell
 * i/n, elapsed time, the cell's first line) redrawn in place, with finished
 * notebooks printed above; otherwise (CI logs, pipes) one plain line per cell
 * and per notebook. Failures print their traceback on stderr. Several notebooks
 * end with a summary table.
 */
import { displayPath as out } from './inputs.js';
import { stripAnsi } from './junit.js';
import type { NotebookFailure, NotebookJob, NotebookResult, RunListener } from './notebook-run.js';

export interface Reporter extends RunListener {
  started(job: NotebookJob): void;
  finished(result: NotebookResult): void;
  /** `others`: notebooks in other shards; `unstarted`: ones a stop left out. */
  summary(results: NotebookResult[], seconds: number, left: { others: number; unstarted: number }): void;
  close(): void;
}

interface Stream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const secs = (s: number) => (s < 10 ? s.toFixed(1) : s.toFixed(0)) + 's';

const colour = (on: boolean) => (code: number, s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

const cellRef = (f: NotebookFailure, total: number) => `cell ${f.cell}/${total} (In [${f.executionCount ?? ' '}])`;

function describe(r: NotebookResult): string {
  const f = r.failure;
  const what = f ? `${f.ename}: ${f.evalue.split('\n')[0]}` : r.status;
  switch (r.status) {
    case 'ok':
      return `ok, ${r.executed} cell${r.executed === 1 ? '' : 's'} in ${secs(r.seconds)}`;
    case 'errors':
      return `ERRORS: ran ${r.executed} cell${r.executed === 1 ? '' : 's'} in ${secs(r.seconds)}; ${r.errors.length} raised an error (--allow-errors)`;
    case 'invalid':
      return `not run: ${what}`;
    default: {
      const at = f && f.cell > 0 ? ` at ${cellRef(f, r.total)}` : '';
      const label = { failed: 'FAILED', timeout: 'TIMED OUT', dead: 'KERNEL DIED', stopped: 'STOPPED' }[r.status as 'failed'];
      return `${label}${at} after ${secs(r.seconds)}: ${what}`;
    }
  }
}

interface Live {
  job: NotebookJob;
  start: number;
  /** 0 while the kernel starts. */
  i: number;
  n: number;
  first: string;
}

export function createReporter(opts: { stdout: Stream; stderr: Stream; quiet: boolean; several: boolean }): Reporter {
  const { stdout, stderr, quiet, several } = opts;
  const tty = Boolean(stdout.isTTY) && !quiet;
  const paint = colour(tty);
  const live = new Map<NotebookJob, Live>();
  let drawn = 0;
  let timer: NodeJS.Timeout | undefined;

  const width = () => Math.max(20, (stdout.columns || Number(process.env.COLUMNS) || 100) - 1);
  // Lines longer than the terminal wrap, and wrapped lines would break the redraw's line count.
  // `s` is uncoloured; `mark` (one coloured character and a space) goes before it.
  const fit = (mark: string, s: string) => `${mark} ${s.length > width() - 2 ? s.slice(0, width() - 3) + '…' : s}`;

  const liveLine = (l: Live) => {
    const elapsed = secs((Date.now() - l.start) / 1000);
    return fit(paint(36, '▸'), `${l.job.label}  ${l.i ? `cell ${l.i}/${l.n}  ${elapsed}  ${l.first}` : `starting the kernel  ${elapsed}`}`);
  };
  const redraw = (above: string[] = []) => {
    let s = drawn > 0 ? `\x1b[${drawn}F\x1b[J` : '';
    for (const line of above) s += line + '\n';
    const lines = [...live.values()].map(liveLine);
    s += lines.map((l) => l + '\n').join('');
    drawn = lines.length;
    stdout.write(s);
  };
  /** Permanent lines: above the live block on a TTY, plain lines otherwise. */
  const print = (line: string) => (tty ? redraw([line]) : stdout.write(line + '\n'));
  /** stderr shares the terminal: the live block steps aside, or the next redraw would erase what was written. */
  const toStderr = (s: string) => {
    if (tty && drawn > 0) {
      stdout.write(`\x1b[${drawn}F\x1b[J`);
      drawn = 0;
    }
    stderr.write(s);
    if (tty) redraw();
  };

  if (tty) {
    timer = setInterval(() => live.size && redraw(), 250);
    timer.unref();
  }

  return {
    started(job) {
      live.set(job, { job, start: Date.now(), i: 0, n: 0, first: '' });
      if (tty) redraw();
    },
    cell(job, i, n, first) {
      const l = live.get(job);
      if (!l) return;
      Object.assign(l, { i, n, first });
      if (tty) redraw();
      else if (!quiet) stdout.write(`${job.label}: cell ${i}/${n} ${secs((Date.now() - l.start) / 1000)} ${first}\n`);
    },
    warn(job, message) {
      toStderr(`${job.label}: warning: ${message}\n`);
    },
    finished(r) {
      live.delete(r.job);
      const ok = r.status === 'ok';
      const mark = ok ? paint(32, '✓') : paint(31, '✗');
      const line = `${r.job.label}: ${describe(r)}${r.written ? ` -> ${out(r.job.output)}` : ''}`;
      // Printed above the live block, so a long line may wrap: only live lines must fit.
      if (!ok || !quiet) print(`${r.status === 'errors' ? paint(33, '!') : mark} ${line}`);
      // Which cells failed, one line each; their tracebacks are in the output notebook.
      if (r.errors.length) toStderr(r.errors.map((e) => `  ${r.job.label}: ${cellRef(e, r.total)}: ${e.ename}: ${e.evalue.split('\n')[0]}\n`).join(''));
      if (!ok && r.failure && r.failure.traceback.length) {
        const tb = r.failure.traceback.join('\n');
        toStderr(`${stderr.isTTY ? tb : stripAnsi(tb)}\n`);
      }
    },
    summary(results, seconds, { others, unstarted }) {
      if (!several) return;
      const rows = results.map((r) => [r.job.label, r.status, `${r.executed}/${r.total}`, secs(r.seconds), r.written ? out(r.job.output) : '-']);
      const head = ['notebook', 'status', 'cells', 'time', 'output'];
      const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
      const fmt = (r: string[]) => r.map((c, i) => c.padEnd(w[i])).join('  ').trimEnd();
      const counts = new Map<string, number>();
      for (const r of results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
      const tally = [...counts].map(([k, v]) => `${v} ${k}`).join(', ');
      const notes = [others && `${others} in other shards`, unstarted && `${unstarted} not started`].filter(Boolean);
      const skipped = notes.length ? ` (${notes.join(', ')})` : '';
      const lines = ['', fmt(head), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(fmt), `${results.length} notebooks${skipped} in ${secs(seconds)}: ${tally}`];
      for (const line of lines) print(line);
    },
    close() {
      if (timer) clearInterval(timer);
    },
  };
}
