/**
 * Renderers the kernel knows by shape, registered at start and loaded on
 * first use: arquero tables (from any copy of arquero a notebook imports) and
 * danfo.js DataFrames and Series (when a notebook has danfo installed).
 */
import { registerFormatter } from './format.js';
import { isTensorLike } from '../tensor/tensor-like.js';

type Obj = Record<string, unknown>;

const isArqueroTable = (v: object) =>
  typeof (v as Obj).numRows === 'function' && typeof (v as Obj).columnNames === 'function' && typeof (v as Obj).array === 'function';

const isDanfoFrame = (v: object) => typeof (v as Obj).$isSeries === 'boolean' && Array.isArray((v as Obj).columns);

export function registerBuiltinFormatters(): void {
  registerFormatter(
    isArqueroTable,
    async () => {
      const [{ liveTableBundle }, { installTableInspect }] = await Promise.all([import('../data/render/table-live.js'), import('../data/render/inspect.js')]);
      installTableInspect(); // console.log(table) prints the table too
      return liveTableBundle;
    },
    { warm: true },
  );
  // Tensors of a tfjs copy that loadTf() did not patch (e.g. tfjs-node next to the notebook) render the same way.
  registerFormatter(isTensorLike, async () => (await import('../tensor/render.js')).tensorBundleSync as (v: any) => any);
  registerFormatter(isDanfoFrame, async () => {
    const [{ liveTableBundle }, { fromDanfo }] = await Promise.all([import('../data/render/table-live.js'), import('../data/danfo.js')]);
    return (v: unknown) => liveTableBundle(fromDanfo(v));
  });
}
