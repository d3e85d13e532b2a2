/**
 * Colour maps for heatmaps and single-channel images, as 256-entry RGB lookup
 * tables. Viridis is matplotlib's default (perceptually uniform, readable in
 * greyscale and by colour-blind readers); it is computed from Matt Zucker's
 * degree-6 polynomial fits (CC0), within ~2% of matplotlib's tables, so no data
 * file ships with the kernel.
 */

export type ColormapName = 'viridis' | 'gray' | 'grey' | 'magma' | 'coolwarm';
export const COLORMAPS: readonly ColormapName[] = ['viridis', 'gray', 'grey', 'magma', 'coolwarm'];

type Poly = readonly (readonly [number, number, number])[];

const VIRIDIS: Poly = [
  [0.2777273272234177, 0.005407344544966578, 0.3340998053353061],
  [0.1050930431085774, 1.404613529898575, 1.384590162594685],
  [-0.3308618287255563, 0.214847559468213, 0.09509516302823659],
  [-4.634230498983486, -5.799100973351585, -19.33244095627987],
  [6.228269936347081, 14.17993336680509, 56.69055260068105],
  [4.776384997670288, -13.74514537774601, -65.35303263337234],
  [-5.435455855934631, 4.645852612178535, 26.3124352495832],
];

const MAGMA: Poly = [
  [-0.002136485053939582, -0.000749655052795221, -0.005386127855323933],
  [0.2516605407371642, 0.6775232436837668, 2.494026599312351],
  [8.353717279216625, -3.577719514958484, 0.3144679030132573],
  [-27.66873308576866, 14.26473078096533, -13.64921318813922],
  [52.17613981234068, -27.94360607168351, 12.94416944238394],
  [-50.76852536473588, 29.04658282127291, 4.23415299384598],
  [18.65570506591883, -11.48977351997711, -5.601961508734096],
];

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

function fromPoly(p: Poly): Uint8Array {
  const lut = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const t = i / 255;
    for (let ch = 0; ch < 3; ch++) {
      let v = 0;
      for (let k = p.length - 1; k >= 0; k--) v = v * t + p[k][ch];
      lut[i * 3 + ch] = Math.round(clamp01(v) * 255);
    }
  }
  return lut;
}

function gray(): Uint8Array {
  const lut = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) lut[i * 3] = lut[i * 3 + 1] = lut[i * 3 + 2] = i;
  return lut;
}

/** Diverging blue-white-red (Moreland's cool-warm end points), for signed values such as weights. */
function coolwarm(): Uint8Array {
  const lo = [59, 76, 192];
  const mid = [221, 221, 221];
  const hi = [180, 4, 38];
  const lut = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const t = i / 255;
    const [a, b, u] = t < 0.5 ? [lo, mid, t * 2] : [mid, hi, (t - 0.5) * 2];
    for (let ch = 0; ch < 3; ch++) lut[i * 3 + ch] = Math.round(a[ch] + (b[ch] - a[ch]) * u);
  }
  return lut;
}

const cache = new Map<string, Uint8Array>();

/** The 256×RGB lookup table of a colour map; throws naming the known maps for an unknown name. */
export function colormap(name: string = 'viridis'): Uint8Array {
  const key = name === 'grey' ? 'gray' : name;
  let lut = cache.get(key);
  if (!lut) {
    if (key === 'viridis') lut = fromPoly(VIRIDIS);
    else if (key === 'magma') lut = fromPoly(MAGMA);
    else if (key === 'gray') lut = gray();
    else if (key === 'coolwarm') lut = coolwarm();
    else throw new RangeError(`unknown colormap '${name}'; use one of: ${COLORMAPS.join(', ')}`);
    cache.set(key, lut);
  }
  return lut;
}
