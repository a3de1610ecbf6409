/**
 * `povsim explore` in a real browser (Debian's chromium through playwright-core), network blocked:
 * the page written by `povsim explore --out` and opened from disk compares supervision.auditRate
 * 0.3 with the baseline on 4 replicates (on the page's default 20 under `npm run test:long`), and its
 * numbers equal, digit for digit, those of `povsim compare scenarios/baseline.yaml <the YAML the page
 * exports> --replicates 4 --json` (20 under test:long);
 * the link reopens the same state; a bad hand-edited link value is reported and falls back; every
 * chart draws; the console stays clean. The same page served by `povsim explore` works too.
 * Screenshots go to test-artifacts/explore/. Waits are on page elements and process output only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { povsim, tempDir } from '../cli/helpers.js';
import { sized } from '../long.js';
import { chromiumAvailable, launchChromium } from '../report/browser.js';

const ARTIFACTS = new URL('../../test-artifacts/explore/', import.meta.url).pathname;
/** Generous: 40 default-township runs on a busy shared machine. */
const COMPARE_TIMEOUT_MS = 600_000;
/** The page's replicates for a comparison, before the user changes them. */
const PAGE_REPLICATES = 20;
/** Replicates of the comparison checked against povsim compare: the page's default in test:long. */
const REPLICATES = sized(4, PAGE_REPLICATES);

interface Visit {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and warnings, page errors, failed and blocked requests. */
  readonly problems: string[];
}

/**
 * A fresh page that may load only from `allowed` (file: or the served origin) and blob: URLs;
 * `processors`: what navigator.hardwareConcurrency tells the page (the workers of a comparison).
 */
async function openPage(browser: Browser, url: string, allowed: string, processors?: number): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  if (processors !== undefined) {
    await context.addInitScript(`Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => ${processors} })`);
  }
  const page = await context.newPage();
  const problems: string[] = [];
  await context.route('**/*', (route) => {
    const target = route.request().url();
    if (target.startsWith(allowed) || target.startsWith('blob:')) return route.continue();
    problems.push(`request left the page's origin: ${target}`);
    return route.abort();
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  return { context, page, problems };
}

/** Per visible canvas: whether chart.js drew on it, and how many distinct colours it shows. */
const CANVAS_PROBE = `[...document.querySelectorAll('figure:not([hidden]) canvas')].map((canvas) => {
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  const colours = new Set();
  for (let i = 0; i < data.length; i += 4 * 7) colours.add(data[i] * 16777216 + data[i + 1] * 65536 + data[i + 2] * 256 + data[i + 3]);
  return { id: canvas.id, width: canvas.width, colours: colours.size };
})`;

async function drawnCharts(page: Page): Promise<{ id: string; width: number; colours: number }[]> {
  return (await page.evaluate(CANVAS_PROBE)) as { id: string; width: number; colours: number }[];
}

/** The cells of the exact-numbers row of `metric`. */
async function tableRow(page: Page, metric: string): Promise<string[]> {
  return page.locator(`#compare-table tr[data-metric="${metric}"] td`).allTextContents();
}

/** Sets the comparison's replicates to REPLICATES (the page's default in test:long). */
async function setReplicates(page: Page): Promise<void> {
  if (REPLICATES === PAGE_REPLICATES) return;
  await page.fill('#compare-replicates', String(REPLICATES));
  await page.dispatchEvent('#compare-replicates', 'change');
}

async function setNumber(page: Page, path: string, value: string): Promise<void> {
  const box = page.locator(`.param[data-path="${path}"] input[type=number]`);
  await box.fill(value);
  await box.dispatchEvent('change');
}

const available = chromiumAvailable();

describe.skipIf(!available)('povsim explore in chromium', () => {
  let browser: Browser;
  let pageDir: string;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    pageDir = join(tempDir('povsim-explore-'), 'page');
    const written = povsim(['explore', '--out', pageDir]);
    expect(written.stderr).toBe('');
    expect(written.code).toBe(0);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('from disk: the paired comparison equals povsim compare on the exported YAML, digit for digit', async () => {
    const indexUrl = pathToFileURL(join(pageDir, 'index.html')).href;
    // Three workers, whatever the machine: the runs finish out of replicate order, and the
    // statistics must still take them in order (src/explore/compare-pool.ts).
    const { context, page, problems } = await openPage(browser, indexUrl, 'file:', 3);
    await setNumber(page, 'supervision.auditRate', '0.3');
    expect(await page.locator('.param[data-path="supervision.auditRate"]').getAttribute('class')).toContain('changed');
    expect(new URL(page.url()).hash).toBe('#scenario=baseline&supervision.auditRate=0.3');
    expect(await page.inputValue('#compare-replicates')).toBe(String(PAGE_REPLICATES));
    expect(await page.inputValue('#compare-reference')).toBe('baseline');
    await setReplicates(page);

    await page.click('#compare-button');
    await page.waitForSelector('#compare-status[data-state="done"]', { timeout: COMPARE_TIMEOUT_MS });
    expect(await page.getAttribute('#compare-status', 'data-workers')).toBe('3');
    expect(await page.textContent('#compare-status')).toBe(`${REPLICATES} replicate pairs compared (base seed 42, 3 workers)`);
    const leakage = await tableRow(page, 'leakage');
    const words = await page.locator('#compare-words li[data-metric="leakage"]').textContent();

    // The YAML the page exports, through its download button.
    const download = page.waitForEvent('download');
    await page.click('#download-yaml');
    const yamlPath = join(tempDir('povsim-explore-yaml-'), (await download).suggestedFilename());
    await (await download).saveAs(yamlPath);
    expect(yamlPath.endsWith('baseline-explore.yaml')).toBe(true);
    expect(await page.textContent('#compare-command')).toBe(`povsim compare scenarios/baseline.yaml baseline-explore.yaml --replicates ${REPLICATES}`);

    const cli = povsim(['compare', 'scenarios/baseline.yaml', yamlPath, '--replicates', String(REPLICATES), '--json', '--no-charts', '--out', tempDir('povsim-explore-cmp-')], {});
    expect(cli.code).toBe(0);
    const json = JSON.parse(cli.stdout) as {
      scenarios: { name: string; metrics: Record<string, { mean: number; difference: { n: number; mean: number; ciLow: number; ciHigh: number } | null }> }[];
    };
    const [reference, current] = json.scenarios;
    expect(current!.name).toBe('baseline-explore');
    const d = current!.metrics['leakage']!.difference!;
    expect(leakage).toEqual([
      'leakage',
      String(reference!.metrics['leakage']!.mean),
      String(current!.metrics['leakage']!.mean),
      String(d.mean),
      String(d.ciLow),
      String(d.ciHigh),
      String(REPLICATES),
    ]);
    // More audits cut leakage clearly: the sentence says so with its interval.
    expect(d.ciHigh).toBeLessThan(0);
    expect(words).toMatch(/^Leakage of targeted aid falls by [\d.]+ points \(from [\d.]+% to [\d.]+%\), 95% CI [\d.]+ to [\d.]+ points$/);

    // One run: every chart draws.
    await page.click('#run-button');
    await page.waitForSelector('#run-status[data-state="done"]', { timeout: COMPARE_TIMEOUT_MS });
    const charts = await drawnCharts(page);
    expect(charts.map((c) => c.id).sort()).toEqual(
      ['chart-differences', 'chart-governance', 'chart-incidence', 'chart-money', 'chart-monthly', 'chart-targeting'],
    );
    for (const c of charts) expect(c.colours, c.id).toBeGreaterThan(8);
    await page.screenshot({ path: join(ARTIFACTS, 'explore-disk.png'), fullPage: true });
    await page.screenshot({ path: join(ARTIFACTS, 'explore-top.png') });

    // The link reopens the same state.
    const link = page.url();
    const yaml = await page.textContent('#yaml-text');
    const again = await openPage(browser, link, 'file:');
    await setReplicates(again.page); // the YAML names the comparison's command, with its replicates
    expect(await again.page.inputValue('.param[data-path="supervision.auditRate"] input[type=number]')).toBe('0.3');
    expect(await again.page.locator('.param.changed').count()).toBe(1);
    expect(await again.page.textContent('#yaml-text')).toBe(yaml);
    expect(again.problems).toEqual([]);
    await again.context.close();

    expect(problems).toEqual([]);
    await context.close();
  }, COMPARE_TIMEOUT_MS * 2);

  it('a bad hand-edited link value is reported in one line and falls back to the default', async () => {
    const url = `${pathToFileURL(join(pageDir, 'index.html')).href}#scenario=baseline&supervision.auditRate=7&identification.method=magic&supervision.auditRat=0.2&township.villages=12`;
    const { context, page, problems } = await openPage(browser, url, 'file:');
    const lines = await page.locator('#message p').allTextContents();
    expect(lines).toEqual([
      expect.stringMatching(/^link: supervision\.auditRate: expected a number from 0 to 1.*found 7; using the scenario's value$/),
      expect.stringMatching(/^link: identification\.method: expected one of .*found "magic"; using the scenario's value$/),
      expect.stringMatching(/^link: supervision\.auditRat: unknown key .*did you mean "auditRate"\?; using the scenario's value$/),
    ]);
    // The baseline's own values, and the good value kept.
    expect(await page.inputValue('.param[data-path="supervision.auditRate"] input[type=number]')).toBe('0.05');
    expect(await page.inputValue('.param[data-path="identification.method"] select')).toBe('community');
    expect(await page.inputValue('.param[data-path="township.villages"] input[type=number]')).toBe('12');
    expect(new URL(page.url()).hash).toBe('#scenario=baseline&township.villages=12');
    // Hover text: meaning, range with unit, default and source, from the parameter specification.
    const hover = await page.getAttribute('.param[data-path="supervision.auditRate"]', 'title');
    expect(hover).toBe('Share of registered households whose eligibility is audited in a year.\nRange 0 to 1 share of registered households per year. Default: 0.05.\nSource: The study: weak supervision.');
    // Reset of a group, and of all.
    await page.click('#group-township .reset-group');
    expect(new URL(page.url()).hash).toBe('#scenario=baseline');
    await setNumber(page, 'supervision.detectionProbability', '0.9');
    await page.selectOption('.param[data-path="identification.method"] select', 'pmt');
    expect(await page.locator('.param.changed').count()).toBe(2);
    await page.click('#reset-all');
    expect(await page.locator('.param.changed').count()).toBe(0);
    expect(new URL(page.url()).hash).toBe('#scenario=baseline');
    // A number typed outside the range is brought inside it: a bad value cannot come from the controls.
    await setNumber(page, 'supervision.auditRate', '5');
    expect(await page.inputValue('.param[data-path="supervision.auditRate"] input[type=number]')).toBe('1');
    await page.click('#reset-all');
    // An unknown scenario falls back to the first one.
    await page.evaluate("location.hash = 'scenario=nope'");
    await page.waitForSelector('#message p:text("scenario")');
    expect(await page.locator('#message p').allTextContents()).toEqual([
      expect.stringMatching(/^link: scenario: expected one of baseline, .*found "nope"; showing baseline$/),
    ]);
    await page.screenshot({ path: join(ARTIFACTS, 'explore-bad-link.png') });
    // The tour walks through its steps and points at the part of the page each one explains.
    await page.click('#tour-button');
    expect(await page.textContent('#tour-title')).toBe('1/5: The register');
    expect(await page.locator('#group-identification.tour-target').count()).toBe(1);
    await page.click('#tour-next');
    expect(await page.textContent('#tour-title')).toBe('2/5: One run');
    await page.click('#tour-close');
    expect(await page.isHidden('#tour')).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('served by povsim explore: opens, runs, and stops on SIGINT with exit code 0', async () => {
    const child: ChildProcess = spawn(process.execPath, ['bin/povsim.js', 'explore', '--no-open'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /serving (http:\/\/127\.0\.0\.1:\d+\/);/.exec(output);
        if (found) resolve(found[1]!);
      });
      child.on('exit', (code) => reject(new Error(`povsim explore exited (${code}) before serving: ${output}`)));
    });
    try {
      const { context, page, problems } = await openPage(browser, `${url}#scenario=improved-oversight&township.households=1500&simulation.months=24`, url);
      expect(await page.inputValue('#scenario')).toBe('improved-oversight');
      await page.click('#run-button');
      await page.waitForSelector('#run-status[data-state="done"]', { timeout: COMPARE_TIMEOUT_MS });
      const charts = await drawnCharts(page);
      expect(charts.map((c) => c.id).sort()).toEqual(['chart-governance', 'chart-incidence', 'chart-money', 'chart-monthly', 'chart-targeting']);
      // Stop: a long comparison stops after the replicates that finished, and the page goes on.
      await page.fill('#compare-replicates', '200');
      await page.dispatchEvent('#compare-replicates', 'change');
      await page.click('#compare-button');
      await page.waitForSelector('#compare-words li');
      await page.click('#compare-stop');
      expect(await page.textContent('#compare-status')).toMatch(/^Stopped/);
      expect(await page.isEnabled('#compare-button')).toBe(true);
      for (const c of charts) expect(c.colours, c.id).toBeGreaterThan(8);
      await page.screenshot({ path: join(ARTIFACTS, 'explore-served.png'), fullPage: true });
      expect(problems).toEqual([]);
      await context.close();
      // Only the page's own files are served.
      expect((await fetch(`${url}index.html`)).status).toBe(200);
      expect((await fetch(`${url}../package.json`)).status).toBe(404);
      expect((await fetch(`${url}explore.json`)).status).toBe(404);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(output).toContain('povsim explore: stopped');
    // The page served is the built page.
    expect(readFileSync('dist/explore/index.html', 'utf8')).toContain('<script src="explore.js"></script>');
  }, COMPARE_TIMEOUT_MS);
});
