/**
 * bench/dive: the Dive panel against jupyter-scatter (regl-scatterplot, anywidget) showing the same
 * x/y/colour of the same Parquet rows, in one JupyterLab and one headless Chromium, one after the other.
 *
 *   bash bench/dive/run.sh [sizes=100000,1000000]
 *
 * Per plot: execute → first frame with points, execute → every point drawn (both from the GL calls,
 * see probe.ts), frame time during a wheel zoom (and points per frame), bytes the browser received
 * over the kernel websocket until every point was drawn, and Chromium's memory growth (PSS of all its
 * processes). Dive also: faceted by a column, and a re-facet from the toolbar. Each plot is measured
 * DIVE_REPEATS times (3), interleaved; the table shows medians. Results: bench/results/dive.json and a
 * Markdown table on stdout.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { cellAt, openNotebook, REPO, runCell, startE2E, writeNotebook, type E2E } from '../../test/e2e/harness/index.js';
import { chromiumPssMiB } from './memory.js';
import { framesWithPoints, median, PROBE_SCRIPT, quantile, type ProbeLog } from './probe.js';

const SIZES = (process.env.DIVE_SIZES ?? '100000,1000000').split(',').map(Number);
/** Each plot is measured this many times (a fresh notebook and kernel each); the table shows medians. */
const REPEATS = Number(process.env.DIVE_REPEATS ?? 3);
const FIXTURES = join(REPO, 'bench', 'results', 'dive');

let e2e: E2E;
let received = 0;
beforeAll(async () => {
  e2e = await startE2E();
  // A kernelspec for the bench venv's Python (jupyter-scatter), in this server's own data dir.
  const kernels = resolve(e2e.lab.rootDir, '..', 'data', 'kernels', 'bench-python');
  mkdirSync(kernels, { recursive: true });
  writeFileSync(join(kernels, 'kernel.json'), JSON.stringify({
    argv: [join(REPO, '.venv-bench', 'bin', 'python'), '-m', 'ipykernel_launcher', '-f', '{connection_file}'],
    display_name: 'Python (bench)', language: 'python',
  }));
  await e2e.page.addInitScript(PROBE_SCRIPT);
  e2e.page.on('websocket', (ws) => ws.on('framereceived', (f) => { received += typeof f.payload === 'string' ? Buffer.byteLength(f.payload) : f.payload.length; }));
});
afterAll(async () => { await e2e?.close(); });

type Tool = 'dive' | 'dive-faceted' | 'jupyter-scatter';
interface Result {
  tool: Tool; rows: number; cold: PlotTimes; outputMs: number; firstFrameMs: number; allPointsMs: number; pointsInFirstFrame: number;
  zoomFrameMsMedian: number; zoomFrameMsP90: number; zoomPointsPerFrame: number; zoomFrames: number;
  bytes: number; bytesPerPoint: number; memoryMiB: number; refacetLayoutMs?: number; refacetFirstFrameMs?: number; refacetAllPointsMs?: number;
}

const probe = (page: Page) => page.evaluate(() => (window as unknown as { __diveProbe: ProbeLog }).__diveProbe);
const now = (page: Page) => page.evaluate(() => performance.now());

async function shutdown(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const w = window.jupyterapp.shell.currentWidget!;
    await w.sessionContext.shutdown();
    w.dispose();
  });
}

/** Waits until the points drawn since `t0` add up to `n` (all passes of a frame, or one frame). */
async function allDrawn(page: Page, t0: number, n: number, timeout = 300_000): Promise<number> {
  // Until the frame after the draw that completed the points has started.
  await page.waitForFunction(([from, want]) => {
    const p = (window as unknown as { __diveProbe: ProbeLog }).__diveProbe;
    let sum = 0;
    for (const [t, c] of p.draws) {
      if (t < (from as number)) continue;
      sum += c;
      if (sum >= (want as number)) return (p.frames.at(-1) ?? 0) > t;
    }
    return false;
  }, [t0, n] as const, { timeout, polling: 50 });
  const log = await probe(page);
  let sum = 0;
  for (const [t, c] of log.draws) {
    if (t < t0) continue;
    sum += c;
    if (sum >= n) return (log.frames.find((f) => f >= t) ?? t) - t0;
  }
  return NaN;
}

async function zoom(page: Page, target: Locator): Promise<Pick<Result, 'zoomFrameMsMedian' | 'zoomFrameMsP90' | 'zoomPointsPerFrame' | 'zoomFrames'>> {
  const box = (await target.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const from = await now(page);
  for (let k = 0; k < 24; k++) {
    await page.mouse.wheel(0, k < 12 ? -80 : 80);
    await page.waitForTimeout(60);
  }
  const to = await now(page);
  const frames = framesWithPoints(await probe(page), from, to);
  const intervals = frames.slice(1).map(([t], i) => t - frames[i][0]);
  return {
    zoomFrameMsMedian: median(intervals), zoomFrameMsP90: quantile(intervals, 0.9),
    zoomPointsPerFrame: median(frames.map(([, p]) => p)), zoomFrames: frames.length,
  };
}

type PlotTimes = Pick<Result, 'outputMs' | 'firstFrameMs' | 'pointsInFirstFrame' | 'allPointsMs' | 'bytes' | 'bytesPerPoint' | 'memoryMiB'>;

/** Runs the plot cell and waits until every point is drawn; times from the GL calls, bytes from the websocket. */
async function plotOnce(page: Page, tool: Tool, n: number): Promise<PlotTimes> {
  await page.mouse.move(0, 0);
  await page.waitForTimeout(500);
  const memory0 = chromiumPssMiB();
  received = 0;
  const t0 = await now(page);
  await page.evaluate(async () => {
    const app = window.jupyterapp;
    await app.commands.execute('notebook:enter-command-mode');
    app.shell.currentWidget!.content.activeCellIndex = 1;
    void app.commands.execute('notebook:run-cell');
  });
  const allPointsMs = await allDrawn(page, t0, n);
  const bytes = received;
  if (tool !== 'jupyter-scatter') {
    const marks = await page.evaluate((from) => performance.getEntries().filter((e) => e.name.startsWith('tsml:dive') && e.startTime >= from)
      .map((e) => `${e.name.slice(10)} ${Math.round(e.startTime - from)}${e.duration ? `+${Math.round(e.duration)}` : ''}`), t0);
    console.log(`${tool} ${n}: ${marks.join(', ')}`);
  }
  const log = await probe(page);
  const first = framesWithPoints(log, t0)[0];
  // The output node appearing splits the time into kernel + transport and browser.
  const appeared = log.outputs.filter(([, t]) => t >= t0).map(([, t]) => t - t0)[0] ?? NaN;
  await page.waitForTimeout(1000);
  return { outputMs: appeared, firstFrameMs: first[0] - t0, pointsInFirstFrame: first[1], allPointsMs, bytes, bytesPerPoint: bytes / n, memoryMiB: chromiumPssMiB() - memory0 };
}

async function measure(tool: Tool, n: number): Promise<Result> {
  const { page, lab } = e2e;
  const file = join(FIXTURES, `dive-${n}.parquet`);
  const name = `bench-${tool}-${n}.ipynb`;
  if (tool === 'jupyter-scatter') {
    writeNotebook(lab, name, [
      `import pandas as pd, jscatter\ndf = pd.read_parquet(${JSON.stringify(file)})\nlen(df)`,
      "jscatter.plot(data=df, x='x', y='y', color_by='g', height=480)",
    ], 'bench-python');
  } else {
    writeNotebook(lab, name, [
      `const t = await tsml.readParquet(${JSON.stringify(file)});\nt.numRows()`,
      `display.dive(t, { x: 'x', y: 'y', color: 'g'${tool === 'dive-faceted' ? ", column: 'g'" : ''} });`,
    ]);
  }
  await openNotebook(page, lab, name, 120_000);
  await runCell(page, 0, 300_000);
  // The plot cell twice in the same kernel: the first run pays for loading and compiling code (cold),
  // the second is what every later plot costs (warm); zoom and re-facet act on the second.
  const runs = [];
  for (let r = 0; r < 2; r++) runs.push(await plotOnce(page, tool, n));
  const [cold, warm] = runs;
  const target = tool === 'jupyter-scatter' ? cellAt(page, 1).locator('canvas').first() : cellAt(page, 1).locator('.tsml-dive-stage');
  const z = await zoom(page, target);
  const result: Result = {
    tool, rows: n, cold, ...warm, ...z,
  };
  if (tool !== 'jupyter-scatter') {
    // Re-facet from the toolbar once every point of the zoomed view is drawn: rows by g (dive) or no rows
    // (faceted): the worker lays out again, then the new layout's first frame and every point of it.
    await page.mouse.move(0, 0);
    const panel = cellAt(page, 1).locator('.tsml-dive');
    await page.waitForFunction(([el, want]) => Number((el as HTMLElement).dataset.drawn) === want, [await panel.elementHandle(), n] as const, { timeout: 120_000 });
    await page.waitForTimeout(500);
    const t1 = await now(page);
    await panel.getByLabel('Rows').selectOption(tool === 'dive' ? 'g' : '');
    await page.waitForFunction((from) => performance.getEntriesByName('tsml:dive:layout').some((e) => e.startTime >= from), t1, { timeout: 60_000 });
    const laidOut = await page.evaluate((from) => { const e = performance.getEntriesByName('tsml:dive:layout').find((m) => m.startTime >= from)!; return e.startTime + e.duration; }, t1);
    result.refacetLayoutMs = laidOut - t1;
    result.refacetAllPointsMs = await allDrawn(page, laidOut, n) + (laidOut - t1);
    result.refacetFirstFrameMs = framesWithPoints(await probe(page), laidOut)[0][0] - t1;
  }
  await shutdown(page);
  return result;
}

/** Field-by-field medians of repeated measurements of one plot. */
function medianResult(rs: Result[]): Result {
  const pick = (get: (r: Result) => number | undefined) => {
    const xs = rs.map(get).filter((x): x is number => x !== undefined && !Number.isNaN(x));
    return xs.length ? median(xs) : undefined;
  };
  const out = { ...rs[0], cold: { ...rs[0].cold } } as Record<string, unknown> & Result;
  for (const key of Object.keys(rs[0]) as (keyof Result)[]) if (typeof rs[0][key] === 'number') (out as Record<string, unknown>)[key] = pick((r) => r[key] as number);
  for (const key of Object.keys(rs[0].cold) as (keyof PlotTimes)[]) (out.cold as Record<string, unknown>)[key] = pick((r) => r.cold[key]);
  return out;
}

it('Dive vs jupyter-scatter', async () => {
  const results: Result[] = [];
  const runs: Result[] = [];
  for (const n of SIZES) {
    const byTool = new Map<Tool, Result[]>();
    // Interleaved, so a slow spell of the shared machine does not fall on one plot only.
    for (let k = 0; k < REPEATS; k++) {
      for (const tool of ['dive', 'jupyter-scatter', 'dive-faceted'] as Tool[]) {
        const r = await measure(tool, n);
        console.log(JSON.stringify(r));
        runs.push(r);
        byTool.set(tool, [...(byTool.get(tool) ?? []), r]);
      }
    }
    for (const rs of byTool.values()) results.push(medianResult(rs));
  }
  const f = (x: number | undefined, d = 0) => (x === undefined || Number.isNaN(x) ? '–' : x.toFixed(d));
  const lines = [
    `Chromium ${await e2e.browser.version()} (headless, SwiftShader WebGL), JupyterLab 4; medians of ${REPEATS}; ${new Date().toISOString()}`,
    '',
    '| plot | rows | output shown, cold / warm (ms) | first frame, cold / warm (ms) | every point drawn, cold / warm (ms) | zoom frame median / p90 (ms) | points per zoom frame | bytes to browser (bytes / point) | memory (MiB) | re-facet: layout / first frame / all (ms) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map((r) => `| ${r.tool} | ${r.rows.toLocaleString('en-US')} | ${f(r.cold.outputMs)} / ${f(r.outputMs)} | ${f(r.cold.firstFrameMs)} / ${f(r.firstFrameMs)} | ${f(r.cold.allPointsMs)} / ${f(r.allPointsMs)} | ${f(r.zoomFrameMsMedian)} / ${f(r.zoomFrameMsP90)} | ${r.zoomPointsPerFrame.toLocaleString('en-US')} | ${r.bytes.toLocaleString('en-US')} (${f(r.bytesPerPoint, 2)}) | ${f(r.cold.memoryMiB)} | ${r.refacetFirstFrameMs === undefined ? '–' : `${f(r.refacetLayoutMs)} / ${f(r.refacetFirstFrameMs)} / ${f(r.refacetAllPointsMs)}`} |`),
  ];
  console.log(lines.join('\n'));
  mkdirSync(join(REPO, 'bench', 'results'), { recursive: true });
  writeFileSync(join(REPO, 'bench', 'results', 'dive.json'), JSON.stringify({ chromium: await e2e.browser.version(), repeats: REPEATS, results, runs, date: new Date().toISOString() }, null, 2));
});
