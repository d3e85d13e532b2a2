/**
 * tfjs-backend-wasm 4.22 multiplies fast only when neither operand is
 * transposed: with `transposeA` or `transposeB` its BatchMatMul takes a slow
 * path (measured on [1024, 64] operands: 11 ms for aᵀ·b against 1.6 ms for
 * transpose(a) then a·b). Training hits that path all the time: the gradients
 * of every dense layer are dy·Wᵀ and xᵀ·dy. This wraps the wasm BatchMatMul so
 * a transposed operand is first transposed in wasm memory (its own Transpose
 * kernel, no copy to JavaScript), then multiplied on the fast path; calls
 * without transposes go straight through. Same products, summed in the same
 * float32 arithmetic (tested against the cpu backend).
 */

interface TensorInfo { dataId: object; shape: number[]; dtype: string }
interface KernelArgs { inputs: Record<string, TensorInfo>; backend: { disposeData(dataId: object): unknown }; attrs: Record<string, unknown> }
interface KernelConfig {
  kernelName: string;
  backendName: string;
  kernelFunc: (args: KernelArgs) => TensorInfo;
  setupFunc?: unknown;
  disposeFunc?: unknown;
}
interface Tf {
  getKernel(name: string, backend: string): KernelConfig | undefined;
  registerKernel(config: KernelConfig): void;
  unregisterKernel(name: string, backend: string): void;
}

const WRAPPED = Symbol.for('tsml.wasmMatMul');

export function registerWasmMatMul(tf: Tf): void {
  const original = tf.getKernel('BatchMatMul', 'wasm');
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (!original || !transpose || (original as unknown as Record<symbol, boolean>)[WRAPPED]) return;
  const lastTwoSwapped = (t: TensorInfo, args: KernelArgs) => {
    const r = t.shape.length;
    const perm = [...Array.from({ length: r - 2 }, (_, i) => i), r - 1, r - 2];
    return transpose.kernelFunc({ inputs: { x: t }, backend: args.backend, attrs: { perm } });
  };
  const wrapped: KernelConfig = {
    ...original,
    kernelFunc(args) {
      const { transposeA, transposeB } = args.attrs as { transposeA?: boolean; transposeB?: boolean };
      if (!transposeA && !transposeB) return original.kernelFunc(args);
      const a = transposeA ? lastTwoSwapped(args.inputs.a, args) : args.inputs.a;
      const b = transposeB ? lastTwoSwapped(args.inputs.b, args) : args.inputs.b;
      try {
        return original.kernelFunc({ ...args, inputs: { ...args.inputs, a, b }, attrs: { ...args.attrs, transposeA: false, transposeB: false } });
      } finally {
        if (transposeA) args.backend.disposeData(a.dataId);
        if (transposeB) args.backend.disposeData(b.dataId);
      }
    },
  };
  (wrapped as unknown as Record<symbol, boolean>)[WRAPPED] = true;
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel(wrapped);
}
