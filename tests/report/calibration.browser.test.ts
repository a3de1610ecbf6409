/**
 * The report of `povsim calibrate` in a real browser (Debian's chromium through playwright-core):
 * a tiny calibration (three parameters, three targets, 100 households over 12 months, ABC-SMC with
 * 12 particles) opens from disk with no console error, no failed request and no request off the
 * disk; every chart draws (each marginal posterior, each pair, the predictive check) and has a
 * real size; the posterior table names every parameter with the medians and intervals of
 * summary.json, the predictive table every target with its observed value; each marginal's caption
 * gives the same rounded median as the table; and at 360 and 1400 CSS px the page never scrolls
 * sideways. Screenshots: test-artifacts/report/calibration-report.png, calibration-360.png,
 * calibration-1400.png.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { povsim, tempDir } from '../cli/helpers.js';
import { chromiumAvailable, launchChromium, layoutAtWidth, visitReport } from './browser.js';

const ARTIFACTS = new URL('../../test-artifacts/report/', import.meta.url).pathname;
const available = chromiumAvailable();

const PARAMETERS = ['identification.communityNoise', 'cadres.meanIntegrity', 'population.initialAwareness'] as const;
const TARGETS = [
  { metric: 'scoreR2', observed: 0.24, se: 0.05 },
  { metric: 'governance.integrity', observed: 0.77, se: 0.07 },
  { metric: 'governance.transparency', observed: 0.47, se: 0.01 },
] as const;

/** Runs a tiny calibration through the built command line and returns its folder. */
function calibrate(): string {
  const root = tempDir('povsim-calibration-report-');
  const file = join(root, 'tiny.yaml');
  writeFileSync(file, [
    'name: tiny-calibration',
    'description: Three parameters from three targets on a small township',
    `scenario: ${resolve('scenarios/baseline.yaml')}`,
    'seed: 5',
    'set: { township.households: 100, township.villages: 2, simulation.months: 12 }',
    'parameters:',
    '  identification.communityNoise: { min: 0, max: 5 }',
    '  cadres.meanIntegrity: { min: 0, max: 1 }',
    '  population.initialAwareness: { min: 0, max: 1, prior: normal, mean: 0.5, sd: 0.2 }',
    'targets:',
    ...TARGETS.map((t) => `  - { metric: ${t.metric}, observed: ${t.observed}, se: ${t.se} }`),
    'method: smc',
    'settings: { particles: 12, maxRuns: 120, minAcceptanceRate: 0.05 }',
    'predictive: 6',
    '',
  ].join('\n'));
  const out = join(root, 'out');
  const run = povsim(['calibrate', file, '--workers', '1', '--out', out]);
  if (run.code !== 0) throw new Error(`povsim calibrate exited ${run.code}: ${run.stderr}`);
  return out;
}

/** Page script: every table of the #calibration section, as rows of cell texts (header row first). */
const TABLES_PROBE = `[...document.querySelectorAll('#calibration table')].map((table) =>
  [...table.querySelectorAll('tr')].map((row) => [...row.children].map((cell) => cell.textContent)))`;

/** Page script: each figure caption's text. */
const CAPTIONS_PROBE = `[...document.querySelectorAll('figcaption')].map((c) => c.textContent)`;

interface Summary {
  parameters: { name: string; kind: string; median: number; lower90: number; upper90: number }[];
  predictive: { target: string; observed: number }[];
}

/** How the report writes a number in its tables: 4 significant digits. */
const shown = (x: number): string => String(Number(x.toPrecision(4)));

describe.skipIf(!available)('calibration report in chromium (built command line)', () => {
  let browser: Browser;
  let out: string;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    out = calibrate();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('opens cleanly, draws every chart, and its tables and captions show the posterior and the targets', async () => {
    const report = join(out, 'report.html');
    const visit = await visitReport(browser, report, join(ARTIFACTS, 'calibration-report.png'));
    expect(visit.problems).toEqual([]);
    expect(visit.requests).toHaveLength(1);
    expect(visit.h1).toBe('tiny-calibration');
    // three marginals, three pairs, the predictive check
    expect(visit.canvases.map((c) => c.label)).toEqual([
      ...PARAMETERS.map((p) => `Posterior of ${p}`),
      `${PARAMETERS[0]} and ${PARAMETERS[1]}`, `${PARAMETERS[0]} and ${PARAMETERS[2]}`, `${PARAMETERS[1]} and ${PARAMETERS[2]}`,
      'Posterior-predictive check',
    ]);
    for (const canvas of visit.canvases) {
      expect(canvas.hasChart, canvas.label).toBe(true);
      expect(canvas.width, canvas.label).toBeGreaterThan(0);
      expect(canvas.height, canvas.label).toBeGreaterThan(0);
      expect(canvas.inkShare, canvas.label).toBeGreaterThan(0.01);
    }
    expect(visit.canvases.find((c) => c.label === 'Posterior-predictive check')!.categories).toEqual(TARGETS.map((t) => t.metric));

    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await page.goto(pathToFileURL(report).href, { waitUntil: 'load' });
    const [posterior, predictive] = (await page.evaluate(TABLES_PROBE)) as string[][][];
    const captions = (await page.evaluate(CAPTIONS_PROBE)) as string[];
    await context.close();

    expect(posterior![0]).toEqual(['Parameter', 'Prior', 'Mean', 'Median', '90% interval']);
    expect(posterior!.slice(1).map((row) => row[0])).toEqual([...PARAMETERS]);
    expect(posterior![3]![1]).toBe('normal 0 to 1');
    summary.parameters.forEach((p, k) => {
      const row = posterior![k + 1]!;
      expect(row[3], p.name).toBe(shown(p.median));
      expect(row[4], p.name).toBe(`${shown(p.lower90)} to ${shown(p.upper90)}`);
      // the marginal's caption states the same median and interval as the table, not 12 digits
      expect(captions[k], p.name).toContain(`Median ${shown(p.median)}, 90% interval ${shown(p.lower90)} to ${shown(p.upper90)}.`);
    });
    expect(predictive![0]).toEqual(['Target', 'Observed', 'Se or tolerance', 'Simulated median', 'Simulated 90%', 'Median within it']);
    expect(predictive!.slice(1).map((row) => row.slice(0, 3))).toEqual(TARGETS.map((t) => [t.metric, String(t.observed), String(t.se)]));
    expect(summary.predictive.map((c) => c.target)).toEqual(TARGETS.map((t) => t.metric));
  });

  it.each([360, 1400])('at %i px: no sideways scroll, nothing past the edge, every chart at a real size', async (width) => {
    const layout = await layoutAtWidth(browser, join(out, 'report.html'), width, join(ARTIFACTS, `calibration-${width}.png`));
    expect(layout.problems).toEqual([]);
    expect(layout.viewportWidth).toBe(width);
    expect(layout.scrollWidth).toBeLessThanOrEqual(width);
    expect(layout.overflowing).toEqual([]);
    expect(layout.images).toHaveLength(7);
    for (const image of layout.images) {
      expect(image.height, image.label).toBeGreaterThan(0);
      expect(image.width, image.label).toBeGreaterThanOrEqual(Math.min(250, width - 100));
      expect(image.width, image.label).toBeLessThanOrEqual(width);
    }
  });
});
