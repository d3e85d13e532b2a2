/**
 * Renderers the kernel knows by shape, registered at start and loaded on
 * first use: arquero tables (from any copy of arquero a notebook imports).
 */
import { registerFormatter } from './format.js';

type Obj = Record<string, unknown>;

const isArqueroTable = (v: object) =>
  typeof (v as Obj).numRows === 'function' && typeof (v as Obj).columnNames === 'function' && typeof (v as Obj).array === 'function';

export function registerBuiltinFormatters(): void {
  registerFormatter(isArqueroTable, async () => (await import('../data/render/display.js')).tableBundle);
}
