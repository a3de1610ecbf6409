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
import { chromiumAvailable, launchChromium, tooltipOfFirstBar, visitReport } from './browser.js';

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
    expect(visit.canvases.map((c) => [c.label, c.type])).toEqual([
      ['Poverty over the months', 'line'],
      ['Targeting errors', 'bar'],
      ['Who gets the money', 'bar'],
      ['Which channels reach the poor', 'bar'],
      ['Where the money went', 'bar'],
      ['Governance profile', 'radar'],
    ]);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as RunSummary;
    const paying = Object.values(summary.incidence.byProgramme).filter((p) => p.received > 0).length;
    for (const canvas of visit.canvases) {
      expect(canvas.hasChart).toBe(true);
      expect(canvas.width).toBeGreaterThan(300);
      // The PNGs' shape (chart.js rounds the height to whole pixels): 900 x 500, the channels chart 44 px a programme taller.
      const ratio = canvas.label === 'Which channels reach the poor' ? 900 / Math.max(500, 120 + 44 * paying) : 1.8;
      expect(Math.abs(canvas.width / canvas.height - ratio)).toBeLessThan(0.02);
      expect(canvas.distinctColours).toBeGreaterThan(50);
      expect(canvas.inkShare).toBeGreaterThan(0.02);
    }
    // The channels chart: one bar per programme that paid, each labelled with its yuan.
    const channels = visit.canvases[3]?.categories as string[][];
    expect(channels).toHaveLength(paying);
    for (const label of channels) expect(label[1]).toMatch(/^[\d.]+[KM]? yuan$/);
    // The channels table: header, all assistance, 4 sources and 12 programmes under their group rows.
    expect(visit.channelsTable[0]).toEqual([
      'Channel', 'Yuan received', 'Share to non-poor (targeted part)', 'Untargeted public goods', 'CGH (poorest 40%)', 'CGH (poorest 20%)',
    ]);
    expect(visit.channelsTable.map((row) => row[0])).toEqual([
      'Channel', 'All assistance', 'All sources', 'By source', 'Government', 'Enterprises', 'Social organisations', 'Village collective',
      'By programme', 'Transfers (government)', 'Medical subsidy (government)', 'Industry projects and microcredit (government)',
      'Infrastructure (government)', 'Housing renovation (government)', 'Enterprise dividends (enterprises)',
      'Village cooperation (enterprises)', 'Training (social organisations)', 'Donations (social organisations)',
      'Mutual aid (social organisations)', 'Collective dividends (village collective)', 'Collective public goods (village collective)',
    ]);
    expect(visit.channelsTable[2]?.[4]).toBe(summary.incidence.total.cgh?.toFixed(2));
    // Hovering the top bar: its programme and yuan as the title, one line for its source alone.
    const tooltip = await tooltipOfFirstBar(browser, join(dir, 'report.html'), 'Which channels reach the poor');
    expect(tooltip.title).toEqual(channels[0]);
    expect(tooltip.lines).toHaveLength(1);
    expect(tooltip.lines[0]).toMatch(/^(Government|Enterprises|Social organisations|Village collective): \d/);
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
    // --no-charts: the charts and report are povsim chart's, drawn once (compare's own: responsive.browser.test.ts)
    cli(['compare', 'scenarios/baseline.yaml', 'scenarios/improved-oversight.yaml', 'scenarios/full-reform.yaml',
      '--replicates', '3', '--households', '800', '--months', '12', '--workers', '1', '--no-charts', '--out', dir]);
    cli(['chart', dir]);
    const visit = await visitReport(browser, join(dir, 'report.html'), join(ARTIFACTS, 'compare-report.png'));
    expect(visit.problems).toEqual([]);
    expect(visit.requests).toHaveLength(1);
    expect(visit.h1).toBe('baseline vs improved-oversight vs full-reform');
    expect(visit.canvases.map((c) => c.type)).toEqual(['line', 'line', 'bar', 'bar', 'bar', 'bar', 'bar', 'radar']);
    expect(visit.canvases[5]?.label).toBe('Which sources reach the poor');
    expect(visit.canvases[5]?.categories).toEqual(['All assistance', 'Government', 'Enterprises', 'Social organisations', 'Village collective']);
    // A comparison has no per-programme table (the all-metrics table has every CGH).
    expect(visit.channelsTable).toEqual([]);
    for (const canvas of visit.canvases) {
      expect(canvas.hasChart).toBe(true);
      expect(canvas.distinctColours).toBeGreaterThan(50);
      expect(canvas.inkShare).toBeGreaterThan(0.02);
    }
    // 3 scenarios x 4 sources = 12 bars: the money chart is taller (900 x 648), in the page too.
    const money = visit.canvases[6];
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
    cli(['sweep', sweepFile, '--no-charts', '--out', dir]); // the charts are povsim chart's (sweep's own: responsive.browser.test.ts)
    expect(cli(['chart', dir, '--metric', 'inclusionErrorNonPoor'])).toContain('charts/heatmap-inclusionErrorNonPoor.png');
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
