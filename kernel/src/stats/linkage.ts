/**
 * Average-linkage (UPGMA) hierarchical clustering and the leaf order of its
 * dendrogram, computed the way SciPy does (`linkage(x, 'average')`, then
 * `dendrogram(Z, distance_sort='descending')`), which is what missingno's
 * dendrogram draws. SciPy merges with the nearest-neighbour-chain algorithm,
 * sorts the merges by distance (stably) and relabels the clusters with a
 * union-find; following the same steps gives the same tree even when
 * distances tie, which binary nullity data makes common.
 */

/** One merge, as a row of SciPy's linkage matrix Z: clusters a < b (ids ≥ n are earlier merges), distance, size. */
export type Merge = [a: number, b: number, distance: number, size: number];

const condensed = (n: number, i: number, j: number): number => {
  if (i > j) [i, j] = [j, i];
  return n * i - ((i * (i + 1)) >> 1) + (j - i - 1);
};

/** Condensed pairwise distances (SciPy's pdist layout) of n items → the linkage matrix. */
export function averageLinkage(distances: Float64Array, n: number): Merge[] {
  if (n < 2) return [];
  const D = Float64Array.from(distances);
  const size = new Int32Array(n).fill(1);
  const chain = new Int32Array(n);
  let length = 0;
  const Z: Merge[] = [];
  for (let k = 0; k < n - 1; k++) {
    if (length === 0) {
      length = 1;
      for (let i = 0; i < n; i++) if (size[i] > 0) {
        chain[0] = i;
        break;
      }
    }
    let x = 0, y = 0, best = Infinity;
    for (;;) {
      x = chain[length - 1];
      if (length > 1) {
        y = chain[length - 2];
        best = D[condensed(n, x, y)];
      } else best = Infinity;
      for (let i = 0; i < n; i++) {
        if (size[i] === 0 || i === x) continue;
        const d = D[condensed(n, x, i)];
        if (d < best) {
          best = d;
          y = i;
        }
      }
      if (length > 1 && y === chain[length - 2]) break;
      chain[length++] = y;
    }
    length -= 2;
    if (x > y) [x, y] = [y, x];
    const nx = size[x], ny = size[y];
    Z.push([x, y, best, nx + ny]);
    size[x] = 0;
    size[y] = nx + ny;
    for (let i = 0; i < n; i++) {
      if (size[i] === 0 || i === y) continue;
      D[condensed(n, i, y)] = (nx * D[condensed(n, i, x)] + ny * D[condensed(n, i, y)]) / (nx + ny);
    }
  }
  // Stable sort by distance (SciPy: argsort kind='mergesort'), then cluster ids in merge order.
  const sorted = Z.map((z, i) => [z, i] as const).sort((a, b) => a[0][2] - b[0][2] || a[1] - b[1]).map(([z]) => z);
  return relabel(sorted, n);
}

function relabel(Z: Merge[], n: number): Merge[] {
  const parent = new Int32Array(2 * n - 1).map((_, i) => i);
  const size = new Int32Array(2 * n - 1).fill(1);
  let next = n;
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root];
    while (parent[x] !== root) {
      const p = parent[x];
      parent[x] = root;
      x = p;
    }
    return root;
  };
  return Z.map(([a, b, d]) => {
    const ra = find(a), rb = find(b);
    const s = size[ra] + size[rb];
    parent[ra] = next;
    parent[rb] = next;
    size[next] = s;
    next++;
    return ra < rb ? [ra, rb, d, s] : [rb, ra, d, s];
  });
}

/** Leaves left to right as SciPy's dendrogram draws them with distance_sort='descending'. */
export function leafOrder(Z: Merge[], n: number): number[] {
  if (n === 0) return [];
  if (n === 1) return [0];
  const out: number[] = [];
  const dist = (c: number) => (c >= n ? Z[c - n][2] : 0);
  const stack = [2 * n - 2];
  while (stack.length) {
    const c = stack.pop()!;
    if (c < n) {
      out.push(c);
      continue;
    }
    const [a, b] = Z[c - n];
    // The child whose own merge is farther goes first; on a tie, the second one (as SciPy).
    const [first, second] = dist(a) > dist(b) ? [a, b] : [b, a];
    stack.push(second, first);
  }
  return out;
}
