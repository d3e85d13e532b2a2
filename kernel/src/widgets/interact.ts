/**
 * interact(): controls built from a short spec, and a function re-run with
 * their values into one Output whenever one changes — the quickest way to put
 * a slider in front of a chart. As in ipywidgets:
 *   [min, max] or [min, max, step] → IntSlider (all whole numbers) or FloatSlider
 *   a list (or { label: value })    → Dropdown
 *   true / false → Checkbox;  'text' → Text;  a number n → slider over [-n, 3n]
 *   a widget → used as it is;  fixed(v) → passed as v, no control
 */
import { display } from '../display/display.js';
import { formatValue, NO_OUTPUT } from '../display/format.js';
import { trackOutput } from '../display/pending.js';
import { Checkbox, FloatSlider, HBox, IntSlider, Text, VBox, Button } from './controls.js';
import { Output } from './output.js';
import { Dropdown, type Options } from './selection.js';
import { Widget } from './widget.js';

const FIXED = Symbol('tsml.fixed');
export interface Fixed<T> {
  [FIXED]: true;
  value: T;
}
/** A value interact() passes to the function as it is, with no control. */
export function fixed<T>(value: T): Fixed<T> {
  return { [FIXED]: true, value };
}
const isFixed = (v: unknown): v is Fixed<unknown> => typeof v === 'object' && v !== null && FIXED in v;

export type Abbreviation = readonly [number, number] | readonly [number, number, number] | Options | boolean | string | number | Widget | Fixed<unknown>;

export interface InteractOptions {
  /** Wait this long after the last change before re-running (ms, default 100): a dragged slider runs once it rests. */
  debounce?: number;
  /** Run only when a button is clicked (its label: true → 'Run'). */
  manual?: boolean | string;
  /** Sliders send values while dragged (default true); false sends on release. */
  continuousUpdate?: boolean;
}

const isWhole = (xs: readonly number[]) => xs.every((x) => Number.isInteger(x));

function snap(min: number, max: number, step: number | undefined): number {
  const mid = (min + max) / 2;
  if (!step) return mid;
  return min + Math.round((mid - min) / step) * step;
}

/** The control interact() makes for one abbreviation (undefined for fixed values). */
export function widgetFor(name: string, abbrev: Abbreviation, opts: InteractOptions = {}): Widget | undefined {
  const description = name;
  const continuous_update = opts.continuousUpdate ?? true;
  if (abbrev instanceof Widget) return abbrev;
  if (isFixed(abbrev)) return undefined;
  if (typeof abbrev === 'boolean') return new Checkbox({ value: abbrev, description });
  if (typeof abbrev === 'string') return new Text({ value: abbrev, description });
  if (typeof abbrev === 'number') {
    const [min, max] = abbrev === 0 ? [0, 1] : [Math.min(-abbrev, 3 * abbrev), Math.max(-abbrev, 3 * abbrev)];
    const Slider = Number.isInteger(abbrev) ? IntSlider : FloatSlider;
    return new Slider({ value: abbrev, min, max, description, continuous_update });
  }
  if (Array.isArray(abbrev) && (abbrev.length === 2 || abbrev.length === 3) && abbrev.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    const [min, max, step] = abbrev as number[];
    if (min > max) throw new RangeError(`interact: '${name}': [min, max] needs min <= max, got [${min}, ${max}]`);
    const ints = isWhole(abbrev as number[]);
    const Slider = ints ? IntSlider : FloatSlider;
    const value = ints ? Math.round(snap(min, max, step ?? 1)) : snap(min, max, step);
    return new Slider({ min, max, ...(step !== undefined ? { step } : ints ? {} : { step: (max - min) / 100 }), value, description, continuous_update });
  }
  if (Array.isArray(abbrev) || (typeof abbrev === 'object' && abbrev !== null)) {
    // An empty list or object would draw a dropdown with nothing to choose and call fn with undefined.
    if ((Array.isArray(abbrev) ? abbrev.length : Object.keys(abbrev).length) === 0) {
      throw new TypeError(`interact: '${name}' has no options to choose from; give a list ['a', 'b'], an object { label: value }, or [min, max] for a slider`);
    }
    return new Dropdown({ options: abbrev as Options, description });
  }
  throw new TypeError(`interact: cannot make a control for '${name}' from ${JSON.stringify(abbrev)}; use [min, max], a list of options, true/false, a string, a number, a widget or fixed(value)`);
}

type Values<S> = { [K in keyof S]: S[K] extends Fixed<infer T> ? T : unknown };

export class Interactive<S extends Record<string, Abbreviation>> {
  readonly [NO_OUTPUT] = true;
  readonly controls: Record<string, Widget> = {};
  readonly output = new Output();
  readonly widget: VBox;
  /** What the function returned last time. */
  result: unknown;
  /** Settles when the run in progress (if any) is over. */
  done: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private again = false;

  constructor(
    private readonly fn: (values: Values<S>) => unknown,
    private readonly spec: S,
    private readonly opts: InteractOptions = {},
  ) {
    for (const [name, abbrev] of Object.entries(spec)) {
      const w = widgetFor(name, abbrev, opts);
      if (w) this.controls[name] = w;
    }
    const rows: Widget[] = Object.values(this.controls);
    if (opts.manual) {
      const run = new Button({ description: typeof opts.manual === 'string' ? opts.manual : 'Run', button_style: 'primary' });
      run.onClick(() => void this.update());
      rows.push(run);
    } else {
      for (const w of Object.values(this.controls)) w.observe(() => this.schedule(), w.keys().includes('index') ? 'index' : 'value');
    }
    this.widget = new VBox([rows.length > 3 ? new VBox(rows) : new HBox(rows), this.output], { _dom_classes: ['widget-interact'] });
    if (!opts.manual) void this.update();
  }

  /** The current values, by name (fixed ones included). */
  values(): Values<S> {
    const out: Record<string, unknown> = {};
    for (const [name, abbrev] of Object.entries(this.spec)) out[name] = isFixed(abbrev) ? abbrev.value : (this.controls[name] as unknown as { value: unknown }).value;
    return out as Values<S>;
  }

  /** Runs the function now with the current values (after the run in progress, if any). */
  update(): Promise<void> {
    clearTimeout(this.timer);
    if (this.running) {
      this.again = true;
      return this.done;
    }
    this.running = true;
    this.done = this.runLoop();
    trackOutput(this.done);
    return this.done;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const ms = this.opts.debounce ?? 100;
    if (ms <= 0) void this.update();
    else this.timer = setTimeout(() => void this.update(), ms);
  }

  private async runLoop(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.runOnce(this.values());
      } while (this.again);
    } finally {
      this.running = false;
    }
  }

  /** One run into the Output; an `async` fn is captured across its awaits, a plain one for its call. */
  private async runOnce(values: Values<S>): Promise<void> {
    const out = this.output;
    let result: unknown;
    try {
      result = Object.prototype.toString.call(this.fn) === '[object AsyncFunction]'
        ? await out.capture(async () => {
            out.clear(true);
            return this.fn(values);
          })
        : out.capture(() => {
            out.clear(true);
            return this.fn(values);
          });
      result = await result;
    } catch {
      return; // Output.capture has shown it
    }
    this.result = result;
    if (result === undefined) return;
    // Formatted here (not by display) so the run is over only once the result is shown.
    const f = await formatValue(result);
    out.capture(() => display(f.data, { raw: true, metadata: f.metadata }));
  }
}

/** Controls and an Output for `fn`, not shown yet: show `interactive(...).widget` where you want it. */
export function interactive<S extends Record<string, Abbreviation>>(fn: (values: Values<S>) => unknown, spec: S, opts?: InteractOptions): Interactive<S> {
  return new Interactive(fn, spec, opts);
}

/** Shows controls for `spec` and re-runs `fn(values)` into one Output when they change. */
export function interact<S extends Record<string, Abbreviation>>(fn: (values: Values<S>) => unknown, spec: S, opts?: InteractOptions): Interactive<S> {
  const i = new Interactive(fn, spec, opts);
  display(i.widget);
  return i;
}
