/**
 * Native, labelled form controls for the panels' toolbars: keyboard- and
 * screen-reader-accessible for free. Each panel styles them through its own
 * wrapper class.
 */
let uid = 0;

export function labelled(control: HTMLElement, text: string, wrapClass: string, after = false): HTMLElement {
  const id = `tsml-ctl-${++uid}`;
  control.id = id;
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = text;
  const wrap = document.createElement('span');
  wrap.className = wrapClass;
  wrap.append(...(after ? [control, label] : [label, control]));
  return wrap;
}

/** A <select> of [value, label] options; `disabled` values are listed but cannot be picked. */
export function selectEl<T extends string>(options: [T, string][], value: T, onChange: (v: T) => void, disabled: (v: T) => string | null = () => null): HTMLSelectElement {
  const el = document.createElement('select');
  for (const [v, l] of options) {
    const o = new Option(l, v, v === value, v === value);
    const why = disabled(v);
    if (why) { o.disabled = true; o.title = why; }
    el.add(o);
  }
  el.addEventListener('change', () => onChange(el.value as T));
  return el;
}

export function checkboxEl(value: boolean, onChange: (v: boolean) => void): HTMLInputElement {
  const el = document.createElement('input');
  el.type = 'checkbox';
  el.checked = value;
  el.addEventListener('change', () => onChange(el.checked));
  return el;
}
