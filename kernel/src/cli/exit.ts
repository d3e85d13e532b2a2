/** How every `tsml` command ends: with its exit code, or with its error on stderr and code 1. */
export function finish(result: Promise<number>): void {
  result.then(
    (code) => {
      if (code !== undefined && code !== -1) process.exitCode = code; // -1: keep running (a kernel)
    },
    (e: Error) => {
      process.stderr.write(`tsml: ${e.message}\n`);
      process.exit(1); // a half-started kernel's I/O thread must not keep the process alive
    },
  );
}
