/**
 * The kernel side of the live loss chart: per run and series, a bounded
 * min/max/last decimation of everything logged; a display whose updates are
 * throttled (at most one every `intervalMs`, the last one always delivered);
 * and a final update carrying the whole decimated state with its static SVG
 * and text, which is what a saved notebook keeps. One chart can hold several
 * runs (an LR sweep, schedules side by side).
 */
import { JUPYTER_DISPLAY, TsmlMime, tsmlBundle, type LossPayload, type LossRunPayload, type LossRunStatus, type MimeBundle } from '../mime/index.js';
import { Decimator, encodeBuckets, lossHtml, lossModel, lossText } from '../loss/index.js';
import { display, type DisplayHandle } from '../display/display.js';
import { frontend } from '../display/frontend.js';

/** Floats all series of a chart may carry together (6 per bucket, 4 bytes each, base64): ~32 KB of JSON. */
const FLOAT_BUDGET = 6000;
const MAX_BUCKETS = 400;
const MIN_BUCKETS = 32;
/** The SVG fallback is redrawn at most this often while running (the final update always redraws it). */
const HTML_EVERY_MS = 2000;

export interface LiveChartOptions {
  title?: string;
  /** Default EMA weight of the smoothing slider. */
  smoothing?: number;
  logY?: boolean;
  xLabel?: string;
  xLog?: boolean;
  /** Minimum milliseconds between two updates (default 100: at most 10 per second). */
  intervalMs?: number;
  /** Stream updates while training (default: in an interactive frontend only; headless runs show the final chart). */
  live?: boolean;
}

class Series {
  readonly dec = new Decimator(MAX_BUCKETS);
  constructor(readonly name: string, readonly scope: 'batch' | 'epoch') {}
}

export class ChartRun {
  status: LossRunStatus = 'running';
  epoch = 0;
  epochs = 0;
  step = 0;
  elapsedMs = 0;
  etaMs: number | null = null;
  note: string | undefined;
  readonly series = new Map<string, Series>();

  constructor(readonly name: string, private readonly chart: LiveChart) {}

  /** Logs one point; `scope` says whether it is a step's value or an epoch's. */
  log(scope: 'batch' | 'epoch', name: string, x: number, y: number): void {
    const key = `${scope}:${name}`;
    let s = this.series.get(key);
    if (!s) {
      this.series.set(key, (s = new Series(name, scope)));
      this.chart.rebudget();
    }
    s.dec.push(x, y);
  }

  payload(): LossRunPayload {
    const series = [...this.series.values()]
      // A constant learning rate is not worth an axis.
      .filter((s) => s.name !== 'lr' || s.dec.value.some((b) => b.min !== s.dec.value[0].min || b.max !== b.min))
      .map((s) => ({ name: s.name, scope: s.scope, count: s.dec.count, buckets: encodeBuckets(s.dec.value) }));
    return { name: this.name, status: this.status, epoch: this.epoch, epochs: this.epochs, step: this.step, elapsedMs: Math.round(this.elapsedMs), etaMs: this.etaMs === null ? null : Math.round(this.etaMs), ...(this.note ? { note: this.note } : {}), series };
  }
}

/**
 * A live loss chart: series logged per run and step, decimated to a bounded size, redrawn at most
 * every `intervalMs`; the final update keeps a static SVG so the saved notebook shows the curves.
 * Several runs can share one chart.
 */
export class LiveChart {
  readonly runs: ChartRun[] = [];
  readonly options: Required<Omit<LiveChartOptions, 'title' | 'xLog'>> & Pick<LiveChartOptions, 'title' | 'xLog'>;
  marker: { x: number; label: string } | undefined;
  private handle: DisplayHandle | undefined;
  private lastSent = 0;
  private timer: NodeJS.Timeout | undefined;
  private html: { at: number; text: string } | undefined;
  /** Updates sent and their sizes, for benchmarks and tests. */
  readonly stats = { updates: 0, maxBytes: 0 };

  constructor(opts: LiveChartOptions = {}) {
    this.options = {
      title: opts.title,
      smoothing: opts.smoothing ?? 0.6,
      logY: opts.logY ?? false,
      xLabel: opts.xLabel ?? 'epoch',
      xLog: opts.xLog,
      intervalMs: opts.intervalMs ?? 100,
      live: opts.live ?? (frontend.kernel && frontend.interactive),
    };
  }

  /** The run of that name, added if new (a second fit with the same name continues its run). */
  run(name: string): ChartRun {
    let r = this.runs.find((x) => x.name === name);
    if (!r) {
      this.runs.push((r = new ChartRun(name, this)));
      this.rebudget();
    }
    return r;
  }

  /** Shares the payload budget between all series: more series, fewer buckets each. */
  rebudget(): void {
    const n = this.runs.reduce((k, r) => k + r.series.size, 0) || 1;
    const cap = Math.max(MIN_BUCKETS, Math.min(MAX_BUCKETS, Math.floor(FLOAT_BUDGET / 6 / n)));
    for (const r of this.runs) for (const s of r.series.values()) s.dec.setCapacity(cap);
  }

  payload(): LossPayload {
    const o = this.options;
    return {
      version: 1,
      ...(o.title ? { title: o.title } : {}),
      xLabel: o.xLabel,
      ...(o.xLog ? { xLog: true } : {}),
      smoothing: o.smoothing,
      ...(o.logY ? { logY: true } : {}),
      runs: this.runs.map((r) => r.payload()),
      ...(this.marker ? { marker: this.marker } : {}),
    };
  }

  bundle(final = true): MimeBundle {
    const payload = this.payload();
    const model = lossModel(payload);
    const now = Date.now();
    if (final || !this.html || now - this.html.at > HTML_EVERY_MS) this.html = { at: now, text: lossHtml(model) };
    return tsmlBundle(TsmlMime.loss, payload, { html: this.html.text, text: lossText(model) });
  }

  [JUPYTER_DISPLAY](): MimeBundle {
    return this.bundle(true);
  }

  /** Shows the chart as a new output now, so live updates have somewhere to go (headless runs show it at the end). */
  show(): void {
    if (this.handle || !this.options.live) return;
    this.handle = display.bundle(this.bundle(false), { display_id: true });
    this.lastSent = Date.now();
  }

  /** Sends the current state, at most once per interval; a skipped update is sent when the interval ends. */
  update(): void {
    if (!this.options.live) return;
    if (!this.handle) return this.show();
    const wait = this.options.intervalMs - (Date.now() - this.lastSent);
    if (wait <= 0) return this.send(false);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.send(false);
    }, wait);
  }

  /** The final state: replaces the live output, or is shown now when nothing was live. */
  finish(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.handle) this.send(true);
    else {
      const b = this.bundle(true);
      this.count(b);
      this.handle = display.bundle(b, { display_id: true });
    }
  }

  private send(final: boolean): void {
    const b = this.bundle(final);
    this.count(b);
    this.handle?.update(b, { raw: true });
    this.lastSent = Date.now();
  }

  private count(b: MimeBundle): void {
    this.stats.updates++;
    this.stats.maxBytes = Math.max(this.stats.maxBytes, JSON.stringify(b).length);
  }
}
