/**
 * `display.missing(table, opts)`: the missing-values panel's payload, computed
 * by the stats engine (nullity, completeness, missingno's correlation and
 * dendrogram, sentinels, duplicates, imputation previews), with its static
 * fallbacks, and the kernel side of its channel: the panel's actions add
 * steps to `view.plan`, and "insert code" asks for `plan.fit(table).code()`.
 */
import type { ColumnTable } from 'arquero';
import { tsmlBundle, TsmlMime, type MissingPayload, type TsmlBundle } from '../mime/index.js';
import { completeness, nullityCorrelation, nullityDendrogram, type Nullity } from '../stats/nullity.js';
import { RowHashes } from '../stats/duplicates.js';
import { MissingScanner } from './missing-columns.js';
import { scanThreaded } from './missing-threads.js';
import { missingHtml, missingText } from '../missing/index.js';
import { asTable } from './tables.js';
import { PanelSession, type PanelOptions } from './panel-session.js';

export interface MissingOptions extends PanelOptions {
  /** Columns above this missing share are marked for dropping (default 0.3). */
  threshold?: number;
  /** Most rows the nullity matrix draws (default 50,000; more are sampled evenly, with a note). */
  maxMatrixRows?: number;
  /** kNN previews are computed up to this many rows (default 5,000). */
  knnPreviewRows?: number;
  /** Threads for the numeric columns, the caller included (default: the cores, at most 4, on tables of 100,000 rows or more; 1: none). */
  threads?: number;
}

const b64 = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

export function missingPayload(table: ColumnTable, opts: MissingOptions = {}): MissingPayload {
  const { threshold = 0.3, maxMatrixRows = 50_000, knnPreviewRows = 5_000 } = opts;
  if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`display.missing: threshold is a share in [0, 1], got ${threshold}`);
  // Each column is read once, for its flags, previews, sentinels and share of the row hashes.
  const names = table.columnNames();
  const hashes = new RowHashes(table.numRows());
  const scanner = new MissingScanner(table, hashes, knnPreviewRows);
  const scans = scanThreaded(table, names, scanner, opts.threads ?? Infinity) ?? names.map((c) => scanner.scan(c));
  const n: Nullity = { rows: table.numRows(), columns: names, missing: scans.map((s) => s.column.missing), masks: scans.map((s) => s.mask) };
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
  const columns = scans.map((s) => s.column);
  const corr = nullityCorrelation(n);
  const dendro = nullityDendrogram(n);
  const dup = hashes.resolve(table, names);
  return {
    name: opts.name ?? 'table',
    rows,
    columns,
    threshold,
    matrix: { shown, stride, bits, present: b64(present) },
    completeness: { min: comp.min, max: comp.max },
    correlation: corr.columns.length >= 2 ? corr : null,
    dendrogram: { order: dendro.order, merges: dendro.merges },
    sentinels: scans.flatMap((s) => s.sentinels).map((s) => ({ ...s, rows: s.rows.slice(0, 20) })),
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
