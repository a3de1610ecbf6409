/**
 * The explorer's honesty and reach (Debian's chromium through playwright-core, page from disk):
 * results computed for other settings are marked as such until run again; a run shows its key
 * numbers as `povsim run` prints them, with the exact values; the tour never points at a hidden
 * chart, closes on Escape and moves the focus in and back; each parameter's meaning, range,
 * default and source reach the keyboard and screen readers; a bad-link message goes once the user
 * edits. A small township keeps the runs short; waits are on page elements only.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { povsim, tempDir } from '../cli/helpers.js';
import { chromiumAvailable, launchChromium } from '../report/browser.js';

const TIMEOUT_MS = 300_000;
const ARTIFACTS = new URL('../../test-artifacts/explore/', import.meta.url).pathname;
const SMALL = 'township.households=600&township.villages=3&simulation.months=12';
const SMALL_SET = ['--set', 'township.households=600', '--set', 'township.villages=3', '--set', 'simulation.months=12'];

async function setNumber(page: Page, path: string, value: string): Promise<void> {
  const box = page.locator(`.param[data-path="${path}"] input[type=number]`);
  await box.fill(value);
  await box.dispatchEvent('change');
}

async function run(page: Page): Promise<void> {
  await page.click('#run-button');
  await page.waitForSelector('#run-status[data-state="done"]', { timeout: TIMEOUT_MS });
}

/** Whether each section is marked as showing results for earlier settings. */
async function staleMarks(page: Page): Promise<{ run: boolean; compare: boolean }> {
  const marked = async (part: string): Promise<boolean> =>
    (await page.$eval(`#${part}`, (section) => section.classList.contains('stale'))) && page.isVisible(`#${part}-stale`);
  return { run: await marked('run'), compare: await marked('compare') };
}

describe.skipIf(!chromiumAvailable())('povsim explore: stale results, run numbers, tour and parameter details', () => {
  let browser: Browser;
  let indexUrl: string;
  const problems: string[] = [];
  async function open(hash: string, width = 1400): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(`${indexUrl}#${hash}`);
    await page.waitForSelector('body[data-ready="true"]');
    return page;
  }
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const dir = join(tempDir('povsim-explore-review3-'), 'page');
    expect(povsim(['explore', '--out', dir]).code).toBe(0);
    indexUrl = pathToFileURL(join(dir, 'index.html')).href;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('marks the run and the comparison as for earlier settings after a change, reset or new scenario, until run again', async () => {
    const page = await open(`scenario=baseline&${SMALL}`);
    expect(await staleMarks(page)).toEqual({ run: false, compare: false });
    await run(page);
    await page.fill('#compare-replicates', '2');
    await page.dispatchEvent('#compare-replicates', 'change');
    await page.click('#compare-button');
    await page.waitForSelector('#compare-status[data-state="done"]', { timeout: TIMEOUT_MS });
    expect(await staleMarks(page)).toEqual({ run: false, compare: false });
    // A changed value.
    await setNumber(page, 'supervision.auditRate', '0.3');
    expect(await staleMarks(page)).toEqual({ run: true, compare: true });
    expect(await page.textContent('#run-stale')).toBe('Results for earlier settings - run again');
    expect(Number(await page.evaluate("getComputedStyle(document.querySelector('#run .charts')).opacity"))).toBeLessThan(1);
    await page.screenshot({ path: join(ARTIFACTS, 'explore-stale-1400.png'), fullPage: true });
    // Changing it back: the results describe the settings again.
    await setNumber(page, 'supervision.auditRate', '0.05');
    expect(await staleMarks(page)).toEqual({ run: false, compare: false });
    await setNumber(page, 'supervision.auditRate', '0.3');
    await run(page);
    expect(await staleMarks(page)).toEqual({ run: false, compare: true });
    // Another reference or replicate count makes only the comparison stale.
    await page.click('#compare-button');
    await page.waitForSelector('#compare-status[data-state="done"]', { timeout: TIMEOUT_MS });
    expect(await staleMarks(page)).toEqual({ run: false, compare: false });
    await page.fill('#compare-replicates', '3');
    await page.dispatchEvent('#compare-replicates', 'change');
    expect(await staleMarks(page)).toEqual({ run: false, compare: true });
    // Reset all (the small township goes too) and a new scenario.
    await page.click('#reset-all');
    expect((await staleMarks(page)).run).toBe(true);
    await page.goto(`${indexUrl}#scenario=baseline&${SMALL}`);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await run(page);
    await page.selectOption('#scenario', 'improved-oversight');
    expect((await staleMarks(page)).run).toBe(true);
    await page.context().close();
  }, TIMEOUT_MS * 4);

  it('shows a run\'s key numbers as povsim run prints them, with the exact values', async () => {
    const page = await open(`scenario=baseline&${SMALL}&supervision.auditRate=0.3`);
    expect(await page.locator('#run-numbers tr[data-metric]').count()).toBe(0);
    await run(page);
    const rows = await page.$$eval('#run-numbers tr[data-metric]', (trs) => trs.map((tr) => ({
      metric: tr.getAttribute('data-metric'),
      label: tr.children[0]!.textContent,
      text: tr.children[1]!.textContent,
      title: tr.children[1]!.getAttribute('title'),
      exact: tr.children[2]!.textContent,
    })));
    expect(rows.map((r) => r.metric)).toEqual(['headcount', 'inclusionErrorRegistered', 'inclusionErrorNonPoor', 'exclusionError', 'leakage', 'diversion', 'cgh']);
    // The copied command reproduces them: the same lines in its table, the same exact values in summary.json.
    const out = join(tempDir('povsim-explore-review3-run-'), 'run');
    const cli = povsim(['run', 'scenarios/baseline.yaml', ...SMALL_SET, '--set', 'supervision.auditRate=0.3', '--no-charts', '--out', out]);
    expect(cli.code).toBe(0);
    const lines = cli.stdout.split('\n');
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { metrics: Record<string, number | null> };
    for (const r of rows) {
      const line = lines.find((l) => l.startsWith(`${r.label!}  `));
      expect(line, r.label!).toBeDefined();
      expect(line!.trim().split(/\s{2,}/).pop()).toBe(r.text);
      expect(r.exact).toBe(String(summary.metrics[r.metric!]));
      expect(r.title).toBe(r.exact);
    }
    await page.locator('#run').screenshot({ path: join(ARTIFACTS, 'explore-run-numbers-1400.png') });
    await page.context().close();
  }, TIMEOUT_MS);

  it('the tour falls back to the Run button before a run, closes on Escape and moves the focus in and back', async () => {
    const page = await open('scenario=baseline');
    await page.focus('#tour-button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#tour:not([hidden])');
    expect(await page.evaluate("document.getElementById('tour').contains(document.activeElement)")).toBe(true);
    await page.click('#tour-next');
    await page.click('#tour-next');
    expect(await page.textContent('#tour-title')).toBe('3/5: Inclusion and exclusion error');
    expect(await page.textContent('#tour-text')).toContain('Press Run first');
    expect(await page.locator('#run-button.tour-target').count()).toBe(1);
    expect(await page.locator('.tour-target').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'explore-tour-fallback-1400.png') });
    await page.keyboard.press('Escape');
    await page.waitForSelector('#tour', { state: 'hidden' });
    expect(await page.evaluate('document.activeElement.id')).toBe('tour-button');
    expect(await page.locator('.tour-target').count()).toBe(0);
    await page.context().close();
  });

  it('parameter details reach the keyboard and screen readers; no button in a summary; names break at capitals; a bad-link message goes on an edit', async () => {
    const page = await open('scenario=baseline&supervision.auditRate=7');
    expect(await page.isVisible('#message')).toBe(true);
    // Each input's description, as a screen reader computes it from aria-describedby.
    const described = (await page.evaluate(`[...document.querySelectorAll('.param input, .param select')].map((input) => ({
      path: input.closest('.param').getAttribute('data-path'),
      text: (input.getAttribute('aria-describedby') || '').split(' ').filter((id) => id !== '').map((id) => document.getElementById(id)?.textContent ?? '').join(' '),
    }))`)) as { path: string; text: string }[];
    expect(described.length).toBeGreaterThan(20);
    for (const d of described) expect(d.text, d.path).toMatch(/Default: .*\nSource: /);
    expect(await page.locator('summary button').count()).toBe(0);
    // The about button shows the same text to sighted keyboard users.
    const about = page.locator('.param[data-path="supervision.auditRate"] button.about');
    await about.focus();
    await page.keyboard.press('Enter');
    expect(await about.getAttribute('aria-expanded')).toBe('true');
    expect(await page.textContent('#param-supervision-auditRate-about')).toBe(await page.getAttribute('.param[data-path="supervision.auditRate"]', 'title'));
    expect(await page.isVisible('#param-supervision-auditRate-about')).toBe(true);
    expect(await page.locator('.param[data-path="supervision.detectionProbability"] label wbr').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'explore-about-1400.png') });
    // Editing clears the bad-link message.
    await setNumber(page, 'supervision.detectionProbability', '0.9');
    expect(await page.isHidden('#message')).toBe(true);
    await page.context().close();
    const narrow = await open(`scenario=baseline&${SMALL}&supervision.auditRate=0.3`, 390);
    await run(narrow);
    await narrow.locator('.param[data-path="supervision.auditRate"] button.about').click();
    const widths = (await narrow.evaluate('({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })')) as { scroll: number; client: number };
    expect(widths.scroll).toBe(widths.client);
    await narrow.screenshot({ path: join(ARTIFACTS, 'explore-review3-390.png'), fullPage: true });
    await narrow.locator('#run-numbers').screenshot({ path: join(ARTIFACTS, 'explore-run-numbers-390.png') });
    await narrow.locator('#group-supervision').screenshot({ path: join(ARTIFACTS, 'explore-about-390.png') });
    await narrow.context().close();
    expect(problems).toEqual([]);
  }, TIMEOUT_MS);
});
