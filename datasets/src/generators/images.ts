/**
 * Image data for the small-CNN lab, as flat uint8 batches in N×H×W×C order
 * (what `tf.tensor4d(x, shape)` takes).
 *
 * `cifarLike`: generated, CIFAR-10's shape (32×32×3, 10 classes named as
 *   CIFAR's) for when the real files are absent. Class k draws a shape
 *   (disc, square, bar, ring or cross, k mod 5) in a class colour over a
 *   background of another hue, at a random place and size, plus pixel noise —
 *   learnable by a small CNN, not by a colour histogram alone.
 * `cifar10(dir)`: the real CIFAR-10 binary version (data_batch_1…5.bin,
 *   test_batch.bin: 1 label byte + 3,072 bytes in CHW order per image), read
 *   from a directory the user downloaded; converted to HWC.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normal, randInt, resolveRng, uniform, type RandomOptions } from '../random.js';
import { requirePositiveInt } from '../util.js';
import { knownOptions } from '../options.js';

export const CIFAR_CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'] as const;

export interface ImageBatch {
  x: Uint8Array;
  y: Int32Array;
  shape: [number, number, number, number];
  classes: readonly string[];
}

export function cifarLike(opts: RandomOptions & { n?: number } = {}): ImageBatch {
  knownOptions('cifarLike', opts, ['n', 'rng', 'seed']);
  const { n = 1000 } = opts;
  requirePositiveInt('n', n);
  const rng = resolveRng(opts);
  const S = 32;
  const x = new Uint8Array(n * S * S * 3);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = randInt(rng, 10);
    y[i] = k;
    const fg = hue(k / 10);
    const bg = hue((k / 10 + 0.5) % 1).map((c) => c * 0.5);
    const cx = uniform(rng, 10, 22), cy = uniform(rng, 10, 22), r = uniform(rng, 5, 10);
    for (let py = 0; py < S; py++) {
      for (let px = 0; px < S; px++) {
        const inside = shapeAt(k % 5, px - cx, py - cy, r);
        const base = inside ? fg : bg;
        for (let c = 0; c < 3; c++) {
          x[((i * S + py) * S + px) * 3 + c] = Math.max(0, Math.min(255, Math.round(base[c] * 255 + normal(rng, 0, 18))));
        }
      }
    }
  }
  return { x, y, shape: [n, S, S, 3], classes: CIFAR_CLASSES };
}

function shapeAt(kind: number, dx: number, dy: number, r: number): boolean {
  const d = Math.hypot(dx, dy);
  switch (kind) {
    case 0: return d < r;
    case 1: return Math.abs(dx) < r * 0.8 && Math.abs(dy) < r * 0.8;
    case 2: return Math.abs(dy) < r * 0.3;
    case 3: return d < r && d > r * 0.55;
    default: return (Math.abs(dx) < r * 0.25 || Math.abs(dy) < r * 0.25) && d < r * 1.2;
  }
}

function hue(h: number): [number, number, number] {
  const f = (n: number) => {
    const k = (n + h * 6) % 6;
    return 1 - Math.max(0, Math.min(k, 4 - k, 1));
  };
  return [f(5), f(3), f(1)];
}

/** The real CIFAR-10 from `dir` (the "binary version"); `train` reads the five training batches, else test_batch.bin. */
export function cifar10(dir: string, opts: { train?: boolean } = {}): ImageBatch {
  knownOptions('cifar10', opts, ['train']);
  const files = opts.train === false ? ['test_batch.bin'] : [1, 2, 3, 4, 5].map((b) => `data_batch_${b}.bin`);
  const missing = files.filter((f) => !existsSync(join(dir, f)));
  if (missing.length) throw new Error(`cifar10: ${missing.join(', ')} not found in ${dir}; download the CIFAR-10 binary version and unpack it there`);
  const chunks = files.map((f) => readFileSync(join(dir, f)));
  const n = chunks.reduce((s, c) => s + c.length / 3073, 0);
  const x = new Uint8Array(n * 3072);
  const y = new Int32Array(n);
  let i = 0;
  for (const buf of chunks) {
    for (let off = 0; off < buf.length; off += 3073, i++) {
      y[i] = buf[off];
      for (let c = 0; c < 3; c++) for (let p = 0; p < 1024; p++) x[i * 3072 + p * 3 + c] = buf[off + 1 + c * 1024 + p];
    }
  }
  return { x, y, shape: [n, 32, 32, 3], classes: CIFAR_CLASSES };
}
