/**
 * Errors → Jupyter `error` content. Stack frames in cell code are shown as
 * `Cell In[n], line L` with the cell's source around the failing line (as
 * IPython does); frames inside the kernel and Node internals are hidden.
 */
import { inspect } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { ErrorContent } from '../protocol/messages.js';
import type { CellSyntaxError } from './compile.js';

const RED = '\x1b[31m';
const GREEN = '\x1b[32m';
const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';
const RULE = `${RED}${'-'.repeat(75)}${RESET}`;

export interface CellSource {
  label: string;
  code: string;
}

/** Script filenames the engine gives cells; the id maps back to the cell's source. */
export const cellFilename = (id: number) => `tsml-cell:${id}`;
const CELL_FRAME = /tsml-cell:(\d+):(\d+):(\d+)/;
const KERNEL_DIR = fileURLToPath(new URL('..', import.meta.url));

export class KeyboardInterrupt extends Error {
  override name = 'KeyboardInterrupt';
  constructor(message = 'Execution interrupted by the user; variables defined before the interrupt are kept') {
    super(message);
  }
}

function context(src: CellSource, line: number): string {
  const lines = src.code.split('\n');
  const from = Math.max(1, line - 2);
  const to = Math.min(lines.length, line + 2);
  const out = [`${GREEN}${src.label}${RESET}, line ${line}`];
  for (let n = from; n <= to; n++) {
    const marker = n === line ? `${GREEN}---> ${String(n).padStart(3)}${RESET}` : `     ${String(n).padStart(3)}`;
    out.push(`${marker} ${lines[n - 1]}`);
  }
  return out.join('\n');
}

function frames(stack: string, cells: (id: number) => CellSource | undefined): { text: string[]; innermost?: [CellSource, number] } {
  const text: string[] = [];
  let innermost: [CellSource, number] | undefined;
  let lastCellFrame = -1;
  for (const raw of stack.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('at ')) continue;
    const m = CELL_FRAME.exec(line);
    if (m) {
      const src = cells(Number(m[1]));
      const n = Number(m[2]);
      // The last generated line only invokes the cell's wrapper: not the user's code.
      if (!src || n > src.code.split('\n').length) continue;
      innermost ??= [src, n];
      const fn = /^at (?:async )?([^\s(]+) \(/.exec(line)?.[1];
      const where = `${src.label}, line ${n}`;
      text.push(fn && !fn.startsWith('tsml-cell') ? `    at ${fn} (${where})` : `    at ${where}`);
      lastCellFrame = text.length;
    } else if (!line.includes('node:internal') && !line.includes(KERNEL_DIR)) {
      text.push(`    ${line}`);
    }
  }
  // Frames below the outermost cell frame are the kernel running the cell.
  return { text: lastCellFrame >= 0 ? text.slice(0, lastCellFrame) : text, innermost };
}

function header(ename: string): string {
  return `${RED}${ename}${RESET}${' '.repeat(Math.max(1, 42 - ename.length))}Traceback (most recent call last)`;
}

/** Builds the error content for a value thrown by a cell. */
export function formatError(err: unknown, cells: (id: number) => CellSource | undefined): ErrorContent {
  if (!(err instanceof Error) && !(err && typeof err === 'object' && 'stack' in err)) {
    const evalue = typeof err === 'string' ? err : inspect(err, { depth: 2 });
    return { ename: 'Uncaught', evalue, traceback: [`${RED}${BOLD}Uncaught${RESET} ${evalue}`] };
  }
  const e = err as Error;
  const ename = e.name || e.constructor?.name || 'Error';
  const evalue = e.message ?? String(e);
  const { text, innermost } = frames(String(e.stack ?? ''), cells);
  if (e instanceof KeyboardInterrupt) {
    // Where the loop was when it stopped, when the interrupt came through a loop check in a cell.
    const where = innermost ? [context(innermost[0], innermost[1])] : [];
    return { ename, evalue, traceback: [...where, `${RED}${ename}${RESET}: ${evalue}`] };
  }
  const traceback = [RULE, header(ename)];
  if (innermost) traceback.push(context(innermost[0], innermost[1]));
  if (text.length) traceback.push(text.join('\n'));
  traceback.push(`${RED}${ename}${RESET}: ${evalue}`);
  if (e.cause !== undefined) traceback.push(`Caused by: ${inspect(e.cause, { depth: 2 })}`);
  return { ename, evalue, traceback };
}

export function formatSyntaxError(err: CellSyntaxError, src: CellSource): ErrorContent {
  const lines = src.code.split('\n');
  const code = lines[err.line - 1] ?? '';
  const caret = ' '.repeat(Math.min(err.column, code.length)) + '^';
  return {
    ename: 'SyntaxError',
    evalue: err.message,
    traceback: [
      `${GREEN}${src.label}${RESET}, line ${err.line}`,
      `    ${code}`,
      `    ${RED}${caret}${RESET}`,
      `${RED}SyntaxError${RESET}: ${err.message}`,
    ],
  };
}
