/** `tsml.schedules`: learning-rate schedules (pure, step → rate) and reduce-on-plateau (stateful). */
import type { MimeBundle } from '../../mime/index.js';
import { JUPYTER_DISPLAY } from '../../mime/index.js';
import type { Schedule } from './basic.js';
import { scheduleBundle } from './display.js';

export { constant, step, exponential, makeSchedule, type Schedule } from './basic.js';
export { cosine, type CosineOptions } from './cosine.js';
export { oneCycle, type OneCycleOptions } from './one-cycle.js';
export { reduceOnPlateau, ReduceOnPlateau, type PlateauOptions } from './plateau.js';

/** Several schedules on one chart: `display(tsml.schedules.compare([a, b], { totalSteps: 500 }))`. */
export function compare(list: Schedule[], opts: { totalSteps?: number; names?: string[] } = {}): { [JUPYTER_DISPLAY](): MimeBundle } {
  return { [JUPYTER_DISPLAY]: () => scheduleBundle(list, opts.totalSteps, opts.names) };
}
