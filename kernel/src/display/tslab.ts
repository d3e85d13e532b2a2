/**
 * tslab compatibility: `import * as tslab from "tslab"` in a tsml notebook
 * resolves here, so notebooks written for tslab's display API run unchanged.
 */
import { randomUUID } from 'node:crypto';
import { display as show, type DisplayOptions } from './display.js';
import { StandardMime } from '../mime/index.js';

export interface Display {
  javascript(s: string): void;
  html(s: string): void;
  markdown(s: string): void;
  latex(s: string): void;
  svg(s: string): void;
  png(b: Uint8Array): void;
  jpeg(b: Uint8Array): void;
  gif(b: Uint8Array): void;
  pdf(b: Uint8Array): void;
  text(s: string): void;
  raw(contentType: string, b: string | Uint8Array): void;
}

function makeDisplay(opts: () => DisplayOptions): Display {
  return {
    javascript: (s) => show.javascript(s, opts()),
    html: (s) => show.html(s, opts()),
    markdown: (s) => show.markdown(s, opts()),
    latex: (s) => show.latex(s, opts()),
    svg: (s) => show.svg(s, opts()),
    png: (b) => show.png(b, opts()),
    jpeg: (b) => show.jpeg(b, opts()),
    gif: (b) => show.gif(b, opts()),
    pdf: (b) => show.pdf(b, opts()),
    text: (s) => show.text(s, opts()),
    raw: (contentType, b) =>
      show.bundle(
        {
          [contentType]: typeof b === 'string' ? b : Buffer.from(b).toString('base64'),
          [StandardMime.plain]: `<${contentType}>`,
        },
        opts(),
      ),
  };
}

export const display: Display = makeDisplay(() => ({}));

/** A display whose every call replaces its previous output (tslab's `newDisplay`). */
export function newDisplay(): Display {
  const id = randomUUID();
  let shown = false;
  return makeDisplay(() => {
    const o: DisplayOptions = { display_id: id, update: shown };
    shown = true;
    return o;
  });
}

export const versions = {
  tslab: 'tsml-compat',
  typescript: '5.9',
  node: process.version,
};

export const isNode = true;
export const isBrowser = false;
