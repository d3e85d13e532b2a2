/**
 * The standard controls, as ipywidgets names them, each rendered by the
 * standard @jupyter-widgets/controls view. Properties read and write like
 * plain fields (`slider.value = 3`); `set({...})` changes several at once.
 */
import { SPECS, type State } from './specs.js';
import { defineAccessors, Widget } from './widget.js';

type Common = { description?: string; disabled?: boolean; tooltip?: string | null; layout?: State | Widget; style?: State | Widget; [key: string]: unknown };

const num = (name: string, v: unknown): number => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || Number.isNaN(n)) throw new TypeError(`${name} must be a number, got ${JSON.stringify(v)}`);
  return n;
};

/** Sliders, progress bars and Play: `value` stays within [min, max]; Int* round. */
abstract class Bounded extends Widget {
  declare value: number;
  declare min: number;
  declare max: number;
  protected override coerce(name: string, v: unknown): unknown {
    if (!['value', 'min', 'max', 'step'].includes(name) || v === null) return v;
    let n = num(`${this.constructor.name}.${name}`, v);
    if (this.isInt()) n = Math.round(n);
    if (name === 'value') n = Math.min(Math.max(n, this.get<number>('min')), this.get<number>('max'));
    return n;
  }

  protected override adjust(): State | undefined {
    const [v, lo, hi] = [this.get<number>('value'), this.get<number>('min'), this.get<number>('max')];
    if (lo > hi) throw new RangeError(`${this.constructor.name}: min (${lo}) must not exceed max (${hi})`);
    return v < lo ? { value: lo } : v > hi ? { value: hi } : undefined;
  }

  private isInt(): boolean {
    return /^(Int|Play)/.test(this.spec.model[2]);
  }
}

export type SliderOptions = Common & { value?: number; min?: number; max?: number; step?: number; continuous_update?: boolean; orientation?: 'horizontal' | 'vertical'; readout?: boolean; readout_format?: string };

export class IntSlider extends Bounded {
  constructor(opts: SliderOptions = {}) { super(SPECS.IntSlider, opts); }
}
export class FloatSlider extends Bounded {
  constructor(opts: SliderOptions = {}) { super(SPECS.FloatSlider, opts); }
}
/** A slider over exponents: `value` is base ** x for x in [min, max]. */
export class FloatLogSlider extends Widget {
  declare value: number;
  constructor(opts: SliderOptions & { base?: number } = {}) { super(SPECS.FloatLogSlider, opts); }
}
export class IntProgress extends Bounded {
  constructor(opts: Common & { value?: number; min?: number; max?: number; bar_style?: string } = {}) { super(SPECS.IntProgress, opts); }
}
export class FloatProgress extends Bounded {
  constructor(opts: Common & { value?: number; min?: number; max?: number; bar_style?: string } = {}) { super(SPECS.FloatProgress, opts); }
}
/** Steps `value` from min to max every `interval` ms while playing (in the browser); link it to a slider. */
export class Play extends Bounded {
  declare playing: boolean;
  constructor(opts: Common & { value?: number; min?: number; max?: number; step?: number; interval?: number; repeat?: boolean } = {}) { super(SPECS.Play, opts); }
}
export class IntText extends Widget {
  declare value: number;
  constructor(opts: Common & { value?: number; step?: number } = {}) { super(SPECS.IntText, opts); }
  protected override coerce(name: string, v: unknown): unknown {
    return name === 'value' ? Math.round(num('IntText.value', v)) : v;
  }
}
export class FloatText extends Widget {
  declare value: number;
  constructor(opts: Common & { value?: number; step?: number | null } = {}) { super(SPECS.FloatText, opts); }
  protected override coerce(name: string, v: unknown): unknown {
    return name === 'value' ? num('FloatText.value', v) : v;
  }
}

abstract class BooleanWidget extends Widget {
  declare value: boolean;
  protected override coerce(name: string, v: unknown): unknown {
    return name === 'value' ? Boolean(v) : v;
  }
}
export class Checkbox extends BooleanWidget {
  constructor(opts: Common & { value?: boolean; indent?: boolean } = {}) { super(SPECS.Checkbox, opts); }
}
export class ToggleButton extends BooleanWidget {
  constructor(opts: Common & { value?: boolean; button_style?: string; icon?: string } = {}) { super(SPECS.ToggleButton, opts); }
}

abstract class StringWidget extends Widget {
  declare value: string;
  protected override coerce(name: string, v: unknown): unknown {
    return name === 'value' || name === 'description' ? String(v ?? '') : v;
  }
}
type TextOptions = Common & { value?: string; placeholder?: string; continuous_update?: boolean };
export class Text extends StringWidget { constructor(opts: TextOptions = {}) { super(SPECS.Text, opts); } }
export class Textarea extends StringWidget { constructor(opts: TextOptions & { rows?: number | null } = {}) { super(SPECS.Textarea, opts); } }
export class Label extends StringWidget { constructor(opts: Common & { value?: string } = {}) { super(SPECS.Label, opts); } }
/** Shows `value` as HTML (the frontend sanitizes it in untrusted notebooks). */
export class HTML extends StringWidget { constructor(opts: Common & { value?: string } = {}) { super(SPECS.HTML, opts); } }

export class Button extends Widget {
  declare description: string;
  constructor(opts: Common & { button_style?: '' | 'primary' | 'success' | 'info' | 'warning' | 'danger'; icon?: string } = {}) {
    super(SPECS.Button, opts);
  }

  /** Calls `fn(button)` on every click in any view; returns a function that stops it. */
  onClick(fn: (button: Button) => unknown): () => void {
    return this.onCustom((content) => (content.event === 'click' ? fn(this) : undefined));
  }
}

abstract class Box extends Widget {
  declare children: Widget[];
  protected override coerce(name: string, v: unknown): unknown {
    if (name !== 'children') return v;
    if (!Array.isArray(v) || v.some((c) => !(c instanceof Widget))) throw new TypeError(`${this.constructor.name}.children must be a list of widgets`);
    return [...v];
  }
}
export class HBox extends Box {
  constructor(children: Widget[] = [], opts: Common & { box_style?: string } = {}) { super(SPECS.HBox, { ...opts, children }); }
}
export class VBox extends Box {
  constructor(children: Widget[] = [], opts: Common & { box_style?: string } = {}) { super(SPECS.VBox, { ...opts, children }); }
}

for (const [cls, spec] of [
  [IntSlider, SPECS.IntSlider], [FloatSlider, SPECS.FloatSlider], [FloatLogSlider, SPECS.FloatLogSlider], [IntProgress, SPECS.IntProgress],
  [FloatProgress, SPECS.FloatProgress], [Play, SPECS.Play], [IntText, SPECS.IntText], [FloatText, SPECS.FloatText],
  [Checkbox, SPECS.Checkbox], [ToggleButton, SPECS.ToggleButton], [Text, SPECS.Text], [Textarea, SPECS.Textarea],
  [Label, SPECS.Label], [HTML, SPECS.HTML], [Button, SPECS.Button], [HBox, SPECS.HBox], [VBox, SPECS.VBox],
] as const) {
  defineAccessors(cls, spec);
}
