/**
 * `tsml install`: writes a Jupyter kernelspec (kernel.json + logos) for this
 * tsml installation, into the user's, a Python environment's or a given prefix's
 * `share/jupyter/kernels`.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface InstallOptions {
  where: 'user' | 'sys-prefix' | 'prefix';
  prefix?: string;
  name: string;
  displayName: string;
  interruptMode: 'message' | 'signal';
  python?: string;
}

function parse(args: string[]): InstallOptions {
  const o: InstallOptions = { where: 'user', name: 'tsml', displayName: 'TypeScript (tsml)', interruptMode: 'message' };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--user') o.where = 'user';
    else if (a === '--sys-prefix') o.where = 'sys-prefix';
    else if (a === '--prefix') (o.where = 'prefix'), (o.prefix = value());
    else if (a === '--name') o.name = value();
    else if (a === '--display-name') o.displayName = value();
    else if (a === '--python') o.python = value();
    else if (a === '--interrupt-mode') {
      const m = value();
      if (m !== 'message' && m !== 'signal') throw new Error(`--interrupt-mode must be message or signal, not ${m}`);
      o.interruptMode = m;
    } else throw new Error(`unknown option ${a} for tsml install`);
  }
  if (!/^[a-z0-9._-]+$/i.test(o.name)) throw new Error(`kernel name '${o.name}' may only use letters, digits, '.', '_' and '-'`);
  return o;
}

function pythonPrefix(python?: string): string {
  const candidates = python ? [python] : [process.env.VIRTUAL_ENV ? join(process.env.VIRTUAL_ENV, 'bin', 'python') : '', 'python3', 'python'].filter(Boolean);
  for (const py of candidates) {
    try {
      return execFileSync(py, ['-c', 'import sys; print(sys.prefix)'], { encoding: 'utf8' }).trim();
    } catch {
      // try the next interpreter
    }
  }
  throw new Error('--sys-prefix needs a Python interpreter (the one Jupyter runs in); pass --python PATH');
}

/** Jupyter's user data directory, as jupyter_core computes it. */
export function jupyterDataDir(): string {
  if (process.env.JUPYTER_DATA_DIR) return process.env.JUPYTER_DATA_DIR;
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Jupyter');
  if (process.platform === 'win32' && process.env.APPDATA) return join(process.env.APPDATA, 'jupyter');
  return join(process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'jupyter');
}

export function kernelsDir(o: InstallOptions): string {
  if (o.where === 'prefix') return join(o.prefix!, 'share', 'jupyter', 'kernels');
  if (o.where === 'sys-prefix') return join(pythonPrefix(o.python), 'share', 'jupyter', 'kernels');
  return join(jupyterDataDir(), 'kernels');
}

export function kernelSpec(o: Pick<InstallOptions, 'displayName' | 'interruptMode'>): Record<string, unknown> {
  const entry = fileURLToPath(new URL('../../bin/tsml.cjs', import.meta.url));
  return {
    // The absolute node path: Jupyter may start kernels with a PATH that lacks the user's node.
    argv: [process.execPath, entry, 'kernel', '{connection_file}'],
    display_name: o.displayName,
    language: 'typescript',
    interrupt_mode: o.interruptMode,
    env: {},
    metadata: { debugger: false },
  };
}

export async function install(args: string[]): Promise<number> {
  const o = parse(args);
  const dir = join(kernelsDir(o), o.name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'kernel.json'), JSON.stringify(kernelSpec(o), null, 2) + '\n');
  const assets = fileURLToPath(new URL('../../assets/', import.meta.url));
  if (existsSync(assets)) for (const f of readdirSync(assets)) if (f.startsWith('logo-')) copyFileSync(join(assets, f), join(dir, f));
  process.stdout.write(`Installed kernelspec ${o.name} in ${dir}\n`);
  return 0;
}
