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

/**
 * A training forward pass split around the gradient tape: tfjs records every op run while it
 * takes a gradient (and clones their inputs for the backward pass), so metrics, which need no
 * gradient, are computed after it, from tensors of the forward pass kept until then.
 */
export interface Forward {
  /** Per-example loss: the gradient is taken of this. */
  loss: Tensor;
  /** The metrics, called after the backward pass. */
  metrics(): Record<string, Tensor>;
  /** Tensors the forward pass made that `metrics` reads (kept past the tape, then disposed). */
  made: Tensor[];
}

export interface StepArithmetic {
  /** Metric names in the order of `sums` after the loss. */
  readonly metrics: string[];
  readonly variables: TF.Variable[];
  readonly optimizer: TF.Optimizer;
  /** Forward pass; `training` turns dropout etc. on. */
  evaluate(batch: Batch, training: boolean): Evaluation;
  /** The training forward pass with its metrics deferred, where the metrics can be separated from the loss. */
  train?(batch: Batch): Forward;
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

/** [sum, count] of the loss (unless given) and of each metric. */
function pairs(tf: typeof TF, step: StepArithmetic, ev: Evaluation, batch: Batch, lossPair?: Tensor[]): Tensor[] {
  const rows = rowsOf(batch);
  return [ev.loss, ...step.metrics.map((m) => ev[m])].flatMap((v, i) => {
    if (!v) throw new TypeError(`fit: the evaluation has no '${i === 0 ? 'loss' : step.metrics[i - 1]}'`);
    return i === 0 && lossPair ? lossPair : weightedSum(tf, v, batch.mask, rows);
  });
}

/** Unmasked per-example values: their mean is sum / size, and tf.mean's gradient is that of sum / size, to the bit (1/size each). */
const plainMean = (loss: Tensor, mask: Tensor | undefined) => loss.rank > 0 && (!mask || mask.rank > loss.rank);

function batchTensors(batch: Batch): Set<Tensor> {
  const all = new Set<Tensor>();
  for (const v of Object.values(batch)) for (const t of Array.isArray(v) ? v : [v]) if (t && typeof (t as Tensor).dataSync === 'function') all.add(t as Tensor);
  return all;
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
    const inputs = batchTensors(batch);
    let kept: Tensor[] = [];
    let lossPair: Tensor[] | undefined;
    let figures!: () => Evaluation;
    const { grads, value } = tf.variableGrads(() => {
      let loss: Tensor;
      if (step.train) {
        const f = step.train(batch);
        loss = f.loss;
        kept = [loss, ...f.made];
        figures = () => ({ ...f.metrics(), loss });
      } else {
        const ev = step.evaluate(batch, true);
        loss = ev.loss;
        kept = [loss, ...step.metrics.map((m) => ev[m])].filter(Boolean);
        figures = () => ev;
      }
      kept = [...new Set(kept)].filter((t) => !inputs.has(t)).map((t) => tf.keep(t));
      if (mean && plainMean(loss, batch.mask)) return tf.mean(loss) as TF.Scalar;
      const [sum, count] = weightedSum(tf, loss, batch.mask, rowsOf(batch));
      lossPair = [tf.keep(sum), tf.keep(count)];
      // The count does not depend on the variables: dividing by it inside is the mean's gradient.
      return (mean ? tf.div(sum, count) : sum) as TF.Scalar;
    }, step.variables.length ? step.variables : undefined);
    // Summing (accumulation), the value is the kept loss sum itself: disposed with the pair below.
    if (value !== lossPair?.[0]) value.dispose();
    let sums: Tensor;
    try {
      sums = tf.tidy(() => tf.stack(pairs(tf, step, figures(), batch, lossPair)));
    } catch (e) {
      tf.dispose(Object.values(grads));
      throw e;
    } finally {
      tf.dispose([...kept, ...(lossPair ?? [])]);
    }
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
