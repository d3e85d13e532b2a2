/**
 * One training step's arithmetic, shared by `fit` (tfjs-layers models) and
 * `fitLoop` (custom loss over variables). Gradient accumulation is exact:
 * every micro-batch adds the gradient of its *summed* per-example (or
 * per-unmasked-token) loss, and the optimizer step divides by the total count
 * of the whole group, so N micro-batches give the gradient of one big batch,
 * even when they hold different numbers of real tokens (averaging per-batch
 * means would weight a short batch's tokens more).
 */
import type * as TF from '@tensorflow/tfjs';
import type { Batch } from './data.js';
import { applyFused } from './fused/index.js';

type Tensor = TF.Tensor;

/**
 * What one micro-batch contributes: the examples (or unmasked tokens) its loss counts, and a kept
 * tensor of [sum, count] pairs — loss first, then each metric — that the loop reads and disposes.
 */
export interface Contribution {
  sums: Tensor;
}

/** Per-example (or per-position) values of loss and metrics for a batch; a scalar counts as the batch mean. */
export type Evaluation = { loss: Tensor } & Record<string, Tensor>;

export interface StepArithmetic {
  /** Metric names in the order of `sums` after the loss. */
  readonly metrics: string[];
  readonly variables: TF.Variable[];
  readonly optimizer: TF.Optimizer;
  /** Forward pass; `training` turns dropout etc. on. */
  evaluate(batch: Batch, training: boolean): Evaluation;
}

const rowsOf = (batch: Batch) => (Array.isArray(batch.x) ? batch.x[0] : batch.x).shape[0] ?? 1;

/**
 * Sum and count of per-example values. A mask with no more axes than the values weights them (a
 * [batch, time] mask on [batch, time] per-token losses; broadcast from the left onto more axes);
 * a mask with more axes belongs to the inputs (per-sequence losses of masked sequences) and is
 * not applied. A scalar is a batch mean: it counts as that many rows.
 */
export function weightedSum(tf: typeof TF, values: Tensor, mask: Tensor | undefined, rows: number): [TF.Scalar, TF.Scalar] {
  if (values.rank === 0) return [tf.mul(values, rows) as TF.Scalar, tf.scalar(rows)];
  if (!mask || mask.rank > values.rank) return [tf.sum(values), tf.scalar(values.size)];
  let m = mask.toFloat();
  while (m.rank < values.rank) m = m.expandDims(-1);
  const w = tf.mul(tf.onesLike(values), m);
  return [tf.sum(tf.mul(values, w)), tf.sum(w)];
}

function pairs(tf: typeof TF, step: StepArithmetic, ev: Evaluation, batch: Batch): Tensor[] {
  const rows = rowsOf(batch);
  return [ev.loss, ...step.metrics.map((m) => ev[m])].flatMap((v, i) => {
    if (!v) throw new TypeError(`fit: the evaluation has no '${i === 0 ? 'loss' : step.metrics[i - 1]}'`);
    return weightedSum(tf, v, batch.mask, rows);
  });
}

export class Accumulator {
  private grads: Map<string, Tensor> | null = null;

  constructor(private readonly tf: typeof TF, private readonly step: StepArithmetic) {}

  /**
   * Forward and backward for one micro-batch; adds the gradient of its summed loss,
   * or, with `mean` (no accumulation), of its mean straight away.
   */
  add(batch: Batch, mean = false): Contribution {
    const { tf, step } = this;
    let sums!: Tensor;
    const { grads, value } = tf.variableGrads(() => {
      const parts = pairs(tf, step, step.evaluate(batch, true), batch);
      sums = tf.keep(tf.stack(parts));
      // The count does not depend on the variables: dividing by it inside is the mean's gradient.
      return (mean ? tf.div(parts[0], parts[1]) : parts[0]) as TF.Scalar;
    }, step.variables.length ? step.variables : undefined);
    value.dispose();
    if (!this.grads) this.grads = new Map(Object.entries(grads));
    else {
      for (const [k, g] of Object.entries(grads)) {
        const prev = this.grads.get(k);
        this.grads.set(k, prev ? tf.add(prev, g) : g);
        if (prev) {
          prev.dispose();
          g.dispose();
        }
      }
    }
    return { sums };
  }

  /** Applies the accumulated gradient divided by the group's total count (1 when already divided). */
  apply(total: number): void {
    const { tf } = this;
    const grads = this.grads;
    this.grads = null;
    if (!grads) return;
    // tfjs's built-in optimizers on wasm/cpu: one pass over memory, same arithmetic (fused/).
    if (applyFused(tf, this.step.optimizer, [...grads], total)) {
      tf.dispose([...grads.values()]);
      return;
    }
    const named: Record<string, Tensor> = {};
    for (const [k, g] of grads) named[k] = total === 1 ? g : tf.div(g, total);
    this.step.optimizer.applyGradients(named as TF.NamedTensorMap);
    tf.dispose([...grads.values(), ...(total === 1 ? [] : Object.values(named))]);
  }

  /** Drops a group that will not be applied (an error or interrupt mid-group). */
  discard(): void {
    if (this.grads) this.tf.dispose([...this.grads.values()]);
    this.grads = null;
  }

  /** Loss and metric sums without gradients (validation). */
  measure(batch: Batch): Contribution {
    const { tf, step } = this;
    const sums = tf.tidy(() => tf.stack(pairs(tf, step, step.evaluate(batch, false), batch)));
    return { sums };
  }
}
