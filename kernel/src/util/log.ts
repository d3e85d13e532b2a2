/**
 * Kernel diagnostics go straight to file descriptor 2: the engine redirects
 * process.stdout/stderr into notebook streams, and a log line must never end up
 * in a user's cell output.
 */
import { writeSync } from 'node:fs';

const verbose = /^(1|true|debug)$/i.test(process.env.TSML_DEBUG ?? '');

export function log(message: string): void {
  try {
    writeSync(2, `[tsml] ${message}\n`);
  } catch {
    // stderr closed: nothing sensible left to do with a diagnostic.
  }
}

export function debug(message: string): void {
  if (verbose) log(message);
}
