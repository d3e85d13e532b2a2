/**
 * `tsml install | kernel | run | --version`. Each command loads only what it needs,
 * so `tsml kernel` starts fast (this file imports nothing else before it knows the command).
 * Jupyter starts the kernel through bin/tsml.cjs, which skips this file (see kernel-start.ts).
 */
import { finish } from './exit.js';

const usage = async () => `tsml ${(await import('../info.js')).VERSION}: TypeScript notebooks for hands-on machine learning

Usage:
  tsml install [--user | --sys-prefix | --prefix DIR] [--name NAME] [--display-name NAME]
               [--interrupt-mode message|signal] [--python PYTHON]
      Register the kernel with Jupyter (default: --user).
  tsml kernel CONNECTION_FILE
      Run the kernel (Jupyter starts this from the kernelspec).
  tsml run IN.ipynb [OUT.ipynb] | NOTEBOOK|DIR|GLOB ... [-p NAME VALUE] [-f PARAMS.json|yaml]
           [--cell-timeout S] [--timeout S] [--allow-errors] [--junit FILE] [--jobs N] [--shard I/N]
      Execute notebooks headless through their kernel (tsml run --help for all options).
  tsml --version
`;

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'kernel': {
      const { startKernel } = await import('./kernel-start.js');
      return startKernel(rest);
    }
    case 'install': {
      const { install } = await import('./install.js');
      return install(rest);
    }
    case 'run': {
      const { run } = await import('../runner/index.js');
      return run(rest);
    }
    case '--version':
    case '-V':
    case 'version':
      process.stdout.write(`${(await import('../info.js')).VERSION}\n`);
      return 0;
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(await usage());
      return cmd ? 0 : 2;
    default:
      process.stderr.write(`tsml: unknown command '${cmd}'\n\n${await usage()}`);
      return 2;
  }
}

finish(main(process.argv.slice(2)));
