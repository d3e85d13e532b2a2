/** Rank statistics the cleaning tests compare scores with. */

/** Average ranks (ties share their mean rank), 1-based. */
export function ranks(x: number[]): number[] {
  const idx = x.map((_, i) => i).sort((a, b) => x[a] - x[b]);
  const r = new Array<number>(x.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && x[idx[j + 1]] === x[idx[i]]) j++;
    for (let k = i; k <= j; k++) r[idx[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

export function pearson(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n, mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

export const spearman = (a: number[], b: number[]) => pearson(ranks(a), ranks(b));

/** Share of the top `frac` rows by score `a` that are also in the top `frac` by `b`. */
export function topOverlap(a: number[], b: number[], frac: number): number {
  const k = Math.max(1, Math.round(a.length * frac));
  const top = (x: number[]) => new Set(x.map((_, i) => i).sort((i, j) => x[j] - x[i]).slice(0, k));
  const ta = top(a), tb = top(b);
  let both = 0;
  for (const i of ta) if (tb.has(i)) both++;
  return both / k;
}
