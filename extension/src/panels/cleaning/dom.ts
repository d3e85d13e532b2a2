/** Small DOM builders the cleaning panels share: labelled native controls (keyboard and screen readers for free), sections, buttons. */

let uid = 0;

/** An element with a class, text, trusted inner SVG/HTML (from tsml/missing, which escapes user strings), and children. */
export function el(tag: string, cls = '', text = '', html = '', children: Node[] = []): HTMLElement {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (html) e.innerHTML = html;
  else if (text) e.textContent = text;
  e.append(...children);
  return e;
}

export function section(title: string, ...children: Node[]): HTMLElement {
  return el('section', 'tsml-cl-section', '', '', [el('h4', '', title), ...children]);
}

export function labelled(control: HTMLElement, text: string, after = false): HTMLElement {
  control.id = `tsml-cl-ctl-${++uid}`;
  const label = document.createElement('label');
  label.htmlFor = control.id;
  label.textContent = text;
  return el('span', 'tsml-cl-control', '', '', after ? [control, label] : [label, control]);
}

export function button(text: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}
