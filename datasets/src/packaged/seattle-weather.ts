/**
 * `seattleWeather`: daily Seattle weather 2012-2015 (NOAA, as packaged by Vega).
 *
 * Origin: packaged (vega-datasets 3.2.1, data/seattle-weather.csv; real data, 1,461 rows).
 * Schema: date (ISO date string, kept as text like bikeShare's dteday so no time
 *   zone can move it), precipitation (mm), temp_max, temp_min (°C), wind (m/s),
 *   weather ('drizzle' | 'fog' | 'rain' | 'snow' | 'sun').
 */
import * as aq from 'arquero';
import { readVegaText } from './vega.js';

export function seattleWeather() {
  return aq.fromCSV(readVegaText('seattle-weather.csv'), { parse: { date: String } });
}
