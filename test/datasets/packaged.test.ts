/** Loaders of data shipped in vega-datasets: exact shapes, the Auto-MPG quirks, and no network. */
import net from 'node:net';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { autoMpg, penguins, seattleWeather, vegaDatasetPath } from '../../datasets/src/index.js';

describe('packaged datasets', () => {
  beforeAll(() => {
    // Any attempt to reach the network fails the test loudly.
    vi.stubGlobal('fetch', () => { throw new Error('network used'); });
    vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(() => { throw new Error('network used'); });
  });
  afterAll(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('autoMpg: 398 cars, the Keras tutorial columns, exactly 6 missing Horsepower', () => {
    const t = autoMpg();
    expect(t.numRows()).toBe(398);
    expect(t.columnNames()).toEqual(['MPG', 'Cylinders', 'Displacement', 'Horsepower', 'Weight', 'Acceleration', 'ModelYear', 'Origin']);
    const hp = t.array('Horsepower') as (number | null)[];
    expect(hp.filter((v) => v === null).length).toBe(6);
    expect((t.array('MPG') as (number | null)[]).every((v) => typeof v === 'number')).toBe(true);
    expect(new Set(t.array('Origin') as string[])).toEqual(new Set(['USA', 'Europe', 'Japan']));
    const years = t.array('ModelYear') as number[];
    expect([Math.min(...years), Math.max(...years)]).toEqual([70, 82]);
    // UCI's cars per model year (vega-datasets dates the 29 cars of 1981 as 1982; the loader undoes it).
    const perYear = Array.from({ length: 13 }, (_, i) => years.filter((y) => y === 70 + i).length);
    expect(perYear).toEqual([29, 28, 28, 40, 27, 30, 34, 28, 36, 29, 29, 29, 31]);
    expect(t.object(338)).toMatchObject({ MPG: 27.2, ModelYear: 81 }); // plymouth reliant, UCI's first 1981 car
    // First and last rows of UCI's auto-mpg.data.
    expect(t.object(0)).toEqual({ MPG: 18, Cylinders: 8, Displacement: 307, Horsepower: 130, Weight: 3504, Acceleration: 12, ModelYear: 70, Origin: 'USA' });
    expect(t.object(397)).toEqual({ MPG: 31, Cylinders: 4, Displacement: 119, Horsepower: 82, Weight: 2720, Acceleration: 19.4, ModelYear: 82, Origin: 'USA' });
  });

  it('penguins: 344 birds with palmerpenguins names, values as shipped', () => {
    const t = penguins();
    expect(t.numRows()).toBe(344);
    expect(t.columnNames()).toEqual(['species', 'island', 'bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g', 'sex']);
    expect((t.array('bill_length_mm') as unknown[]).filter((v) => v === null).length).toBe(2);
    const sex = t.array('sex') as (string | null)[];
    expect(sex.filter((v) => v === null).length).toBe(10);
    expect(sex.filter((v) => v === '.').length).toBe(1);
    expect(t.object(0)).toMatchObject({ species: 'Adelie', island: 'Torgersen', bill_length_mm: 39.1, body_mass_g: 3750, sex: 'MALE' });
  });

  it('seattleWeather: 1,461 days, dates kept as ISO strings', () => {
    const t = seattleWeather();
    expect(t.numRows()).toBe(1461);
    expect(t.columnNames()).toEqual(['date', 'precipitation', 'temp_max', 'temp_min', 'wind', 'weather']);
    expect(t.object(0)).toEqual({ date: '2012-01-01', precipitation: 0, temp_max: 12.8, temp_min: 5, wind: 4.7, weather: 'drizzle' });
    expect(t.get('date', 1460)).toBe('2015-12-31');
    expect(new Set(t.array('weather') as string[])).toEqual(new Set(['drizzle', 'fog', 'rain', 'snow', 'sun']));
  });

  it('vegaDatasetPath finds other files and refuses paths', () => {
    expect(existsSync(vegaDatasetPath('flights-200k.arrow'))).toBe(true);
    expect(() => vegaDatasetPath('nope.csv')).toThrow(/no data\/nope\.csv/);
    expect(() => vegaDatasetPath('../package.json')).toThrow(/file name/);
  });
});
