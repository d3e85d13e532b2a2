/**
 * The two pieces of arithmetic the NumPy ports rely on: a correctly rounded
 * log (checked against Python's decimal at 60 digits) and an exact fused
 * multiply-add (checked against BigInt arithmetic, which rounds once).
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { log } from '../../datasets/src/numpy/log.js';
import { fma } from '../../datasets/src/sklearn/dot.js';
import { numpy } from '../../datasets/src/numpy/index.js';

const PY = join(process.cwd(), '.venv', 'bin', 'python');

/** A double as m·2^e with integer m. */
function exact(x: number): { m: bigint; e: number } {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  const bits = v.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const exp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & 0xfffffffffffffn;
  return exp === 0 ? { m: sign * frac, e: -1074 } : { m: sign * (frac | (1n << 52n)), e: exp - 1075 };
}

/** a·b + c computed exactly in integers, then rounded once by Number(bigint) (round half to even). */
function exactFma(a: number, b: number, c: number): number {
  const x = exact(a);
  const y = exact(b);
  const z = exact(c);
  const pe = x.e + y.e;
  const e = Math.min(pe, z.e);
  const sum = ((x.m * y.m) << BigInt(pe - e)) + (z.m << BigInt(z.e - e));
  // Keep the scaling exact: shift the integer so that Number() does the one rounding.
  return Number(sum) * 2 ** e;
}

describe('exact arithmetic for the NumPy ports', () => {
  it('log is correctly rounded (40,000 random inputs and powers of two)', () => {
    const rs = numpy(7);
    const xs = [...Array.from(rs.rand(30_000)), ...Array.from(rs.uniform(0, 1e6, 9_900)), ...Array.from({ length: 100 }, (_, i) => 2 ** (i - 50) * 1.25)];
    const dir = mkdtempSync(join(tmpdir(), 'tsml-log-'));
    writeFileSync(join(dir, 'programs.json'), '[]');
    writeFileSync(join(dir, 'logs.json'), JSON.stringify(xs));
    execFileSync(PY, [join(__dirname, 'numpy_oracle.py'), dir]);
    const want: number[] = JSON.parse(readFileSync(join(dir, 'logs.out.json'), 'utf8'));
    const wrong = xs.filter((x, i) => log(x) !== want[i]);
    expect(wrong.slice(0, 5)).toEqual([]);
    // Math.log is not: this is why the port carries its own.
    expect(xs.filter((x, i) => Math.log(x) !== want[i]).length).toBeGreaterThan(100);
  }, 60_000);

  it('fma rounds once, also under cancellation', () => {
    const rs = numpy(3);
    const u = rs.randn(60_000);
    let plainDiffers = 0;
    for (let i = 0; i < u.length; i += 3) {
      const [a, b] = [u[i], u[i + 1]];
      // Every third case cancels: c is minus the rounded product plus a little.
      const c = i % 9 === 0 ? -(a * b) + u[i + 2] * 1e-17 : u[i + 2];
      const want = exactFma(a, b, c);
      expect(fma(a, b, c), `fma(${a}, ${b}, ${c})`).toBe(want);
      if (a * b + c !== want) plainDiffers++;
    }
    expect(plainDiffers).toBeGreaterThan(100);
  });
});
