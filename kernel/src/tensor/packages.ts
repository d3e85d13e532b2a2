/**
 * Finding and loading the optional TensorFlow.js packages. They are looked up
 * next to the notebook first (the kernel runs in the notebook's folder, where a
 * user would `npm install @tensorflow/tfjs-node`), then among the kernel's own
 * dependencies — the order cell imports resolve in.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface PackageHome {
  /** Where the package's package.json lives. */
  dir: string;
  version: string;
  /** A require() that resolves from inside the package, so its own dependencies are the ones found. */
  require: NodeJS.Require;
}

export interface PackageFinder {
  find(name: string): PackageHome | undefined;
}

/** Looks packages up from each base directory in turn. */
export function packageFinder(bases: string[]): PackageFinder {
  return {
    find(name) {
      for (const base of bases) {
        let pkgJson: string;
        try {
          pkgJson = createRequire(join(base, 'noop.js')).resolve(`${name}/package.json`);
        } catch {
          continue;
        }
        if (!existsSync(pkgJson)) continue;
        const req = createRequire(pkgJson);
        let version = '?';
        try {
          version = String((req(pkgJson) as { version?: string }).version ?? '?');
        } catch {
          // unreadable package.json: still report it as found, loading will say why it fails
        }
        return { dir: dirname(pkgJson), version, require: req };
      }
      return undefined;
    },
  };
}

const KERNEL_DIR = dirname(fileURLToPath(import.meta.url));

/** The notebook's folder (the kernel's cwd), then the kernel's own node_modules. */
export function defaultFinder(): PackageFinder {
  return packageFinder([process.cwd(), KERNEL_DIR]);
}

/** Loads a package by its resolved main entry: require() for CommonJS, import() for ESM-only ones. */
export async function loadPackage(home: PackageHome, name: string): Promise<any> {
  try {
    return home.require(name);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ERR_REQUIRE_ESM') throw e;
  }
  const entry = home.require.resolve(name);
  return import(pathToFileURL(entry).href);
}

/** The first line of an error, without the stack, for a one-line skip reason. */
export function errorLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : typeof e === 'object' && e && 'message' in e ? String((e as { message: unknown }).message) : String(e);
  return msg.split('\n').find((l) => l.trim())?.trim() ?? 'unknown error';
}
