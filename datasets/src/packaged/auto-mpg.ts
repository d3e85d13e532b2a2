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
    ModelYear: cars.map((c) => Number(c.Year.slice(0, 4)) - 1900),
    Origin: cars.map((c) => c.Origin),
  });
}
