/**
 * Direct access to the float32 storage of tensors on the wasm and cpu
 * backends, for updates that write every weight in one pass instead of one
 * tfjs kernel dispatch per operation. wasm: each tensor's `memoryOffset` into
 * the module's heap (`dataIdMap`); cpu: its `values` array. Other backends
 * (webgl, webgpu, tfjs-node) keep their data where JavaScript cannot write it:
 * `storageOf` answers null there and callers use tfjs's own ops.
 *
 * Writing in place is only safe when nothing else holds the same data: tfjs
 * shares a dataId between a tensor and its `clone()` (early stopping keeps
 * clones of the weights), a variable made from a tensor, and kernels such as
 * Identity on cpu; and on cpu a tensor made from a Float32Array adopts that
 * very array. So a variable is first given storage of its own, allocated
 * here (`makeExclusive`), and again whenever its data is shared
 * (copy-on-write): the other holders keep their values.
 */
import type * as TF from '@tensorflow/tfjs';

interface Entry { id?: number; memoryOffset?: number | null; values?: unknown; dtype: string; refCount: number }
interface Storage { has(dataId: object): boolean; get(dataId: object): Entry }
interface WasmModule {
  HEAPU8?: Uint8Array;
  tfjs?: { disposeData?(id: number): void; registerTensor?(id: number, size: number, memoryOffset: number): void };
}
interface Backend { dataIdMap?: Storage; data?: Storage; wasm?: WasmModule; dataIdNextNumber?: number }

export interface TensorStorage {
  /** A float32 view of the tensor's data, or null when it is not float32 data of this backend. */
  view(t: TF.Tensor): Float32Array | null;
  /** Whether the tensor's data belongs to it alone (writing it changes no other tensor). */
  exclusive(t: TF.Tensor): boolean;
  /**
   * To call after writing a tensor's data: the wasm backend caches XNNPACK operators with the
   * weights packed inside, keyed by the tensor's id (a matMul's weights, a bias), and drops them
   * only when that id is disposed; so the written data is registered again under a new id.
   */
  written(t: TF.Tensor): void;
}

export function storageOf(tf: typeof TF): TensorStorage | null {
  const name = tf.getBackend();
  const backend = tf.backend() as unknown as Backend;
  const store = name === 'wasm' ? backend.dataIdMap : name === 'cpu' ? backend.data : undefined;
  const wasm = backend.wasm;
  const tfjs = wasm?.tfjs;
  if (!store || (name === 'wasm' && !(wasm?.HEAPU8 && tfjs?.disposeData && tfjs.registerTensor && typeof backend.dataIdNextNumber === 'number'))) return null;
  const entry = (t: TF.Tensor): Entry | null => (t.dtype === 'float32' && store.has(t.dataId) ? store.get(t.dataId) : null);
  return {
    view(t) {
      const e = entry(t);
      if (!e || e.dtype !== 'float32') return null;
      if (name === 'cpu') return e.values instanceof Float32Array && e.values.length === t.size ? e.values : null;
      if (typeof e.memoryOffset !== 'number') return null;
      // The heap's buffer is replaced when it grows: take a fresh view each time, never keep one.
      return new Float32Array(wasm!.HEAPU8!.buffer, e.memoryOffset, t.size);
    },
    written(t) {
      const e = entry(t);
      if (name !== 'wasm' || !e || typeof e.id !== 'number' || typeof e.memoryOffset !== 'number') return;
      tfjs!.disposeData!(e.id);
      e.id = backend.dataIdNextNumber!++;
      tfjs!.registerTensor!(e.id, t.size, e.memoryOffset);
    },
    exclusive(t) {
      return entry(t)?.refCount === 1;
    },
  };
}

/** Storage allocated by `makeExclusive`: nobody outside holds these arrays. */
const allocated = new WeakSet<object>();

/** Gives a variable data of its own, unless it has data allocated here that nothing else shares. */
export function makeExclusive(tf: typeof TF, storage: TensorStorage, v: TF.Variable): void {
  if (allocated.has(v.dataId) && storage.exclusive(v)) return;
  // A copy: on cpu, dataSync returns the stored array itself, and tf.tensor would adopt it.
  const own = tf.tensor((v.dataSync() as Float32Array).slice(), v.shape, 'float32');
  v.assign(own);
  own.dispose();
  allocated.add(v.dataId);
}
