/**
 * The run report in a real browser (Debian's chromium through playwright-core): it opens from disk
 * with no network, no console error and no failed request, every chart draws, and text from user
 * files cannot inject markup or script. Screenshots go to test-artifacts/report/.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '../../src/api.js';
import { writeRunChartsAndReport } from '../../src/output/report/index.js';
import { writeRunFiles, type RunManifest } from '../../src/output/run-files.js';
import type { RunSummary } from '../../src/results/summary.js';
import { loadScenario } from '../../src/scenario/index.js';
import { povsim, tempDir } from '../cli/helpers.js';
import { chromiumAvailable, launchChromium, visitReport } from './browser.js';

const ARTIFACTS = new URL('../../test-artifacts/report/', import.meta.url).pathname;

/** A small baseline run written to a fresh folder the way `povsim run` writes it, with a summary tweak. */
async function writeRun(tweak: (summary: RunSummary) => RunSummary = (s) => s): Promise<string> {
  const scenario = loadScenario('scenarios/baseline.yaml', { overrides: ['township.households=1500', 'simulation.months=24'] });
  const run = simulate(scenario);
  const summary = tweak(run.summary);
  const manifest: RunManifest = {
    povsim: summary.povsim,
    command: 'povsim run --households 1500 --months 24',
    scenario: { name: summary.scenario.name, file: scenario.file, chain: scenario.chain, sha256: scenario.hash, overrides: scenario.overrides },
    seed: run.seed,
    parameters: scenario.params,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    outputs: [],
  };
  const dir = join(tempDir('povsim-report-'), 'run');
  writeRunFiles(dir, summary, run.timeseries, manifest);
  await writeRunChartsAndReport(dir, { summary, timeseries: run.timeseries, manifest });
  return dir;
}

const available = chromiumAvailable();

describe.skipIf(!available)('run report in chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens offline from disk with no error, and every chart draws', async () => {
    const dir = await writeRun();
    const visit = await visitReport(browser, join(dir, 'report.html'), join(ARTIFACTS, 'report.png'));
    expect(visit.problems).toEqual([]);
    // The page itself is the only request: chart.js, styles and data are inline.
    expect(visit.requests).toEqual([`file://${join(dir, 'report.html')}`]);
    expect(visit.title).toBe('baseline, seed 42');
    expect(visit.canvases.map((c) => c.type)).toEqual(['line', 'bar', 'bar', 'bar', 'radar']);
    for (const canvas of visit.canvases) {
      expect(canvas.hasChart).toBe(true);
      expect(canvas.width).toBeGreaterThan(300);
      // 1.8:1 like the PNGs (chart.js rounds the height to whole pixels).
      expect(Math.abs(canvas.width / canvas.height - 1.8)).toBeLessThan(0.02);
      expect(canvas.distinctColours).toBeGreaterThan(50);
      expect(canvas.inkShare).toBeGreaterThan(0.02);
    }
  });

  it('shows names and descriptions from user files as text: no markup, no script', async () => {
    const hostileName = '<img src=x onerror=alert(1)>';
    const hostileDescription = '</script><script>alert(2)</script> & "quotes" \u2028 <!-- comment';
    const dir = await writeRun((s) => ({ ...s, scenario: { ...s.scenario, name: hostileName, description: hostileDescription } }));
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).not.toContain(hostileName);
    const visit = await visitReport(browser, join(dir, 'report.html'), join(ARTIFACTS, 'report-hostile-names.png'));
    expect(visit.problems).toEqual([]);
    expect(visit.requests).toHaveLength(1);
    expect(visit.h1).toBe(`${hostileName}, seed 42`);
    expect(visit.text).toBe(hostileDescription);
    expect(visit.canvases.every((c) => c.hasChart)).toBe(true);
  });
});

/** Runs the built command line and fails with its stderr when it does not succeed. */
function cli(args: string[]): string {
  const result = povsim(args);
  if (result.code !== 0) throw new Error(`povsim ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return result.stdout;
}

describe.skipIf(!available)('comparison and sweep reports in chromium (built command line)', () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('povsim compare, then povsim chart: the comparison report opens cleanly and every chart draws', async () => {
    const dir = join(tempDir('povsim-report-'), 'compare');
    cli(['compare', 'scenarios/baseline.yaml', 'scenarios/improved-oversight.yaml', 'scenarios/full-reform.yaml',
      '--replicates', '3', '--households', '800', '--months', '12', '--workers', '1', '--out', dir]);
    cli(['chart', dir]);
    const visit = await visitReport(browser, join(dir, 'report.html'), join(ARTIFACTS, 'compare-report.png'));
    expect(visit.problems).toEqual([]);
    expect(visit.requests).toHaveLength(1);
    expect(visit.h1).toBe('baseline vs improved-oversight vs full-reform');
    expect(visit.canvases.map((c) => c.type)).toEqual(['line', 'line', 'bar', 'bar', 'bar', 'bar', 'radar']);
    for (const canvas of visit.canvases) {
      expect(canvas.hasChart).toBe(true);
      expect(canvas.distinctColours).toBeGreaterThan(50);
      expect(canvas.inkShare).toBeGreaterThan(0.02);
    }
    // 3 scenarios x 4 sources = 12 bars: the money chart is taller (900 x 648), in the page too.
    const money = visit.canvases[5];
    expect(Math.abs((money?.width ?? 0) / (money?.height ?? 1) - 900 / 648)).toBeLessThan(0.02);
  });

  it('povsim sweep (grid), then povsim chart --metric: the sweep report opens cleanly with its heatmap', async () => {
    const root = tempDir('povsim-report-');
    const sweepFile = join(root, 'grid.yaml');
    writeFileSync(sweepFile, [
      'name: audit-by-quota',
      'description: Leakage over audit rate and quota',
      `scenario: ${join(process.cwd(), 'scenarios/baseline.yaml')}`,
      'design: grid',
      'replicates: 2',
      'levels: 3',
      'parameters:',
      '  supervision.auditRate: { min: 0.05, max: 0.45 }',
      '  identification.quota: [0.05, 0.1, 0.15]',
      'set: { township.households: 400, simulation.months: 6 }',
      '',
    ].join('\n'));
    const dir = join(root, 'sweep');
    cli(['sweep', sweepFile, '--out', dir]);
    expect(cli(['chart', dir, '--metric', 'inclusionError'])).toContain('charts/heatmap-inclusionError.png');
    const visit = await visitReport(browser, join(dir, 'report.html'), join(ARTIFACTS, 'sweep-report.png'));
    expect(visit.problems).toEqual([]);
    expect(visit.requests).toHaveLength(1);
    expect(visit.h1).toBe('audit-by-quota');
    expect(visit.canvases).toHaveLength(1);
    expect(visit.canvases[0]?.type).toBe('scatter');
    expect(visit.canvases[0]?.hasChart).toBe(true);
    expect(visit.canvases[0]?.distinctColours).toBeGreaterThan(50);
  });
});
