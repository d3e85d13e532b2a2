/**
 * Is a CUDA GPU visible to this process? tfjs-node-gpu loads on a machine
 * without one and then silently runs on the CPU (after a long cuInit timeout on
 * some drivers), so tsml checks first: the NVIDIA driver's /proc entries, then
 * `nvidia-smi -L`, honouring CUDA_VISIBLE_DEVICES.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface CudaProbe {
  visible: boolean;
  /** GPU names, e.g. "NVIDIA H100 80GB HBM3". */
  devices: string[];
  /** Why none is visible, for the device report. */
  reason?: string;
}

function fromProc(): string[] | undefined {
  try {
    const dir = '/proc/driver/nvidia/gpus';
    return readdirSync(dir).map((bus) => {
      try {
        const info = readFileSync(`${dir}/${bus}/information`, 'utf8');
        return /^Model:\s*(.+)$/m.exec(info)?.[1].trim() ?? `GPU ${bus}`;
      } catch {
        return `GPU ${bus}`;
      }
    });
  } catch {
    return undefined;
  }
}

function fromSmi(): string[] | undefined {
  try {
    const out = execFileSync('nvidia-smi', ['-L'], { encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'] });
    const gpus = out.split('\n').flatMap((l) => {
      const m = /^GPU \d+:\s*(.+?)\s*(\(UUID|$)/.exec(l.trim());
      return m ? [m[1]] : [];
    });
    return gpus;
  } catch {
    return undefined;
  }
}

export function probeCuda(env: NodeJS.ProcessEnv = process.env): CudaProbe {
  const mask = env.CUDA_VISIBLE_DEVICES;
  if (mask !== undefined && (mask.trim() === '' || mask.trim() === '-1')) {
    return { visible: false, devices: [], reason: `CUDA_VISIBLE_DEVICES=${JSON.stringify(mask)} hides every GPU` };
  }
  const devices = fromProc() ?? fromSmi();
  if (devices === undefined) return { visible: false, devices: [], reason: 'no NVIDIA driver found (no /proc/driver/nvidia, no nvidia-smi)' };
  if (devices.length === 0) return { visible: false, devices: [], reason: 'the NVIDIA driver lists no GPU' };
  return { visible: true, devices };
}
