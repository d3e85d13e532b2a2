/**
 * Row vector times matrix as NumPy computes `np.dot` on this platform: through
 * OpenBLAS, whose x86-64 kernels accumulate each output with fused
 * multiply-adds, acc = fma(v[i], m[i][j], acc), rounding once per term. Plain
 * `acc += v[i] * m[i][j]` rounds twice and differs in the last bit for about
 * one value in ten, so the fused step is emulated exactly (`fma`).
 */
export function dot(v: readonly number[], m: readonly number[][]): number[] {
  const cols = m[0]?.length ?? 0;
  const out = new Array<number>(cols).fill(0);
  for (let j = 0; j < cols; j++) {
    let acc = 0;
    for (let i = 0; i < v.length; i++) acc = fma(v[i], m[i][j], acc);
    out[j] = acc;
  }
  return out;
}

const SPLIT = 134217729; // 2^27 + 1
const view = new DataView(new ArrayBuffer(8));

/**
 * a·b + c rounded once (IEEE fusedMultiplyAdd), by Boldo & Melquiond's emulation
 * (IEEE Trans. Computers 57(4), 2008): the exact product as a double pair
 * (Dekker), an exact sum with c (Knuth's TwoSum), the two small parts added with
 * rounding to odd, then one rounding to nearest. Valid away from overflow and
 * underflow, which is all a dot product of sample data meets; elsewhere the
 * plain expression is returned.
 */
export function fma(a: number, b: number, c: number): number {
  const p = a * b;
  if (!Number.isFinite(p) || !Number.isFinite(c) || p === 0 || Math.abs(p) < 1e-280 || Math.abs(p) > 1e280) return p + c;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const pl = ah * bh - p + ah * bl + al * bh + al * bl;
  // th + tl = c + p exactly.
  const th = c + p;
  const bb = th - c;
  const tl = c - (th - bb) + (p - bb);
  return th + addRoundToOdd(tl, pl);
}

/** x + y rounded to odd: the exact sum if it is a double, else whichever neighbour has an odd last bit. */
function addRoundToOdd(x: number, y: number): number {
  const s = x + y;
  const bb = s - x;
  const e = x - (s - bb) + (y - bb);
  if (e === 0) return s;
  view.setFloat64(0, s);
  const bits = view.getBigUint64(0);
  if (bits & 1n) return s;
  // Step one ulp towards the exact value: away from zero when e has s's sign.
  view.setBigUint64(0, (e > 0) === (s > 0) ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}
