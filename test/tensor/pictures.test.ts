/**
 * display.heatmap and display.images: PNGs that decode to the expected size
 * and colours, bounded reads of large inputs, labels, and errors that name
 * the shapes that work.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { display, setDisplayTarget } from '../../kernel/src/display/display.js';
import { colormap } from '../../kernel/src/tensor/colormap.js';
import { heatmap } from '../../kernel/src/tensor/heatmap.js';
import { images } from '../../kernel/src/tensor/images.js';
import { loadTf } from '../../kernel/src/tensor/load.js';
import type { Tf } from '../../kernel/src/tensor/candidates.js';
import { decodePng } from './png-decode.js';

let tf: Tf;
beforeAll(async () => {
  tf = await loadTf({ backend: 'wasm' });
});

const JD = Symbol.for('Jupyter.display');
const render = async (v: { [JD](): unknown }) => (await v[JD]()) as Record<string, string>;
const png = (b: Record<string, string>) => decodePng(Buffer.from(b['image/png'], 'base64'));
const pixel = (img: ReturnType<typeof png>, x: number, y: number) => Array.from(img.data.subarray((y * img.width + x) * img.channels, (y * img.width + x + 1) * img.channels));

describe('colour maps', () => {
  it('viridis and magma match matplotlib at their ends and middle (within 2.5%)', () => {
    const at = (lut: Uint8Array, i: number) => Array.from(lut.subarray(i * 3, i * 3 + 3)).map((v) => v / 255);
    const close = (got: number[], want: number[]) => got.forEach((g, k) => expect(Math.abs(g - want[k])).toBeLessThan(0.025));
    const v = colormap('viridis');
    close(at(v, 0), [0.267004, 0.004874, 0.329415]);
    close(at(v, 128), [0.127568, 0.566949, 0.550556]);
    close(at(v, 255), [0.993248, 0.906157, 0.143936]);
    const m = colormap('magma');
    close(at(m, 0), [0.001462, 0.000466, 0.013866]);
    close(at(m, 255), [0.987053, 0.991438, 0.749504]);
    expect(Array.from(colormap('gray').subarray(300, 303))).toEqual([100, 100, 100]);
    expect(() => colormap('jet')).toThrow(/unknown colormap 'jet'; use one of: viridis, gray/);
  });
});

describe('display.heatmap', () => {
  it('draws each cell at the colour of its value, scaled up so small matrices are visible', async () => {
    const b = await render(heatmap(tf.tensor([[0, 1], [0.5, 1]])));
    const img = png(b);
    expect([img.width, img.height, img.channels]).toEqual([128, 128, 3]); // 64 px per cell, the cap
    const lut = colormap('viridis');
    expect(pixel(img, 10, 10)).toEqual(Array.from(lut.subarray(0, 3)));
    expect(pixel(img, 100, 10)).toEqual(Array.from(lut.subarray(765, 768)));
    expect(pixel(img, 10, 100)).toEqual(Array.from(lut.subarray(128 * 3, 128 * 3 + 3)));
    expect(b['text/plain']).toBe('heatmap 2×2 (viridis, 0 … 1)');
    expect(b['text/html']).toContain('data:image/png;base64,');
    expect(b['text/html']).toContain('colour bar');
  });

  it('takes nested arrays, an explicit range, a colour map and a title; NaN is white', async () => {
    const b = await render(heatmap([[1, NaN, 3]], { min: 0, max: 4, colormap: 'gray', scale: 2, title: 'w' }));
    const img = png(b);
    expect([img.width, img.height]).toEqual([6, 2]);
    expect(pixel(img, 0, 0)).toEqual([64, 64, 64]);
    expect(pixel(img, 2, 0)).toEqual([255, 255, 255]);
    expect(pixel(img, 4, 1)).toEqual([191, 191, 191]);
    expect(b['text/plain']).toBe('w: heatmap 1×3 (gray, 0 … 4)');
  });

  it('strides a large matrix on the backend instead of reading it all', async () => {
    const t = tf.randomUniform([2000, 1000]);
    const t0 = performance.now();
    const b = await render(heatmap(t));
    expect(performance.now() - t0).toBeLessThan(1000);
    const img = png(b);
    expect([img.width, img.height]).toEqual([250, 500]);
    expect(b['text/plain']).toMatch(/^heatmap 500×250, strided from 2000×1000 \(every 4×4\)/);
  });

  it('fails in the calling cell on a wrong rank or dtype', () => {
    expect(() => heatmap(tf.zeros([2, 2, 2]))).toThrow(/needs a 2-D tensor, got shape \[2, 2, 2\]; slice or reshape/);
    expect(() => heatmap(tf.tensor([['a', 'b']]))).toThrow(/needs numbers; this tensor is string/);
    expect(() => heatmap([[1, 2], [3]])).toThrow(/ragged/);
    expect(() => heatmap(tf.zeros([2, 2]), { colormap: 'nope' as never })).toThrow(/unknown colormap/);
  });

  it('fails on an option it does not take (display.images too), naming the one meant', () => {
    expect(() => heatmap(tf.zeros([2, 2]), { colourmap: 'magma' } as never)).toThrow(/display\.heatmap: unknown option 'colourmap' \(did you mean 'colormap'\?\)/);
    expect(() => images(tf.zeros([4, 2, 2, 1]), { colums: 2 } as never)).toThrow(/display\.images: unknown option 'colums' \(did you mean 'columns'\?\)/);
    expect(() => display.images(tf.zeros([4, 2, 2, 1]), { columns: 2, display_id: 'grid' })).not.toThrow();
  });
});

describe('display.images', () => {
  it('lays a batch of grey images out as a grid', async () => {
    const batch = tf.tidy(() => tf.linspace(0, 1, 9 * 4 * 4).reshape([9, 4, 4, 1]));
    const b = await render(images(batch, { scale: 1 }));
    const img = png(b);
    // 3 columns × 3 rows of 4 px with 2 px gaps
    expect([img.width, img.height, img.channels]).toEqual([16, 16, 4]);
    expect(pixel(img, 0, 0)).toEqual([0, 0, 0, 255]);
    expect(pixel(img, 4, 0)[3]).toBe(0); // gap is transparent
    expect(pixel(img, 15, 15)).toEqual([255, 255, 255, 255]);
    expect(b['text/plain']).toBe('9 images, 4×4 gray, values 0…1');
  });

  it('shows RGB images with labels under each, and limits how many are read', async () => {
    const rgb = tf.tidy(() => tf.stack([tf.fill([2, 2, 3], 255), tf.zeros([2, 2, 3]).add(tf.tensor([255, 0, 0]))]).toInt());
    const b = await render(images(rgb, { labels: ['white', 'red'], scale: 1 }));
    const img = png(b);
    expect([img.width, img.height]).toEqual([6, 2]);
    expect(pixel(img, 5, 1)).toEqual([255, 0, 0, 255]);
    expect(b['text/html'].match(/<img /g)).toHaveLength(2);
    expect(b['text/html']).toContain('>white</div>');
    expect(b['text/html']).toContain('>red</div>');
    expect(b['text/plain']).toBe('2 images, 2×2 RGB, values 0…255\nlabels: white, red');

    const many = tf.zeros([1000, 8, 8]);
    const m = await render(images(many, { max: 16, labels: tf.range(0, 1000, 1, 'int32') as never }));
    expect(m['text/plain']).toMatch(/^16 of 1,000 images, 8×8 gray/);
    expect(m['text/html'].match(/<img /g)).toHaveLength(16);
  });

  it('reads H×W×C as one image and stretches each image with range per-image', async () => {
    const one = await render(images(tf.ones([3, 5, 3]), { scale: 1 }));
    expect([png(one).width, png(one).height]).toEqual([5, 3]);
    const per = await render(images(tf.tensor([0, 10, 100, 200], [2, 1, 2]), { range: 'per-image', scale: 1 }));
    const img = png(per);
    expect(pixel(img, 0, 0)[0]).toBe(0);
    expect(pixel(img, 1, 0)[0]).toBe(255);
    // two 1×2 images side by side with a 2 px gap; the second is stretched over its own 100…200
    expect(pixel(img, 4, 0)[0]).toBe(0);
    expect(pixel(img, 5, 0)[0]).toBe(255);
    expect(per['text/plain']).toBe('2 images, 1×2 gray, each stretched to its own min…max');
  });

  it('names the shapes that work when given another', () => {
    expect(() => images(tf.zeros([2, 2, 2, 2]))).toThrow(/needs N×H×W×C \(C = 1, 3 or 4\), N×H×W, H×W×C or H×W; got shape \[2, 2, 2, 2\]/);
    expect(() => images(tf.zeros([5]))).toThrow(/got shape \[5\]/);
  });
});

describe('display object', () => {
  it('sends heatmaps and image grids as display_data with display ids', async () => {
    const sent: { type: string; content: any }[] = [];
    setDisplayTarget({ send: (type, content) => void sent.push({ type, content }) });
    try {
      const h = display.heatmap(tf.eye(3), { display_id: true });
      display.images(tf.zeros([2, 3, 5]));
      await new Promise((r) => setTimeout(r, 10));
      expect(sent.map((s) => s.type)).toEqual(['display_data', 'display_data']);
      expect(sent[0].content.transient.display_id).toBe(h!.displayId);
      expect(Object.keys(sent[0].content.data).sort()).toEqual(['image/png', 'text/html', 'text/plain']);
      expect(sent[1].content.data['text/plain']).toMatch(/^2 images, 3×5 gray/);
    } finally {
      setDisplayTarget(undefined);
    }
  });
});
