/**
 * Pick-one controls (Dropdown, RadioButtons, ToggleButtons, SelectionSlider).
 * Views see option labels and an index; the kernel keeps the option values, so
 * options can be any values: `['relu', 'tanh']`, `[['Fast', 0.1], ['Slow', 0.01]]`
 * or `{ Fast: 0.1, Slow: 0.01 }`. Observing 'value' (or 'label') works like 'index'.
 */
import { SPECS, type Spec } from './specs.js';
import { defineAccessors, Widget, type Change } from './widget.js';

export type Options = readonly unknown[] | Readonly<Record<string, unknown>>;

interface Choices {
  labels: string[];
  values: unknown[];
}

function choices(options: Options | undefined): Choices {
  if (options === undefined || options === null) return { labels: [], values: [] };
  if (!Array.isArray(options)) {
    if (typeof options !== 'object') throw new TypeError(`options must be a list or an object of label: value; got ${JSON.stringify(options)}`);
    const entries = Object.entries(options);
    return { labels: entries.map(([k]) => k), values: entries.map(([, v]) => v) };
  }
  const pairs = options.length > 0 && options.every((o) => Array.isArray(o) && o.length === 2 && typeof o[0] === 'string');
  return pairs
    ? { labels: options.map((o) => (o as [string, unknown])[0]), values: options.map((o) => (o as [string, unknown])[1]) }
    : { labels: options.map((o) => String(o)), values: [...options] };
}

const equalValue = (a: unknown, b: unknown) => a === b || (typeof a === 'object' && a !== null && JSON.stringify(a) === JSON.stringify(b));

export type SelectionOptions = {
  options?: Options;
  value?: unknown;
  label?: string;
  index?: number | null;
  description?: string;
  disabled?: boolean;
  [key: string]: unknown;
};

abstract class Selection extends Widget {
  declare index: number | null;
  private choices: Choices;

  constructor(spec: Spec, opts: SelectionOptions) {
    const { options, value, label, index, ...rest } = opts;
    const c = choices(options);
    super(spec, { ...rest, _options_labels: c.labels, index: Selection.initialIndex(c, value, label, index) });
    this.choices = c;
  }

  private static initialIndex(c: Choices, value: unknown, label: string | undefined, index: number | null | undefined): number | null {
    if (index !== undefined) return index;
    if (value !== undefined) {
      const i = c.values.findIndex((v) => equalValue(v, value));
      if (i < 0) throw new RangeError(`value ${JSON.stringify(value)} is not one of the options: ${c.labels.join(', ')}`);
      return i;
    }
    if (label !== undefined) {
      const i = c.labels.indexOf(label);
      if (i < 0) throw new RangeError(`label '${label}' is not one of: ${c.labels.join(', ')}`);
      return i;
    }
    return c.labels.length ? 0 : null;
  }

  /** The selected option's value (null when nothing is selected). */
  get value(): unknown {
    const i = this.get<number | null>('index');
    return i === null ? null : this.choices.values[i];
  }

  set value(v: unknown) {
    const i = this.choices.values.findIndex((x) => equalValue(x, v));
    if (i < 0) throw new RangeError(`${this.constructor.name}: value ${JSON.stringify(v)} is not one of the options: ${this.choices.labels.join(', ')}`);
    this.set({ index: i });
  }

  get label(): string | null {
    const i = this.get<number | null>('index');
    return i === null ? null : this.choices.labels[i];
  }

  set label(l: string) {
    const i = this.choices.labels.indexOf(l);
    if (i < 0) throw new RangeError(`${this.constructor.name}: label '${l}' is not one of: ${this.choices.labels.join(', ')}`);
    this.set({ index: i });
  }

  get options(): unknown[] {
    return this.choices.values.map((v, i) => (this.choices.labels[i] === String(v) ? v : [this.choices.labels[i], v]));
  }

  /** New options; the selection stays on the same value when it is still offered, else moves to the first. */
  set options(o: Options) {
    const old = this.value;
    const c = choices(o);
    const kept = c.values.findIndex((v) => equalValue(v, old));
    this.choices = c;
    this.set({ _options_labels: c.labels, index: kept >= 0 ? kept : c.labels.length ? 0 : null });
  }

  protected override coerce(name: string, v: unknown): unknown {
    if (name !== 'index' || v === null) return v;
    const n = this.get<string[]>('_options_labels').length;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= n) throw new RangeError(`${this.constructor.name}.index must be a whole number in [0, ${n}); got ${JSON.stringify(v)}`);
    return v;
  }

  protected override implied(c: Change): Change[] {
    if (c.name !== 'index' || !this.choices) return [];
    const at = (i: unknown, xs: unknown[]) => (typeof i === 'number' ? xs[i] : null);
    return [
      { ...c, name: 'value', old: at(c.old, this.choices.values), new: at(c.new, this.choices.values) },
      { ...c, name: 'label', old: at(c.old, this.choices.labels), new: at(c.new, this.choices.labels) },
    ];
  }
}

export class Dropdown extends Selection {
  constructor(opts: SelectionOptions = {}) { super(SPECS.Dropdown, opts); }
}
export class RadioButtons extends Selection {
  constructor(opts: SelectionOptions & { orientation?: 'horizontal' | 'vertical' } = {}) { super(SPECS.RadioButtons, opts); }
}
export class ToggleButtons extends Selection {
  constructor(opts: SelectionOptions & { tooltips?: string[]; icons?: string[]; button_style?: string } = {}) { super(SPECS.ToggleButtons, opts); }
}
export class SelectionSlider extends Selection {
  constructor(opts: SelectionOptions & { continuous_update?: boolean; orientation?: 'horizontal' | 'vertical'; readout?: boolean } = {}) { super(SPECS.SelectionSlider, opts); }
}

for (const [cls, spec] of [[Dropdown, SPECS.Dropdown], [RadioButtons, SPECS.RadioButtons], [ToggleButtons, SPECS.ToggleButtons], [SelectionSlider, SPECS.SelectionSlider]] as const) {
  defineAccessors(cls, spec);
}
