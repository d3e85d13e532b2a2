/**
 * Files of the `vega-datasets` npm package, read from node_modules: nothing is
 * downloaded. The package exports only its JS build, so `data/` is found from
 * the resolved entry point by walking up to the package root rather than by
 * resolving 'vega-datasets/data/…' (which its `exports` map forbids).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let dataDir: string | undefined;

function vegaDataDir(): string {
  if (dataDir) return dataDir;
  const entry = createRequire(import.meta.url).resolve('vega-datasets');
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'vega-datasets') {
      return (dataDir = join(dir, 'data'));
    }
  }
  throw new Error(`vega-datasets: no package root above ${entry}; reinstall it (npm install vega-datasets)`);
}

/** Absolute path of a vega-datasets file, e.g. 'flights-200k.arrow', for any reader. */
export function vegaDatasetPath(file: string): string {
  if (file.includes('/') || file.includes('\\') || file.startsWith('.')) {
    throw new RangeError(`expected a file name in vega-datasets/data, got ${JSON.stringify(file)}`);
  }
  const path = join(vegaDataDir(), file);
  if (!existsSync(path)) throw new Error(`vega-datasets has no data/${file} (installed at ${vegaDataDir()})`);
  return path;
}

export function readVegaText(file: string): string {
  return readFileSync(vegaDatasetPath(file), 'utf8');
}

export function readVegaJson<T = Record<string, unknown>[]>(file: string): T {
  return JSON.parse(readVegaText(file)) as T;
}
