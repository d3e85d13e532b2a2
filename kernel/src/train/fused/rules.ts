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
 * `g` is the gradient (see `scaled`). Each loop is written once per variant,
 * with its constants in locals and no branch inside: V8 then keeps the
 * values in float32 registers (about 8 ns an element for RMSProp).
 */
const f = Math.fround;

/** The gradient divided by `scale` as `tf.div(gradient, scale)` divides it (accumulated groups), or itself when 1. */
export function scaled(g: Float32Array, scale: number): Float32Array {
  if (scale === 1) return g;
  const s = f(scale);
  const out = new Float32Array(g.length);
  for (let i = 0; i < g.length; i++) out[i] = f(g[i] / s);
  return out;
}

/** SGD: value += c·g, where c is the optimizer's float32 scalar −lr. */
export function sgd(value: Float32Array, g: Float32Array, c: number): void {
  for (let i = 0; i < value.length; i++) value[i] = f(f(c * g[i]) + value[i]);
}

/** Momentum: acc = m·acc + g; value += c·acc, or c·(g + acc·m) with Nesterov (m, c: float32 scalars). */
export function momentum(value: Float32Array, acc: Float32Array, g: Float32Array, m: number, c: number, nesterov: boolean): void {
  if (nesterov) {
    for (let i = 0; i < value.length; i++) {
      const gi = g[i];
      const a = f(f(m * acc[i]) + gi);
      acc[i] = a;
      value[i] = f(f(c * f(gi + f(a * m))) + value[i]);
    }
  } else {
    for (let i = 0; i < value.length; i++) {
      const a = f(f(m * acc[i]) + g[i]);
      acc[i] = a;
      value[i] = f(f(c * a) + value[i]);
    }
  }
}

export interface RmsPropConstants { lr: number; decay: number; momentum: number; epsilon: number }

/** RMSProp, with its mean-square and moment slots. */
export function rmsprop(value: Float32Array, ms: Float32Array, mom: Float32Array, g: Float32Array, k: RmsPropConstants): void {
  const decay = f(k.decay), oneMinusDecay = f(1 - k.decay), lr = f(k.lr), moment = f(k.momentum), eps = f(k.epsilon);
  for (let i = 0; i < value.length; i++) {
    const gi = g[i];
    const newMs = f(f(ms[i] * decay) + f(f(gi * gi) * oneMinusDecay));
    const newMom = f(f(mom[i] * moment) + f(f(gi * lr) / f(Math.sqrt(f(newMs + eps)))));
    ms[i] = newMs;
    mom[i] = newMom;
    value[i] = f(value[i] - newMom);
  }
}

/** Centered RMSProp: also a mean-gradient slot, and sqrt(ms − (mg² + ε)) as tfjs takes it. */
export function rmspropCentered(value: Float32Array, ms: Float32Array, mom: Float32Array, mg: Float32Array, g: Float32Array, k: RmsPropConstants): void {
  const decay = f(k.decay), oneMinusDecay = f(1 - k.decay), lr = f(k.lr), moment = f(k.momentum), eps = f(k.epsilon);
  for (let i = 0; i < value.length; i++) {
    const gi = g[i];
    const newMs = f(f(ms[i] * decay) + f(f(gi * gi) * oneMinusDecay));
    const newMg = f(f(mg[i] * decay) + f(gi * oneMinusDecay));
    const newMom = f(f(mom[i] * moment) + f(f(gi * lr) / f(Math.sqrt(f(newMs - f(f(newMg * newMg) + eps))))));
    ms[i] = newMs;
    mg[i] = newMg;
    mom[i] = newMom;
    value[i] = f(value[i] - newMom);
  }
}

export interface AdamConstants { lr: number; beta1: number; beta2: number; epsilon: number; oneMinusAccBeta1: number; oneMinusAccBeta2: number }

/** Adam, with its first and second moment slots; the bias corrections 1 − β^t are float32 as tfjs keeps them. */
export function adam(value: Float32Array, m: Float32Array, v: Float32Array, g: Float32Array, k: AdamConstants): void {
  const b1 = f(k.beta1), oneMinusB1 = f(1 - k.beta1), b2 = f(k.beta2), oneMinusB2 = f(1 - k.beta2);
  const eps = f(k.epsilon), minusLr = f(-k.lr), c1 = f(k.oneMinusAccBeta1), c2 = f(k.oneMinusAccBeta2);
  for (let i = 0; i < value.length; i++) {
    const gi = g[i];
    const newM = f(f(m[i] * b1) + f(gi * oneMinusB1));
    const newV = f(f(v[i] * b2) + f(f(gi * gi) * oneMinusB2));
    m[i] = newM;
    v[i] = newV;
    value[i] = f(f(f(f(newM / c1) / f(f(Math.sqrt(f(newV / c2))) + eps)) * minusLr) + value[i]);
  }
}
