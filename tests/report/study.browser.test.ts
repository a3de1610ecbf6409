/**
 * The report of `povsim robust` in a real browser (Debian's chromium through playwright-core): it
 * opens from disk with no network, no console error and no failed request, and every chart draws
 * (the floating bars of the PRIM boxes included). Screenshot: test-artifacts/report/study-report.png.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { povsim, tempDir } from '../cli/helpers.js';
import { chromiumAvailable, launchChromium, visitReport } from './browser.js';

const ARTIFACTS = new URL('../../test-artifacts/report/', import.meta.url).pathname;
const available = chromiumAvailable();

describe.skipIf(!available)('study report in chromium (built command line)', () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('povsim robust: the report opens cleanly and every chart draws', async () => {
    const root = tempDir('povsim-report-');
    const file = join(root, 'study.yaml');
    writeFileSync(file, [
      'name: small-study',
      'description: Two policies across integrity and awareness',
      'policies:',
      `  - ${resolve('scenarios/baseline.yaml')}`,
      `  - ${resolve('scenarios/improved-oversight.yaml')}`,
      'uncertainties:',
      '  cadres.meanIntegrity: { min: 0.3, max: 0.9 }',
      '  population.initialAwareness: { min: 0.1, max: 0.7 }',
      'samples: 20',
      'objectives:',
      '  leakage: { direction: minimize, threshold: 0.45 }',
      '',
    ].join('\n'));
    const dir = join(root, 'study');
    const run = povsim(['robust', file, '--households', '300', '--months', '12', '--workers', '1', '--out', dir]);
    expect(run.code, run.stderr).toBe(0);
    const visit = await visitReport(browser, join(dir, 'report.html'), join(ARTIFACTS, 'study-report.png'));
    expect(visit.problems).toEqual([]);
    expect(visit.requests).toHaveLength(1);
    expect(visit.h1).toBe('small-study');
    // satisficing, distribution, regret; then the trade-off curve and the boxes when a policy has one.
    expect(visit.canvases.length).toBeGreaterThanOrEqual(3);
    for (const canvas of visit.canvases) {
      expect(canvas.hasChart, canvas.label).toBe(true);
      expect(canvas.inkShare, canvas.label).toBeGreaterThan(0.01);
    }
  });
});
