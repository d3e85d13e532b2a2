/**
 * The update rules of tfjs's SGD, Momentum, RMSProp and Adam optimizers
 * (tfjs-core 4.22, `optimizers/*_optimizer.js`), one pass over each weight
 * and its slots, in exactly tfjs's float32 arithmetic: every tfjs op rounds
 * its result to float32, so every product, sum, quotient and square root here
 * is rounded with Math.fround in the same order, and every constant tfjs turns
 * into a float32 scalar is rounded too. (A float32 op computed in double and
 * rounded once equals the IEEE float32 op: double has more than twice the
 * bits.) The results are bit-identical to tfjs's kernels on wasm and cpu.
 *
 * `g` is the gradient; with `scale` ≠ 1 each element is first divided by it,
 * as `tf.div(gradient, scale)` would (accumulated gradients over a group).
 */
const f = Math.fround;

/** SGD: value += c·g, where c is the optimizer's float32 scalar −lr. */
export function sgd(value: Float32Array, g: Float32Array, scale: number, c: number): void {
  const s = f(scale);
  for (let i = 0; i < value.length; i++) {
    const gi = scale === 1 ? g[i] : f(g[i] / s);
    value[i] = f(f(c * gi) + value[i]);
  }
}

/** Momentum: acc = m·acc + g; value += c·acc, or c·(g + acc·m) with Nesterov (m, c: float32 scalars). */
export function momentum(value: Float32Array, acc: Float32Array, g: Float32Array, scale: number, m: number, c: number, nesterov: boolean): void {
  const s = f(scale);
  for (let i = 0; i < value.length; i++) {
    const gi = scale === 1 ? g[i] : f(g[i] / s);
    const a = f(f(m * acc[i]) + gi);
    acc[i] = a;
    value[i] = nesterov ? f(f(c * f(gi + f(a * m))) + value[i]) : f(f(c * a) + value[i]);
  }
}

export interface RmsPropConstants { lr: number; decay: number; momentum: number; epsilon: number; centered: boolean }

/** RMSProp (plain or centered), with its mean-square, moment and (centered) mean-gradient slots. */
export function rmsprop(value: Float32Array, ms: Float32Array, mom: Float32Array, mg: Float32Array | null, g: Float32Array, scale: number, k: RmsPropConstants): void {
  const s = f(scale);
  const decay = f(k.decay), oneMinusDecay = f(1 - k.decay), lr = f(k.lr), moment = f(k.momentum), eps = f(k.epsilon);
  for (let i = 0; i < value.length; i++) {
    const gi = scale === 1 ? g[i] : f(g[i] / s);
    const newMs = f(f(ms[i] * decay) + f(f(gi * gi) * oneMinusDecay));
    let contribution: number;
    if (mg) {
      const newMg = f(f(mg[i] * decay) + f(gi * oneMinusDecay));
      contribution = f(f(gi * lr) / f(Math.sqrt(f(newMs - f(f(newMg * newMg) + eps)))));
      mg[i] = newMg;
    } else {
      contribution = f(f(gi * lr) / f(Math.sqrt(f(newMs + eps))));
    }
    const newMom = f(f(mom[i] * moment) + contribution);
    ms[i] = newMs;
    mom[i] = newMom;
    value[i] = f(value[i] - newMom);
  }
}

export interface AdamConstants { lr: number; beta1: number; beta2: number; epsilon: number; oneMinusAccBeta1: number; oneMinusAccBeta2: number }

/** Adam, with its first and second moment slots; the bias corrections 1 − β^t are float32 as tfjs keeps them. */
export function adam(value: Float32Array, m: Float32Array, v: Float32Array, g: Float32Array, scale: number, k: AdamConstants): void {
  const s = f(scale);
  const b1 = f(k.beta1), oneMinusB1 = f(1 - k.beta1), b2 = f(k.beta2), oneMinusB2 = f(1 - k.beta2);
  const eps = f(k.epsilon), minusLr = f(-k.lr), c1 = k.oneMinusAccBeta1, c2 = k.oneMinusAccBeta2;
  for (let i = 0; i < value.length; i++) {
    const gi = scale === 1 ? g[i] : f(g[i] / s);
    const newM = f(f(m[i] * b1) + f(gi * oneMinusB1));
    const newV = f(f(v[i] * b2) + f(f(gi * gi) * oneMinusB2));
    m[i] = newM;
    v[i] = newV;
    const mHat = f(newM / c1), vHat = f(newV / c2);
    value[i] = f(f(f(mHat / f(f(Math.sqrt(vHat)) + eps)) * minusLr) + value[i]);
  }
}
