/**
 * `callbacks.csvLogger(path, { append })`: one CSV row per epoch (epoch, the
 * losses and metrics, val_*, lr), flushed as each epoch ends so a crash keeps
 * what was logged. Columns come from the first epoch logged.
 */
import { appendFileSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Logs } from '../history.js';
import type { Callback, TrainContext } from './types.js';

export class CsvLogger implements Callback {
  readonly name = 'csvLogger';
  private columns: string[] | null = null;
  private needHeader = true;
  readonly path: string;

  constructor(path: string, readonly opts: { append?: boolean; separator?: string } = {}) {
    if (typeof path !== 'string' || !path) throw new TypeError("csvLogger: pass the path of the CSV file, e.g. csvLogger('training.csv')");
    this.path = resolve(path);
  }

  onTrainBegin(_ctx: TrainContext): void {
    mkdirSync(dirname(this.path), { recursive: true });
    this.columns = null;
    this.needHeader = !(this.opts.append && existsSync(this.path) && statSync(this.path).size > 0);
    if (this.needHeader) writeFileSync(this.path, '');
  }

  onEpochEnd(epoch: number, logs: Logs): void {
    const sep = this.opts.separator ?? ',';
    if (!this.columns) {
      this.columns = ['epoch', ...Object.keys(logs)];
      if (this.needHeader) appendFileSync(this.path, this.columns.join(sep) + '\n');
    }
    const row = this.columns.map((c) => (c === 'epoch' ? String(epoch) : c in logs ? String(logs[c]) : ''));
    appendFileSync(this.path, row.join(sep) + '\n');
  }
}

export const csvLogger = (path: string, opts?: { append?: boolean; separator?: string }) => new CsvLogger(path, opts);
