/**
 * Opening a report in Debian's chromium (playwright-core drives it) and recording everything that
 * went wrong: console errors and warnings, page errors, failed requests, requests that left the
 * disk, dialogs. Not a test file.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Whether the browser tests can run here; in CI (env CI set) a missing chromium is a failure, not a skip. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env['CI']) throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium (see .ci/run)`);
  return false;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic',
    ],
  });
}

/** What one canvas of the page shows. */
export interface CanvasCheck {
  /** `Chart.getChart(canvas)` found a chart. */
  readonly hasChart: boolean;
  /** Its chart.js type. */
  readonly type: string | null;
  readonly width: number;
  readonly height: number;
  /** Distinct colours among the canvas pixels (sampled on a 2 px grid). */
  readonly distinctColours: number;
  /** Share of sampled pixels that are not opaque white. */
  readonly inkShare: number;
  /** The canvas's aria-label: its figure's heading. */
  readonly label: string;
  /** The chart's category labels (`data.labels`), as chart.js holds them. */
  readonly categories: unknown[];
}

/**
 * Page script (text, as the test files have no DOM types) returning a {@link CanvasCheck} per canvas:
 * its chart.js chart, size, and pixel statistics on a 2 px grid.
 */
const CANVAS_PROBE = `[...document.querySelectorAll('canvas')].map((canvas) => {
  const chart = window.Chart ? window.Chart.getChart(canvas) : undefined;
  const ctx = canvas.getContext('2d');
  const colours = new Set();
  let ink = 0;
  let n = 0;
  if (ctx && canvas.width > 0 && canvas.height > 0) {
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    for (let y = 0; y < canvas.height; y += 2) {
      for (let x = 0; x < canvas.width; x += 2) {
        const i = (y * canvas.width + x) * 4;
        const r = data[i], g = data[i + 1], b = data[i + 2], a = data[i + 3];
        colours.add(((r * 256 + g) * 256 + b) * 256 + a);
        if (!(r === 255 && g === 255 && b === 255 && a === 255)) ink++;
        n++;
      }
    }
  }
  return {
    hasChart: chart !== undefined,
    type: chart ? chart.config.type : null,
    width: canvas.width,
    height: canvas.height,
    distinctColours: colours.size,
    inkShare: n > 0 ? ink / n : 0,
    label: canvas.getAttribute('aria-label') || '',
    categories: chart && chart.data.labels ? JSON.parse(JSON.stringify(chart.data.labels)) : [],
  };
})`;

/** Page script: the cells' text of every row of the first table after the element with id "channels" (bare or in its scroll box). */
const CHANNELS_TABLE_PROBE = `(() => {
  let node = document.getElementById('channels');
  while (node && node.tagName !== 'TABLE' && !node.querySelector('table')) node = node.nextElementSibling;
  if (node && node.tagName !== 'TABLE') node = node.querySelector('table');
  return node ? [...node.querySelectorAll('tr')].map((row) => [...row.children].map((cell) => cell.textContent)) : [];
})()`;

/** The outcome of opening a report. */
export interface ReportVisit {
  /** Every problem seen, as text; empty when the page loaded cleanly. */
  readonly problems: string[];
  /** Every URL the page requested. */
  readonly requests: string[];
  readonly canvases: CanvasCheck[];
  /** document.title */
  readonly title: string;
  /** Text of the first h1. */
  readonly h1: string;
  /** Text of the first paragraph of the run report's scenario section ("" when there is none). */
  readonly text: string;
  /** The run report's "Which channels reach the poor" table, row by row (header and group rows included); [] when there is none. */
  readonly channelsTable: string[][];
}

/**
 * Opens `reportPath` from disk (file: URL) in a fresh page of `browser`, waits for the charts,
 * checks every canvas, and saves a full-page screenshot to `screenshotPath`.
 */
export async function visitReport(browser: Browser, reportPath: string, screenshotPath: string): Promise<ReportVisit> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText ?? '?'})`));
  page.on('request', (r) => {
    requests.push(r.url());
    if (!r.url().startsWith('file:')) problems.push(`request left the disk: ${r.url()}`);
  });
  page.on('dialog', (d) => {
    problems.push(`dialog opened: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(pathToFileURL(reportPath).href, { waitUntil: 'load' });
  // chart.js draws synchronously (animation is off); one frame lets a resize settle.
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => resolve(null)))');
  const canvases = (await page.evaluate(CANVAS_PROBE)) as CanvasCheck[];
  const title = await page.title();
  const h1 = (await page.evaluate("document.querySelector('h1')?.textContent ?? ''")) as string;
  const text = (await page.evaluate("document.querySelector('#scenario p')?.textContent ?? ''")) as string;
  const channelsTable = (await page.evaluate(CHANNELS_TABLE_PROBE)) as string[][];
  mkdirSync(dirname(screenshotPath), { recursive: true });
  await page.screenshot({ path: screenshotPath, fullPage: true });
  await context.close();
  return { problems, requests, canvases, title, h1, text, channelsTable };
}

/** What a chart's tooltip shows: its title lines and one line per item. */
export interface TooltipCheck {
  readonly title: string[];
  readonly lines: string[];
}

/**
 * Opens `reportPath`, moves the mouse over the middle of the first bar of the chart whose figure is
 * `heading` (the first non-null value of category 0), and reads back what its tooltip shows.
 */
export async function tooltipOfFirstBar(browser: Browser, reportPath: string, heading: string): Promise<TooltipCheck> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  await page.goto(pathToFileURL(reportPath).href, { waitUntil: 'load' });
  const point = (await page.evaluate(`(() => {
    const canvas = [...document.querySelectorAll('canvas')].find((c) => c.getAttribute('aria-label') === ${JSON.stringify(heading)});
    const chart = window.Chart.getChart(canvas);
    const d = chart.data.datasets.findIndex((ds) => ds.data[0] !== null);
    const bar = chart.getDatasetMeta(d).data[0];
    canvas.scrollIntoView();
    const after = canvas.getBoundingClientRect();
    return { x: after.left + (bar.x + bar.base) / 2 * (after.width / chart.width), y: after.top + bar.y * (after.height / chart.height) };
  })()`)) as { x: number; y: number };
  await page.mouse.move(point.x, point.y);
  // chart.js handles pointer events on the next animation frame.
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(null))))');
  const tooltip = (await page.evaluate(`(() => {
    const canvas = [...document.querySelectorAll('canvas')].find((c) => c.getAttribute('aria-label') === ${JSON.stringify(heading)});
    const t = window.Chart.getChart(canvas).tooltip;
    return { title: [...(t.title || [])], lines: (t.body || []).flatMap((b) => b.lines) };
  })()`)) as TooltipCheck;
  await context.close();
  return tooltip;
}

/** How a report lays out in a viewport of one width. */
export interface LayoutCheck {
  /** `document.documentElement.scrollWidth`: wider than the viewport means the page scrolls sideways. */
  readonly scrollWidth: number;
  /** The viewport's width in CSS pixels. */
  readonly viewportWidth: number;
  /** Elements whose right edge passes the viewport (tag, class and width), outside horizontally scrollable boxes. */
  readonly overflowing: string[];
  /** Rendered size (CSS px) of every image of the page: each canvas and img. */
  readonly images: { readonly label: string; readonly width: number; readonly height: number }[];
  /** Every problem seen while loading, as in {@link ReportVisit}. */
  readonly problems: string[];
}

/**
 * Page script: the elements that reach past the viewport's right edge, skipping those inside a box
 * that scrolls sideways on its own (a wide table's wrapper); each as `tag.class (width px)`.
 */
const OVERFLOW_PROBE = `(() => {
  const limit = document.documentElement.clientWidth;
  const scrollsInside = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const style = getComputedStyle(p);
      if ((style.overflowX === 'auto' || style.overflowX === 'scroll') && p.getBoundingClientRect().right <= limit + 0.5) return true;
    }
    return false;
  };
  return [...document.body.querySelectorAll('*')]
    .filter((el) => el.getBoundingClientRect().right > limit + 0.5 && !scrollsInside(el))
    .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') + ' (' + Math.round(el.getBoundingClientRect().width) + ' px)');
})()`;

/** Page script: rendered size of every canvas and img. */
const IMAGE_PROBE = `[...document.querySelectorAll('canvas, img')].map((el) => {
  const r = el.getBoundingClientRect();
  return { label: el.getAttribute('aria-label') || el.getAttribute('alt') || el.tagName, width: r.width, height: r.height };
})`;

/**
 * Opens `reportPath` in a viewport `width` CSS px wide (a phone at 360, a wide screen at 1400),
 * waits for the charts, measures the layout and saves a full-page screenshot to `screenshotPath`.
 */
export async function layoutAtWidth(browser: Browser, reportPath: string, width: number, screenshotPath: string): Promise<LayoutCheck> {
  const context = await browser.newContext({ viewport: { width, height: 800 }, isMobile: width < 600, hasTouch: width < 600 });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(pathToFileURL(reportPath).href, { waitUntil: 'load' });
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(null))))');
  const scrollWidth = (await page.evaluate('document.documentElement.scrollWidth')) as number;
  const viewportWidth = (await page.evaluate('window.innerWidth')) as number;
  const overflowing = (await page.evaluate(OVERFLOW_PROBE)) as string[];
  const images = (await page.evaluate(IMAGE_PROBE)) as LayoutCheck['images'];
  mkdirSync(dirname(screenshotPath), { recursive: true });
  await page.screenshot({ path: screenshotPath, fullPage: true });
  await context.close();
  return { scrollWidth, viewportWidth, overflowing, images, problems };
}
