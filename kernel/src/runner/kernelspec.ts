/**
 * Finds a kernelspec by name the way jupyter_client does: `kernels/NAME/kernel.json`
 * under each Jupyter data directory, in jupyter_core's order (JUPYTER_PATH, then
 * the user's data dir and the environment's prefix, then system dirs). Without
 * Python on the machine there is no environment to ask, so environments are
 * recognised from VIRTUAL_ENV, CONDA_PREFIX and the `jupyter` found on PATH;
 * `jupyter --paths` is asked only when none of those has the kernel.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { jupyterDataDir, kernelSpec as tsmlKernelSpec } from '../cli/install.js';

export interface KernelSpec {
  name: string;
  argv: string[];
  displayName: string;
  language: string;
  interruptMode: 'signal' | 'message';
  env: Record<string, string>;
  /** The kernelspec directory ({resource_dir}), or undefined for the built-in spec. */
  resourceDir?: string;
}

export class KernelSpecError extends Error {}

function which(cmd: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(dir, cmd);
    if (dir && existsSync(p)) return p;
  }
  return undefined;
}

const truthy = (v: string | undefined) => v !== undefined && !/^(0|false|no|off|)$/i.test(v);

/** Jupyter data directories (each holding `kernels/`), highest priority first. */
export function jupyterDataDirs(): string[] {
  const env = process.env;
  const explicit = (env.JUPYTER_PATH ?? '').split(delimiter).filter(Boolean);
  const envPrefixes = [env.VIRTUAL_ENV, env.CONDA_PREFIX].filter((p): p is string => Boolean(p));
  const jupyterBin = which('jupyter');
  if (jupyterBin) {
    try {
      envPrefixes.push(dirname(dirname(realpathSync(jupyterBin))));
    } catch {
      // a dangling link on PATH: nothing to learn from it
    }
  }
  const envDirs = envPrefixes.map((p) => join(p, 'share', 'jupyter'));
  const user = [jupyterDataDir()];
  // jupyter_core prefers the environment over the user dir inside a virtual environment.
  const preferEnv = env.JUPYTER_PREFER_ENV_PATH !== undefined ? truthy(env.JUPYTER_PREFER_ENV_PATH) : envPrefixes.length > 0;
  const system =
    process.platform === 'win32' ? [join(env.PROGRAMDATA ?? 'C:\\ProgramData', 'jupyter')] : ['/usr/local/share/jupyter', '/usr/share/jupyter'];
  const all = [...explicit, ...(preferEnv ? [...envDirs, ...user] : [...user, ...envDirs]), ...system];
  return [...new Set(all)];
}

/** What `jupyter --paths --json` lists as data dirs: covers installs none of the above reveals. */
function askJupyter(): string[] {
  if (!which('jupyter')) return [];
  try {
    const out = execFileSync('jupyter', ['--paths', '--json'], { encoding: 'utf8', timeout: 15_000, stdio: ['ignore', 'pipe', 'ignore'] });
    return (JSON.parse(out).data ?? []).map(String);
  } catch {
    return [];
  }
}

function readSpec(name: string, dir: string): KernelSpec {
  const file = join(dir, 'kernel.json');
  let raw: any;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new KernelSpecError(`kernelspec ${file} is unreadable: ${(e as Error).message}`);
  }
  if (!Array.isArray(raw.argv) || raw.argv.length === 0) throw new KernelSpecError(`kernelspec ${file} has no argv`);
  return {
    name,
    argv: raw.argv.map(String),
    displayName: String(raw.display_name ?? name),
    language: String(raw.language ?? ''),
    interruptMode: raw.interrupt_mode === 'message' ? 'message' : 'signal',
    env: Object.fromEntries(Object.entries(raw.env ?? {}).map(([k, v]) => [k, String(v)])),
    resourceDir: dir,
  };
}

/** Kernel names (lower-cased, as Jupyter treats them) to their directories, first found wins. */
export function listKernelSpecs(dataDirs: string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const data of dataDirs) {
    const kernels = join(data, 'kernels');
    let entries: string[];
    try {
      entries = readdirSync(kernels);
    } catch {
      continue;
    }
    for (const e of entries) {
      const key = e.toLowerCase();
      if (!found.has(key) && existsSync(join(kernels, e, 'kernel.json'))) found.set(key, join(kernels, e));
    }
  }
  return found;
}

/** This tsml installation's own kernel, used when no kernelspec named `tsml` is installed anywhere. */
export function builtinSpec(): KernelSpec {
  const s = tsmlKernelSpec({ displayName: 'TypeScript (tsml)', interruptMode: 'message' });
  return { name: 'tsml', argv: s.argv as string[], displayName: String(s.display_name), language: 'typescript', interruptMode: 'message', env: {} };
}

export function findKernelSpec(name: string): KernelSpec {
  const key = name.toLowerCase();
  let specs = listKernelSpecs(jupyterDataDirs());
  if (!specs.has(key)) specs = mergeFirstWins(specs, listKernelSpecs(askJupyter()));
  const dir = specs.get(key);
  if (dir) return readSpec(name, dir);
  if (key === 'tsml') return builtinSpec();
  const known = [...specs.keys()].sort().join(', ') || 'none';
  throw new KernelSpecError(`no kernelspec named '${name}' (found: ${known}); install it (e.g. tsml install) or pass --kernel NAME`);
}

function mergeFirstWins(a: Map<string, string>, b: Map<string, string>): Map<string, string> {
  const out = new Map(a);
  for (const [k, v] of b) if (!out.has(k)) out.set(k, v);
  return out;
}
