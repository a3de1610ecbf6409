/**
 * Comparison charts and report, from a comparison folder written in the documented format from
 * real small simulations (tests/report/fixtures.ts).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GroupedBarChartConfiguration, LineBandChartConfiguration } from '../../src/output/charts/index.js';
import {
  comparisonFigures, readComparisonOutputs, writeChartsAndReport, type Comparison,
} from '../../src/output/report/index.js';
import { tempDir } from '../cli/helpers.js';
import { PNG_SIGNATURE, pixelStats, pngSize } from '../charts/png.js';
import { writeComparisonFixture } from './fixtures.js';

const FILES = ['poverty-headcount', 'poverty-gap', 'differences', 'targeting-errors', 'incidence', 'channels', 'money-by-source', 'governance'].map(
  (n) => `charts/${n}.png`,
);

describe('comparison charts and report', () => {
  let dir = '';
  beforeAll(() => {
    dir = join(tempDir('povsim-compare-'), 'cmp');
    writeComparisonFixture(dir, {
      scenarios: ['scenarios/baseline.yaml', 'scenarios/improved-oversight.yaml'],
      replicates: 3,
      households: 600,
      months: 12,
    });
  });

  it('draws eight charts and the report; a redraw gives the same bytes', async () => {
    const files = await writeChartsAndReport(dir);
    expect(files).toEqual([...FILES, 'report.html'].map((f) => join(dir, f)));
    const first = files.map((f) => readFileSync(f));
    for (const png of first.slice(0, -1)) {
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(pngSize(png).width).toBe(900);
      expect((await pixelStats(png)).distinctColours).toBeGreaterThan(100);
    }
    // 2 scenarios x 4 sources = 8 bars: money-by-source keeps the default height (120 + 44 x 8 = 472 < 500).
    expect(pngSize(first[6] as Buffer)).toEqual({ width: 900, height: 500 });
    for (const f of files) writeFileSync(f, 'stale');
    await writeChartsAndReport(dir);
    files.forEach((f, i) => expect(readFileSync(f).equals(first[i] as Buffer), f).toBe(true));
  });

  it('charts each scenario\'s mean line with its band, and the paired differences in points', () => {
    const { comparison, timeseries } = readComparisonOutputs(dir);
    const figures = comparisonFigures(comparison, timeseries);
    const headcount = figures[0]?.config as LineBandChartConfiguration;
    // Two lines, then a lower and upper band edge per scenario.
    expect(headcount.data.datasets.map((d) => d.label)).toEqual([
      'baseline', 'improved-oversight', 'baseline (95% lower)', 'baseline (95% upper)',
      'improved-oversight (95% lower)', 'improved-oversight (95% upper)',
    ]);
    const month3 = timeseries.find((r) => r.scenario === 'baseline' && r.metric === 'headcount' && r.month === 3);
    expect(headcount.data.datasets[0]?.data[3]).toEqual({ x: 3, y: month3?.mean });
    expect(headcount.data.datasets[2]?.data[3]).toEqual({ x: 3, y: month3?.ciLow });

    const differences = figures[2]?.config as GroupedBarChartConfiguration;
    const leakage = comparison.scenarios[1]?.metrics['leakage']?.difference;
    // Leakage of targeted aid is the sixth category; the difference is charted in percentage points.
    expect(differences.data.labels).toEqual([
      ['Poverty', 'headcount'], ['Poverty', 'gap'], ['Inclusion error', 'of the register'], ['Inclusion error', 'of the non-poor'],
      ['Exclusion', 'error'], ['Leakage', 'targeted aid'], ['Diversion'],
    ]);
    expect(differences.data.datasets).toHaveLength(1);
    expect(differences.data.datasets[0]?.data[5]).toBeCloseTo((leakage?.mean ?? Number.NaN) * 100, 10);
    const whiskers = differences.data.datasets[0]?.povsimWhiskers;
    expect(whiskers?.lower?.[5] ?? Number.NaN).toBeCloseTo((leakage?.ciLow ?? Number.NaN) * 100, 10);
    // improved-oversight keeps its colour (second in the palette) although the reference has no bar.
    expect(differences.data.datasets[0]?.backgroundColor).toBe('#E69F00');
    // A legend even for one scenario: the reference has no bar to tell them apart.
    expect(differences.options?.plugins?.legend?.display).toBe(true);
  });

  it('charts the CGH index of all assistance and of each source per scenario, against a neutral line at 1', () => {
    const { comparison, timeseries } = readComparisonOutputs(dir);
    const figures = comparisonFigures(comparison, timeseries);
    const channels = figures.find((f) => f.file === 'charts/channels.png');
    const config = channels?.config as GroupedBarChartConfiguration;
    expect(config.data.labels).toEqual(['All assistance', 'Government', 'Enterprises', 'Social organisations', 'Village collective']);
    expect(config.data.datasets.map((d) => d.label)).toEqual(['baseline', 'improved-oversight']);
    const metrics = ['cgh', 'cghBySource.government', 'cghBySource.enterprises', 'cghBySource.socialOrganisations', 'cghBySource.collective'];
    comparison.scenarios.forEach((s, i) => {
      expect(config.data.datasets[i]?.data).toEqual(metrics.map((m) => s.metrics[m]?.mean ?? null));
      expect(config.data.datasets[i]?.povsimWhiskers?.upper).toEqual(metrics.map((m) => s.metrics[m]?.ciHigh ?? null));
    });
    expect(config.options?.plugins?.povsimRefLines?.lines).toEqual([
      { scaleId: 'y', value: 1, label: '1 = neutral', color: '#555555', lineWidth: 1.5, dash: [6, 4] },
    ]);
    // The index is never negative: the axis starts at 0 whatever the intervals.
    expect(config.options?.scales?.['y']).toMatchObject({ min: 0 });
  });

  it('the report states each difference in words and lists what the reform changes', () => {
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    const { comparison } = readComparisonOutputs(dir);
    const leak = (s: number): number => comparison.scenarios[s]?.metrics['leakage']?.mean ?? Number.NaN;
    const verb = leak(1) < leak(0) ? 'cuts' : 'raises';
    expect(html).toContain(`improved-oversight ${verb} leakage of targeted aid from ${(leak(0) * 100).toFixed(1)}% to ${(leak(1) * 100).toFixed(1)}% (95% CI of the difference: `);
    expect(html).toContain('<code>supervision.auditRate</code>');
    expect(html).toContain('Set on the command line for every scenario: <code>township.households=600</code>, <code>simulation.months=12</code>.');
    expect(html).toContain('<h1>baseline vs improved-oversight</h1>');
  });

  it('hostile scenario names are escaped everywhere in the page', async () => {
    const hostile = join(tempDir('povsim-compare-'), 'cmp');
    writeComparisonFixture(hostile, {
      scenarios: ['scenarios/baseline.yaml', 'scenarios/improved-oversight.yaml'],
      replicates: 2, households: 300, months: 3,
      names: ['<script>alert(1)</script>', '</script><img src=x onerror=alert(2)>'],
    });
    await writeChartsAndReport(hostile);
    const html = readFileSync(join(hostile, 'report.html'), 'utf8');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // In the chart data the names are JSON with < escaped.
    expect(html).toContain('\\u003c/script\\u003e\\u003cimg src=x onerror=alert(2)\\u003e');
  });

  it('without a record of the parameters and the scenario files as they were, it still draws, and says what is unknown', async () => {
    const bare = join(tempDir('povsim-compare-'), 'cmp');
    writeComparisonFixture(bare, { scenarios: ['scenarios/baseline.yaml', 'scenarios/improved-oversight.yaml'], replicates: 2, households: 300, months: 3 });
    const path = join(bare, 'comparison.json');
    const comparison = JSON.parse(readFileSync(path, 'utf8')) as Comparison;
    // Files that have changed since: the hashes no longer match, so the parameters are unknown.
    const changed = { ...comparison, scenarios: comparison.scenarios.map((s) => ({ ...s, hash: 'f'.repeat(64) })) };
    writeFileSync(path, JSON.stringify(changed));
    const files = await writeChartsAndReport(bare);
    expect(files).toHaveLength(9);
    const html = readFileSync(join(bare, 'report.html'), 'utf8');
    expect(html).toContain('Unknown: the manifest does not record the parameters');
    expect(html).not.toContain('id="parameters"');
    // Without manifest.json the folder is still read, but nothing proves its files povsim's: nothing is drawn into it.
    rmSync(join(bare, 'manifest.json'));
    expect(readComparisonOutputs(bare).manifest).toBeNull();
    await expect(writeChartsAndReport(bare)).rejects.toThrow(`${bare}: holds files povsim did not write (charts/channels.png, charts/differences.png, charts/governance.png and 8 more)`);
  });
});
