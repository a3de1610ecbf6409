/**
 * The explorer on a phone (390 px wide, Debian's chromium through playwright-core, page from disk):
 * nothing makes the page scroll sideways (charts, the scenario list, the exact-numbers table) and
 * the charts are drawn taller than wide, so the PNG charts' titles, legends and notes leave room
 * for the plot. Also: the page names its own icon, so a served page does not ask for
 * /favicon.ico (a 404 and a console error). A small township keeps the run short; waits are on
 * page elements only.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { povsim, tempDir } from '../cli/helpers.js';
import { chromiumAvailable, launchChromium } from '../report/browser.js';

const TIMEOUT_MS = 300_000;

describe.skipIf(!chromiumAvailable())('povsim explore at 390 px', () => {
  let browser: Browser;
  let indexUrl: string;
  beforeAll(async () => {
    const dir = join(tempDir('povsim-explore-narrow-'), 'page');
    expect(povsim(['explore', '--out', dir]).code).toBe(0);
    indexUrl = pathToFileURL(join(dir, 'index.html')).href;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('fits the width, draws charts taller than wide, and names its icon', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(`${indexUrl}#scenario=baseline&township.households=600&township.villages=3&simulation.months=12`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.click('#run-button');
    await page.waitForSelector('#run-status[data-state="done"]', { timeout: TIMEOUT_MS });
    await page.fill('#compare-replicates', '2');
    await page.dispatchEvent('#compare-replicates', 'change');
    await page.click('#compare-button');
    await page.waitForSelector('#compare-status[data-state="done"]', { timeout: TIMEOUT_MS });
    await page.locator('details:has(#compare-table) > summary').click();

    // Expressions, not functions: the tests are type-checked without the DOM library.
    const widths = (await page.evaluate('({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })')) as { scroll: number; client: number };
    expect(widths.scroll).toBe(widths.client);
    const canvases = await page.$$eval('figure:not([hidden]) canvas', (cs) => cs.map((c) => ({ id: c.id, width: c.clientWidth, height: c.clientHeight })));
    expect(canvases.map((c) => c.id).sort()).toEqual(['chart-differences', 'chart-governance', 'chart-incidence', 'chart-money', 'chart-monthly', 'chart-targeting']);
    for (const c of canvases) {
      expect(c.width, c.id).toBeLessThanOrEqual(390);
      expect(c.height, c.id).toBeGreaterThan(c.width);
    }
    expect(await page.getAttribute('link[rel="icon"]', 'href')).toBe('data:,');
    expect(problems).toEqual([]);
    await context.close();
  });
});
