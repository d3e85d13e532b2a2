/**
 * Schedules draw themselves (`display(schedule)`, or several side by side with
 * `schedules.compare`): the rate, and momentum when the schedule cycles it,
 * as a loss-panel chart whose x axis is the step.
 */
import type { MimeBundle } from '../../mime/index.js';
import { LiveChart } from '../chart.js';
import type { Schedule } from './basic.js';

export function scheduleChart(list: Schedule[], totalSteps?: number, names?: string[]): LiveChart {
  const chart = new LiveChart({ title: 'learning-rate schedule', xLabel: 'step', smoothing: 0, live: false });
  list.forEach((s, i) => {
    const total = s.totalSteps ?? totalSteps ?? 100;
    const run = chart.run(names?.[i] ?? s.label);
    for (let k = 0; k < total; k++) {
      run.log('batch', 'learning rate', k, s(k, total));
      if (s.momentum) run.log('batch', 'momentum', k, s.momentum(k, total));
    }
    run.status = 'done';
    run.step = total;
  });
  return chart;
}

export function scheduleBundle(s: Schedule | Schedule[], totalSteps?: number, names?: string[]): MimeBundle {
  return scheduleChart(Array.isArray(s) ? s : [s], totalSteps, names).bundle(true);
}
