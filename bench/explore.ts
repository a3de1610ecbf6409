/**
 * Speed of the explorer (`povsim explore`, issue 12), in Debian's chromium through playwright-core,
 * page opened from disk as written by `povsim explore --out`, network blocked:
 * - page ready: from navigation to the controls built and the page ready to run (target < 1 s);
 * - one default-township run in the page's worker (as the worker times it; the first run includes
 *   the worker's JIT warm-up, the later ones are warm) against the same run through the library in
 *   node, cold and warm (target: warm page within 1.5x of warm node);
 * - 20 replicates compared with the baseline, click to last result, on the workers the page starts
 *   (one per processor chromium reports; target < 5 s);
 * - the page's total size (target < 1 MB).
 *
 *   node dist/bench/explore.js      this section alone (npm run bench runs it with the rest)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { installNodeMath } from '../src/explore/engine-math.js';
import { shippedScenarios } from '../src/explore/build-catalogue.js';
import { simulateParams } from '../src/model/simulate.js';
import { median, ROOT } from './model.js';

const CHROMIUM = '/usr/bin/chromium';
const RUNS = 5;

export const EXPLORE_TARGETS = { readyMs: 1000, runRatio: 1.5, compareMs: 5000, pageBytes: 1024 * 1024 };

export interface ExploreBench {
  readonly pageBytes: number;
  readonly readyMs: number;
  /** Worker-timed runs in the page: the first (cold worker), then warm ones. */
  readonly pageRunMs: readonly number[];
  readonly nodeColdMs: number;
  readonly nodeWarmMedianMs: number;
  /** Node, warm, with the page's Math.exp and Math.log (src/explore/engine-math.ts): the price of exactness. */
  readonly nodeExactMathWarmMedianMs: number;
  readonly compareMs: number;
  readonly replicates: number;
  /** Workers the comparison ran on (navigator.hardwareConcurrency, at most the runs). */
  readonly compareWorkers: number;
}

/** Node's library time for the same run: simulateParams on the baseline, every month observed. */
function nodeRuns(): { coldMs: number; warmMedianMs: number; exactMathWarmMedianMs: number } {
  const baseline = shippedScenarios(ROOT)[0]!;
  const time = (): number => {
    const start = performance.now();
    simulateParams(baseline.params, { seed: baseline.seed });
    return performance.now() - start;
  };
  const times: number[] = [];
  for (let k = 0; k <= RUNS; k += 1) times.push(time());
  // The page's exp and log, swapped into Math for these runs only.
  const native = { exp: Math.exp, log: Math.log };
  const exact: number[] = [];
  installNodeMath(Math);
  try {
    for (let k = 0; k < RUNS; k += 1) exact.push(time());
  } finally {
    Math.exp = native.exp;
    Math.log = native.log;
  }
  return { coldMs: times[0]!, warmMedianMs: median(times.slice(1)), exactMathWarmMedianMs: median(exact) };
}

export async function benchExplore(): Promise<ExploreBench> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing`);
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'povsim-bench-explore-')), 'page');
  const written = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'povsim.js'), 'explore', '--out', dir], { encoding: 'utf8' });
  if (written.status !== 0) throw new Error(`povsim explore --out failed: ${written.stderr}`);
  const pageBytes = readdirSync(dir).filter((f) => f !== 'explore.json').reduce((sum, f) => sum + statSync(path.join(dir, f)).size, 0);
  const node = nodeRuns();

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.route('**/*', (route) => (/^(file|blob):/.test(route.request().url()) ? route.continue() : route.abort()));
    const start = performance.now();
    await page.goto(pathToFileURL(path.join(dir, 'index.html')).href);
    await page.waitForSelector('body[data-ready="true"]');
    const readyMs = performance.now() - start;

    const pageRunMs: number[] = [];
    for (let k = 0; k <= RUNS; k += 1) {
      await page.click('#run-button');
      await page.waitForSelector('#run-status[data-state="done"]', { timeout: 600_000 });
      pageRunMs.push(Number(await page.getAttribute('#run-status', 'data-milliseconds')));
    }

    const replicates = Number(await page.inputValue('#compare-replicates'));
    const compareStart = performance.now();
    await page.click('#compare-button');
    await page.waitForSelector('#compare-status[data-state="done"]', { timeout: 600_000 });
    const compareMs = performance.now() - compareStart;
    const compareWorkers = Number(await page.getAttribute('#compare-status', 'data-workers'));
    return { pageBytes, readyMs, pageRunMs, nodeColdMs: node.coldMs, nodeWarmMedianMs: node.warmMedianMs, nodeExactMathWarmMedianMs: node.exactMathWarmMedianMs, compareMs, replicates, compareWorkers };
  } finally {
    await browser.close();
  }
}

/** The section's lines for the bench table. */
export function exploreLines(r: ExploreBench): string[] {
  const warmPage = median(r.pageRunMs.slice(1));
  const ratio = warmPage / r.nodeWarmMedianMs;
  const yes = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  return [
    `Explorer (povsim explore --out, chromium from disk, network blocked): page ${(r.pageBytes / 1024).toFixed(0)} KB (target < 1024 KB): ${yes(r.pageBytes < EXPLORE_TARGETS.pageBytes)}`,
    `  ready to run ${r.readyMs.toFixed(0)} ms after navigation (target < ${EXPLORE_TARGETS.readyMs} ms): ${yes(r.readyMs < EXPLORE_TARGETS.readyMs)}`,
    `  one default-township run in the page's worker: first ${r.pageRunMs[0]!.toFixed(0)} ms, then median ${warmPage.toFixed(0)} ms; node library ${r.nodeColdMs.toFixed(0)} ms cold, ${r.nodeWarmMedianMs.toFixed(0)} ms warm: ${ratio.toFixed(2)}x (target <= ${EXPLORE_TARGETS.runRatio}x): ${yes(ratio <= EXPLORE_TARGETS.runRatio)}`,
    `  node with the page's exact Math.exp and Math.log (docs/explore.md): ${r.nodeExactMathWarmMedianMs.toFixed(0)} ms warm, ${(r.nodeExactMathWarmMedianMs / r.nodeWarmMedianMs).toFixed(2)}x node's own`,
    `  ${r.replicates} replicates compared with the baseline (${2 * r.replicates} runs, ${r.compareWorkers} workers), click to last result: ${(r.compareMs / 1000).toFixed(2)} s (target < ${EXPLORE_TARGETS.compareMs / 1000} s): ${yes(r.compareMs < EXPLORE_TARGETS.compareMs)}`,
  ];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchExplore();
  process.stdout.write(`${exploreLines(result).join('\n')}\n`);
}
