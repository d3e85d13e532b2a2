/**
 * What each widget is on the wire: its model and view (module, version,
 * name) and its default state, exactly as ipywidgets 8.1 sends them, so the
 * standard @jupyter-widgets views render tsml's widgets unchanged.
 * test/widgets compares every entry with ipywidgets' own get_state().
 */

export const PROTOCOL_VERSION = '2.1.0';
export const CONTROLS = '@jupyter-widgets/controls';
export const BASE = '@jupyter-widgets/base';
export const OUTPUT = '@jupyter-widgets/output';

export type State = Record<string, unknown>;

export interface Spec {
  model: [module: string, version: string, name: string];
  view: [module: string, version: string, name: string | null];
  defaults: State;
  /** The style widget it gets (its `style` state), if any. */
  style?: StyleKind;
  /** Whether it has a `layout` (every DOM widget does). */
  layout: boolean;
}

const C: [string, string] = [CONTROLS, '2.0.0'];
const B: [string, string] = [BASE, '2.0.0'];
const O: [string, string] = [OUTPUT, '1.0.0'];

const DOM = { _dom_classes: [], tabbable: null, tooltip: null };
const DESCRIBED = { ...DOM, description: '', description_allow_html: false };
const SLIDER = { ...DESCRIBED, behavior: 'drag-tap', continuous_update: true, disabled: false, orientation: 'horizontal', readout: true };
const FONT = { font_family: null, font_size: null, font_style: null, font_variant: null, font_weight: null, text_color: null, text_decoration: null };

const styles = {
  SliderStyle: { description_width: '', handle_color: null },
  DescriptionStyle: { description_width: '' },
  ToggleButtonsStyle: { button_width: '', description_width: '', font_weight: '' },
  CheckboxStyle: { background: null, description_width: '' },
  TextStyle: { background: null, description_width: '', font_size: null, text_color: null },
  ButtonStyle: { button_color: null, ...FONT },
  ToggleButtonStyle: { description_width: '', ...FONT },
  ProgressStyle: { bar_color: null, description_width: '' },
  LabelStyle: { background: null, description_width: '', ...FONT },
  HTMLStyle: { background: null, description_width: '', font_size: null, text_color: null },
} satisfies Record<string, State>;

export type StyleKind = keyof typeof styles;

export function styleSpec(kind: StyleKind): Spec {
  return { model: [...C, `${kind}Model`], view: [...B, 'StyleView'], defaults: styles[kind], layout: false };
}

const LAYOUT_KEYS = [
  'align_content', 'align_items', 'align_self', 'border_bottom', 'border_left', 'border_right', 'border_top', 'bottom', 'display',
  'flex', 'flex_flow', 'grid_area', 'grid_auto_columns', 'grid_auto_flow', 'grid_auto_rows', 'grid_column', 'grid_gap', 'grid_row',
  'grid_template_areas', 'grid_template_columns', 'grid_template_rows', 'height', 'justify_content', 'justify_items', 'left', 'margin',
  'max_height', 'max_width', 'min_height', 'min_width', 'object_fit', 'object_position', 'order', 'overflow', 'padding', 'right', 'top',
  'visibility', 'width',
] as const;
export type LayoutKey = (typeof LAYOUT_KEYS)[number];

export const LAYOUT: Spec = {
  model: [...B, 'LayoutModel'],
  view: [...B, 'LayoutView'],
  defaults: Object.fromEntries(LAYOUT_KEYS.map((k) => [k, null])),
  layout: false,
};

const control = (name: string, defaults: State, style?: StyleKind, view = `${name}View`): Spec => ({
  model: [...C, `${name}Model`],
  view: [...C, view],
  defaults,
  style,
  layout: true,
});

const SELECTION = { ...DESCRIBED, _options_labels: [], disabled: false, index: null };

export const SPECS = {
  IntSlider: control('IntSlider', { ...SLIDER, max: 100, min: 0, readout_format: 'd', step: 1, value: 0 }, 'SliderStyle'),
  FloatSlider: control('FloatSlider', { ...SLIDER, max: 100.0, min: 0.0, readout_format: '.2f', step: 0.1, value: 0.0 }, 'SliderStyle'),
  FloatLogSlider: control('FloatLogSlider', { ...SLIDER, base: 10.0, max: 4.0, min: 0.0, readout_format: '.3g', step: 0.1, value: 1.0 }, 'SliderStyle'),
  IntText: control('IntText', { ...DESCRIBED, continuous_update: false, disabled: false, step: 1, value: 0 }, 'DescriptionStyle'),
  FloatText: control('FloatText', { ...DESCRIBED, continuous_update: false, disabled: false, step: null, value: 0.0 }, 'DescriptionStyle'),
  IntProgress: control('IntProgress', { ...DESCRIBED, bar_style: '', max: 100, min: 0, orientation: 'horizontal', value: 0 }, 'ProgressStyle', 'ProgressView'),
  FloatProgress: control('FloatProgress', { ...DESCRIBED, bar_style: '', max: 100.0, min: 0.0, orientation: 'horizontal', value: 0.0 }, 'ProgressStyle', 'ProgressView'),
  Play: control('Play', { ...DESCRIBED, disabled: false, interval: 100, max: 100, min: 0, playing: false, repeat: false, show_repeat: true, step: 1, value: 0 }, 'DescriptionStyle'),
  Dropdown: control('Dropdown', SELECTION, 'DescriptionStyle'),
  RadioButtons: control('RadioButtons', { ...SELECTION, orientation: 'vertical' }, 'DescriptionStyle'),
  ToggleButtons: control('ToggleButtons', { ...SELECTION, button_style: '', icons: [], tooltips: [] }, 'ToggleButtonsStyle'),
  SelectionSlider: control('SelectionSlider', { ...SELECTION, behavior: 'drag-tap', continuous_update: true, orientation: 'horizontal', readout: true }, 'SliderStyle'),
  Checkbox: control('Checkbox', { ...DESCRIBED, disabled: false, indent: true, value: false }, 'CheckboxStyle'),
  ToggleButton: control('ToggleButton', { ...DESCRIBED, button_style: '', disabled: false, icon: '', value: false }, 'ToggleButtonStyle'),
  Text: control('Text', { ...DESCRIBED, continuous_update: true, disabled: false, placeholder: '\u200b', value: '' }, 'TextStyle'),
  Textarea: control('Textarea', { ...DESCRIBED, continuous_update: true, disabled: false, placeholder: '\u200b', rows: null, value: '' }, 'TextStyle'),
  Label: control('Label', { ...DESCRIBED, placeholder: '\u200b', value: '' }, 'LabelStyle'),
  HTML: control('HTML', { ...DESCRIBED, placeholder: '\u200b', value: '' }, 'HTMLStyle'),
  Button: control('Button', { ...DOM, button_style: '', description: '', disabled: false, icon: '' }, 'ButtonStyle'),
  HBox: control('HBox', { ...DOM, box_style: '', children: [] }),
  VBox: control('VBox', { ...DOM, box_style: '', children: [] }),
  Output: { model: [...O, 'OutputModel'], view: [...O, 'OutputView'], defaults: { ...DOM, msg_id: '', outputs: [] }, layout: true },
  Link: { model: [...C, 'LinkModel'], view: [...C, null], defaults: { source: null, target: null }, layout: false },
  DirectionalLink: { model: [...C, 'DirectionalLinkModel'], view: [...C, null], defaults: { source: null, target: null }, layout: false },
} satisfies Record<string, Spec>;

export type WidgetKind = keyof typeof SPECS;

/** The `_model_*` / `_view_*` keys every state carries, ipywidgets' names. */
export function headerState(spec: Spec): State {
  return {
    _model_module: spec.model[0],
    _model_module_version: spec.model[1],
    _model_name: spec.model[2],
    _view_count: null,
    _view_module: spec.view[0],
    _view_module_version: spec.view[1],
    _view_name: spec.view[2],
  };
}
