/**
 * `display.missing(table, opts)`: the missing-values panel's payload, computed
 * by the stats engine (nullity, completeness, missingno's correlation and
 * dendrogram, sentinels, duplicates, imputation previews), with its static
 * fallbacks, and the kernel side of its channel: the panel's actions add
 * steps to `view.plan`, and "insert code" asks for `plan.fit(table).code()`.
 */
import type { ColumnTable } from 'arquero';
import { tsmlBundle, TsmlMime, type MissingColumn, type MissingPayload, type TsmlBundle } from '../mime/index.js';
import { completeness, nullity, nullityCorrelation, nullityDendrogram } from '../stats/nullity.js';
import { sentinels } from '../stats/sentinels.js';
import { duplicates } from '../stats/duplicates.js';
import { rowNumbers, valueKind } from '../stats/access.js';
import { quantilesInPlace } from '../data/select.js';
import { columnOf, mode } from '../data/columns.js';
import { knnImpute } from '../clean/verbs/knn-impute.js';
import { missingHtml, missingText, binIndex } from '../missing/index.js';
import { asTable } from './tables.js';
import { PanelSession, type PanelOptions } from './panel-session.js';

export interface MissingOptions extends PanelOptions {
  /** Columns above this missing share are marked for dropping (default 0.3). */
  threshold?: number;
  /** Most rows the nullity matrix draws (default 50,000; more are sampled evenly, with a note). */
  maxMatrixRows?: number;
  /** kNN previews are computed up to this many rows (default 5,000). */
  knnPreviewRows?: number;
}

const b64 = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
const BINS = 20;

/** The most frequent value (smallest on ties, as pandas' mode()[0]); undefined past 10,000 distinct values (no sensible mode). */
function modeOf(x: Float64Array): number | undefined {
  const counts = new Map<number, number>();
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    const c = counts.get(v);
    if (c !== undefined) counts.set(v, c + 1);
    else if (counts.size >= 10_000) return undefined;
    else counts.set(v, 1);
  }
  let best: number | undefined, most = 0;
  for (const [v, c] of counts) if (c > most || (c === most && v < best!)) [best, most] = [v, c];
  return best;
}

function numericColumn(table: ColumnTable, name: string, missing: number, knnRows: number): MissingColumn {
  const x = rowNumbers(table, name);
  const buf = new Float64Array(x.length);
  let k = 0, lo = Infinity, hi = -Infinity, sum = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v - v !== 0) continue;
    buf[k++] = v;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    sum += v;
  }
  const present = buf.subarray(0, k);
  const edges = present.length ? Array.from({ length: BINS + 1 }, (_, i) => (hi === lo ? lo - 0.5 + i / BINS : lo + ((hi - lo) * i) / BINS)) : [];
  const bin = (vals: ArrayLike<number>) => {
    const counts = new Array<number>(edges.length ? BINS : 0).fill(0);
    if (edges.length) for (let i = 0; i < vals.length; i++) if (vals[i] - vals[i] === 0) counts[binIndex(edges, vals[i])]++;
    return counts;
  };
  const counts = bin(present);
  const mode = present.length ? modeOf(present) : undefined;
  const col: MissingColumn = {
    name, kind: 'number', missing,
    hist: { edges, counts },
    fill: present.length ? { mean: sum / present.length, median: quantilesInPlace(present, [0.5])[0], ...(mode === undefined ? {} : { mode }) } : {},
  };
  if (missing > 0 && present.length) {
    // Forward / backward fill binned on the fly: each gap counts in the bin of the value it would take.
    const propagate = (backward: boolean) => {
      const counts = new Array<number>(BINS).fill(0);
      let last = NaN;
      for (let k = 0; k < x.length; k++) {
        const v = x[backward ? x.length - 1 - k : k];
        if (v === v) last = v;
        if (last - last === 0) counts[binIndex(edges, last)]++;
      }
      return counts;
    };
    col.after = { ffill: propagate(false), bfill: propagate(true) };
    if (table.numRows() <= knnRows) {
      const features = table.columnNames().filter((c) => valueKind(table, c) === 'number');
      const reference = Object.fromEntries(features.map((c) => [c, rowNumbers(table, c)]));
      col.after.knn = bin(knnImpute(table.select(features), [name], { reference, k: 5 }).array(name) as ArrayLike<number>);
    }
  }
  return col;
}

function otherColumn(table: ColumnTable, name: string, kind: string, missing: number): MissingColumn {
  const values = columnOf(table, name);
  const counts = new Map<string, number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || (typeof v === 'number' && v !== v)) continue;
    const k = String(v);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const shown = top.slice(0, 10);
  const rest = top.slice(10).reduce((s, [, c]) => s + c, 0);
  return {
    name, kind, missing,
    hist: { labels: [...shown.map(([l]) => l), ...(rest ? ['(other)'] : [])], counts: [...shown.map(([, c]) => c), ...(rest ? [rest] : [])] },
    fill: { mode: top.length ? mode(values) : undefined },
  };
}

export function missingPayload(table: ColumnTable, opts: MissingOptions = {}): MissingPayload {
  const { threshold = 0.3, maxMatrixRows = 50_000, knnPreviewRows = 5_000 } = opts;
  if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`display.missing: threshold is a share in [0, 1], got ${threshold}`);
  const n = nullity(table);
  const rows = n.rows;
  const cols = n.columns.length;
  // At most maxMatrixRows rows, and at most 2 M cells, so a 200-column matrix stays a few hundred KB.
  const cap = Math.max(1, Math.min(maxMatrixRows, Math.floor(2_000_000 / Math.max(1, cols))));
  const stride = Math.max(1, Math.ceil(rows / cap));
  const shown = Math.ceil(rows / stride);
  const comp = completeness(n);
  const present = new Uint16Array(shown);
  const bits = n.masks.map((mask) => {
    if (stride === 1) return b64(mask);
    const out = new Uint32Array((shown + 31) >>> 5);
    for (let s = 0, i = 0; s < shown; s++, i += stride) if ((mask[i >>> 5] >>> (i & 31)) & 1) out[s >>> 5] |= 1 << (s & 31);
    return b64(out);
  });
  for (let s = 0; s < shown; s++) present[s] = Math.min(65535, comp.present[s * stride]);
  const columns = n.columns.map((c, i) => {
    const kind = valueKind(table, c);
    return kind === 'number' ? numericColumn(table, c, n.missing[i], knnPreviewRows) : otherColumn(table, c, kind, n.missing[i]);
  });
  const corr = nullityCorrelation(n);
  const dendro = nullityDendrogram(n);
  const dup = duplicates(table);
  return {
    name: opts.name ?? 'table',
    rows,
    columns,
    threshold,
    matrix: { shown, stride, bits, present: b64(present) },
    completeness: { min: comp.min, max: comp.max },
    correlation: corr.columns.length >= 2 ? corr : null,
    dendrogram: { order: dendro.order, merges: dendro.merges },
    sentinels: sentinels(table).map((s) => ({ ...s, rows: s.rows.slice(0, 20) })),
    duplicates: { count: dup.count, rows: dup.rows.slice(0, 100), firstOf: dup.firstOf.slice(0, 100) },
  };
}

type MissingBundle = TsmlBundle<typeof TsmlMime.missing, MissingPayload>;

/** The bundle and the live session behind it (steps from the panel land in `session.plan`). */
export function missingFor(input: unknown, opts: MissingOptions = {}): { bundle: MissingBundle; session: PanelSession } {
  const table = asTable(input, 'display.missing');
  const payload = missingPayload(table, opts);
  const session = new PanelSession(table, payload.name);
  payload.channel = session.channel.id;
  return { bundle: tsmlBundle(TsmlMime.missing, payload, { html: missingHtml(payload), text: missingText(payload) }), session };
}
