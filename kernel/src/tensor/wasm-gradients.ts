/**
 * tfjs-backend-wasm 4.22 has every kernel a small CNN's training step needs
 * except Conv2DBackpropFilter (the gradient of a 2-D convolution with respect
 * to its filter), so `model.fit` of any model with a conv2d layer failed on
 * wasm. The 3-D version (Conv3DBackpropFilterV2) is there, and a 2-D
 * convolution is a 3-D one of depth 1: this registers the missing kernel as
 * reshape → Conv3DBackpropFilterV2 → reshape, all on the wasm backend (no copy
 * to JavaScript), for stride 1 (tfjs-layers' default). With larger strides the
 * 3-D kernel gives wrong values (checked against the cpu backend), so those go
 * through a plain loop over the data instead. 'valid'/'same' padding, NHWC, no
 * dilation — what tfjs-layers' Conv2D uses; anything else fails with a message
 * that names what is missing.
 */

interface TensorInfo { dataId: object; shape: number[]; dtype: string }
interface KernelConfig {
  kernelName: string;
  backendName: string;
  kernelFunc: (args: { inputs: Record<string, TensorInfo>; backend: Backend; attrs: Record<string, unknown> }) => TensorInfo;
}
interface Backend {
  disposeData(dataId: object): unknown;
  readSync(dataId: object): ArrayLike<number>;
  makeOutput(shape: number[], dtype: string): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array;
}
interface ConvInfo { padInfo: { top: number; left: number }; outHeight: number; outWidth: number }
interface Tf {
  getKernel(name: string, backend: string): KernelConfig | undefined;
  registerKernel(config: KernelConfig): void;
  backend_util: { computeConv2DInfo(xShape: number[], filterShape: number[], strides: unknown, dilations: number, pad: unknown): ConvInfo };
}

export function registerWasmGradients(tf: Tf): void {
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm')) return;
  const conv3dFilter = tf.getKernel('Conv3DBackpropFilterV2', 'wasm');
  const reshape = tf.getKernel('Reshape', 'wasm');
  if (!conv3dFilter || !reshape) return;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc({ inputs, backend, attrs }) {
      const { x, dy } = inputs;
      const { strides, pad, dataFormat, filterShape } = attrs as { strides: number | [number, number]; pad: unknown; dataFormat?: string; filterShape: number[] };
      if ((dataFormat ?? 'NHWC') !== 'NHWC' || (pad !== 'valid' && pad !== 'same')) {
        throw new Error(`Conv2DBackpropFilter on wasm supports NHWC with 'valid' or 'same' padding (got ${dataFormat}, ${JSON.stringify(pad)}); use the cpu backend (tf.setBackend('cpu')) for this model`);
      }
      const [sh, sw] = typeof strides === 'number' ? [strides, strides] : strides;
      if (sh !== 1 || sw !== 1) return loopFilterGradient(tf, backend, x, dy, [sh, sw], pad, filterShape);
      const depth1 = (t: TensorInfo) => reshape.kernelFunc({ inputs: { x: t }, backend, attrs: { shape: [t.shape[0], 1, ...t.shape.slice(1)] } });
      const x5 = depth1(x);
      const dy5 = depth1(dy);
      const out5 = conv3dFilter.kernelFunc({ inputs: { x: x5, dy: dy5 }, backend, attrs: { strides: [1, sh, sw], pad, filterShape: [1, ...filterShape] } });
      const out = reshape.kernelFunc({ inputs: { x: out5 }, backend, attrs: { shape: filterShape } });
      for (const t of [x5, dy5, out5]) backend.disposeData(t.dataId);
      return out;
    },
  });
}

/** dW[kh, kw, ci, co] = Σ x[b, oh·sh + kh − top, ow·sw + kw − left, ci] · dy[b, oh, ow, co]. */
function loopFilterGradient(tf: Tf, backend: Backend, x: TensorInfo, dy: TensorInfo, strides: [number, number], pad: unknown, filterShape: number[]): TensorInfo {
  const info = tf.backend_util.computeConv2DInfo(x.shape, filterShape, strides, 1, pad);
  const [B, H, W, C] = x.shape;
  const [KH, KW, , CO] = filterShape;
  const [OH, OW] = [dy.shape[1], dy.shape[2]];
  const xs = backend.readSync(x.dataId);
  const ds = backend.readSync(dy.dataId);
  const out = backend.makeOutput(filterShape, 'float32');
  const dw = backend.typedArrayFromHeap(out);
  dw.fill(0);
  for (let b = 0; b < B; b++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        const dyAt = ((b * OH + oh) * OW + ow) * CO;
        for (let kh = 0; kh < KH; kh++) {
          const ih = oh * strides[0] + kh - info.padInfo.top;
          if (ih < 0 || ih >= H) continue;
          for (let kw = 0; kw < KW; kw++) {
            const iw = ow * strides[1] + kw - info.padInfo.left;
            if (iw < 0 || iw >= W) continue;
            const xAt = ((b * H + ih) * W + iw) * C;
            for (let ci = 0; ci < C; ci++) {
              const xv = xs[xAt + ci];
              const wAt = ((kh * KW + kw) * C + ci) * CO;
              for (let co = 0; co < CO; co++) dw[wAt + co] += xv * ds[dyAt + co];
            }
          }
        }
      }
    }
  }
  return out;
}
