/**
 * From command-line inputs (notebooks, directories, globs) to the sorted list of
 * notebooks to run, this shard's part of it, and where each output goes.
 * Expansion skips executed outputs (*.out.ipynb), hidden directories,
 * node_modules and .ipynb_checkpoints, so running a directory twice does not
 * run the outputs of the first run.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from './options.js';
import type { NotebookJob } from './notebook-run.js';

export const OUTPUT_SUFFIX = '.out.ipynb';

interface Found {
  path: string;
  /** The path below the directory or glob base it was found under (the name, for a file). */
  rel: string;
}

const MAGIC = /[*?[{]/;
const skipDir = (name: string) => name.startsWith('.') || name === 'node_modules';
const isNotebook = (name: string) => name.endsWith('.ipynb') && !name.endsWith(OUTPUT_SUFFIX);

function walk(dir: string, visit: (path: string) => void): void {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!skipDir(e.name)) walk(p, visit);
    } else if (e.isFile() || e.isSymbolicLink()) visit(p);
  }
}

/** A glob as a regular expression over '/'-separated paths: *, **, ?, [abc] and {a,b}. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += '[' + glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = end;
      }
    } else if (ch === '{') {
      const end = glob.indexOf('}', i + 1);
      if (end < 0) re += '\\{';
      else {
        re += '(?:' + glob.slice(i + 1, end).split(',').map((s) => s.replace(/[.+^$()|\\]/g, '\\$&')).join('|') + ')';
        i = end;
      }
    } else re += ch.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function expandGlob(pattern: string): Found[] {
  const parts = pattern.split(/[\\/]/);
  const fixed = parts.findIndex((p) => MAGIC.test(p));
  const base = parts.slice(0, fixed).join('/') || (pattern.startsWith('/') ? '/' : '.');
  const re = globToRegExp(parts.slice(fixed).join('/'));
  const found: Found[] = [];
  if (!existsSync(base)) return found;
  walk(base, (p) => {
    const rel = relative(base, p).split(sep).join('/');
    if (re.test(rel) && isNotebook(basename(p))) found.push({ path: p, rel });
  });
  return found;
}

function expand(input: string): Found[] {
  if (MAGIC.test(input) && !existsSync(input)) {
    const found = expandGlob(input);
    if (found.length === 0) throw new UsageError(`no notebook matches ${input}`);
    return found;
  }
  let st;
  try {
    st = statSync(input);
  } catch {
    throw new UsageError(`no such notebook or directory: ${input}`);
  }
  if (!st.isDirectory()) return [{ path: input, rel: basename(input) }];
  const found: Found[] = [];
  walk(input, (p) => {
    if (isNotebook(basename(p))) found.push({ path: p, rel: relative(input, p).split(sep).join('/') });
  });
  return found;
}

/** Relative to the working directory when below it, else absolute. */
export function displayPath(p: string): string {
  const rel = relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : p;
}

/** Every n-th notebook of the sorted list, starting with the index-th (1-based). */
export function shardOf<T>(items: T[], index: number, count: number): T[] {
  return items.filter((_, i) => i % count === index - 1);
}

/** A notebook tsml run did not write is never overwritten (it may be someone's source notebook). */
function checkOverwrite(output: string): void {
  if (!existsSync(output)) return;
  let written = false;
  try {
    written = JSON.parse(readFileSync(output, 'utf8'))?.metadata?.tsml !== undefined;
  } catch {
    // unreadable: not ours
  }
  if (!written) {
    throw new UsageError(
      `${output} exists and was not written by tsml run; not overwriting it (delete it first, or use --output-dir; to run several notebooks, pass a directory or glob)`,
    );
  }
}

export interface PlanOptions {
  inputs: string[];
  output?: string;
  outputDir?: string;
  shard?: { index: number; count: number };
}

export function planJobs(o: PlanOptions): { jobs: NotebookJob[]; total: number } {
  const byPath = new Map<string, Found>();
  for (const input of o.inputs) for (const f of expand(input)) if (!byPath.has(resolve(f.path))) byPath.set(resolve(f.path), f);
  const all = [...byPath.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (all.length === 0) throw new UsageError(`no notebooks found in ${o.inputs.join(' ')}`);
  if (o.output && all.length > 1) throw new UsageError(`an output path names one notebook, but ${all.length} were given; use --output-dir`);
  const mine = o.shard ? shardOf(all, o.shard.index, o.shard.count) : all;
  const outputs = new Set<string>();
  const jobs = mine.map(([path, f]) => {
    const output = resolve(
      o.output ?? (o.outputDir ? join(o.outputDir, f.rel) : join(dirname(path), basename(path, '.ipynb') + OUTPUT_SUFFIX)),
    );
    if (output === path) throw new UsageError(`the output of ${f.path} would overwrite it; choose another output`);
    if (outputs.has(output)) throw new UsageError(`two notebooks would write ${output}; use separate runs or directories`);
    outputs.add(output);
    checkOverwrite(output);
    return { input: path, output, label: displayPath(path) };
  });
  return { jobs, total: all.length };
}
