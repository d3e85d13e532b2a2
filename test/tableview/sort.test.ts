/** The table view's sort order against pandas' sort_values(kind='stable', na_position='last'). */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sortOrder } from '../../kernel/src/data/render/table-sort.js';
import { createRng } from '@tsml/datasets';

const PY = join(__dirname, '..', '..', '.venv', 'bin', 'python');

const PANDAS = `
import json, sys
import pandas as pd
spec = json.load(sys.stdin)
df = pd.DataFrame(spec["columns"])
out = {}
for name, (by, asc) in spec["sorts"].items():
    out[name] = df.sort_values(by=by, ascending=asc, kind="stable", na_position="last").index.tolist()
print(json.dumps(out))
`;

function table(n: number, seed: number) {
  const rng = createRng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rng() * xs.length)];
  return {
    small: Array.from({ length: n }, () => (rng() < 0.1 ? null : Math.floor(rng() * 5))),
    real: Array.from({ length: n }, () => (rng() < 0.1 ? null : Math.round(rng() * 1000) / 10 - 50)),
    city: Array.from({ length: n }, () => (rng() < 0.1 ? null : pick(['Oslo', 'Bergen', 'Ålesund', 'bergen', 'Tromsø', '']))),
  };
}

describe('sortOrder', () => {
  it('orders rows exactly as pandas does: one or several keys, either direction, missing last, ties stable', () => {
    const cols = table(500, 3);
    const sorts: Record<string, [string[], boolean[]]> = {
      smallAsc: [['small'], [true]],
      smallDesc: [['small'], [false]],
      realDesc: [['real'], [false]],
      city: [['city'], [true]],
      cityDesc: [['city'], [false]],
      cityThenReal: [['city', 'real'], [true, false]],
      smallDescThenCity: [['small', 'city'], [false, true]],
    };
    const expected = JSON.parse(execFileSync(PY, ['-c', PANDAS], { input: JSON.stringify({ columns: cols, sorts }) }).toString());
    for (const [name, [by, asc]] of Object.entries(sorts)) {
      const got = sortOrder(by.map((b) => cols[b as keyof typeof cols]), asc.map((a) => !a), 500);
      expect(Array.from(got), name).toEqual(expected[name]);
    }
  });

  it('sorts typed arrays, NaN last, and dates by time; mixed columns put numbers before strings', () => {
    expect(Array.from(sortOrder([new Float64Array([3, NaN, -1, 3, 0])], [false], 5))).toEqual([2, 4, 0, 3, 1]);
    expect(Array.from(sortOrder([new Int32Array([3, 1, 2])], [true], 3))).toEqual([0, 2, 1]);
    const d = (s: string) => new Date(s);
    expect(Array.from(sortOrder([[d('2024-03-01'), null, d('2023-01-01')]], [false], 3))).toEqual([2, 0, 1]);
    expect(Array.from(sortOrder([['b', 2, null, 'a', 1]], [false], 5))).toEqual([4, 1, 3, 0, 2]);
  });
});
