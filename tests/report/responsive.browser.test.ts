/**
 * The reports on a phone and on a wide screen (Debian's chromium through playwright-core): at 360 and
 * 1400 CSS px the page never scrolls sideways (wide tables scroll inside their own box), no element
 * reaches past the viewport, and every chart keeps a real size. Full-page screenshots go to
 * test-artifacts/report/ (`<kind>-<width>.png`) for a person to look at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { povsim, tempDir } from '../cli/helpers.js';
import { chromiumAvailable, launchChromium, layoutAtWidth } from './browser.js';

const ARTIFACTS = new URL('../../test-artifacts/report/', import.meta.url).pathname;
/** A small phone (the narrowest common width) and a wide desktop window, in CSS px. */
const WIDTHS = [360, 1400] as const;

/** Runs the built command line and fails with its stderr when it does not succeed. */
function cli(args: string[]): void {
  const result = povsim(args);
  if (result.code !== 0) throw new Error(`povsim ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
}

/** A run, a comparison of three scenarios (the tall money chart) and a grid sweep (the heatmap), each with its report. */
function writeReports(): Record<'run' | 'compare' | 'sweep', string> {
  const root = tempDir('povsim-responsive-');
  const run = join(root, 'run');
  cli(['run', '--households', '600', '--months', '12', '--out', run]);
  const compare = join(root, 'compare');
  cli(['compare', 'scenarios/baseline.yaml', 'scenarios/improved-oversight.yaml', 'scenarios/full-reform.yaml',
    '--replicates', '2', '--households', '400', '--months', '6', '--workers', '1', '--out', compare]);
  const sweepFile = join(root, 'grid.yaml');
  writeFileSync(sweepFile, [
    'name: audit-by-quota',
    `scenario: ${join(process.cwd(), 'scenarios/baseline.yaml')}`,
    'design: grid',
    'replicates: 1',
    'levels: 2',
    'parameters:',
    '  supervision.auditRate: { min: 0.05, max: 0.45 }',
    '  identification.quota: [0.05, 0.15]',
    'set: { township.households: 300, simulation.months: 6 }',
    '',
  ].join('\n'));
  const sweep = join(root, 'sweep');
  cli(['sweep', sweepFile, '--workers', '1', '--out', sweep]);
  return { run, compare, sweep };
}

const available = chromiumAvailable();

describe.skipIf(!available)('reports from 360 px to a wide screen', () => {
  let browser: Browser;
  let reports: Record<'run' | 'compare' | 'sweep', string>;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    reports = writeReports();
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
  });

  for (const kind of ['run', 'compare', 'sweep'] as const) {
    it.each(WIDTHS)(`${kind} report at %i px: no sideways scroll, nothing past the edge, every chart drawn at a real size`, async (width) => {
      const layout = await layoutAtWidth(browser, join(reports[kind], 'report.html'), width, join(ARTIFACTS, `${kind}-${width}.png`));
      expect(layout.problems).toEqual([]);
      expect(layout.viewportWidth).toBe(width);
      expect(layout.scrollWidth).toBeLessThanOrEqual(width);
      expect(layout.overflowing).toEqual([]);
      expect(layout.images.length).toBeGreaterThan(0);
      for (const image of layout.images) {
        expect(image.width, image.label).toBeGreaterThan(0);
        expect(image.height, image.label).toBeGreaterThan(0);
        // A chart fills its column: at least 250 px wide on a phone, and never wider than the page.
        expect(image.width, image.label).toBeGreaterThanOrEqual(Math.min(250, width - 100));
        expect(image.width, image.label).toBeLessThanOrEqual(width);
      }
    });
  }
});
