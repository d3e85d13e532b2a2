/** Every widget's first state equals ipywidgets 8's get_state() for the same arguments (layout/style references aside). */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as W from '../../kernel/src/widgets/index.js';

const PY = join(__dirname, '..', '..', '.venv', 'bin', 'python');

const CASES: [string, string, () => W.Widget][] = [
  ['IntSlider', 'w.IntSlider(value=5)', () => new W.IntSlider({ value: 5 })],
  ['FloatSlider', 'w.FloatSlider(value=2.5, step=0.5)', () => new W.FloatSlider({ value: 2.5, step: 0.5 })],
  ['FloatLogSlider', 'w.FloatLogSlider(value=0.01, min=-4, max=0)', () => new W.FloatLogSlider({ value: 0.01, min: -4, max: 0 })],
  ['IntText', 'w.IntText(value=3)', () => new W.IntText({ value: 3 })],
  ['FloatText', 'w.FloatText(value=0.5)', () => new W.FloatText({ value: 0.5 })],
  ['IntProgress', 'w.IntProgress(value=10, bar_style="success")', () => new W.IntProgress({ value: 10, bar_style: 'success' })],
  ['FloatProgress', 'w.FloatProgress(value=0.3, max=1.0)', () => new W.FloatProgress({ value: 0.3, max: 1 })],
  ['Play', 'w.Play(value=2, max=9, interval=200, repeat=True)', () => new W.Play({ value: 2, max: 9, interval: 200, repeat: true })],
  ['Dropdown', 'w.Dropdown(options=[("Fast", 1), ("Slow", 2)], value=2)', () => new W.Dropdown({ options: [['Fast', 1], ['Slow', 2]], value: 2 })],
  ['RadioButtons', 'w.RadioButtons(options=["a", "b"])', () => new W.RadioButtons({ options: ['a', 'b'] })],
  ['ToggleButtons', 'w.ToggleButtons(options=["x", "y"], tooltips=["X", "Y"])', () => new W.ToggleButtons({ options: ['x', 'y'], tooltips: ['X', 'Y'] })],
  ['SelectionSlider', 'w.SelectionSlider(options=["lo", "mid", "hi"], value="mid")', () => new W.SelectionSlider({ options: ['lo', 'mid', 'hi'], value: 'mid' })],
  ['Dropdown (empty)', 'w.Dropdown()', () => new W.Dropdown()],
  ['Checkbox', 'w.Checkbox(value=True, indent=False)', () => new W.Checkbox({ value: true, indent: false })],
  ['ToggleButton', 'w.ToggleButton(description="on", icon="check")', () => new W.ToggleButton({ description: 'on', icon: 'check' })],
  ['Text', 'w.Text(placeholder="name")', () => new W.Text({ placeholder: 'name' })],
  ['Textarea', 'w.Textarea(rows=4)', () => new W.Textarea({ rows: 4 })],
  ['Label', 'w.Label("x")', () => new W.Label({ value: 'x' })],
  ['HTML', 'w.HTML("<i>x</i>")', () => new W.HTML({ value: '<i>x</i>' })],
  ['Button', 'w.Button(description="Run", button_style="primary")', () => new W.Button({ description: 'Run', button_style: 'primary' })],
  ['HBox', 'w.HBox()', () => new W.HBox()],
  ['VBox', 'w.VBox(box_style="info")', () => new W.VBox([], { box_style: 'info' })],
  ['Output', 'w.Output()', () => new W.Output()],
];

const ref = /^IPY_MODEL_[0-9a-f]+$/;
const noRefs = (s: Record<string, unknown>) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, typeof v === 'string' && ref.test(v) ? 'IPY_MODEL_' : v]));

describe('widget states match ipywidgets 8', () => {
  const script = `import json, ipywidgets as w\nout = {}\n${CASES.map(([name, py]) => `x = ${py}\nout[${JSON.stringify(name)}] = [x.get_state(), x.style.get_state() if hasattr(x, 'style') else None, x.layout.get_state() if hasattr(x, 'layout') else None]`).join('\n')}\nprint(json.dumps(out))`;
  const expected = JSON.parse(execFileSync(PY, ['-c', script]).toString()) as Record<string, [Record<string, unknown>, Record<string, unknown> | null, Record<string, unknown> | null]>;

  for (const [name, , make] of CASES) {
    it(name, () => {
      const w = make();
      const [state, style, layout] = expected[name];
      expect(noRefs(w.fullState())).toEqual(noRefs(state));
      expect(w.keys().includes('style') ? (w.get('style') as W.Widget).fullState() : null).toEqual(style);
      expect(w.keys().includes('layout') ? (w.get('layout') as W.Widget).fullState() : null).toEqual(layout);
    });
  }
});
