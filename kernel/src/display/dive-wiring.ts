/**
 * Connects a Dive output to its panel views: builds the bundle and the
 * handle. Until the kernel has the panel channel, the first view's columns
 * travel embedded in the payload and selections stay in the browser.
 */
import type { MimeBundle } from '../mime/index.js';
import { buildDive, type DiveOptions } from './dive.js';
import { Dive } from './dive-handle.js';

export function makeDive(input: unknown, opts: DiveOptions): { bundle: MimeBundle; handle: Dive } {
  const built = buildDive(input, opts);
  return { bundle: built.bundle, handle: new Dive(built.source, built.view, null) };
}
