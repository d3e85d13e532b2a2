/**
 * The Overview panel in a real JupyterLab: a student displays train/test
 * statistics, sorts, searches and toggles with mouse and keyboard; the saved
 * notebook keeps the static fallback for GitHub and nbviewer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import {
  cellAt, expectScreenshot, openNotebook, readSavedNotebook, runAllCells, saveNotebook, startE2E, switchTheme, writeNotebook, type E2E,
} from './harness/index.js';

const OVERVIEW_MIME = 'application/vnd.tsml.overview.v1+json';

let e2e: E2E;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await e2e?.close(); });

// The renderer's own node is the output area's output element.
const panel = (page: Page): Locator => cellAt(page, 1).locator('.tsml-ov-panel');
const featureOrder = (p: Locator, kind: string) => p.locator(`section[data-kind="${kind}"] tbody.tsml-ov-feature`).evaluateAll((els) => els.map((e) => e.getAttribute('data-feature')));
const headerLefts = (p: Locator) => p.locator('section[data-kind="numeric"] thead th').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().left)));

describe('Overview panel in JupyterLab', () => {
  it('renders train/test statistics, sorts, searches and toggles, and saves the static fallback', async () => {
    const { page, lab } = e2e;
    writeNotebook(lab, 'overview.ipynb', [
      [
        'const census = tsml.datasets.census({ n: 4000, seed: 7 });',
        "const { train, test } = tsml.trainTestSplit(census, { testSize: 0.3, seed: 1 });",
        "// A shifted test set: older people, some hours missing, so the panel has something to flag.",
        "const shifted = test.derive({ age: (d) => d.age + 15, hours_per_week: (d) => (d.fnlwgt % 10 === 0 ? null : d.hours_per_week) });",
      ].join('\n'),
      "display.overview([train, shifted], { names: ['train', 'test'] });",
    ]);
    await openNotebook(page, lab, 'overview.ipynb');
    await runAllCells(page);

    const p = panel(page);
    await p.waitFor();
    expect(await p.locator('.tsml-ov-legend').innerText()).toMatch(/train \(2,800 rows\)\s+test \(1,200 rows\)/);
    expect(await p.locator('section[data-kind="numeric"] h4').innerText()).toBe('Numeric features (6)');
    expect(await p.locator('section[data-kind="categorical"] h4').innerText()).toBe('Categorical features (9)');
    const numeric = await featureOrder(p, 'numeric');
    expect(numeric).toEqual(['age', 'fnlwgt', 'education_num', 'capital_gain', 'capital_loss', 'hours_per_week']);
    // One row per dataset in every feature, and a chart per feature.
    expect(await p.locator('tbody.tsml-ov-feature tr').count()).toBe(30);
    expect(await p.locator('tbody.tsml-ov-feature svg.tsml-ov-chart').count()).toBe(15);
    // Red: the age shift, test's missing hours, capital_gain's zeros.
    const age = p.locator('tbody[data-feature="age"]');
    expect(await age.locator('th.tsml-ov-red .tsml-ov-badge').innerText()).toBe('shift');
    const hoursTest = p.locator('tbody[data-feature="hours_per_week"] tr').nth(1);
    expect(await hoursTest.locator('td.tsml-ov-red').first().innerText()).toMatch(/^\d+(\.\d+)?%$/);
    expect(await p.locator('tbody[data-feature="capital_gain"] td.tsml-ov-red').count()).toBe(2);

    // Sorting never moves the columns.
    const before = await headerLefts(p);
    await p.getByLabel('Sort by').selectOption('alphabetical');
    expect(await featureOrder(p, 'numeric')).toEqual([...numeric].sort());
    await p.getByLabel('Reverse').check();
    expect(await featureOrder(p, 'numeric')).toEqual([...numeric].sort().reverse());
    await p.getByLabel('Reverse').uncheck();
    await p.getByLabel('Sort by').selectOption('distance');
    expect((await featureOrder(p, 'numeric'))[0]).toBe('age');
    expect(await headerLefts(p)).toEqual(before);

    // Keyboard only: focus the sort box and pick the next mode with the arrow key.
    await p.getByLabel('Sort by').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    expect(await p.getByLabel('Sort by').inputValue()).toBe('nonuniformity');

    await p.getByLabel('Search features').fill('cap');
    expect(await featureOrder(p, 'numeric')).toHaveLength(2);
    expect(await p.locator('section[data-kind="numeric"] h4').innerText()).toBe('Numeric features (2 of 6)');
    expect(await p.locator('.tsml-ov-status').innerText()).toBe('2 of 15 features match');
    await p.getByLabel('Search features').fill('');

    await p.getByLabel('Numeric chart').selectOption('quantiles');
    expect(await age.locator('svg').getAttribute('aria-label')).toBe('age quantiles');
    await p.getByLabel('Numeric chart').selectOption('histogram');
    // Percentages: bar tooltips keep counts and shares; the y label becomes a share.
    await p.getByLabel('Percentages').check();
    expect(await age.locator('svg text').first().textContent()).toMatch(/%$/);
    await p.getByLabel('Log scale').check();
    await p.getByLabel('Sort by').selectOption('order');

    // A few features of both kinds, so the screenshot fits the viewport.
    await p.getByLabel('Search features').fill('/^(age|capital_gain|hours|workclass|native|income)/');
    await p.getByLabel('Search features').blur();
    const light = await expectScreenshot(p, 'overview-light');
    console.log(light.message);
    await switchTheme(page, 'dark');
    const dark = await expectScreenshot(p, 'overview-dark');
    console.log(dark.message);
    await switchTheme(page, 'light');

    await saveNotebook(page);
    const out = readSavedNotebook(lab, 'overview.ipynb').cells[1].outputs![0] as { output_type: string; data: Record<string, unknown> };
    expect(out.output_type).toBe('display_data');
    expect(Object.keys(out.data).sort()).toEqual([OVERVIEW_MIME, 'text/html', 'text/plain'].sort());
    const html = ([] as string[]).concat(out.data['text/html'] as string).join('');
    expect(html).toContain('<svg');
    expect(html).not.toContain('<script');
    expect(([] as string[]).concat(out.data['text/plain'] as string).join('')).toContain('age (int)  [! distribution shift]');
    expect(e2e.pageErrors).toEqual([]);
  });

  it('shows statistics from Facets’ Python generator in a Python notebook', async () => {
    const { page, lab } = e2e;
    writeNotebook(lab, 'overview-python.ipynb', [
      [
        'import numpy as np, pandas as pd',
        'from facets_overview.generic_feature_statistics_generator import GenericFeatureStatisticsGenerator',
        'from tsml_jupyterlab import Overview',
        'rng = np.random.default_rng(0)',
        "frames = {'train': pd.DataFrame({'x': rng.normal(0, 1, 500), 'c': rng.choice(['a', 'b', 'c'], 500)}),",
        "          'test': pd.DataFrame({'x': rng.normal(2, 1, 300), 'c': rng.choice(['a', 'b'], 300)})}",
        'g = GenericFeatureStatisticsGenerator()',
        '# ProtoFromDataFrames, with to_numpy() for the Series.ravel() that pandas 3 removed.',
        "proto = g.GetDatasetsProto([{'name': n, 'size': len(t), 'entries': {c: g.NdarrayToEntry(t[c].to_numpy()) for c in t}} for n, t in frames.items()])",
      ].join('\n'),
      'Overview(proto)',
    ], 'python3');
    await openNotebook(page, lab, 'overview-python.ipynb');
    await runAllCells(page);
    const p = panel(page);
    await p.waitFor();
    expect(await p.locator('.tsml-ov-legend').innerText()).toMatch(/train \(500 rows\)\s+test \(300 rows\)/);
    expect(await featureOrder(p, 'numeric')).toEqual(['x']);
    expect(await featureOrder(p, 'categorical')).toEqual(['c']);
    expect(await p.locator('tbody[data-feature="x"] th .tsml-ov-badge').innerText()).toBe('shift');
    expect(e2e.pageErrors).toEqual([]);
  });
});
