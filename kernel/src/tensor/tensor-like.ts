/**
 * What tsml's renderers need from a TensorFlow.js tensor, typed structurally so
 * the display code never imports tfjs at run time (the kernel starts without
 * it) and renders tensors from any copy of tfjs a notebook brings — a copy's
 * `instanceof` would fail across copies, its methods do not.
 */

export type TensorValues = Float32Array | Int32Array | Uint8Array | string[];

export interface TensorLike {
  readonly shape: number[];
  readonly dtype: string;
  readonly size: number;
  readonly rank: number;
  readonly dataId: object;
  readonly isDisposed: boolean;
  dataSync(): TensorValues;
  data(): Promise<TensorValues>;
  dispose(): void;
  gather(indices: number[], axis?: number): TensorLike;
  reshape(shape: number[]): TensorLike;
  stridedSlice(begin: number[], end: number[], strides: number[]): TensorLike;
}

export function isTensorLike(v: unknown): v is TensorLike {
  if (typeof v !== 'object' || v === null) return false;
  const t = v as Record<string, unknown>;
  return (
    Array.isArray(t.shape) &&
    typeof t.dtype === 'string' &&
    typeof t.dataSync === 'function' &&
    typeof t.data === 'function' &&
    typeof t.rankType === 'string' &&
    typeof t.dataId === 'object'
  );
}

/** Bytes one element takes in a backend (tfjs keeps bool as Uint8Array, complex64 as two float32). */
export function bytesPerElement(dtype: string): number | null {
  switch (dtype) {
    case 'float32':
    case 'int32':
      return 4;
    case 'bool':
      return 1;
    case 'complex64':
      return 8;
    default:
      return null;
  }
}

/** The parts of tfjs's engine used to name a tensor's backend and the memory in use. */
export interface EngineLike {
  registry: Record<string, object>;
  state: { tensorInfo: WeakMap<object, { backend: object; bytes: number }> };
  backendName: string | null;
  memory(): { numTensors: number; numBytes: number };
}

let engine: EngineLike | undefined;

/** Called once tfjs is loaded, so renderers can name backends without importing tfjs. */
export function setEngine(e: EngineLike | undefined): void {
  engine = e;
}

export interface Residence {
  backend: string | null;
  bytes: number | null;
  /** True when values live on a GPU that cannot be read synchronously in Node (webgpu, webgl). */
  asyncOnly: boolean;
}

/** Which backend holds a tensor and how many bytes it takes; nulls for a tensor of another tfjs copy. */
export function residence(t: TensorLike): Residence {
  const per = bytesPerElement(t.dtype);
  const fallback = per === null ? null : per * t.size;
  try {
    const info = engine?.state.tensorInfo.get(t.dataId);
    if (!info || !engine) return { backend: null, bytes: fallback, asyncOnly: false };
    const name = Object.keys(engine.registry).find((k) => engine!.registry[k] === info.backend) ?? null;
    return { backend: name, bytes: info.bytes ?? fallback, asyncOnly: name === 'webgpu' || name === 'webgl' };
  } catch {
    return { backend: null, bytes: fallback, asyncOnly: false };
  }
}

export function memoryInUse(): { tensors: number; bytes: number } | undefined {
  try {
    if (!engine) return undefined;
    const m = engine.memory();
    return { tensors: m.numTensors, bytes: m.numBytes };
  } catch {
    return undefined;
  }
}
