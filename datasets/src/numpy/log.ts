/**
 * A correctly rounded natural logarithm. NumPy's normals call the C library's
 * `log`, which on glibc is correctly rounded in all but vanishingly rare cases;
 * V8's `Math.log` (an fdlibm port) is off by one ulp on about one input in a
 * hundred, which made one legacy normal in a few hundred differ from NumPy's
 * in its last bit. So: log(x) in double-double arithmetic (~2^-100 relative),
 * rounded once.
 *
 * x = 2^e·m with m in [√½, √2); log x = e·ln2 + 2·atanh(s), s = (m - 1)/(m + 1),
 * |s| < 0.172, and atanh(s) = s·Σ s^2k/(2k + 1) to 22 terms.
 */

// ln 2 as a double-double.
const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;
const TERMS = 22;
const SPLIT = 134217729; // 2^27 + 1, Dekker's splitter

// Scratch results of the double-double helpers (no allocation on the hot path).
let rh = 0;
let rl = 0;

function twoSum(a: number, b: number): void {
  const s = a + b;
  const bb = s - a;
  rl = a - (s - bb) + (b - bb);
  rh = s;
}

function twoProd(a: number, b: number): void {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  rl = ah * bh - p + ah * bl + al * bh + al * bl;
  rh = p;
}

function ddMul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh);
  const e = rl + (ah * bl + al * bh);
  const s = rh + e;
  rl = e - (s - rh);
  rh = s;
}

/** Accurate double-double addition (both halves summed with error terms). */
function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  twoSum(ah, bh);
  const sh = rh;
  let se = rl;
  twoSum(al, bl);
  const th = rh;
  const te = rl;
  se += th;
  let s = sh + se;
  se = se - (s - sh) + te;
  const hi = s + se;
  rl = se - (hi - s);
  rh = hi;
  s = 0;
}

// 1/(2k + 1) as double-doubles, for the atanh series.
const COEF_HI = new Float64Array(TERMS);
const COEF_LO = new Float64Array(TERMS);
for (let k = 0; k < TERMS; k++) {
  const d = 2 * k + 1;
  const q = 1 / d;
  twoProd(q, d);
  COEF_HI[k] = q;
  COEF_LO[k] = (1 - rh - rl) / d;
}

const view = new DataView(new ArrayBuffer(8));

export function log(x: number): number {
  if (!(x > 0) || x === Infinity || x < 2.2250738585072014e-308) return Math.log(x);
  if (x === 1) return 0;
  // Exponent and mantissa from the bits.
  view.setFloat64(0, x);
  const hiWord = view.getUint32(0);
  let e = ((hiWord >>> 20) & 0x7ff) - 1023;
  view.setUint32(0, (hiWord & 0x000fffff) | 0x3ff00000);
  let m = view.getFloat64(0);
  if (m > Math.SQRT2) {
    m /= 2;
    e += 1;
  }
  // s = f / (2 + f), f = m - 1 (exact).
  const f = m - 1;
  twoSum(2, f);
  const dh = rh;
  const dl = rl;
  const q1 = f / dh;
  ddMul(q1, 0, dh, dl);
  const q2 = (f - rh - rl) / dh;
  const sh = q1 + q2;
  const sl = q2 - (sh - q1);
  // z = s², then Horner for Σ z^k/(2k+1) from the highest term.
  ddMul(sh, sl, sh, sl);
  const zh = rh;
  const zl = rl;
  let ph = COEF_HI[TERMS - 1];
  let pl = COEF_LO[TERMS - 1];
  for (let k = TERMS - 2; k >= 0; k--) {
    ddMul(ph, pl, zh, zl);
    ddAdd(rh, rl, COEF_HI[k], COEF_LO[k]);
    ph = rh;
    pl = rl;
  }
  // log m = 2·s·P.
  ddMul(ph, pl, sh, sl);
  const lh = 2 * rh;
  const ll = 2 * rl;
  if (e === 0) return lh + ll;
  ddMul(LN2_HI, LN2_LO, e, 0);
  ddAdd(rh, rl, lh, ll);
  return rh + rl;
}
