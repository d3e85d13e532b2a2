/**
 * Jupyter widgets from TypeScript: the ipywidgets 8 protocol (2.1.0), so the
 * standard @jupyter-widgets views (jupyterlab_widgets) render them in
 * JupyterLab 4 and Notebook 7, plus anywidget-style custom widgets.
 */
export { Widget, Layout, Style, type Change, type Observer, type CustomHandler } from './widget.js';
export {
  IntSlider, FloatSlider, FloatLogSlider, IntProgress, FloatProgress, Play, IntText, FloatText,
  Checkbox, ToggleButton, Text, Textarea, Label, HTML, Button, HBox, VBox, type SliderOptions,
} from './controls.js';
export { Dropdown, RadioButtons, ToggleButtons, SelectionSlider, type Options, type SelectionOptions } from './selection.js';
export { Output } from './output.js';
export { link, dlink, jslink, jsdlink, Link, type Endpoint, type KernelLink } from './link.js';
export { interact, interactive, fixed, widgetFor, Interactive, type Abbreviation, type InteractOptions } from './interact.js';
export { widget, AnyWidget, ANYWIDGET_VERSION, type AnyWidgetOptions } from './anywidget.js';
export { liveWidgets as all } from './manager.js';
