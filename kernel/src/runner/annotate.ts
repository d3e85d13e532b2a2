/**
 * What a run records in the notebook it writes, after papermill's example:
 * `metadata.tsml` on the notebook (input, output, parameters, kernel, timing,
 * status) and on every code cell (start/end time, duration, status), and, when
 * the run stopped on an error, a red banner cell at the top linking to an anchor
 * cell just before the failing cell. Both are tagged `tsml-error` and removed
 * when the output notebook is run again.
 */
import { VERSION } from '../info.js';
import { hasTag, newCell, type Cell, type Notebook } from './notebook.js';

export const ERROR_TAG = 'tsml-error';
const ANCHOR = 'tsml-error-cell';
const STYLE = 'color:red; font-family:Helvetica Neue, Helvetica, Arial, sans-serif; font-size:2em;';

export type CellRunStatus = 'pending' | 'running' | 'completed' | 'failed' | 'skipped';

export interface CellTiming {
  start_time: string | null;
  end_time: string | null;
  duration: number | null;
  status: CellRunStatus;
  exception: boolean;
}

const iso = (t: number) => new Date(t).toISOString();
const seconds = (ms: number) => Math.round(ms) / 1000;

/** Clears what a previous run left (outputs, counts, error cells) and marks every code cell pending. */
export function prepare(nb: Notebook, run: Record<string, unknown>): void {
  nb.cells = nb.cells.filter((c) => !hasTag(c, ERROR_TAG));
  for (const c of nb.cells) {
    if (c.cell_type !== 'code') continue;
    c.outputs = [];
    c.execution_count = null;
    setCell(c, { start_time: null, end_time: null, duration: null, status: 'pending', exception: false });
  }
  nb.metadata.tsml = { version: VERSION, ...run, start_time: iso(Date.now()), end_time: null, duration: null, status: 'running', exception: false };
}

export function setCell(cell: Cell, timing: Partial<CellTiming>): void {
  cell.metadata.tsml = { ...(cell.metadata.tsml ?? {}), ...timing };
}

export function cellStarted(cell: Cell, at: number): void {
  setCell(cell, { start_time: iso(at), status: 'running' });
}

export function cellEnded(cell: Cell, startedAt: number, failed: boolean): void {
  const now = Date.now();
  setCell(cell, { end_time: iso(now), duration: seconds(now - startedAt), status: failed ? 'failed' : 'completed', exception: failed });
}

export function finish(nb: Notebook, startedAt: number, status: string): void {
  const now = Date.now();
  Object.assign(nb.metadata.tsml, { end_time: iso(now), duration: seconds(now - startedAt), status, exception: status !== 'completed' });
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The banner at the top and the anchor before `failing` (when given; a kernel
 * that never started has no failing cell).
 */
export function markError(nb: Notebook, failing: Cell | undefined, what: string): void {
  const where = failing ? ` at <a href="#${ANCHOR}">In [${failing.execution_count ?? ' '}]</a>` : '';
  const banner = `<span style="${STYLE}">An exception was encountered${where}.</span>\n\n**tsml run stopped:** ${escapeHtml(what)}`;
  if (failing) {
    const anchor = `<span id="${ANCHOR}" style="${STYLE}">Execution using tsml run encountered an exception here and stopped:</span>`;
    nb.cells.splice(nb.cells.indexOf(failing), 0, newCell(nb, 'markdown', anchor, [ERROR_TAG]));
  }
  nb.cells.unshift(newCell(nb, 'markdown', banner, [ERROR_TAG]));
}
