/**
 * The loss chart's pure side: decimation keeps every extreme and stays
 * bounded, TensorBoard's debiased EMA, robust y ranges that clip only true
 * outliers, and the static fallback (SVG, no script) and text summary.
 */
import { describe, expect, it } from 'vitest';
import { Decimator, debiasedEma, decodeBuckets, encodeBuckets, lossHtml, lossModel, lossText, robustRange, thin } from '../../kernel/src/loss/index.js';
import { LiveChart } from '../../kernel/src/train/chart.js';
import { createRng } from '../../kernel/src/random/index.js';

describe('min/max/last decimation', () => {
  it('keeps the min and max of every stretch it covers, and the last value, with bounded buckets', () => {
    const rng = createRng(3);
    const ys = Array.from({ length: 100_003 }, (_, i) => Math.exp(-i / 20_000) + 0.05 * rng() + (i === 54_321 ? 5 : 0));
    const d = new Decimator(400);
    ys.forEach((y, i) => d.push(i, y));
    const b = d.value;
    expect(b.length).toBeLessThanOrEqual(400);
    expect(b.length).toBeGreaterThanOrEqual(200);
    expect(b.reduce((n, x) => n + x.n, 0)).toBe(ys.length);
    let start = 0;
    for (const bucket of b) {
      const slice = ys.slice(start, start + bucket.n);
      expect(bucket.min).toBe(Math.min(...slice));
      expect(bucket.max).toBe(Math.max(...slice));
      expect(bucket.last).toBe(slice[slice.length - 1]);
      expect(bucket.mean).toBeCloseTo(slice.reduce((a, c) => a + c, 0) / slice.length, 9);
      expect(bucket.x).toBe(start + bucket.n - 1);
      start += bucket.n;
    }
    // The one-step spike survives.
    expect(Math.max(...b.map((x) => x.max))).toBe(Math.max(...ys));
  });

  it('round-trips through the payload encoding (float32)', () => {
    const d = new Decimator(8);
    for (let i = 0; i < 50; i++) d.push(i, i * 0.5);
    const back = decodeBuckets(encodeBuckets(d.value));
    expect(back).toHaveLength(d.value.length);
    back.forEach((b, i) => {
      expect(b.x).toBe(d.value[i].x);
      expect(b.max).toBeCloseTo(d.value[i].max, 5);
      expect(b.n).toBe(d.value[i].n);
    });
  });

  it('counts non-finite values but does not draw them', () => {
    const d = new Decimator(4);
    d.push(0, 1);
    d.push(1, NaN);
    d.push(2, Infinity);
    expect(d.count).toBe(3);
    expect(d.value.map((b) => b.max)).toEqual([1]);
  });
});

  it('sends what the series hold now: a series re-encodes after new points and after a re-budget compacts it', () => {
    const c = new LiveChart({ live: false });
    const run = c.run('r');
    for (let s = 1; s <= 1000; s++) run.log('batch', 'loss', s, 1 / s);
    const buckets = () => decodeBuckets(c.payload().runs[0].series[0].buckets);
    expect(buckets().at(-1)!.x).toBe(1000);
    run.log('batch', 'loss', 1001, 0.5);
    expect(buckets().at(-1)).toMatchObject({ x: 1001, last: 0.5 });
    const before = buckets().length;
    // More series share the payload budget: the loss series compacts without a new point.
    for (let k = 0; k < 20; k++) run.log('batch', `m${k}`, 1, 1);
    expect(buckets().length).toBeLessThan(before);
    expect(buckets().reduce((n, b) => n + b.n, 0)).toBe(1001);
  });

describe('debiased EMA', () => {
  it('is TensorBoard’s smoothing: an EMA divided by 1 − w^t', () => {
    const v = [1, 2, 3, 10];
    const w = 0.6;
    let last = 0;
    const want = v.map((x, i) => {
      last = last * w + (1 - w) * x;
      return last / (1 - w ** (i + 1));
    });
    const got = debiasedEma(v, w);
    got.forEach((g, i) => expect(g).toBeCloseTo(want[i], 12));
    // The first point is the value itself, not pulled towards 0.
    expect(got[0]).toBe(1);
    expect(debiasedEma(v, 0)).toEqual(v);
  });

  it('treats a bucket of n points like n steps of its mean', () => {
    const raw = [1, 1, 4, 4, 4, 4, 2, 2];
    const full = debiasedEma(raw, 0.9);
    const grouped = debiasedEma([1, 4, 2], 0.9, [2, 4, 2]);
    expect(grouped[2]).toBeCloseTo(full[7], 12);
    expect(grouped[1]).toBeCloseTo(full[5], 12);
  });

  it('rejects a weight outside [0, 1)', () => {
    expect(() => debiasedEma([1], 1)).toThrow(/\[0, 1\)/);
  });
});

describe('robust y range', () => {
  it('ignores a far spike, marks it clipped, and keeps ordinary extremes', () => {
    const values = Array.from({ length: 200 }, (_, i) => 1 + i / 200);
    const r = robustRange([...values, 1000]);
    expect(r.clippedHigh).toBe(true);
    expect(r.max).toBeLessThan(5);
    expect(r.min).toBeLessThan(1);
    const plain = robustRange(values);
    expect(plain.clippedHigh || plain.clippedLow).toBe(false);
    expect(plain.max).toBeGreaterThan(1.99);
  });

  it('ranges log values in log space and skips non-positive ones', () => {
    const r = robustRange([0, -1, 1e-3, 1e-2, 1e-1, 1], { log: true });
    expect(r.min).toBeGreaterThan(0);
    expect(r.min).toBeLessThan(1e-3);
    expect(r.max).toBeGreaterThan(1);
  });
});

describe('static fallback', () => {
  function chart(): LiveChart {
    const c = new LiveChart({ title: 'demo', live: false });
    const run = c.run('adam <b>');
    for (let s = 1; s <= 5000; s++) {
      run.log('batch', 'loss', s / 100, 1 / Math.sqrt(s) + (s === 2500 ? 50 : 0));
      run.log('batch', 'lr', s / 100, 0.01 * (1 + Math.cos((Math.PI * s) / 5000)) / 2);
      if (s % 100 === 0) run.log('epoch', 'val_loss', s / 100, 1.1 / Math.sqrt(s));
    }
    run.status = 'done';
    run.epoch = 50;
    run.epochs = 50;
    run.step = 5000;
    return c;
  }

  it('draws every chart as inline SVG without script, escaping names', () => {
    const b = chart().bundle(true);
    const html = b['text/html'] as string;
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|onload|javascript:/i);
    expect(html).toContain('adam &lt;b&gt;');
    expect(html).toContain('aria-label="loss by epoch"');
    // The spike is clipped and marked at the top edge (a small triangle path), the lr has its own axis.
    expect(html).toMatch(/lr: right axis/);
    expect(JSON.stringify(b).length).toBeLessThan(64 * 1024);
  });

  it('summarises each series in text', () => {
    const model = lossModel(chart().payload());
    const text = lossText(model);
    expect(text).toContain('adam <b>: done, epoch 50/50, 5000 steps');
    expect(text).toMatch(/ loss \(5000 steps\): min 0\.0141, last 0\.0141/);
    expect(text).toMatch(/val_loss \(50 epochs\): min 0\.0156/);
    expect(lossHtml(model)).toContain('validation');
  });

  it('thins polylines per pixel column without losing their extremes', () => {
    const pts: [number, number][] = Array.from({ length: 1000 }, (_, i) => [i / 10, Math.sin(i)]);
    const t = thin(pts);
    expect(t.length).toBeLessThanOrEqual(4 * 101);
    expect(Math.min(...t.map((p) => p[1]))).toBe(Math.min(...pts.map((p) => p[1])));
    expect(Math.max(...t.map((p) => p[1]))).toBe(Math.max(...pts.map((p) => p[1])));
  });

  it('refuses payloads that are not loss payloads, saying what it expected', () => {
    expect(() => lossModel({ runs: 3 })).toThrow(/version: 1/);
  });
});
