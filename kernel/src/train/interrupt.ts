/**
 * Lets a fit stop at a batch boundary when the user interrupts the kernel.
 * The kernel sets a shared flag (read through the cell runtime's `check()`)
 * and, when nothing acknowledges it within ~30 ms, sends SIGINT, whose kernel
 * listener fails the cell at once. The fit keeps running until its next
 * boundary, so it also listens for that SIGINT itself: the next cell may clear
 * the flag before the boundary comes, the listener's note stays.
 */
import { RUNTIME } from '../engine/rewrite.js';
import { KeyboardInterrupt } from '../engine/traceback.js';

export interface InterruptWatch {
  readonly requested: boolean;
  dispose(): void;
}

type Runtime = { check(): void };

export function watchInterrupt(): InterruptWatch {
  const rt = (globalThis as Record<string, unknown>)[RUNTIME] as Runtime | undefined;
  let signalled = false;
  const onSigint = () => {
    signalled = true;
  };
  // Only inside the kernel: in a plain script, Ctrl-C keeps its default (exit).
  if (rt) process.on('SIGINT', onSigint);
  return {
    get requested() {
      if (signalled) return true;
      try {
        rt?.check();
        return false;
      } catch (e) {
        if (e instanceof KeyboardInterrupt) return (signalled = true);
        throw e;
      }
    },
    dispose() {
      if (rt) process.off('SIGINT', onSigint);
    },
  };
}

/**
 * The error a fit ends with when the kernel is interrupted: it stopped at a batch boundary, the
 * model keeps its weights, and `history` holds what was recorded (pass it back to resume).
 */
export class TrainingInterrupted extends KeyboardInterrupt {
  constructor(message: string, readonly history: unknown) {
    super(message);
  }
}
