/** Linear and log scales with readable ticks (1-2-5 steps, powers of ten). */
export interface Scale {
  (v: number): number;
  domain: [number, number];
  log: boolean;
  ticks(count?: number): number[];
  invert(px: number): number;
}

export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f >= 5 ? 10 : f >= 2 ? 5 : f >= 1 ? 2 : 1) * mag;
}

export function linearTicks(d0: number, d1: number, count = 4): number[] {
  if (!(d1 > d0)) return [d0];
  const step = niceStep(d1 - d0, count);
  const out: number[] = [];
  for (let v = Math.ceil(d0 / step) * step; v <= d1 + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : +v.toPrecision(12));
  return out;
}

export function logTicks(d0: number, d1: number, count = 4): number[] {
  const lo = Math.ceil(Math.log10(d0) - 1e-9);
  const hi = Math.floor(Math.log10(d1) + 1e-9);
  if (hi < lo) return linearTicks(d0, d1, count);
  const every = Math.max(1, Math.ceil((hi - lo + 1) / (count + 1)));
  const out: number[] = [];
  for (let e = lo; e <= hi; e += every) out.push(10 ** e);
  return out;
}

export function scale(domain: [number, number], range: [number, number], log = false): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const t = log ? (v: number) => Math.log10(Math.max(v, Number.MIN_VALUE)) : (v: number) => v;
  const a = t(d0);
  const span = t(d1) - a || 1;
  const f = ((v: number) => r0 + ((t(v) - a) / span) * (r1 - r0)) as Scale;
  f.domain = domain;
  f.log = log;
  f.ticks = (count = 4) => (log ? logTicks(d0, d1, count) : linearTicks(d0, d1, count));
  f.invert = (px: number) => {
    const u = a + ((px - r0) / (r1 - r0)) * span;
    return log ? 10 ** u : u;
  };
  return f;
}

/** Short tick and read-out labels: 3 significant digits, SI-free exponent form for tiny or huge values. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(1).replace('e+', 'e');
  return String(+v.toPrecision(3));
}
