/**
 * Payload of `TsmlMime.loss`: live training curves. The kernel sends the whole
 * state on every update (Jupyter's update_display_data replaces an output), so
 * every series is decimated to a bounded number of buckets whatever the run
 * length: each bucket keeps the min, max, last value and the mean of the raw
 * points it covers (W&B-style, never random sampling), so spikes survive and
 * the panel can smooth in raw-step units.
 */

/** How a run ended, or that it is still going. */
export type LossRunStatus = 'running' | 'done' | 'interrupted' | 'stopped' | 'failed';

export interface LossSeriesPayload {
  /** Metric name as logged: 'loss', 'val_loss', 'mae', 'lr', … */
  name: string;
  /** Logged after every optimizer step, or once per epoch. */
  scope: 'batch' | 'epoch';
  /** Raw points logged so far (the buckets summarise all of them). */
  count: number;
  /**
   * Buckets as a little-endian Float32Array in base64, `BUCKET_FIELDS` floats
   * per bucket: x of the bucket's last point, min, max, last, mean, n (points).
   */
  buckets: string;
}

/** Floats per bucket in `LossSeriesPayload.buckets`, in order. */
export const LOSS_BUCKET_FIELDS = ['x', 'min', 'max', 'last', 'mean', 'n'] as const;

export interface LossRunPayload {
  name: string;
  status: LossRunStatus;
  /** Epochs finished and planned (planned is 0 when unknown). */
  epoch: number;
  epochs: number;
  /** Optimizer steps taken. */
  step: number;
  elapsedMs: number;
  /** Estimated time left while running; null when unknown. */
  etaMs: number | null;
  /** Why a run stopped, what was restored, … */
  note?: string;
  series: LossSeriesPayload[];
}

export interface LossPayload {
  version: 1;
  title?: string;
  /** Label of the shared x axis: 'epoch' for fits (batches at fractional epochs), 'learning rate' for an LR sweep. */
  xLabel: string;
  /** Log-scaled x (an LR sweep). */
  xLog?: boolean;
  /** Default EMA weight of the panel's smoothing slider (0 = none). */
  smoothing: number;
  /** Default of the log-y toggle. */
  logY?: boolean;
  /** Several runs share one chart (an LR sweep, schedules side by side). */
  runs: LossRunPayload[];
  /** A vertical marker, e.g. the LR finder's suggestion. */
  marker?: { x: number; label: string };
}
