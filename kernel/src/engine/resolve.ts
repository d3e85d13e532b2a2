/**
 * Module resolution for cells: npm packages resolve from the notebook's
 * directory first (its node_modules and parents), then from the kernel's own
 * dependencies, for `import` and `require` alike, so a notebook copied anywhere
 * still finds what the kernel ships (arquero, TensorFlow.js, vega-datasets…).
 * ESM and CommonJS packages both load through `import()`, so ESM-only packages
 * work (tslab's ERR_REQUIRE_ESM does not happen here).
 */
import { builtinModules, createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** import-meta-resolve, loaded by the first import of a package (~12 ms of start-up saved). */
let esmResolve: typeof import('import-meta-resolve').resolve | undefined;

const BUILTINS = new Set(builtinModules);

export class ModuleNotFound extends Error {
  override name = 'ModuleNotFoundError';
}

/** Specifiers that always mean the kernel's own modules (so notebooks need no install step). */
const ALIASES: Record<string, string> = {
  tsml: new URL('../index.js', import.meta.url).href,
  tslab: new URL('../display/tslab.js', import.meta.url).href,
};

export async function resolveSpecifier(specifier: string, fromDir: string): Promise<string> {
  if (specifier in ALIASES) return ALIASES[specifier];
  if (specifier.startsWith('node:') || BUILTINS.has(specifier)) return specifier;
  esmResolve ??= (await import('import-meta-resolve')).resolve;
  const parents = [pathToFileURL(fromDir.endsWith('/') ? fromDir : fromDir + '/').href, import.meta.url];
  let lastError: Error | undefined;
  for (const parent of parents) {
    try {
      return esmResolve(specifier, parent);
    } catch (e) {
      lastError = e as Error;
      if (/^[./]/.test(specifier)) break; // relative paths resolve from the notebook only
    }
  }
  throw notFound(specifier, fromDir, lastError);
}

function notFound(specifier: string, fromDir: string, cause: Error | undefined): ModuleNotFound {
  const bare = !/^[./]|^file:/.test(specifier);
  const hint = bare
    ? `Install it next to the notebook (npm install ${packageName(specifier)}) and run the cell again.`
    : `Check the path; relative imports resolve from ${fromDir}.`;
  // Node's own "cannot find package 'x' imported from <a kernel file>" repeats what the message says, pointing into the kernel.
  const detail = cause?.message.split('\n')[0] ?? '';
  const same = /^Cannot find (package|module) '/.test(detail) && detail.includes(`'${packageName(specifier)}'`);
  return new ModuleNotFound(`Cannot find module '${specifier}'. ${hint}${detail && !same ? ` (${detail})` : ''}`);
}

/** Whether `e` says that `specifier` itself is missing (not a module it requires in turn). */
const missing = (e: unknown, specifier: string) =>
  (e as { code?: string })?.code === 'MODULE_NOT_FOUND' && String((e as Error).message).startsWith(`Cannot find module '${specifier}'`);

/**
 * The cells' `require`: the notebook's directory first, then the kernel's own
 * packages (bare names only; relative paths mean the notebook's directory).
 * `require.resolve` searches the same way.
 */
export function cellRequire(fromDir: string): NodeJS.Require {
  const local = createRequire(fromDir.endsWith('/') ? fromDir : fromDir + '/');
  const own = createRequire(import.meta.url);
  const bare = (id: string) => !/^[./]|^file:/.test(id) && !id.startsWith('node:') && !BUILTINS.has(id);
  const search = <T>(id: string, load: (r: NodeJS.Require, id: string) => T): T => {
    if (id in ALIASES) return load(own, fileURLToPath(ALIASES[id]));
    try {
      return load(local, id);
    } catch (e) {
      if (!missing(e, id)) throw e;
      if (!bare(id)) throw notFound(id, fromDir, e as Error);
      try {
        return load(own, id);
      } catch (e2) {
        throw missing(e2, id) ? notFound(id, fromDir, e as Error) : e2;
      }
    }
  };
  const require = ((id: string) => search(id, (r, x) => r(x))) as NodeJS.Require;
  const resolve = ((id: string, options?: { paths?: string[] }) =>
    options ? local.resolve(id, options) : search(id, (r, x) => r.resolve(x))) as NodeJS.RequireResolve;
  resolve.paths = (id: string) => [...(local.resolve.paths(id) ?? []), ...(own.resolve.paths(id) ?? [])];
  return Object.assign(require, { resolve, cache: local.cache, main: local.main, extensions: local.extensions });
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

type Namespace = Record<string, unknown>;

/** Default import with both ESM and transpiled-CommonJS (`__esModule`) packages. */
export function defaultOf(ns: Namespace): unknown {
  const d = ns.default as Namespace | undefined;
  if (d && typeof d === 'object' && d.__esModule && 'default' in d) return d.default;
  return 'default' in ns ? ns.default : ns;
}

/**
 * A named import. Names that exist only as types have no runtime value; TypeScript
 * would have elided them, so they read as undefined instead of failing the cell.
 */
export function named(ns: Namespace, name: string): unknown {
  if (name in ns) return ns[name];
  const d = ns.default;
  if (d && (typeof d === 'object' || typeof d === 'function') && name in (d as Namespace)) return (d as Namespace)[name];
  return undefined;
}
