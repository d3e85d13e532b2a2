/**
 * Reads a `DatasetFeatureStatisticsList` — from tsml's stats engine, Python's
 * facets generator or TFDV, in any proto3 JSON form (camelCase or the original
 * snake_case names, uint64 as numbers or strings, defaults left out) — into
 * the plain numbers the Overview draws. Pure: no DOM, no Node.
 */
import { protoNumber, type CustomStatistic, type DatasetFeatureStatistics, type DatasetFeatureStatisticsList, type FeatureNameStatistics, type Histogram, type RankHistogram } from '../mime/index.js';

export interface Bucket {
  low: number;
  high: number;
  count: number;
}

export interface RankBucket {
  label: string;
  count: number;
}

export interface NumericSummary {
  mean: number;
  stdDev: number;
  zeros: number;
  min: number;
  median: number;
  max: number;
  /** Equal-width buckets; ±Infinity values sit in the first/last bucket, whose edge is then infinite. */
  histogram: Bucket[];
  /** Decile buckets (equal counts). */
  quantiles: Bucket[];
  nan: number;
  posInf: number;
  negInf: number;
}

export interface StringSummary {
  unique: number;
  /** Unique is an estimate (HyperLogLog) when the producer says so. */
  uniqueApproximate: boolean;
  avgLength: number;
  top: RankBucket[];
  topApproximate: boolean;
  /** Rank histogram: the top values then, when there are more, one bucket for the rest. */
  ranks: RankBucket[];
}

/** One feature in one dataset. */
export interface FeatureStats {
  examples: number;
  count: number;
  missing: number;
  numeric?: NumericSummary;
  strings?: StringSummary;
}

export type FeatureKind = 'numeric' | 'categorical';

export interface Feature {
  name: string;
  /** Position of first appearance across datasets ("feature order"). */
  index: number;
  type: string;
  kind: FeatureKind;
  /** One entry per dataset; null where the dataset lacks the feature. */
  stats: (FeatureStats | null)[];
}

export interface OverviewModel {
  datasets: { name: string; examples: number }[];
  features: Feature[];
  /** Some dataset carries weighted statistics (the "weighted" toggle applies). */
  hasWeights: boolean;
  weighted: boolean;
}

export class OverviewInputError extends Error {
  override name = 'OverviewInputError';
}

const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** proto3 JSON parsers accept both field spellings; so do we, by normalising keys once. */
function camelKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(camelKeys);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k.includes('_') ? camel(k) : k] = camelKeys(x);
  return out;
}

const n = protoNumber;

function buckets(h: Histogram | undefined): Bucket[] {
  return (h?.buckets ?? []).map((b) => ({ low: n(b.lowValue), high: n(b.highValue), count: n(b.sampleCount) }));
}

function ranks(h: RankHistogram | undefined): RankBucket[] {
  return (h?.buckets ?? []).map((b) => ({ label: b.label ?? '', count: n(b.sampleCount) }));
}

function custom(stats: CustomStatistic[] | undefined, name: string): number | undefined {
  const c = stats?.find((s) => s.name === name);
  return c === undefined ? undefined : n(c.num);
}

function histogramOf(list: Histogram[] | undefined, type: 'STANDARD' | 'QUANTILES'): Histogram | undefined {
  return list?.find((h) => (h.type ?? 'STANDARD') === type);
}

/** `zeroScale` turns an unweighted zero count into a weighted one when the producer gave none (weighted rows per row). */
function numericSummary(f: FeatureNameStatistics, weighted: boolean, zeroScale = 1): NumericSummary {
  const s = f.numStats ?? {};
  const w = weighted ? s.weightedNumericStats : undefined;
  const lists = w?.histograms ?? s.histograms;
  const standard = histogramOf(lists, 'STANDARD');
  const hist = buckets(standard);
  const nanFromHist = n(standard?.numNan);
  return {
    mean: n(w?.mean ?? s.mean),
    stdDev: n(w?.stdDev ?? s.stdDev),
    // Weighted: tsml's weighted zero count, else the zero share kept (never unweighted zeros over weighted rows).
    zeros: weighted ? custom(f.customStats, 'tsml.weightedNumZeros') ?? n(s.numZeros) * zeroScale : n(s.numZeros),
    min: n(s.min),
    median: n(w?.median ?? s.median),
    max: n(s.max),
    histogram: hist,
    quantiles: buckets(histogramOf(lists, 'QUANTILES')),
    nan: custom(f.customStats, 'tsml.numNan') ?? nanFromHist,
    // Other producers only mark infinities by an infinite bucket edge; count them as present.
    posInf: custom(f.customStats, 'tsml.numPosInf') ?? (hist.some((b) => b.high === Infinity) ? 1 : 0),
    negInf: custom(f.customStats, 'tsml.numNegInf') ?? (hist.some((b) => b.low === -Infinity) ? 1 : 0),
  };
}

function stringSummary(f: FeatureNameStatistics, weighted: boolean): StringSummary {
  const s = f.stringStats ?? {};
  const w = weighted ? s.weightedStringStats : undefined;
  const top = (w?.topValues ?? s.topValues ?? []).map((t) => ({ label: t.value ?? '', count: n(t.frequency) }));
  return {
    unique: n(s.unique ?? f.bytesStats?.unique),
    uniqueApproximate: custom(f.customStats, 'tsml.uniqueApproximate') === 1,
    avgLength: n(s.avgLength ?? f.bytesStats?.avgNumBytes),
    top,
    topApproximate: custom(f.customStats, 'tsml.topValuesApproximate') === 1,
    ranks: ranks(w?.rankHistogram ?? s.rankHistogram),
  };
}

function featureName(f: FeatureNameStatistics): string {
  return f.name ?? f.path?.step?.join('.') ?? '';
}

function featureStats(f: FeatureNameStatistics, examples: number, weighted: boolean): FeatureStats {
  const common = f.numStats?.commonStats ?? f.stringStats?.commonStats ?? f.bytesStats?.commonStats ?? f.structStats?.commonStats ?? {};
  const wc = weighted ? common.weightedCommonStats : undefined;
  const count = n(wc?.numNonMissing ?? common.numNonMissing);
  const missing = n(wc?.numMissing ?? common.numMissing);
  const out: FeatureStats = { examples: weighted && wc ? count + missing : examples, count, missing };
  const rows = n(common.numNonMissing) + n(common.numMissing);
  if (f.numStats) out.numeric = numericSummary(f, Boolean(weighted && wc), rows > 0 ? out.examples / rows : 1);
  else out.strings = stringSummary(f, weighted);
  return out;
}

function isNumeric(f: FeatureNameStatistics): boolean {
  if (f.numStats) return true;
  if (f.stringStats || f.bytesStats || f.structStats) return false;
  return (f.type ?? 'INT') === 'INT' || f.type === 'FLOAT';
}

/** Statistics as given (JSON text or an object), parsed, with a message that says what to pass when they are not statistics. */
export function parseStatistics(payload: unknown): DatasetFeatureStatisticsList {
  let raw = payload;
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch (e) {
      throw new OverviewInputError(`Overview: the text is not JSON (${(e as Error).message}). Pass a DatasetFeatureStatisticsList in its proto3 JSON form, e.g. json_format.MessageToJson(proto) in Python.`);
    }
  }
  const list = raw as DatasetFeatureStatisticsList | null;
  if (list === null || typeof list !== 'object' || !Array.isArray(list.datasets)) {
    throw new OverviewInputError(
      'Overview: expected a DatasetFeatureStatisticsList ({ datasets: [{ name, numExamples, features: [...] }] }). ' +
        'Pass tables (display.overview(table) or display.overview([train, test])) or statistics from facets/TFDV as proto3 JSON.',
    );
  }
  return list;
}

/** Any proto3 JSON `DatasetFeatureStatisticsList` (object or JSON text) → the Overview's model. */
export function overviewModel(payload: unknown, options: { weighted?: boolean } = {}): OverviewModel {
  const list = camelKeys(parseStatistics(payload)) as DatasetFeatureStatisticsList & { datasets: DatasetFeatureStatistics[] };
  // Producers that print defaults write weightedNumExamples: 0 when there are no weights.
  const hasWeights = list.datasets.some((d) => n(d.weightedNumExamples) > 0);
  const weighted = Boolean(options.weighted && hasWeights);
  const datasets = list.datasets.map((d, i) => ({ name: d.name || `dataset ${i + 1}`, examples: n(weighted ? d.weightedNumExamples ?? d.numExamples : d.numExamples) }));
  const byName = new Map<string, Feature>();
  list.datasets.forEach((d, i) => {
    for (const f of d.features ?? []) {
      const name = featureName(f);
      let feature = byName.get(name);
      if (!feature) {
        feature = { name, index: byName.size, type: f.type ?? (f.stringStats ? 'STRING' : 'INT'), kind: isNumeric(f) ? 'numeric' : 'categorical', stats: list.datasets.map(() => null) };
        byName.set(name, feature);
      }
      feature.stats[i] = featureStats(f, datasets[i].examples, weighted);
    }
  });
  return { datasets, features: [...byName.values()], hasWeights, weighted };
}
