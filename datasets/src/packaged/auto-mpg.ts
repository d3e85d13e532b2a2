/**
 * `autoMpg`: Auto-MPG (UCI; Quinlan 1993) from vega-datasets' cars.json, with the
 * columns of the Keras "basic regression" tutorial.
 *
 * Origin: packaged (vega-datasets 3.2.1, data/cars.json; real data).
 * Schema: MPG, Cylinders, Displacement, Horsepower (null for 6 cars, as in UCI's
 *   '?'), Weight (lbs), Acceleration (s, 0-60 mph), ModelYear (70-82), Origin
 *   ('USA' | 'Europe' | 'Japan', the tutorial's one-hot source).
 * cars.json holds UCI's auto-mpg.data-original: 406 cars, 8 without MPG. Those 8
 *   are dropped because MPG is the target, which leaves the 398 rows of
 *   auto-mpg.data in the same order. Car names are dropped, as in the tutorial.
 * vega-datasets dates UCI's 29 model-year-81 cars 1982 (its file has no 1981);
 *   UCI's rows are in year order, so they are the block of '1982' rows before
 *   the first 1982 car (chevrolet cavalier), and get year 81 back here — the
 *   Keras tutorial's training statistics (Model Year mean 75.898089) need it.
 */
import * as aq from 'arquero';
import { readVegaJson } from './vega.js';

interface Car {
  Name: string;
  Miles_per_Gallon: number | null;
  Cylinders: number;
  Displacement: number;
  Horsepower: number | null;
  Weight_in_lbs: number;
  Acceleration: number;
  Year: string;
  Origin: string;
}

export function autoMpg() {
  const cars = readVegaJson<Car[]>('cars.json').filter((c) => c.Miles_per_Gallon !== null);
  return aq.table({
    MPG: cars.map((c) => c.Miles_per_Gallon),
    Cylinders: cars.map((c) => c.Cylinders),
    Displacement: cars.map((c) => c.Displacement),
    Horsepower: cars.map((c) => c.Horsepower),
    Weight: cars.map((c) => c.Weight_in_lbs),
    Acceleration: cars.map((c) => c.Acceleration),
    // Year is '1970-01-01' etc.; the tutorial's Model Year is the two-digit year.
    ModelYear: modelYears(cars),
    Origin: cars.map((c) => c.Origin),
  });
}

const UCI_1981_CARS = 29;

function modelYears(cars: Car[]): number[] {
  const years = cars.map((c) => Number(c.Year.slice(0, 4)) - 1900);
  const first82 = years.indexOf(82);
  const cavalier = cars.findIndex((c, i) => i >= first82 && c.Name === 'chevrolet cavalier');
  // Guard the repair: a different packaged file must fail loudly, not silently shift years.
  if (first82 < 0 || cavalier - first82 !== UCI_1981_CARS || years.includes(81)) {
    throw new Error(`autoMpg: vega-datasets' cars.json no longer has UCI's 1981 cars as the first ${UCI_1981_CARS} of its 1982 rows; update datasets/src/packaged/auto-mpg.ts`);
  }
  for (let i = first82; i < cavalier; i++) years[i] = 81;
  return years;
}
