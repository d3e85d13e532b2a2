/**
 * `bikeShare`: a synthetic daily table with the schema of the UCI Bike Sharing
 * "day.csv" (Capital Bikeshare, Washington DC, 2011-2012), for the regression lab.
 * Synthetic: weather and counts come from the model below, not from records.
 *
 * Schema: dteday (ISO date string), season (1-4, UCI's codes: 1 from 21 Dec),
 *   yr (0 for the start year, 1 the next, …), mnth (1-12), holiday (1 on US federal
 *   holidays), weekday (0 Sunday … 6 Saturday), workingday (1 unless weekend or
 *   holiday), weathersit (1 clear, 2 mist/cloudy, 3 light rain/snow), temp
 *   (°C normalised as (t+8)/47, as UCI does), atemp (feels-like °C as (t+16)/66),
 *   hum (relative humidity/100), windspeed (km/h / 67), casual, registered, cnt
 *   (= casual + registered).
 * Model, day t = 0, 1, … from `start`:
 *   T = 15 - 12·cos(2π(dayOfYear - 20)/365.25) + a_t, a_t = 0.7·a_{t-1} + N(0, 3);
 *   weathersit is a Markov chain (clear stays clear with p 0.75; about 63/33/4 %);
 *   hum = N(58 + 15·[mist] + 25·[rain], 12) %, wind = Gamma(6, 2.1) km/h (+3 in rain);
 *   feels-like = T + 0.12·(T - 15) + 8·(hum - 0.63)·[T > 20] - 0.1·wind·[T < 12].
 *   growth g = 1 + 0.75·t/365.25 (ridership grows by about half from one year to the next);
 *   comfort = exp(-((T - 24)/14)²);
 *   registered = g·(1200 + 1900·comfort)·(0.78 if not a working day)·w_reg·h·v·e^ε,
 *   casual     = g·(50 + 700·comfort)·(0.7 on working days, else 2.3)·w_cas·h·v·e^ε,
 *   with weather factors w_reg = 1, 0.88, 0.5 and w_cas = 1, 0.8, 0.3 by weathersit,
 *   h = 1 - 0.4·max(0, hum - 0.75), v = 1 - 0.01·max(0, wind - 15), ε ~ N(0, 0.12).
 * A fit should recover: cnt rises with temp (up to ≈ 24 °C) and with yr; casual
 *   riders are weekend riders, registered ones commuters; bad weather lowers both.
 * Planted (`lab`, default true for the default 731 days from 2011-01-01): the
 *   regression lab's test figures, MSE 210673.0968, RMSE 458.99, R² 0.6013
 *   (see bike-share-lab.ts for the recipe and how they are planted).
 */
import * as aq from 'arquero';
import { categorical, gamma, normal, resolveRng, type RandomOptions } from '../random.js';
import { clamp, requirePositiveInt, round } from '../util.js';
import { addDays, dayOfYear, isFederalHoliday, isoDate, parseIsoDate, season } from './calendar.js';
import { plantBikeShareLab } from './bike-share-lab.js';
import { knownOptions } from '../options.js';

export { BIKE_SHARE_LAB } from './bike-share-lab.js';

export interface BikeShareOptions extends RandomOptions {
  days?: number;
  start?: string;
  /** Plant the regression lab's test figures (only for 731 days from 2011-01-01); default true. */
  lab?: boolean;
}

const WEATHER_NEXT = [
  [0.75, 0.22, 0.03],
  [0.45, 0.5, 0.05],
  [0.5, 0.4, 0.1],
];
const REGISTERED_WEATHER = [1, 0.88, 0.5];
const CASUAL_WEATHER = [1, 0.8, 0.3];

export function bikeShare(opts: BikeShareOptions = {}) {
  knownOptions('bikeShare', opts, ['days', 'start', 'lab', 'rng', 'seed']);
  const { days = 731, start = '2011-01-01' } = opts;
  requirePositiveInt('days', days);
  const first = parseIsoDate(start);
  const rng = resolveRng(opts);
  const rows: Record<string, string | number>[] = [];
  let anomaly = 0;
  let weather = 0;
  for (let t = 0; t < days; t++) {
    const d = addDays(first, t);
    anomaly = 0.7 * anomaly + normal(rng, 0, 3);
    weather = t === 0 ? 0 : categorical(rng, WEATHER_NEXT[weather]);
    const celsius = 15 - 12 * Math.cos((2 * Math.PI * (dayOfYear(d) - 20)) / 365.25) + anomaly;
    const hum = clamp(normal(rng, 58 + (weather === 1 ? 15 : weather === 2 ? 25 : 0), 12), 20, 97) / 100;
    const wind = clamp(gamma(rng, 6, 2.1) + (weather === 2 ? 3 : 0), 1.5, 34);
    const feels = celsius + 0.12 * (celsius - 15) + (celsius > 20 ? 8 * (hum - 0.63) : 0) - (celsius < 12 ? 0.1 * wind : 0);

    const weekday = d.getUTCDay();
    const holiday = isFederalHoliday(d) ? 1 : 0;
    const workingday = weekday !== 0 && weekday !== 6 && !holiday ? 1 : 0;
    const growth = 1 + (0.75 * t) / 365.25;
    const comfort = Math.exp(-(((celsius - 24) / 14) ** 2));
    const damp = (1 - 0.4 * Math.max(0, hum - 0.75)) * (1 - 0.01 * Math.max(0, wind - 15));
    const registered = Math.round(growth * (1200 + 1900 * comfort) * (workingday ? 1 : 0.78)
      * REGISTERED_WEATHER[weather] * damp * Math.exp(normal(rng, 0, 0.12)));
    const casual = Math.round(growth * (50 + 700 * comfort) * (workingday ? 0.7 : 2.3)
      * CASUAL_WEATHER[weather] * damp * Math.exp(normal(rng, 0, 0.12)));

    rows.push({
      dteday: isoDate(d), season: season(d), yr: d.getUTCFullYear() - first.getUTCFullYear(),
      mnth: d.getUTCMonth() + 1, holiday, weekday, workingday, weathersit: weather + 1,
      temp: round(clamp((celsius + 8) / 47, 0, 1), 6), atemp: round(clamp((feels + 16) / 66, 0, 1), 6),
      hum: round(hum, 6), windspeed: round(wind / 67, 6), casual, registered, cnt: casual + registered,
    });
  }
  if ((opts.lab ?? true) && days === 731 && start === '2011-01-01') plantBikeShareLab(rows);
  return aq.from(rows);
}
