/** The text/plain summary of a loss chart: one line per run, then each series' first, best and last value. */
import type { LossRunPayload } from '../mime/loss.js';
import type { LossModel } from './model.js';
import { formatValue } from './scale.js';

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

const STATUS: Record<LossRunPayload['status'], string> = { running: 'running', done: 'done', interrupted: 'interrupted', stopped: 'stopped early', failed: 'failed' };

export function runLine(run: LossRunPayload): string {
  const epochs = run.epochs ? `epoch ${run.epoch}/${run.epochs}, ` : run.epoch ? `epoch ${run.epoch}, ` : '';
  const eta = run.status === 'running' && run.etaMs != null ? `, ETA ${formatDuration(run.etaMs)}` : '';
  const note = run.note ? ` — ${run.note}` : '';
  return `${run.name}: ${STATUS[run.status]}, ${epochs}${run.step} steps, ${formatDuration(run.elapsedMs)}${eta}${note}`;
}

export function lossText(model: LossModel): string {
  const lines: string[] = [];
  if (model.title) lines.push(model.title);
  for (const run of model.runs) lines.push(runLine(run));
  for (const c of model.charts) for (const l of [...c.lines, ...c.lr]) {
    const b = l.buckets;
    if (!b.length) continue;
    const best = Math.min(...b.map((x) => x.min));
    const points = b.reduce((n, x) => n + x.n, 0);
    const who = model.runs.length > 1 ? `${l.run} ` : '';
    lines.push(`  ${who}${l.series} (${points} ${l.scope === 'batch' ? 'steps' : 'epochs'}): min ${formatValue(best)}, last ${formatValue(b[b.length - 1].last)}`);
  }
  return lines.join('\n');
}
