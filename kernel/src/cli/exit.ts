/** How every `tsml` command ends: with its exit code, or with its error on stderr and code 1. */
import { writeSync } from 'node:fs';

export function finish(result: Promise<number>): void {
  result.then(
    (code) => {
      if (code !== undefined && code !== -1) process.exitCode = code; // -1: keep running (a kernel)
    },
    (e: Error) => {
      // Straight to file descriptor 2: a starting kernel has already routed process.stderr into cell
      // outputs (no cell to show it in), and the exit below must not outrun a buffered write.
      try {
        writeSync(2, `tsml: ${e.message}\n`);
      } catch {
        // stderr closed: the exit code still says it failed
      }
      process.exit(1); // a half-started kernel's I/O thread must not keep the process alive
    },
  );
}
