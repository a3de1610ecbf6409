/**
 * The explorer's differences chart grows with the comparison: its value axis covers every
 * whisker (the 95% intervals) after the last replicate, not only the range of the first
 * replicate's bars (the axis used to keep the first draw's ends, so wide intervals were cut off).
 * Debian's chromium through playwright-core, page from disk, a small township; waits are on page
 * elements only.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { povsim, tempDir } from '../cli/helpers.js';
import { chromiumAvailable, launchChromium } from '../report/browser.js';

const TIMEOUT_MS = 300_000;

describe.skipIf(!chromiumAvailable())('povsim explore: the differences chart', () => {
  let browser: Browser;
  let indexUrl: string;
  beforeAll(async () => {
    const dir = join(tempDir('povsim-explore-axis-'), 'page');
    expect(povsim(['explore', '--out', dir]).code).toBe(0);
    indexUrl = pathToFileURL(join(dir, 'index.html')).href;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('has a value axis that covers every 95% interval once the replicates are in', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${indexUrl}#scenario=baseline&township.households=600&township.villages=3&simulation.months=12&supervision.auditRate=0.3`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.fill('#compare-replicates', '3');
    await page.dispatchEvent('#compare-replicates', 'change');
    await page.click('#compare-button');
    await page.waitForSelector('#compare-status[data-state="done"]', { timeout: TIMEOUT_MS });
    // The table's interval ends are fractions; the chart shows percentage points.
    const ends = (await page.$$eval('#compare-table tr[data-metric] td:nth-child(5), #compare-table tr[data-metric] td:nth-child(6)', (cells) => cells.map((c) => c.textContent ?? '')))
      .filter((text) => text !== 'n/a').map((text) => Number(text) * 100);
    expect(ends.length).toBeGreaterThan(0);
    const axis = await page.$eval('#chart-differences', (c) => ({ min: Number(c.getAttribute('data-y-min')), max: Number(c.getAttribute('data-y-max')) }));
    expect(axis.min).toBeLessThanOrEqual(Math.min(0, ...ends));
    expect(axis.max).toBeGreaterThanOrEqual(Math.max(0, ...ends));
    await context.close();
  });
});
