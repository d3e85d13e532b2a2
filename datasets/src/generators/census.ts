/**
 * `census`: a synthetic table with the schema of UCI Adult ("census income"),
 * for the data-exploration lab (Facets Overview/Dive, missing values).
 * Synthetic: no row is a real person's; marginals follow the real file.
 *
 * Schema (as in Adult, snake_case): age (int 17-90), workclass, fnlwgt (int),
 *   education, education_num (1-16, fixed by education), marital_status,
 *   occupation, relationship, race, sex, capital_gain, capital_loss,
 *   hours_per_week (int 1-99), native_country, income ('<=50K' | '>50K').
 *   Missing values are the string '?', as in the real file.
 * Model, drawn in this order for each row:
 *   age = 17 + Gamma(2.52, 8.62), cut at 90 (mean ≈ 38.6, sd ≈ 13.6);
 *   sex Male with p 0.669; race and country from Adult's counts (Asian-born rows are
 *   Asian-Pac-Islander); education from Adult's counts, without degrees too
 *   advanced for the age, and slightly less schooling for older people;
 *   marital_status by sex and age band; relationship from marital status, sex, age;
 *   workclass from Adult's counts; occupation from Adult's counts tilted by
 *   education and sex; hours_per_week = 40 for 45 % of prime-age workers, else
 *   N(40.7 + shifts, 14) (more for men, managers, self-employed; fewer for the
 *   young, the old and the '?' workclass); fnlwgt log-normal (median 166k).
 *   income: P(>50K) = σ(z), z = -2.7 + 0.36·(education_num - 10)
 *     + 0.06·(age - 38) - 0.0016·(age - 38)² + 0.03·(hours - 40) + 2.1·[married]
 *     + 0.25·[male] + occupation and workclass shifts (see census-schema.ts),
 *     about 24 % '>50K' as in Adult.
 *   capital_gain and capital_loss are drawn after income (more often non-zero,
 *   and larger, above 50K; 99999 appears as in Adult); never both non-zero.
 *   Missing: '?' in workclass for exactly 5.64 % of rows (weighted towards
 *   under-22s and over-60s, as in Adult), occupation '?' wherever workclass is
 *   '?' or 'Never-worked' (≈ 5.66 %), native_country '?' for 1.79 % at random.
 * A fit should recover: income rises with education_num, age (to about 56),
 *   hours and marriage; a logistic regression on these reaches ≈ 80-85 % accuracy.
 */
import * as aq from 'arquero';
import {
  bernoulli, categorical, gamma, logNormal, normal, pickIndices, resolveRng, type RandomOptions, type Rng,
} from '../random.js';
import { clamp, requirePositiveInt, sigmoid } from '../util.js';
import {
  ASIAN_COUNTRY, ASIAN_FOREIGN_BORN, EDUCATION, MARITAL, MARITAL_BY_AGE, MISSING_RATE, OCCUPATION,
  OTHER_COUNTRY, RACE, RELATIONSHIP, WORKCLASS,
} from './census-schema.js';
import { knownOptions } from '../options.js';

export interface CensusOptions extends RandomOptions {
  n?: number;
}

const INCOME_INTERCEPT = -2.7;
const MALE_SHARE = 21790 / 32561;
const counts = <T extends readonly [string, number, ...unknown[]]>(rows: ReadonlyArray<T>) => rows.map((r) => r[1]);
const WORKCLASS_W = counts(WORKCLASS);
const RACE_W = counts(RACE);
const ASIAN_COUNTRY_W = counts(ASIAN_COUNTRY);
const OTHER_COUNTRY_W = counts(OTHER_COUNTRY);

/** Education weights for ages 17..90, computed once. */
const EDUCATION_BY_AGE = Array.from({ length: 74 }, (_, i) => {
  const age = 17 + i;
  const highest = age <= 17 ? 7 : age <= 20 ? 10 : age <= 22 ? 13 : age <= 24 ? 14 : 16;
  return EDUCATION.map(([, num, count]) => (num > highest ? 0 : count * Math.exp(-0.01 * (age - 40) * (num - 9))));
});

/**
 * Occupation weights by education and sex. Each tilt is divided by its mean over
 * Adult's education counts and sex ratio, so the overall mix stays close to Adult's.
 */
const OCCUPATION_BY_EDU_SEX = (() => {
  const eduTotal = EDUCATION.reduce((s, [, , c]) => s + c, 0);
  const tilt = (slope: number, num: number) => Math.exp(slope * (num - 10));
  const meanTilt = (slope: number) => EDUCATION.reduce((s, [, num, c]) => s + c * tilt(slope, num), 0) / eduTotal;
  const sexNorm = (f: number) => MALE_SHARE + (1 - MALE_SHARE) * f;
  return EDUCATION.map(([, num]) =>
    [false, true].map((female) =>
      OCCUPATION.map(([, count, slope, womenFactor]) =>
        (count * tilt(slope, num) * (female ? womenFactor : 1)) / (meanTilt(slope) * sexNorm(womenFactor))),
    ),
  );
})();

interface Person {
  age: number; sex: 'Male' | 'Female'; race: string; country: string; edu: number;
  marital: string; relationship: string;
}

export function census(opts: CensusOptions = {}) {
  knownOptions('census', opts, ['n', 'rng', 'seed']);
  const { n = 32_561 } = opts;
  requirePositiveInt('n', n);
  const rng = resolveRng(opts);

  const people = Array.from({ length: n }, () => person(rng));
  const noWorkclass = new Set(weightedPick(rng, people.map((p) => workclassMissingWeight(p.age)), Math.round(n * MISSING_RATE.workclass)));
  const noCountry = new Set(pickIndices(rng, n, Math.round(n * MISSING_RATE.native_country)));

  const cols = {
    age: [] as number[], workclass: [] as string[], fnlwgt: [] as number[], education: [] as string[],
    education_num: [] as number[], marital_status: [] as string[], occupation: [] as string[],
    relationship: [] as string[], race: [] as string[], sex: [] as string[], capital_gain: [] as number[],
    capital_loss: [] as number[], hours_per_week: [] as number[], native_country: [] as string[], income: [] as string[],
  };
  people.forEach((p, i) => {
    const wc = noWorkclass.has(i) ? -1 : categorical(rng, WORKCLASS_W);
    const occ = wc === -1 || WORKCLASS[wc][0] === 'Never-worked'
      ? -1 : categorical(rng, OCCUPATION_BY_EDU_SEX[p.edu][p.sex === 'Female' ? 1 : 0]);
    const hours = hoursPerWeek(rng, p, wc, occ);
    const rich = rng() < sigmoid(incomeLogit(p, wc, occ, hours));
    const [gain, loss] = capital(rng, rich);
    cols.age.push(p.age);
    cols.workclass.push(wc === -1 ? '?' : WORKCLASS[wc][0]);
    cols.fnlwgt.push(Math.round(clamp(logNormal(rng, 165_700, 0.519), 12_285, 1_484_705)));
    cols.education.push(EDUCATION[p.edu][0]);
    cols.education_num.push(EDUCATION[p.edu][1]);
    cols.marital_status.push(p.marital);
    cols.occupation.push(occ === -1 ? '?' : OCCUPATION[occ][0]);
    cols.relationship.push(p.relationship);
    cols.race.push(p.race);
    cols.sex.push(p.sex);
    cols.capital_gain.push(gain);
    cols.capital_loss.push(loss);
    cols.hours_per_week.push(hours);
    cols.native_country.push(noCountry.has(i) ? '?' : p.country);
    cols.income.push(rich ? '>50K' : '<=50K');
  });
  return aq.table(cols);
}

function person(rng: Rng): Person {
  const age = Math.min(90, 17 + Math.floor(gamma(rng, 2.52, 8.62)));
  const sex = bernoulli(rng, MALE_SHARE) ? 'Male' : 'Female';
  const race = RACE[categorical(rng, RACE_W)][0];
  const asianBorn = race === 'Asian-Pac-Islander' && bernoulli(rng, ASIAN_FOREIGN_BORN);
  const country = asianBorn
    ? ASIAN_COUNTRY[categorical(rng, ASIAN_COUNTRY_W)][0]
    : OTHER_COUNTRY[categorical(rng, OTHER_COUNTRY_W)][0];
  const edu = categorical(rng, EDUCATION_BY_AGE[age - 17]);
  const band = age < 25 ? 0 : age < 35 ? 1 : age < 55 ? 2 : 3;
  const marital = MARITAL[categorical(rng, MARITAL_BY_AGE[sex][band])];
  return { age, sex, race, country, edu, marital, relationship: relationship(rng, marital, sex, age) };
}

function relationship(rng: Rng, marital: string, sex: string, age: number): string {
  if (marital === 'Married-civ-spouse' || marital === 'Married-AF-spouse') {
    if (bernoulli(rng, 0.03)) return 'Other-relative';
    return sex === 'Male' ? 'Husband' : 'Wife';
  }
  // Weights of Own-child, Not-in-family, Unmarried, Other-relative.
  const w = age < 25 ? [70, 25, 1, 4] : age < 35 ? [25, 55, 13, 7] : [4, 60, 28, 6];
  if (sex === 'Female') w[2] *= 1.5;
  return RELATIONSHIP[2 + categorical(rng, w)];
}

/** Relative chance of a '?' workclass: students and retirees, as in Adult. */
function workclassMissingWeight(age: number): number {
  return 1 + (age < 22 ? 4 : 0) + (age >= 60 ? 1 + 0.15 * (age - 60) : 0);
}

function hoursPerWeek(rng: Rng, p: Person, wc: number, occ: number): number {
  const prime = p.age >= 22 && p.age < 65 && wc !== -1;
  if (prime && bernoulli(rng, 0.45)) return 40;
  const wcName = wc === -1 ? '?' : WORKCLASS[wc][0];
  const occName = occ === -1 ? '?' : OCCUPATION[occ][0];
  const mean = 40.7 + (p.sex === 'Male' ? 2.5 : -2)
    + (occName === 'Exec-managerial' || occName === 'Prof-specialty' ? 3 : 0)
    + (wcName.startsWith('Self-emp') ? 6 : 0)
    - (p.age < 22 ? 12 : 0) - (p.age >= 65 ? 14 : 0) - (wc === -1 ? 8 : 0);
  return Math.round(clamp(normal(rng, mean, 14), 1, 99));
}

function incomeLogit(p: Person, wc: number, occ: number, hours: number): number {
  const a = p.age - 38;
  const num = EDUCATION[p.edu][1];
  const married = p.marital === 'Married-civ-spouse' || p.marital === 'Married-AF-spouse';
  return INCOME_INTERCEPT + 0.36 * (num - 10) + 0.06 * a - 0.0016 * a * a + 0.03 * (hours - 40)
    + (married ? 2.1 : 0) + (p.sex === 'Male' ? 0.25 : 0)
    + (occ === -1 ? -0.5 : OCCUPATION[occ][4]) + (wc === -1 ? 0 : WORKCLASS[wc][2]);
}

/** [capital_gain, capital_loss]; rates and sizes read off Adult by income class. */
function capital(rng: Rng, rich: boolean): [number, number] {
  if (bernoulli(rng, rich ? 0.2 : 0.046)) {
    if (rich && bernoulli(rng, 0.09)) return [99_999, 0];
    const gain = rich ? clamp(logNormal(rng, 7500, 0.6), 3000, 41_310) : clamp(logNormal(rng, 3000, 0.5), 114, 10_000);
    return [Math.round(gain), 0];
  }
  if (bernoulli(rng, rich ? 0.105 : 0.026)) {
    return [0, Math.round(rich ? clamp(normal(rng, 1950, 180), 1485, 3683) : clamp(normal(rng, 1700, 350), 155, 4356))];
  }
  return [0, 0];
}

/** k distinct indices, each drawn with chance ∝ its weight (Efraimidis–Spirakis keys). */
function weightedPick(rng: Rng, weights: number[], k: number): number[] {
  const keys = weights.map((w, i) => [Math.log(rng() || Number.MIN_VALUE) / w, i] as const);
  keys.sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  return keys.slice(0, k).map(([, i]) => i);
}

