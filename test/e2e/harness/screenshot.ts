/**
 * Screenshot comparison against committed reference images. The reference is the reviewed
 * truth; a run writes what it saw to test/artifacts/e2e/ (and a diff image on mismatch) so a
 * failure can be judged by looking, not by reading numbers.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import type { Locator } from 'playwright-core';
import { PNG } from 'pngjs';
import { REPO } from './lab-server.js';

export const REFERENCE_DIR = join(REPO, 'test', 'e2e', 'reference');
export const ARTIFACT_DIR = join(REPO, 'test', 'artifacts', 'e2e');

export interface ScreenshotOptions {
  /** Largest fraction of pixels allowed to differ (0.01 = 1 %). */
  tolerance?: number;
  /** pixelmatch's per-pixel colour distance threshold (0..1); antialiasing is ignored anyway. */
  threshold?: number;
}

export interface ScreenshotResult {
  status: 'matched' | 'created' | 'updated';
  /** Fraction of differing pixels (0 when the reference was just written). */
  diffRatio: number;
  actualPath: string;
  referencePath: string;
  message: string;
}

export class ScreenshotMismatch extends Error {}

const isUpdate = () => process.env.TSML_UPDATE_REFERENCES === '1';

/** Compares two PNGs; returns the fraction of differing pixels and a diff image (null if sizes differ). */
export function comparePng(actual: Buffer, reference: Buffer, threshold = 0.1): { ratio: number; diff: PNG | null; why?: string } {
  const a = PNG.sync.read(actual);
  const r = PNG.sync.read(reference);
  if (a.width !== r.width || a.height !== r.height) {
    return { ratio: 1, diff: null, why: `size ${a.width}×${a.height}, reference ${r.width}×${r.height}` };
  }
  const diff = new PNG({ width: a.width, height: a.height });
  const n = pixelmatch(a.data, r.data, diff.data, a.width, a.height, { threshold });
  return { ratio: n / (a.width * a.height), diff };
}

/**
 * Screenshots `locator` to test/artifacts/e2e/<name>.png and compares it with
 * test/e2e/reference/<name>.png. A missing reference (or TSML_UPDATE_REFERENCES=1) is written
 * from this run and reported, and the check passes; otherwise more than `tolerance` differing
 * pixels throws ScreenshotMismatch after writing <name>.diff.png next to the actual image.
 */
export async function expectScreenshot(locator: Locator, name: string, opts: ScreenshotOptions = {}): Promise<ScreenshotResult> {
  const tolerance = opts.tolerance ?? 0.01;
  mkdirSync(ARTIFACT_DIR, { recursive: true });
  const actualPath = join(ARTIFACT_DIR, `${name}.png`);
  const referencePath = join(REFERENCE_DIR, `${name}.png`);
  const diffPath = join(ARTIFACT_DIR, `${name}.diff.png`);
  // A diff left by an earlier failing run would otherwise look like this run's.
  rmSync(diffPath, { force: true });
  // Keep the mouse from leaving hover highlights, and the caret from blinking into the image.
  await locator.page().mouse.move(0, 0);
  const actual = await locator.screenshot({ path: actualPath, animations: 'disabled', caret: 'hide', scale: 'css' });

  const existed = existsSync(referencePath);
  if (!existed || isUpdate()) {
    mkdirSync(REFERENCE_DIR, { recursive: true });
    writeFileSync(referencePath, actual);
    const status = existed ? 'updated' : 'created';
    const message = `screenshot ${name}: ${status} reference ${referencePath} — review and commit it`;
    console.warn(message);
    return { status, diffRatio: 0, actualPath, referencePath, message };
  }

  const { ratio, diff, why } = comparePng(actual, readFileSync(referencePath), opts.threshold);
  const pct = (ratio * 100).toFixed(3);
  if (ratio > tolerance) {
    let where = '';
    if (diff) {
      writeFileSync(diffPath, PNG.sync.write(diff));
      where = `, diff image ${diffPath}`;
    }
    throw new ScreenshotMismatch(
      `screenshot ${name}: ${why ?? `${pct} % of pixels differ`} (tolerance ${(tolerance * 100).toFixed(2)} %); ` +
      `actual ${actualPath}${where}. If the change is intended, rerun with TSML_UPDATE_REFERENCES=1 and commit the new reference.`,
    );
  }
  return { status: 'matched', diffRatio: ratio, actualPath, referencePath, message: `screenshot ${name}: matched (${pct} % differ)` };
}
