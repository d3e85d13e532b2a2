/**
 * TensorBoard's smoothing: an exponential moving average debiased by the
 * weight it has accumulated, so the first points are not pulled towards zero.
 * Points may stand for several raw steps (decimated buckets): a bucket of n
 * points with mean m updates the average as n raw steps of value m would, so
 * the smoothing reads the same in raw-step units however much the series was
 * decimated.
 */
export function debiasedEma(values: ArrayLike<number>, weight: number, counts?: ArrayLike<number>): number[] {
  if (!(weight >= 0 && weight < 1)) throw new RangeError(`smoothing weight must be in [0, 1), got ${weight}`);
  const out: number[] = new Array(values.length);
  let last = 0;
  let steps = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      out[i] = v;
      continue;
    }
    const n = counts ? Math.max(1, counts[i]) : 1;
    const w = weight ** n;
    last = last * w + (1 - w) * v;
    steps += n;
    const debias = weight === 0 ? 1 : 1 - weight ** steps;
    out[i] = last / debias;
  }
  return out;
}
