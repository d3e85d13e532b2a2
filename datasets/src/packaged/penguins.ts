/**
 * `penguins`: Palmer penguins (Gorman, Williams & Fraser 2014; Horst et al.'s
 * palmerpenguins) from vega-datasets' penguins.json.
 *
 * Origin: packaged (vega-datasets 3.2.1, data/penguins.json; real data, 344 rows).
 * Schema: the names of palmerpenguins and seaborn, which Python labs use:
 *   species, island, bill_length_mm, bill_depth_mm, flipper_length_mm,
 *   body_mass_g, sex. Values are as shipped: two birds have no measurements,
 *   sex is 'MALE' / 'FEMALE', null for 10 birds and '.' for one (a sentinel left
 *   in on purpose: finding it is part of cleaning).
 */
import * as aq from 'arquero';
import { readVegaJson } from './vega.js';

const RENAME: Record<string, string> = {
  Species: 'species',
  Island: 'island',
  'Beak Length (mm)': 'bill_length_mm',
  'Beak Depth (mm)': 'bill_depth_mm',
  'Flipper Length (mm)': 'flipper_length_mm',
  'Body Mass (g)': 'body_mass_g',
  Sex: 'sex',
};

export function penguins() {
  const rows = readVegaJson('penguins.json');
  return aq.table(Object.fromEntries(Object.entries(RENAME).map(([from, to]) => [to, rows.map((r) => r[from] ?? null)])));
}
