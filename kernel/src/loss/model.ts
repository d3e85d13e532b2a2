/**
 * Reads a loss payload into what the charts draw: one chart per metric
 * (`val_x` joins `x`'s chart), each with its runs' lines, and the learning
 * rate as a second axis on the loss chart.
 */
import type { LossPayload, LossRunPayload, LossSeriesPayload } from '../mime/loss.js';
import { decodeBuckets, type Bucket } from './decimate.js';

export const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

export interface ChartLine {
  run: string;
  /** The logged name, e.g. 'val_loss'. */
  series: string;
  role: 'train' | 'val';
  scope: 'batch' | 'epoch';
  color: string;
  dashed: boolean;
  buckets: Bucket[];
}

export interface LossChart {
  metric: string;
  lines: ChartLine[];
  /** Learning-rate lines (second y axis), on the loss chart only. */
  lr: ChartLine[];
}

export interface LossModel {
  title?: string;
  xLabel: string;
  xLog: boolean;
  smoothing: number;
  logY: boolean;
  runs: LossRunPayload[];
  charts: LossChart[];
  marker?: { x: number; label: string };
}

export class LossPayloadError extends Error {
  override name = 'LossPayloadError';
}

export const baseMetric = (name: string) => name.replace(/^val_/, '');

/** Metrics in a stable order: loss first, then as they first appear. */
function metricOrder(runs: LossRunPayload[]): string[] {
  const seen: string[] = [];
  for (const r of runs) for (const s of r.series) {
    const m = baseMetric(s.name);
    if (m !== 'lr' && !seen.includes(m)) seen.push(m);
  }
  return seen.sort((a, b) => (a === 'loss' ? -1 : b === 'loss' ? 1 : 0));
}

function check(p: unknown): asserts p is LossPayload {
  const x = p as LossPayload | null;
  if (!x || typeof x !== 'object' || x.version !== 1 || !Array.isArray(x.runs)) {
    throw new LossPayloadError('not a tsml loss payload (expected { version: 1, runs: [...] })');
  }
}

export function lossModel(payload: unknown): LossModel {
  check(payload);
  const single = payload.runs.length === 1;
  const charts: LossChart[] = metricOrder(payload.runs).map((metric) => ({ metric, lines: [], lr: [] }));
  const byMetric = new Map(charts.map((c) => [c.metric, c]));
  payload.runs.forEach((run, i) => {
    const hasBatch = new Set(run.series.filter((s) => s.scope === 'batch').map((s) => s.name));
    for (const s of run.series) {
      const role = s.name.startsWith('val_') ? 'val' : 'train';
      // A metric logged per batch draws from its batch series; its per-epoch mean would only repeat it.
      if (s.scope === 'epoch' && role === 'train' && hasBatch.has(s.name)) continue;
      const line = toLine(run, s, role, single ? PALETTE[role === 'val' ? 1 : 0] : PALETTE[i % PALETTE.length], !single && role === 'val');
      if (s.name === 'lr') {
        const loss = byMetric.get('loss') ?? charts[0];
        loss?.lr.push({ ...line, color: single ? '#7f7f7f' : line.color, dashed: true });
      } else byMetric.get(baseMetric(s.name))?.lines.push(line);
    }
  });
  return {
    title: payload.title,
    xLabel: payload.xLabel ?? 'epoch',
    xLog: Boolean(payload.xLog),
    smoothing: typeof payload.smoothing === 'number' ? payload.smoothing : 0.6,
    logY: Boolean(payload.logY),
    runs: payload.runs,
    charts,
    marker: payload.marker,
  };
}

function toLine(run: LossRunPayload, s: LossSeriesPayload, role: 'train' | 'val', color: string, dashed: boolean): ChartLine {
  return { run: run.name, series: s.name, role, scope: s.scope, color, dashed, buckets: decodeBuckets(s.buckets) };
}

/** The legend: one entry per run (several runs) or per role (one run), with its line style. */
export function legendEntries(model: LossModel): { name: string; color: string; dashed: boolean }[] {
  const seen = new Map<string, { color: string; dashed: boolean }>();
  for (const c of model.charts) for (const l of [...c.lines, ...c.lr]) {
    const role = l.series === 'lr' ? 'learning rate' : l.role === 'val' ? 'validation' : 'training';
    const key = model.runs.length > 1 ? `${l.run}${l.role === 'val' ? ' (val)' : l.series === 'lr' ? ' (lr)' : ''}` : role;
    if (!seen.has(key)) seen.set(key, { color: l.color, dashed: l.dashed });
  }
  return [...seen].map(([name, s]) => ({ name, ...s }));
}
