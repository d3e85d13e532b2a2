/** `tsml run` command line: options, usage text and exit codes. */
import { loadParamFile, parseParamValue, checkName } from './parameters.js';
import type { RunConfig } from './notebook-run.js';

export const RUN_USAGE = `Usage: tsml run IN.ipynb [OUT.ipynb] [options]
       tsml run NOTEBOOK|DIR|GLOB ... [options]

Executes notebooks through their Jupyter kernel and writes the executed notebook.
Each output goes next to its input as NAME.out.ipynb, to OUT.ipynb (one input),
or to --output-dir DIR. Directories are searched recursively for *.ipynb
(skipping *.out.ipynb, hidden directories and node_modules).

Options:
  -p, --parameter NAME VALUE   set a parameter; VALUE typed like papermill
                               (numbers, true/false, null, else a string)
  -r, --raw NAME VALUE         set a parameter to the string VALUE
  -f, --parameters-file FILE   parameters from a JSON or YAML mapping
                               (-p/-r given after it override it)
  -o, --output OUT.ipynb       the output notebook (one input only)
  --output-dir DIR             write outputs under DIR (same names and subpaths)
  --cwd DIR                    kernel working directory (default: the notebook's)
  --cell-timeout S             per-cell time limit in seconds (interrupts the kernel)
  --timeout S                  time limit for a whole notebook, in seconds
  --startup-timeout S          time for the kernel to start (default 60)
  --allow-errors               record errors and run every cell; the cells that
                               failed are listed, and the exit code is 5
  --kernel NAME                kernelspec to use (default: the notebook's, else tsml)
  --junit FILE                 write a JUnit XML report (one testcase per notebook)
  --jobs N                     run N notebooks at once, each in its own kernel
  --shard I/N                  run only shard I of N of the sorted notebook list
  -q, --quiet                  no progress, only failures and the summary
  -h, --help                   this help

Exit codes: 0 every notebook ran; 1 a cell raised an error; 2 bad usage or an
unreadable notebook; 3 a cell or notebook timed out; 4 a kernel died or did not
start; 5 every cell ran but some raised errors (--allow-errors; cells tagged
raises-exception do not count); 130/143 stopped by SIGINT/SIGTERM (outputs are
still written). With several notebooks the most serious wins: 2, 4, 3, 1, 5.
`;

export const EXIT = { ok: 0, cellError: 1, usage: 2, timeout: 3, deadKernel: 4, allowedErrors: 5 } as const;

export class UsageError extends Error {}

/** Everything `tsml run` was asked: what to run (RunConfig, shared by every notebook) and where. */
export interface RunOptions extends RunConfig {
  inputs: string[];
  output?: string;
  outputDir?: string;
  junit?: string;
  jobs: number;
  shard?: { index: number; count: number };
  quiet: boolean;
  help: boolean;
}

function positive(flag: string, v: string, integer = false): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(`${flag} needs a positive ${integer ? 'integer' : 'number'}, not '${v}'`);
  }
  return n;
}

export function parseRunArgs(argv: string[]): RunOptions {
  const o: RunOptions = { inputs: [], params: {}, startupTimeoutS: 60, allowErrors: false, jobs: 1, quiet: false, help: false };
  // --name=value is the same as --name value.
  const args = argv.flatMap((a) => (/^--[\w-]+=/.test(a) ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a]));
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const take = (what = 'a value'): string => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs ${what}`);
      return v;
    };
    const param = (typed: boolean) => {
      const name = take('a name and a value');
      const value = take('a name and a value');
      try {
        checkName(name);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      o.params[name] = typed ? parseParamValue(value) : value;
    };
    switch (a) {
      case '-p':
      case '--parameter':
        param(true);
        break;
      case '-r':
      case '--raw':
        param(false);
        break;
      case '-f':
      case '--parameters-file':
        try {
          Object.assign(o.params, loadParamFile(take('a file')));
        } catch (e) {
          throw new UsageError((e as Error).message);
        }
        break;
      case '-o':
      case '--output':
        o.output = take('a path');
        break;
      case '--output-dir':
        o.outputDir = take('a directory');
        break;
      case '--cwd':
        o.cwd = take('a directory');
        break;
      case '--cell-timeout':
        o.cellTimeoutS = positive(a, take('seconds'));
        break;
      case '--timeout':
        o.timeoutS = positive(a, take('seconds'));
        break;
      case '--startup-timeout':
        o.startupTimeoutS = positive(a, take('seconds'));
        break;
      case '--allow-errors':
        o.allowErrors = true;
        break;
      case '--kernel':
        o.kernel = take('a kernel name');
        break;
      case '--junit':
        o.junit = take('a file');
        break;
      case '--jobs':
      case '-j':
        o.jobs = positive(a, take('a number'), true);
        break;
      case '--shard': {
        const v = take('I/N');
        const m = /^(\d+)\/(\d+)$/.exec(v);
        if (!m || +m[1] < 1 || +m[1] > +m[2]) throw new UsageError(`--shard needs I/N with 1 <= I <= N, not '${v}'`);
        o.shard = { index: +m[1], count: +m[2] };
        break;
      }
      case '-q':
      case '--quiet':
        o.quiet = true;
        break;
      case '-h':
      case '--help':
        o.help = true;
        break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
        positionals.push(a);
    }
  }
  // papermill's form: IN.ipynb OUT.ipynb. Anything else is a list of inputs (with --output-dir, always).
  if (positionals.length === 2 && !o.output && !o.outputDir && positionals.every((p) => p.endsWith('.ipynb')) && !/[*?[]/.test(positionals[0])) {
    o.output = positionals.pop();
  }
  o.inputs = positionals;
  if (!o.help && o.inputs.length === 0) throw new UsageError('no notebook given');
  if (o.output && o.outputDir) throw new UsageError('give OUT.ipynb or --output-dir, not both');
  return o;
}
