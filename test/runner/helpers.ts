/**
 * Runner test helpers: real notebooks in temp dirs, a real `tsml` kernelspec
 * installed with `tsml install --prefix` into a temp prefix that JUPYTER_PATH
 * points at (so nothing depends on the user's Jupyter setup), and `tsml run`
 * started as a separate process, as a user or CI would.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TSML = fileURLToPath(new URL('../../kernel/bin/tsml.js', import.meta.url));
export const REPO = fileURLToPath(new URL('../..', import.meta.url));

export const tempDir = (tag = 'nb') => mkdtempSync(join(tmpdir(), `tsml-runner-${tag}-`));

/**
 * Installs the kernelspecs and returns the environment `tsml run` gets. The `tsml` spec
 * carries an env var the kernel sees, so tests can tell this spec was the one used.
 */
export function kernelEnv(): NodeJS.ProcessEnv {
  const prefix = tempDir('prefix');
  execFileSync(process.execPath, [TSML, 'install', '--prefix', prefix, '--name', 'tsml'], { stdio: 'pipe' });
  // For runs that interrupt the kernel with SIGINT instead of an interrupt_request.
  execFileSync(process.execPath, [TSML, 'install', '--prefix', prefix, '--name', 'tsml-signal', '--interrupt-mode', 'signal'], { stdio: 'pipe' });
  const specFile = join(prefix, 'share', 'jupyter', 'kernels', 'tsml', 'kernel.json');
  const spec = JSON.parse(readFileSync(specFile, 'utf8'));
  spec.env = { TSML_TEST_SPEC: 'from-prefix' };
  writeFileSync(specFile, JSON.stringify(spec));
  const home = tempDir('home');
  return {
    ...process.env,
    JUPYTER_PATH: join(prefix, 'share', 'jupyter'),
    JUPYTER_DATA_DIR: join(home, 'jupyter'),
    TSML_HISTORY_FILE: join(home, 'history.jsonl'),
  };
}

export type CellSpec = string | { source: string; tags?: string[] };

export function writeNotebook(dir: string, name: string, cells: CellSpec[], kernel = 'tsml'): string {
  const path = join(dir, name);
  const nb = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: kernel, display_name: 'TypeScript (tsml)', language: 'typescript' } },
    cells: cells.map((c, i) => {
      const { source, tags } = typeof c === 'string' ? { source: c, tags: undefined } : c;
      const cell_type = source.startsWith('# ') ? 'markdown' : 'code';
      return {
        cell_type,
        id: `cell-${i}`,
        metadata: tags ? { tags } : {},
        source: source.split(/(?<=\n)/),
        ...(cell_type === 'code' ? { outputs: [], execution_count: null } : {}),
      };
    }),
  };
  writeFileSync(path, JSON.stringify(nb, null, 1));
  return path;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function startRun(args: string[], opts: { env: NodeJS.ProcessEnv; cwd?: string }): { proc: ChildProcess; done: Promise<RunResult>; stdout: () => string } {
  const proc = spawn(process.execPath, [TSML, 'run', ...args], { env: opts.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout!.on('data', (d) => (stdout += d));
  proc.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<RunResult>((resolve) => proc.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { proc, done, stdout: () => stdout };
}

export const runTsml = (args: string[], opts: { env: NodeJS.ProcessEnv; cwd?: string }) => startRun(args, opts).done;

export interface SavedCell {
  cell_type: string;
  source: string[];
  metadata: Record<string, any>;
  outputs?: Record<string, any>[];
  execution_count?: number | null;
}

export function readOutput(path: string): { metadata: Record<string, any>; cells: SavedCell[] } {
  return JSON.parse(readFileSync(path, 'utf8'));
}

export const src = (c: SavedCell) => c.source.join('');
export const codeCells = (nb: { cells: SavedCell[] }) => nb.cells.filter((c) => c.cell_type === 'code');
export const text = (c: SavedCell) =>
  (c.outputs ?? []).map((o) => (o.text ? [].concat(o.text).join('') : o.data ? [].concat(o.data['text/plain'] ?? []).join('') : `${o.ename}: ${o.evalue}`)).join('');

/** Whether a process id still runs. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
