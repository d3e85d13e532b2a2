/**
 * Backend selection: try the candidates in priority order and keep the first
 * that loads, recording for every other one why it was skipped or not tried.
 * `TSML_BACKEND` restricts the choice to one backend and fails clearly (with
 * the reason) when that one cannot load, instead of silently falling back.
 */
import type { Attempt, BackendId, Candidate, Flags, Loaded, SelectContext, SkipReason, Tf } from './candidates.js';

export interface CandidateRecord {
  id: BackendId;
  packages: string[];
  status: 'active' | 'skipped' | 'not tried';
  reason?: SkipReason;
  /** The install hint, the library's error message, the missing adapter or GPU. */
  detail?: string;
}

export interface Selection {
  tf: Tf;
  backend: BackendId;
  tfjsName: string;
  devices: string[];
  flags: Flags;
  records: CandidateRecord[];
  /** The TSML_BACKEND value that forced the choice, if any. */
  forced?: string;
  /** Milliseconds from the first loadTf() call to a ready backend. */
  loadMs: number;
}

/** Accepted TSML_BACKEND values and the candidates each allows, best first. */
export const FORCE_VALUES: Record<string, BackendId[]> = {
  'tensorflow-gpu': ['tensorflow-gpu'],
  'tfjs-node-gpu': ['tensorflow-gpu'],
  tensorflow: ['tensorflow-gpu', 'tensorflow'],
  'tfjs-node': ['tensorflow'],
  node: ['tensorflow-gpu', 'tensorflow'],
  webgpu: ['webgpu'],
  wasm: ['wasm'],
  cpu: ['cpu'],
};

export class BackendError extends Error {
  override name = 'BackendError';
  constructor(
    message: string,
    readonly records: CandidateRecord[] = [],
  ) {
    super(message);
  }
}

/** The candidates TSML_BACKEND allows; undefined when unset, 'auto' or empty. */
export function parseForced(value: string | undefined): BackendId[] | undefined {
  const v = value?.trim().toLowerCase();
  if (!v || v === 'auto') return undefined;
  const ids = FORCE_VALUES[v];
  if (!ids) {
    throw new BackendError(
      `TSML_BACKEND=${JSON.stringify(value)} is not a backend tsml knows; use one of: ${Object.keys(FORCE_VALUES).join(', ')} (or unset it to pick the best available automatically)`,
    );
  }
  return ids;
}

function describeSkip(r: CandidateRecord): string {
  return `${r.id}: ${r.reason}${r.detail ? ` (${r.detail})` : ''}`;
}

export async function selectBackend(candidates: readonly Candidate[], ctx: SelectContext, forcedValue?: string): Promise<Selection> {
  const started = performance.now();
  const allowed = parseForced(forcedValue);
  const records: CandidateRecord[] = [];
  let chosen: { id: BackendId; loaded: Loaded } | undefined;
  for (const c of candidates) {
    const base = { id: c.id, packages: c.packages };
    if (allowed && !allowed.includes(c.id)) {
      records.push({ ...base, status: 'not tried', detail: `TSML_BACKEND=${forcedValue}` });
      continue;
    }
    if (chosen) {
      records.push({ ...base, status: 'not tried', detail: `${chosen.id} is preferred` });
      continue;
    }
    let attempt: Attempt;
    try {
      attempt = await c.attempt(ctx);
    } catch (e) {
      attempt = { ok: false, reason: 'failed to load', detail: (e as Error)?.message ?? String(e) };
    }
    if (attempt.ok) {
      chosen = { id: c.id, loaded: attempt.loaded };
      records.push({ ...base, status: 'active' });
    } else records.push({ ...base, status: 'skipped', reason: attempt.reason, detail: attempt.detail });
  }
  if (!chosen) {
    const tried = records.filter((r) => r.status === 'skipped').map(describeSkip).join('; ');
    const msg = allowed
      ? `TSML_BACKEND=${forcedValue}: the backend cannot be used here — ${tried}. Fix that, or unset TSML_BACKEND to let tsml pick the best available backend.`
      : `no TensorFlow.js backend could be loaded — ${tried}`;
    throw new BackendError(msg, records);
  }
  return {
    tf: chosen.loaded.tf,
    backend: chosen.id,
    tfjsName: chosen.loaded.tfjsName,
    devices: chosen.loaded.devices,
    flags: chosen.loaded.flags,
    records,
    forced: allowed ? forcedValue : undefined,
    loadMs: performance.now() - started,
  };
}
