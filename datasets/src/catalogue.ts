/**
 * `list()`: every dataset of @tsml/datasets, each marked real (with where it
 * comes from and under what licence) or generated (with what it imitates and
 * what is planted in it). Nothing here needs the network.
 */
import * as aq from 'arquero';

interface Entry {
  name: string;
  origin: 'real' | 'generated';
  rows: number;
  columns: number;
  source: string;
  licence: string;
  note: string;
}

const SKLEARN = 'shipped in scikit-learn 1.9.1 (datasets/data/sklearn, copied from its wheel)';
const VEGA = 'vega-datasets 3.2.1 (npm)';

const ENTRIES: Entry[] = [
  { name: 'iris', origin: 'real', rows: 150, columns: 5, source: `Fisher (1936), UCI; ${SKLEARN}`, licence: 'CC BY 4.0 (UCI); BSD-3-Clause (scikit-learn)', note: 'three species, four measurements' },
  { name: 'wine', origin: 'real', rows: 178, columns: 14, source: `Forina et al., UCI Wine recognition; ${SKLEARN}`, licence: 'CC BY 4.0 (UCI); BSD-3-Clause (scikit-learn)', note: '13 chemical measurements, three cultivars' },
  { name: 'digits', origin: 'real', rows: 1797, columns: 65, source: `Alpaydin & Kaynak, UCI optical digits (8×8 test set); ${SKLEARN}`, licence: 'CC BY 4.0 (UCI); BSD-3-Clause (scikit-learn)', note: 'the small-CNN lab\'s fast mode' },
  { name: 'breastCancer', origin: 'real', rows: 569, columns: 31, source: `Street, Wolberg & Mangasarian, UCI Breast Cancer Wisconsin (Diagnostic); ${SKLEARN}`, licence: 'CC BY 4.0 (UCI); BSD-3-Clause (scikit-learn)', note: 'the evaluation lab' },
  { name: 'diabetes', origin: 'real', rows: 442, columns: 11, source: `Efron, Hastie, Johnstone & Tibshirani (2004), Least Angle Regression; ${SKLEARN}`, licence: 'BSD-3-Clause (as distributed by scikit-learn)', note: 'scaled: true as load_diabetes' },
  { name: 'autoMpg', origin: 'real', rows: 398, columns: 8, source: `UCI Auto MPG (Quinlan 1993), cars.json of ${VEGA}`, licence: 'BSD-3-Clause (vega-datasets); CC BY 4.0 (UCI)', note: '6 rows without Horsepower, as the lab; the 8 rows without MPG of auto-mpg.data-original are dropped' },
  { name: 'penguins', origin: 'real', rows: 344, columns: 7, source: `Palmer Station LTER (Gorman et al. 2014), ${VEGA}`, licence: 'CC0 (palmerpenguins); BSD-3-Clause (vega-datasets)', note: '' },
  { name: 'seattleWeather', origin: 'real', rows: 1461, columns: 6, source: `NOAA daily weather, Seattle 2012-2015, ${VEGA}`, licence: 'public domain (NOAA); BSD-3-Clause (vega-datasets)', note: '' },
  { name: 'tvMarketing', origin: 'generated', rows: 200, columns: 2, source: 'imitates the TV column of ISLR\'s Advertising data', licence: 'BSD-3-Clause (tsml)', note: 'OLS planted: intercept 7.032594, slope 0.047537 (the lab\'s)' },
  { name: 'bikeShare', origin: 'generated', rows: 731, columns: 15, source: 'imitates UCI Bike Sharing day.csv (schema, seasons, weather)', licence: 'BSD-3-Clause (tsml)', note: 'lab test figures planted: MSE 210673.0968, RMSE 458.99, R² 0.6013' },
  { name: 'census', origin: 'generated', rows: 32561, columns: 15, source: 'imitates UCI Adult (schema and marginals)', licence: 'BSD-3-Clause (tsml)', note: '' },
  { name: 'heartDisease', origin: 'generated', rows: 303, columns: 14, source: 'imitates UCI Heart Disease (Cleveland schema)', licence: 'BSD-3-Clause (tsml)', note: '' },
  { name: 'cifarLike', origin: 'generated', rows: 1000, columns: 2, source: 'imitates CIFAR-10 (32×32×3 images, 10 classes)', licence: 'BSD-3-Clause (tsml)', note: 'shapes and colours per class; the real CIFAR-10 loads with cifar10(dir) when its files are present' },
  { name: 'linear', origin: 'generated', rows: 100, columns: 2, source: 'y = 1 + 2x + 0.1·noise', licence: 'BSD-3-Clause (tsml)', note: 'exact NumPy draws: numpy(42)' },
  { name: 'blobs', origin: 'generated', rows: 10000, columns: 3, source: 'Gaussian clusters (make_blobs recipe, tsml stream)', licence: 'BSD-3-Clause (tsml)', note: 'makeBlobs: scikit-learn\'s exact rows' },
  { name: 'classification', origin: 'generated', rows: 1000, columns: 21, source: 'make_classification recipe, tsml stream', licence: 'BSD-3-Clause (tsml)', note: 'makeClassification: scikit-learn\'s exact rows' },
  { name: 'sequences', origin: 'generated', rows: 1000, columns: 3, source: 'variable-length token sequences', licence: 'BSD-3-Clause (tsml)', note: '' },
];

/** The catalogue as a table: name, origin ('real' | 'generated'), rows, columns, source, licence, note. */
export function list() {
  return aq.from(ENTRIES);
}
