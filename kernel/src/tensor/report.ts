/**
 * `device()`: which TensorFlow.js backend is active, on which devices and with
 * which flags, and for every higher-priority backend why it was skipped. It
 * renders itself (text/html + text/plain); shown before tfjs is loaded, it
 * loads it first, so `tsml.device()` alone in a cell always answers.
 */
import { JUPYTER_DISPLAY, type MimeBundle } from '../mime/index.js';
import type { Flags } from './candidates.js';
import { loadState, loadTf } from './load.js';
import type { CandidateRecord, Selection } from './select.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

export interface DeviceInfo {
  /** The active backend (tsml's name), or undefined before tfjs is loaded or when loading failed. */
  backend: string | undefined;
  /** The name tfjs uses (`tf.getBackend()` right now — a cell may have switched it). */
  tfjsBackend: string | undefined;
  devices: string[];
  flags: Flags;
  candidates: CandidateRecord[];
  forced: string | undefined;
  tfjsVersion: string | undefined;
  loadMs: number | undefined;
  error: string | undefined;
}

function snapshot(): DeviceInfo {
  const { selection: s, error } = loadState();
  let current: string | undefined;
  try {
    current = s?.tf.getBackend();
  } catch {
    current = undefined;
  }
  const records = s?.records ?? ((error as { records?: CandidateRecord[] })?.records ?? []);
  return {
    backend: s?.backend,
    tfjsBackend: current,
    devices: s?.devices ?? [],
    flags: s?.flags ?? {},
    candidates: records,
    forced: s?.forced ?? (error ? process.env.TSML_BACKEND : undefined),
    tfjsVersion: (s?.tf.version as Record<string, string> | undefined)?.tfjs ?? (s?.tf.version as Record<string, string> | undefined)?.['tfjs-core'],
    loadMs: s?.loadMs,
    error: error?.message,
  };
}

function recordText(r: CandidateRecord): string {
  if (r.status === 'active') return 'active';
  if (r.status === 'not tried') return `not tried${r.detail ? ` (${r.detail})` : ''}`;
  return `skipped: ${r.reason}${r.detail ? ` — ${r.detail}` : ''}`;
}

const flagText = (flags: Flags) =>
  Object.entries(flags)
    .map(([k, v]) => `${k}: ${typeof v === 'boolean' ? (v ? 'yes' : 'no') : v}`)
    .join(', ');

function headline(d: DeviceInfo): string {
  if (d.error) return `TensorFlow.js could not load: ${d.error}`;
  if (!d.backend) return 'TensorFlow.js is not loaded yet (display this report or call loadTf() to load it)';
  const switched = d.tfjsBackend && d.tfjsBackend !== (d.backend.startsWith('tensorflow') ? 'tensorflow' : d.backend) ? ` — tf.getBackend() is now '${d.tfjsBackend}'` : '';
  const forced = d.forced ? ` (forced by TSML_BACKEND=${d.forced})` : '';
  return `TensorFlow.js${d.tfjsVersion ? ` ${d.tfjsVersion}` : ''} on ${d.backend}${forced}${switched}`;
}

export function deviceText(d: DeviceInfo): string {
  const lines = [headline(d)];
  if (d.devices.length) lines.push(`devices: ${d.devices.join('; ')}`);
  const flags = flagText(d.flags);
  if (flags) lines.push(`flags: ${flags}`);
  if (d.loadMs !== undefined) lines.push(`selected in ${Math.round(d.loadMs)} ms`);
  if (d.candidates.length) {
    lines.push('backends, best first:');
    const w = Math.max(...d.candidates.map((r) => r.id.length));
    for (const r of d.candidates) lines.push(`  ${r.status === 'active' ? '→' : ' '} ${r.id.padEnd(w)}  ${r.packages.join(' + ')}: ${recordText(r)}`);
  }
  return lines.join('\n');
}

const STATUS_STYLE: Record<CandidateRecord['status'], string> = {
  active: 'color:#1a7f37;font-weight:bold',
  skipped: 'color:#9a6700',
  'not tried': 'color:#888',
};

export function deviceHtml(d: DeviceInfo): string {
  const TD = 'style="padding:2px 8px;text-align:left;vertical-align:top"';
  const rows = d.candidates
    .map(
      (r) =>
        `<tr><td ${TD}><code>${esc(r.id)}</code></td><td ${TD}>${r.packages.map((p) => `<code>${esc(p)}</code>`).join(' + ')}</td>` +
        `<td ${TD}><span style="${STATUS_STYLE[r.status]}">${esc(r.status === 'skipped' ? `skipped: ${r.reason}` : r.status)}</span></td>` +
        `<td style="padding:2px 8px;text-align:left;vertical-align:top;color:#555">${esc(r.detail ?? '')}</td></tr>`,
    )
    .join('');
  const facts = [
    d.devices.length ? `<div><b>devices</b>: ${esc(d.devices.join('; '))}</div>` : '',
    flagText(d.flags) ? `<div><b>flags</b>: ${esc(flagText(d.flags))}</div>` : '',
    d.loadMs !== undefined ? `<div style="color:#888">selected in ${Math.round(d.loadMs)} ms</div>` : '',
  ].join('');
  const table = rows
    ? `<table style="border-collapse:collapse;font-size:12px;margin-top:6px"><thead><tr>${['backend', 'packages', 'status', 'why'].map((h) => `<th ${TD}>${h}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`
    : '';
  return `<div class="tsml-device" style="font-size:13px"><div><b>${esc(headline(d))}</b></div>${facts}${table}</div>`;
}

/** A live view of the backend selection; fields read the current state. */
export class DeviceReport implements DeviceInfo {
  get backend() {
    return snapshot().backend;
  }
  get tfjsBackend() {
    return snapshot().tfjsBackend;
  }
  get devices() {
    return snapshot().devices;
  }
  get flags() {
    return snapshot().flags;
  }
  get candidates() {
    return snapshot().candidates;
  }
  get forced() {
    return snapshot().forced;
  }
  get tfjsVersion() {
    return snapshot().tfjsVersion;
  }
  get loadMs() {
    return snapshot().loadMs;
  }
  get error() {
    return snapshot().error;
  }

  toJSON(): DeviceInfo {
    return snapshot();
  }

  toString(): string {
    return deviceText(snapshot());
  }

  [INSPECT](): string {
    return this.toString();
  }

  [JUPYTER_DISPLAY](): MimeBundle | Promise<MimeBundle> {
    const render = (): MimeBundle => {
      const d = snapshot();
      return { 'text/html': deviceHtml(d), 'text/plain': deviceText(d) };
    };
    if (loadState().selection) return render();
    // Not loaded (or a previous load failed): load now, and report the outcome either way.
    return loadTf().then(render, render);
  }
}

/** The backend report: `tsml.device()` in a cell shows it. */
export function device(): DeviceReport {
  return new DeviceReport();
}

export type { Selection };
