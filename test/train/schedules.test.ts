/**
 * Schedules against their closed forms at chosen steps, reduce-on-plateau's
 * state machine, the LR scheduler callback driving a real optimizer (rate and
 * Adam's beta1), and the LR finder (sweep, suggestion, weights restored).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type * as TF from '@tensorflow/tfjs';
import { callbacks, fit, lrFinder, schedules } from '../../kernel/src/train/index.js';
import { seed } from '../../kernel/src/random/index.js';
import { maxDiff, quiet, tfjs } from './helpers.js';

let tf: typeof TF;
beforeAll(async () => {
  tf = await tfjs();
});

describe('closed forms', () => {
  it('constant, step, exponential', () => {
    expect(schedules.constant(0.1)(1234)).toBe(0.1);
    const st = schedules.step({ lr: 1, stepSize: 10, gamma: 0.5 });
    expect([0, 9, 10, 25].map((s) => st(s))).toEqual([1, 1, 0.5, 0.25]);
    expect(schedules.exponential({ lr: 2, gamma: 0.9 })(3)).toBeCloseTo(2 * 0.9 ** 3, 15);
  });

  it('cosine: lr·(cos(π·t/T) + 1)/2, and the warm-up version', () => {
    const c = schedules.cosine({ lr: 0.01, totalSteps: 100 });
    for (const t of [0, 13, 50, 99]) expect(c(t)).toBeCloseTo((0.01 * (Math.cos((Math.PI * t) / 100) + 1)) / 2, 15);
    const w = schedules.cosine({ lr: 0.01, warmup: 0.3 });
    // Ascending cosine from 0 to lr over 30 steps, then annealing over the remaining 70.
    expect(w(0, 100)).toBe(0);
    expect(w(15, 100)).toBeCloseTo(0.005, 15);
    expect(w(30, 100)).toBeCloseTo(0.01, 15);
    expect(w(65, 100)).toBeCloseTo(0.005, 15);
    expect(() => w(5)).toThrow(/needs totalSteps/);
  });

  it('one-cycle: up to maxLr at pctStart, down to maxLr/(div·finalDiv); momentum the other way', () => {
    const s = schedules.oneCycle({ maxLr: 0.1, totalSteps: 1000 });
    expect(s(0)).toBeCloseTo(0.1 / 25, 15);
    expect(s(299)).toBeCloseTo(0.1, 12);
    expect(s(999)).toBeCloseTo(0.1 / 25 / 1e4, 15);
    expect(s.momentum!(0)).toBeCloseTo(0.95, 15);
    expect(s.momentum!(299)).toBeCloseTo(0.85, 12);
    expect(s.momentum!(999)).toBeCloseTo(0.95, 12);
  });

  it('draws itself as a loss-panel chart', () => {
    const b = (schedules.oneCycle({ maxLr: 0.1, totalSteps: 200 }) as unknown as Record<symbol, () => Record<string, any>>)[Symbol.for('Jupyter.display')]();
    const payload = b['application/vnd.tsml.loss.v1+json'];
    expect(payload.xLabel).toBe('step');
    expect(payload.runs[0].series.map((x: { name: string }) => x.name)).toEqual(['learning rate', 'momentum']);
    expect(b['text/html']).toContain('<svg');
  });
});

describe('reduce on plateau', () => {
  it('cuts the rate after more than `patience` epochs without relative improvement, then cools down', () => {
    const p = schedules.reduceOnPlateau({ factor: 0.5, patience: 1, cooldown: 1, threshold: 0.01 });
    const losses = [1, 0.9, 0.895, 0.894, 0.893, 0.892, 0.8];
    let lr = 1;
    const lrs = losses.map((v, e) => (lr = p.observe(v, lr, e)));
    expect(lrs).toEqual([1, 1, 1, 0.5, 0.5, 0.5, 0.5]);
    expect(p.reductions).toEqual([3]);
  });
});

function model() {
  const m = tf.sequential({ layers: [tf.layers.dense({ units: 4, activation: 'relu', inputShape: [2] }), tf.layers.dense({ units: 1 })] });
  m.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
  return m;
}

describe('lrScheduler callback', () => {
  it('sets the rate before every step and moves Adam’s beta1 with one-cycle', async () => {
    seed(5);
    const x = tf.randomNormal([40, 2]);
    const y = x.sum(1, true);
    const m = model();
    const sched = schedules.oneCycle({ maxLr: 0.05 });
    const beta1: number[] = [];
    const h = await fit(m, { x, y }, {
      epochs: 4, batchSize: 8, ...quiet,
      callbacks: [callbacks.lrScheduler(sched), { onBatchEnd: () => void beta1.push((m.optimizer as unknown as { beta1: number }).beta1) }],
    });
    const lrs = h.batches.values.get('lr')!;
    expect(lrs).toHaveLength(20);
    lrs.forEach((lr, k) => expect(lr).toBeCloseTo(sched(k, 20), 12));
    expect(beta1[19]).toBeCloseTo(sched.momentum!(19, 20), 12);
    tf.dispose([x, y]);
  });
});

describe('LR finder', () => {
  it('sweeps exponentially, stops when the loss diverges, suggests a rate, and puts the model back', async () => {
    seed(9);
    const x = tf.randomNormal([256, 2]);
    const y = x.matMul(tf.tensor2d([[2], [-1]]));
    const m = model();
    const before = m.getWeights().map((w) => w.clone());
    const r = await lrFinder(m, { x, y }, { batchSize: 64, steps: 60, minLr: 1e-5, maxLr: 10 });
    expect(r.lrs[0]).toBeCloseTo(1e-5, 12);
    for (let i = 1; i < r.lrs.length; i++) expect(r.lrs[i] / r.lrs[i - 1]).toBeCloseTo((10 / 1e-5) ** (1 / 59), 9);
    expect(r.lrs.length).toBeLessThanOrEqual(60);
    expect(r.suggestion).toBeGreaterThan(1e-4);
    expect(r.suggestion).toBeLessThan(r.lrs[r.lrs.length - 1]);
    expect(maxDiff(tf, m.getWeights(), before)).toBe(0);
    expect((m.optimizer as unknown as { learningRate: number }).learningRate).toBe(0.01);
    const b = r[Symbol.for('Jupyter.display') as never] as unknown as () => Record<string, any>;
    const payload = b.call(r)['application/vnd.tsml.loss.v1+json'];
    expect(payload.xLog).toBe(true);
    expect(payload.marker.x).toBe(r.suggestion);
    tf.dispose([x, y, ...before]);
  });
});

describe('PyTorch oracle', () => {
  // Sequences recorded from torch.optim.lr_scheduler by bench/training/torch_schedules.py in the bench venv
  // (torch is a bench-only dependency); the JSON beside this test is its output.
  const oracle = JSON.parse(readFileSync(new URL('./torch-schedules.json', import.meta.url), 'utf8')) as { cases: Record<string, { args: any; torch: { lr: number[]; momentum: number[] } }> };
  const make: Record<string, (a: any) => schedules.Schedule> = {
    cosine: (a) => schedules.cosine(a),
    oneCycle: (a) => schedules.oneCycle(a),
    oneCycleAdamW: (a) => schedules.oneCycle(a),
    oneCycleLinear: (a) => schedules.oneCycle(a),
    step: (a) => schedules.step(a),
    exponential: (a) => schedules.exponential(a),
  };
  it.each(Object.keys(make))('%s gives the same learning rates (and momentum) step by step', (name) => {
    const { args, torch } = oracle.cases[name];
    const s = make[name](args);
    torch.lr.forEach((lr, k) => expect(s(k, torch.lr.length)).toBeCloseTo(lr, 12));
    if (s.momentum) torch.momentum.forEach((m, k) => expect(s.momentum!(k, torch.lr.length)).toBeCloseTo(m, 12));
  });
});
