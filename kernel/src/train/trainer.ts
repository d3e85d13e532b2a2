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

type Tensor = TF.Tensor;

/** What one micro-batch contributes: examples (or unmasked tokens) and the sums of loss and metrics over them. */
export interface Contribution {
  count: number;
  /** Kept tensor [1 + metrics]: summed loss, then summed metrics. The loop reads and disposes it. */
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

/** Examples in a batch, or unmasked positions when it carries a mask. */
export function countOf(tf: typeof TF, batch: Batch): number {
  if (batch.mask) return tf.tidy(() => tf.sum(batch.mask!)).dataSync()[0];
  const x = Array.isArray(batch.x) ? batch.x[0] : batch.x;
  return x.shape[0] ?? 1;
}

/**
 * Sum of per-example values, weighted by the mask when there is one. The mask
 * may have fewer axes than the values (a [batch, time] mask on [batch, time]
 * losses, or a [batch] weight): it is broadcast from the left.
 */
export function maskedSum(tf: typeof TF, values: Tensor, mask: Tensor | undefined, count: number): TF.Scalar {
  if (values.rank === 0) return tf.mul(values, count) as TF.Scalar;
  if (!mask) return tf.sum(values);
  let m = mask.toFloat();
  while (m.rank < values.rank) m = m.expandDims(-1);
  if (m.rank > values.rank) throw new RangeError(`fit: the mask has shape [${mask.shape}] but the per-example loss has shape [${values.shape}]; the mask must cover the loss's leading axes`);
  return tf.sum(tf.mul(values, m));
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
    const count = countOf(tf, batch);
    const divideBy = mean ? count : undefined;
    let sums!: Tensor;
    const { grads, value } = tf.variableGrads(() => {
      const ev = step.evaluate(batch, true);
      const parts = [maskedSum(tf, ev.loss, batch.mask, count), ...step.metrics.map((m) => maskedSum(tf, ev[m], batch.mask, count))];
      sums = tf.keep(tf.stack(parts));
      const total = parts[0];
      return (divideBy ? tf.div(total, divideBy) : total) as TF.Scalar;
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
    return { count, sums };
  }

  /** Applies the accumulated gradient divided by the group's total count (1 when already divided). */
  apply(total: number): void {
    const { tf } = this;
    const grads = this.grads;
    this.grads = null;
    if (!grads) return;
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
    const count = countOf(tf, batch);
    const sums = tf.tidy(() => {
      const ev = step.evaluate(batch, false);
      return tf.stack([maskedSum(tf, ev.loss, batch.mask, count), ...step.metrics.map((m) => maskedSum(tf, ev[m], batch.mask, count))]);
    });
    return { count, sums };
  }
}
