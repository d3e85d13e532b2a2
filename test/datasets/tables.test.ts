/** The lab tables that imitate real ones: census (Adult), heart disease (Cleveland), bike share (UCI day.csv). */
import { describe, expect, it } from 'vitest';
import * as ds from '../../datasets/src/index.js';
import { logisticAccuracy, mean, ols, rSquared, share } from './stats.js';

type Row = Record<string, any>;

describe('census', () => {
  const rows = ds.census({ seed: 1 }).objects() as Row[];

  it("has Adult's missing '?' rates: workclass 5.6 %, occupation 5.7 %, native_country 1.8 %", () => {
    expect(share(rows, (r) => r.workclass === '?')).toBeCloseTo(0.0564, 3);
    expect(share(rows, (r) => r.occupation === '?')).toBeCloseTo(0.0566, 3);
    expect(share(rows, (r) => r.native_country === '?')).toBeCloseTo(0.0179, 3);
    // Occupation is unknown wherever workclass is, as in the real file.
    expect(rows.every((r) => r.workclass !== '?' || r.occupation === '?')).toBe(true);
    // '?' workclass leans to students and retirees.
    expect(share(rows.filter((r) => r.age < 22 || r.age >= 65), (r) => r.workclass === '?'))
      .toBeGreaterThan(2 * share(rows.filter((r) => r.age >= 30 && r.age < 55), (r) => r.workclass === '?'));
    expect(Object.values(rows[0]).some((v) => v === null)).toBe(false);
  });

  it("has Adult-like marginals", () => {
    expect(share(rows, (r) => r.income === '>50K')).toBeGreaterThan(0.22);
    expect(share(rows, (r) => r.income === '>50K')).toBeLessThan(0.26);
    const age = rows.map((r) => r.age);
    expect(mean(age)).toBeGreaterThan(37);
    expect(mean(age)).toBeLessThan(40);
    expect([Math.min(...age), Math.max(...age)]).toEqual([17, 90]);
    expect(mean(rows.map((r) => r.hours_per_week))).toBeCloseTo(40.4, 0);
    expect(share(rows, (r) => r.sex === 'Male')).toBeCloseTo(0.669, 1);
    expect(share(rows, (r) => r.capital_gain === 0)).toBeGreaterThan(0.88);
    expect(rows.every((r) => r.capital_gain === 0 || r.capital_loss === 0)).toBe(true);
    expect(rows.some((r) => r.capital_gain === 99_999)).toBe(true);
    expect(share(rows, (r) => r.native_country === 'United-States')).toBeGreaterThan(0.85);
  });

  it('keeps the schema consistent: education_num matches education, husbands are men', () => {
    const byEdu = new Map<string, Set<number>>();
    for (const r of rows) byEdu.set(r.education, (byEdu.get(r.education) ?? new Set()).add(r.education_num));
    expect(byEdu.size).toBe(16);
    for (const nums of byEdu.values()) expect(nums.size).toBe(1);
    expect(rows.every((r) => r.relationship !== 'Husband' || r.sex === 'Male')).toBe(true);
    expect(rows.every((r) => r.relationship !== 'Wife' || r.sex === 'Female')).toBe(true);
    expect(rows.every((r) => r.age >= 25 || r.education_num <= 14)).toBe(true);
  });

  it('income depends on education, age, hours and marriage', () => {
    const rich = (f: (r: Row) => boolean) => share(rows.filter(f), (r) => r.income === '>50K');
    expect(rich((r) => r.education_num >= 13)).toBeGreaterThan(2 * rich((r) => r.education_num <= 9));
    expect(rich((r) => r.age >= 40 && r.age < 60)).toBeGreaterThan(3 * rich((r) => r.age < 25));
    expect(rich((r) => r.hours_per_week > 45)).toBeGreaterThan(rich((r) => r.hours_per_week < 35));
    expect(rich((r) => r.marital_status === 'Married-civ-spouse')).toBeGreaterThan(3 * rich((r) => r.marital_status === 'Never-married'));
    const sample = rows.slice(0, 6000);
    const xs = sample.map((r) => [r.education_num, r.age, r.age * r.age, r.hours_per_week, r.marital_status === 'Married-civ-spouse' ? 1 : 0]);
    expect(logisticAccuracy(xs, sample.map((r) => (r.income === '>50K' ? 1 : 0)))).toBeGreaterThan(0.78);
  });
});

describe('heartDisease', () => {
  const dirty = ds.heartDisease({ seed: 1 }).objects() as Row[];
  const clean = ds.heartDisease({ seed: 1, clean: true }).objects() as Row[];
  const count = (rs: Row[], f: (r: Row) => boolean) => rs.filter(f).length;
  const duplicated = (rs: Row[]) => {
    const seen = new Set<string>();
    return rs.filter((r) => { const k = JSON.stringify(r); const d = seen.has(k); seen.add(k); return d; }).length;
  };

  it('plants the lab’s counts exactly: 920 × 14, missing per column, zeros, negatives, duplicates', () => {
    expect(dirty).toHaveLength(920);
    const missing = Object.fromEntries(Object.keys(dirty[0]).map((c) => [c, count(dirty, (r) => r[c] === null)]));
    expect(missing).toEqual({ age: 0, sex: 0, cp: 0, trestbps: 59, chol: 30, fbs: 90, restecg: 2, thalach: 55, exang: 55, oldpeak: 62, slope: 309, ca: 611, thal: 486, num: 0 });
    // More than 30 % missing: exactly the three columns the lab drops.
    expect(Object.keys(missing).filter((c) => missing[c] / 920 > 0.3).sort()).toEqual(['ca', 'slope', 'thal']);
    expect(count(dirty, (r) => r.chol === 0)).toBe(172);
    expect(count(dirty, (r) => r.trestbps === 0)).toBe(1);
    expect(count(dirty, (r) => r.oldpeak !== null && r.oldpeak < 0)).toBe(12);
    expect(duplicated(dirty)).toBe(2);
  });

  it('the planted counts hold for every seed', () => {
    for (const seed of [2, 3]) {
      const rs = ds.heartDisease({ seed }).objects() as Row[];
      expect([count(rs, (r) => r.ca === null), count(rs, (r) => r.chol === 0), count(rs, (r) => r.oldpeak !== null && r.oldpeak < 0), duplicated(rs)]).toEqual([611, 172, 12, 2]);
    }
  });

  it('missing values come together by source (ca ⊇ thal ⊇ slope; thalach and exang on the same rows)', () => {
    expect(count(dirty, (r) => r.slope === null && r.ca !== null)).toBe(0);
    expect(count(dirty, (r) => (r.thalach === null) !== (r.exang === null))).toBe(0);
  });

  it('the planted chol outliers lie beyond Tukey fences of the real values', () => {
    const chol = dirty.map((r) => r.chol).filter((v) => v > 0).sort((a, b) => a - b);
    const q = (p: number) => chol[Math.floor(p * (chol.length - 1))];
    const upper = q(0.75) + 1.5 * (q(0.75) - q(0.25));
    expect(count(dirty, (r) => r.chol > upper)).toBeGreaterThanOrEqual(4);
  });

  it('clean: the same patients without the defects', () => {
    expect(count(clean, (r) => Object.values(r).includes(null) || r.chol === 0 || r.trestbps === 0 || r.oldpeak < 0)).toBe(0);
    expect(Math.max(...clean.map((r) => r.chol))).toBeLessThanOrEqual(420);
    expect(duplicated(clean)).toBe(0);
    // Rows without any defect are identical in both tables.
    const same = dirty.filter((r, i) => JSON.stringify(r) === JSON.stringify(clean[i])).length;
    expect(same).toBeGreaterThan(250);
  });

  it('disease goes with asymptomatic pain, lower max heart rate, angina on exercise', () => {
    const big = ds.heartDisease({ seed: 2, n: 5000, clean: true }).objects() as Row[];
    const sick = big.filter((r) => r.num > 0), well = big.filter((r) => r.num === 0);
    expect(share(big, (r) => r.num > 0)).toBeCloseTo(0.55, 1);
    expect(mean(sick.map((r) => r.thalach))).toBeLessThan(mean(well.map((r) => r.thalach)) - 10);
    expect(share(sick, (r) => r.cp === 'asymptomatic')).toBeGreaterThan(2 * share(well, (r) => r.cp === 'asymptomatic'));
    expect(share(sick, (r) => r.exang)).toBeGreaterThan(2 * share(well, (r) => r.exang));
    const features = (r: Row) => [r.age, r.sex === 'Male' ? 1 : 0, r.cp === 'asymptomatic' ? 1 : 0, r.trestbps, r.chol, r.thalach, r.exang ? 1 : 0, r.oldpeak, r.ca, r.thal === 'normal' ? 1 : 0];
    const acc = logisticAccuracy(big.map(features), big.map((r) => (r.num > 0 ? 1 : 0)));
    expect(acc).toBeGreaterThan(0.78);
    expect(acc).toBeLessThan(0.95);
  });
});

describe('bikeShare', () => {
  const rows = ds.bikeShare({ seed: 1 }).objects() as Row[];
  const byDate = new Map(rows.map((r) => [r.dteday, r]));

  it('has the calendar of 2011-2012: seasons, holidays, working days', () => {
    expect(rows[0].dteday).toBe('2011-01-01');
    expect(rows[730].dteday).toBe('2012-12-31');
    for (const d of ['2011-01-17', '2011-07-04', '2011-09-05', '2011-11-24', '2012-05-28', '2012-12-25']) {
      expect(byDate.get(d)!.holiday).toBe(1);
    }
    expect(byDate.get('2011-07-05')!.holiday).toBe(0);
    expect(byDate.get('2011-01-01')!.weekday).toBe(6);
    for (const r of rows) expect(r.workingday).toBe(r.weekday % 6 !== 0 && !r.holiday ? 1 : 0);
    expect([byDate.get('2011-03-20')!.season, byDate.get('2011-03-21')!.season, byDate.get('2011-06-21')!.season,
      byDate.get('2011-09-23')!.season, byDate.get('2011-12-21')!.season]).toEqual([1, 2, 3, 4, 1]);
    expect(new Set(rows.map((r) => r.yr))).toEqual(new Set([0, 1]));
    expect(byDate.get('2012-02-29')!.mnth).toBe(2);
  });

  it('counts add up and follow weather, season, weekday and trend', () => {
    for (const r of rows) expect(r.cnt).toBe(r.casual + r.registered);
    for (const c of ['temp', 'atemp', 'hum', 'windspeed']) {
      expect(rows.every((r) => r[c] >= 0 && r[c] <= 1)).toBe(true);
    }
    const avg = (f: (r: Row) => boolean, c = 'cnt') => mean(rows.filter(f).map((r) => r[c]));
    expect(avg((r) => r.yr === 1)).toBeGreaterThan(1.3 * avg((r) => r.yr === 0));
    expect(avg((r) => r.mnth === 7)).toBeGreaterThan(1.5 * avg((r) => r.mnth === 1));
    expect(avg((r) => !r.workingday, 'casual')).toBeGreaterThan(2 * avg((r) => !!r.workingday, 'casual'));
    expect(avg((r) => !!r.workingday, 'registered')).toBeGreaterThan(avg((r) => !r.workingday, 'registered'));
    expect(avg((r) => r.weathersit === 3)).toBeLessThan(0.7 * avg((r) => r.weathersit === 1));
    expect(share(rows, (r) => r.weathersit === 1)).toBeGreaterThan(0.5);
    const xs = rows.map((r) => [r.temp, r.temp * r.temp, r.yr, r.workingday, r.weathersit === 3 ? 1 : 0, r.hum]);
    const y = rows.map((r) => r.cnt);
    expect(rSquared(xs, y, ols(xs, y))).toBeGreaterThan(0.7);
  });
});
