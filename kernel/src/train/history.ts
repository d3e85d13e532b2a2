/**
 * What a fit recorded: one record per epoch (mean loss and metrics over the
 * epoch's examples, validation figures, learning rate, time) and one per
 * optimizer step. Shaped like Keras'/tfjs' History too (`history.loss[i]`,
 * `epoch`), renders as a table, and `toTable()` gives an arquero table.
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { JUPYTER_DISPLAY, type MimeBundle } from '../mime/index.js';
import { tableBundle } from '../data/render/display.js';

export type Logs = Record<string, number>;

export type RunStatus = 'running' | 'done' | 'interrupted' | 'stopped' | 'failed';

export interface EpochRecord extends Logs {
  /** 0-based epoch index, as Keras numbers them. */
  epoch: number;
  /** Optimizer steps taken by the end of this epoch (all epochs so far). */
  step: number;
  /** Wall time of the epoch in milliseconds (training and validation). */
  time: number;
}

/**
 * What a fit recorded: one record per epoch (mean loss and metrics, validation figures, learning
 * rate, time) and one per optimizer step; Keras-shaped too (`history.loss[i]`, `epoch`). Renders
 * as a table; `toTable()` gives an arquero table.
 */
export class History {
  readonly epochs: EpochRecord[] = [];
  /** Per-step logs, stored by column: `step`, `epoch` (fractional: 1.5 is half-way through the second epoch) and each metric. */
  readonly batches: { step: number[]; epoch: number[]; values: Map<string, number[]> } = { step: [], epoch: [], values: new Map() };
  status: RunStatus = 'running';
  /** Why training stopped before its last epoch (early stopping, interrupt). */
  note: string | undefined;
  /** The epoch whose weights the model holds when early stopping restored them. */
  restoredEpoch: number | undefined;

  constructor(readonly name = 'run') {}

  addBatch(step: number, epoch: number, logs: Logs): void {
    const b = this.batches;
    const i = b.step.length;
    b.step.push(step);
    b.epoch.push(epoch);
    for (const [k, v] of Object.entries(logs)) {
      let col = b.values.get(k);
      if (!col) b.values.set(k, (col = new Array(i).fill(NaN)));
      col.push(v);
    }
    for (const col of b.values.values()) if (col.length === i) col.push(NaN);
  }

  addEpoch(rec: EpochRecord): void {
    this.epochs.push(rec);
  }

  /** Epochs finished. */
  get length(): number {
    return this.epochs.length;
  }

  /** tfjs/Keras compatibility: the epoch indices. */
  get epoch(): number[] {
    return this.epochs.map((e) => e.epoch);
  }

  /** tfjs/Keras compatibility: `history.history.val_loss[i]`. */
  get history(): Record<string, number[]> {
    const out: Record<string, number[]> = {};
    for (const name of this.metricNames()) out[name] = this.metric(name);
    return out;
  }

  /** Names logged per epoch, in the order first seen (loss and metrics, then val_*, then lr). */
  metricNames(): string[] {
    const names = new Set<string>();
    for (const e of this.epochs) for (const k of Object.keys(e)) if (k !== 'epoch' && k !== 'step' && k !== 'time') names.add(k);
    return [...names];
  }

  /** One metric per epoch (NaN where an epoch did not log it). */
  metric(name: string): number[] {
    return this.epochs.map((e) => (name in e ? e[name] : NaN));
  }

  /** The last epoch's value of a metric. */
  last(name: string): number {
    const e = this.epochs[this.epochs.length - 1];
    return e && name in e ? e[name] : NaN;
  }

  /** The best epoch by a metric: lowest for losses and errors, highest for accuracy-like names (or as `mode` says). */
  best(name: string, mode: 'min' | 'max' | 'auto' = 'auto'): { epoch: number; value: number } | undefined {
    const m = mode === 'auto' ? inferMode(name) : mode;
    let best: { epoch: number; value: number } | undefined;
    for (const e of this.epochs) {
      const v = e[name];
      if (!Number.isFinite(v)) continue;
      if (!best || (m === 'min' ? v < best.value : v > best.value)) best = { epoch: e.epoch, value: v };
    }
    return best;
  }

  /** Per-epoch records (default) or per-step records as an arquero table. */
  toTable(scope: 'epoch' | 'batch' = 'epoch'): ColumnTable {
    if (scope === 'batch') {
      const cols: Record<string, number[]> = { step: this.batches.step, epoch: this.batches.epoch };
      for (const [k, v] of this.batches.values) cols[k] = v;
      return aq.table(cols);
    }
    const cols: Record<string, number[]> = { epoch: this.epoch };
    for (const name of this.metricNames()) cols[name] = this.metric(name);
    cols.time_ms = this.epochs.map((e) => Math.round(e.time));
    return aq.table(cols);
  }

  [JUPYTER_DISPLAY](): MimeBundle {
    const bundle = tableBundle(this.toTable());
    const summary = `History (${this.name}): ${this.length} epochs, ${this.status}${this.note ? ` — ${this.note}` : ''}`;
    return { ...bundle, 'text/plain': `${summary}\n${bundle['text/plain']}` };
  }

  toString(): string {
    return `History(${this.length} epochs, ${this.status})`;
  }
}

/** Accuracy-like metrics improve upwards; everything else (losses, errors) downwards. */
export function inferMode(name: string): 'min' | 'max' {
  return /acc|auc|precision|recall|f1|r2/i.test(name.replace(/^val_/, '')) ? 'max' : 'min';
}
