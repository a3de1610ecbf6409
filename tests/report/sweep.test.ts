/**
 * Sweep charts and report from small hand-made sweep folders (the formats of docs/experiments.md),
 * so every charted number can be worked out by hand.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HeatmapChartConfiguration, ScatterChartConfiguration, SensitivityChartConfiguration } from '../../src/output/charts/index.js';
import { MAX_SCATTER_POINTS, thinPoints } from '../../src/output/report/sweep-scatter.js';
import { toCsv, toJson } from '../../src/io/files.js';
import { drawCharts, readSweepOutputs, sweepFigures, sweepReportHtml, writeChartsAndReport } from '../../src/output/report/index.js';
import { InputError } from '../../src/scenario/errors.js';
import { tempDir } from '../cli/helpers.js';
import { pngSize } from '../charts/png.js';

const AUDIT = 'supervision.auditRate';
const QUOTA = 'identification.quota';

interface Factor { name: string; values?: (number | string)[]; min?: number; max?: number }

/** Writes manifest.json, results.csv (and sensitivity.csv) of a sweep into a fresh folder. */
function writeSweep(
  design: { kind: string; factors: Factor[] },
  rows: (string | number | null)[][],
  metrics: string[],
  sensitivity?: { header: string[]; rows: (string | number)[][] },
): string {
  const dir = join(tempDir('povsim-sweep-'), 'sweep');
  mkdirSync(dir);
  const parameters = design.factors.map((f) => f.name);
  const points = new Set(rows.map((r) => r[1])).size;
  writeFileSync(join(dir, 'manifest.json'), toJson({
    povsim: '0.1.0', kind: 'sweep', command: 'povsim sweep test.yaml',
    sweep: { name: 'test-sweep', description: 'Made by hand <for> "tests" & checks', file: 'test.yaml', sha256: 'a'.repeat(64) },
    fingerprint: 'b'.repeat(64),
    scenario: { name: 'baseline', file: 'scenarios/baseline.yaml', chain: ['scenarios/baseline.yaml'], sha256: 'c'.repeat(64), overrides: [] },
    design, points, replicates: 2, runs: rows.length, runId: 'point * replicates + replicate', seed: 1,
    seedRule: 'runSeed(seed, point, replicate)', bootstrap: 500, outputs: metrics, shard: null, mergedFrom: null,
    columns: { parameters, metrics }, node: 'v20.0.0', platform: 'linux-x64',
    startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:01.000Z', sessions: [],
    status: 'complete', done: rows.length, failed: rows.filter((r) => r[4] === 'failed').length,
    sensitivity: sensitivity === undefined ? null : { file: 'sensitivity.csv', outputs: metrics, skipped: [] },
  }));
  writeFileSync(join(dir, 'results.csv'), toCsv(['run', 'point', 'replicate', 'seed', 'status', ...parameters, ...metrics, 'error'], rows));
  if (sensitivity !== undefined) writeFileSync(join(dir, 'sensitivity.csv'), toCsv(sensitivity.header, sensitivity.rows));
  return dir;
}

/**
 * A 2 x 2 grid (audit rate 0.1, 0.3 by quota 0.05, 0.1), 2 replicates, one failed run.
 * Leakage by point: 0 -> 0.4, 0.5 (mean 0.45); 1 -> 0.6, 0.7 (0.65); 2 -> 0.2, failed (0.2);
 * 3 -> 0.3, 0.5 (0.4). Headcount is 0.1 * (point + 1) in every run.
 */
function gridSweep(): string {
  const rows: (string | number | null)[][] = [];
  const leakage = [[0.4, 0.5], [0.6, 0.7], [0.2, null], [0.3, 0.5]];
  const values = [[0.1, 0.05], [0.1, 0.1], [0.3, 0.05], [0.3, 0.1]];
  leakage.forEach((pair, point) => pair.forEach((v, replicate) => {
    const failed = v === null;
    const [audit, quota] = values[point] as [number, number];
    rows.push([point * 2 + replicate, point, replicate, 1000 + point * 2 + replicate, failed ? 'failed' : 'ok', audit, quota,
      failed ? null : 0.1 * (point + 1), v, failed ? 'simulated failure' : null]);
  }));
  return writeSweep({ kind: 'grid', factors: [{ name: AUDIT, values: [0.1, 0.3] }, { name: QUOTA, values: [0.05, 0.1] }] }, rows, ['headcount', 'leakage']);
}

describe('sweep folders', () => {
  it('summarises the metric per design point over the successful runs', async () => {
    const outputs = await readSweepOutputs(gridSweep());
    expect(outputs.metric).toBe('leakage');
    expect(outputs.rows).toBe(8);
    expect(outputs.failedRows).toBe(1);
    expect(outputs.points.map((p) => [p.point, p.runs, p.n, p.mean])).toEqual([
      [0, 2, 2, 0.45], [1, 2, 2, 0.6499999999999999], [2, 1, 1, 0.2], [3, 2, 2, 0.4],
    ]);
    // Point 0: sd = sqrt(2 * 0.05^2 / 1) = 0.0707107; half-width t(0.975, 1) * sd / sqrt(2) = 12.7062 * 0.05 = 0.63531.
    const p0 = outputs.points[0];
    expect(p0?.ciLow).toBeCloseTo(0.45 - 0.63531, 4);
    expect(p0?.ciHigh).toBeCloseTo(0.45 + 0.63531, 4);
    // One run: no interval.
    expect(outputs.points[2]?.ciLow).toBeNull();
    expect(outputs.points[0]?.values).toEqual({ [AUDIT]: 0.1, [QUOTA]: 0.05 });
  });

  it('a two-parameter grid gives a heatmap: audit rate left to right, quota bottom to top', async () => {
    const figures = sweepFigures(await readSweepOutputs(gridSweep()));
    expect(figures.map((f) => f.file)).toEqual(['charts/heatmap-leakage.png']);
    const config = figures[0]?.config as HeatmapChartConfiguration;
    const cells = config.data.datasets[0]?.povsimHeatmap;
    // Row y = quota 0.05: points 0 (0.45) and 2 (0.2); row quota 0.1: points 1 (0.65) and 3 (0.4).
    expect(cells?.labels).toEqual(['45.0%', '20.0%', '65.0%', '40.0%']);
    expect(config.options?.scales?.['x']).toMatchObject({ labels: ['0.1', '0.3'] });
    expect(config.options?.scales?.['y']).toMatchObject({ labels: ['0.05', '0.1'] });
    expect(cells?.colorBar?.title).toBe('Leakage of targeted aid (%)');
  });

  it('--metric picks another column, and an unknown one is a clear input error', async () => {
    const dir = gridSweep();
    const files = await drawCharts(dir, { metric: 'headcount' });
    expect(files).toEqual([join(dir, 'charts/heatmap-headcount.png')]);
    expect(pngSize(readFileSync(files[0] as string))).toEqual({ width: 900, height: 500 });
    const config = sweepFigures(await readSweepOutputs(dir, { metric: 'headcount' }))[0]?.config as HeatmapChartConfiguration;
    // Headcount 0.1 (point + 1): quota 0.05 row = points 0, 2 -> 10%, 30%; quota 0.1 row = points 1, 3 -> 20%, 40%.
    expect(config.data.datasets[0]?.povsimHeatmap?.labels).toEqual(['10.0%', '30.0%', '20.0%', '40.0%']);
    await expect(readSweepOutputs(dir, { metric: 'leakge' })).rejects.toThrow(InputError);
    await expect(readSweepOutputs(dir, { metric: 'leakge' })).rejects.toThrow(
      '--metric: unknown metric "leakge"; did you mean "leakage"? expected one of: headcount, leakage',
    );
    // A metric that was removed names its replacements, in one line.
    await expect(readSweepOutputs(dir, { metric: 'inclusionError' })).rejects.toThrow(
      /^--metric: inclusionError was split: use inclusionErrorRegistered \(non-poor share of the register\) or inclusionErrorNonPoor \(share of non-poor households registered\)$/,
    );
    await expect(readSweepOutputs(dir, { metric: 'nonPoorCoverage' })).rejects.toThrow(
      /^--metric: nonPoorCoverage was renamed: use inclusionErrorNonPoor \(share of non-poor households registered\)$/,
    );
  });

  it('a sweep written before the metrics were redefined can still chart its own columns', async () => {
    const rows: (string | number | null)[][] = [[0, 0, 0, 1000, 'ok', 0.1, 0.05, 0.1, 0.4, null], [1, 1, 0, 1001, 'ok', 0.3, 0.05, 0.2, 0.3, null]];
    const dir = writeSweep({ kind: 'grid', factors: [{ name: AUDIT, values: [0.1, 0.3] }, { name: QUOTA, values: [0.05] }] }, rows, ['headcount', 'inclusionError']);
    expect((await readSweepOutputs(dir, { metric: 'inclusionError' })).points.map((p) => p.mean)).toEqual([0.4, 0.3]);
  });

  it('the report lists the best and worst points, escapes the description and embeds the heatmap', async () => {
    const dir = gridSweep();
    const files = await writeChartsAndReport(dir);
    expect(files).toEqual([join(dir, 'charts/heatmap-leakage.png'), join(dir, 'report.html')]);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('Lowest leakage of targeted aid: 20.0% at supervision.auditRate 0.3, identification.quota 0.05.');
    expect(html).toContain('Highest: 65.0% at supervision.auditRate 0.1, identification.quota 0.1.');
    expect(html).toContain('Made by hand &lt;for&gt; &quot;tests&quot; &amp; checks');
    expect(html).toContain('8 of 8 in results.csv (4 design points), 1 failed');
    expect(html.match(/<canvas /g)).toHaveLength(1);
  });

  it('a one-parameter grid draws the metric against it: a line for numbers, bars for listed names', async () => {
    const numeric = writeSweep({ kind: 'grid', factors: [{ name: AUDIT, min: 0.1, max: 0.5 }] }, [
      [0, 0, 0, 1, 'ok', 0.1, 0.5, null], [1, 0, 1, 2, 'ok', 0.1, 0.7, null],
      [2, 1, 0, 3, 'ok', 0.5, 0.2, null], [3, 1, 1, 4, 'ok', 0.5, 0.4, null],
    ], ['leakage']);
    const line = sweepFigures(await readSweepOutputs(numeric))[0];
    expect(line?.file).toBe('charts/effect-leakage.png');
    expect(line?.config.type).toBe('line');
    // Means: 0.6 at 0.1, 0.3 at 0.5 (floating point: 0.30000000000000004).
    expect((line?.config.data.datasets[0]?.data as { x: number; y: number }[]).map((p) => [p.x, Math.round(p.y * 1e9) / 1e9])).toEqual([[0.1, 0.6], [0.5, 0.3]]);
    const named = writeSweep({ kind: 'grid', factors: [{ name: 'identification.method', values: ['pmt', 'community'] }] }, [
      [0, 0, 0, 1, 'ok', 'pmt', 0.5, null], [1, 1, 0, 2, 'ok', 'community', 0.25, null],
    ], ['leakage']);
    const bars = sweepFigures(await readSweepOutputs(named))[0];
    expect(bars?.config.type).toBe('bar');
    // Listed order of the design, not alphabetical.
    expect(bars?.config.data.labels).toEqual(['pmt', 'community']);
    expect(bars?.config.data.datasets[0]?.data).toEqual([0.5, 0.25]);
  });

  it('sobol and morris designs chart sensitivity.csv, one chart per output, most influential first', async () => {
    const rows: (string | number | null)[][] = [[0, 0, 0, 1, 'ok', 0.1, 0.05, 0.5, null]];
    const sobol = writeSweep({ kind: 'sobol', factors: [{ name: AUDIT, min: 0, max: 1 }, { name: QUOTA, min: 0, max: 1 }] }, rows, ['leakage'], {
      header: ['output', 'parameter', 'S1', 'S1_ci_low', 'S1_ci_high', 'ST', 'ST_ci_low', 'ST_ci_high'],
      rows: [['leakage', AUDIT, 0.1, 0.0, 0.2, 0.2, 0.1, 0.3], ['leakage', QUOTA, 0.5, 0.4, 0.6, 0.7, 0.6, 0.8]],
    });
    const figures = sweepFigures(await readSweepOutputs(sobol));
    expect(figures.map((f) => f.file)).toEqual(['charts/sensitivity-leakage.png']);
    const config = figures[0]?.config as SensitivityChartConfiguration;
    // The audit rate's S1 interval, 0.0 to 0.2, covers 0: within sampling noise, said on the chart.
    expect(config.data.labels).toEqual([QUOTA, `${AUDIT} (within noise)`]);
    expect(config.data.datasets[1]?.data).toEqual([0.7, 0.2]);
    expect(config.data.datasets[1]?.povsimWhiskers).toEqual({ lower: [0.6, 0.1], upper: [0.8, 0.3] });

    const morrisRows = [[0, 0, 0, 1, 'ok', 0.1, 0.05, 0.5, 3, null]];
    const morris = writeSweep({ kind: 'morris', factors: [{ name: AUDIT, min: 0, max: 1 }, { name: QUOTA, min: 0, max: 1 }] }, morrisRows, ['leakage', 'exits'], {
      header: ['output', 'parameter', 'mu_star', 'mu', 'sigma'],
      rows: [['leakage', AUDIT, 0.12, -0.1, 0.05], ['leakage', QUOTA, 0.03, 0.01, 0.02], ['exits', AUDIT, 4, 4, 1], ['exits', QUOTA, 9, -9, 3]],
    });
    const [leak, exits] = sweepFigures(await readSweepOutputs(morris)).map((f) => f.config as SensitivityChartConfiguration);
    // A share's effects are charted in percentage points: 0.12 -> 12, sigma 0.05 -> 5.
    // Signs: |mu| 0.1 >= 0.5 x 0.12, negative: lowers; |mu| 0.01 < 0.5 x 0.03: mixed sign;
    // exits: mu = mu* = 4 raises, mu = -mu* = -9 lowers.
    expect(leak?.data.labels).toEqual([`${AUDIT} (lowers)`, `${QUOTA} (mixed sign)`]);
    expect(leak?.data.datasets.map((d) => d.data[0])).toEqual([12, 5]);
    expect(exits?.data.labels).toEqual([`${QUOTA} (lowers)`, `${AUDIT} (raises)`]);
    expect(exits?.data.datasets.map((d) => d.data[0])).toEqual([9, 3]);
  });

  it('the sensitivity tables of the report say which Sobol indices are within sampling noise and the direction of each Morris effect', async () => {
    const rows: (string | number | null)[][] = [[0, 0, 0, 1, 'ok', 0.1, 0.05, 0.5, null]];
    const factors = [{ name: AUDIT, min: 0, max: 1 }, { name: QUOTA, min: 0, max: 1 }];
    const sobol = writeSweep({ kind: 'sobol', factors }, rows, ['leakage'], {
      header: ['output', 'parameter', 'S1', 'S1_ci_low', 'S1_ci_high', 'ST', 'ST_ci_low', 'ST_ci_high'],
      rows: [['leakage', AUDIT, 0.25, 0.1, 0.4, 0.2, 0.1, 0.3], ['leakage', QUOTA, 0.5, 0.4, 0.6, 0.7, 0.6, 0.8]],
    });
    const sobolHtml = sweepReportHtml(await readSweepOutputs(sobol), []);
    expect(sobolHtml).toContain('<th>Note</th>');
    // The audit rate's S1 (0.25) is above its ST (0.2); the quota's row is clean (empty note cell).
    expect(sobolHtml).toMatch(/<code>supervision\.auditRate<\/code><\/td>(<td[^>]*>[^<]*<\/td>){4}<td[^>]*>within sampling noise \(S1 above ST\)<\/td>/);
    expect(sobolHtml).toMatch(/<code>identification\.quota<\/code><\/td>(<td[^>]*>[^<]*<\/td>){4}<td[^>]*><\/td>/);
    const morris = writeSweep({ kind: 'morris', factors }, rows, ['leakage'], {
      header: ['output', 'parameter', 'mu_star', 'mu', 'sigma'],
      rows: [['leakage', AUDIT, 0.12, -0.1, 0.05], ['leakage', QUOTA, 0.03, 0.01, 0.02]],
    });
    const morrisHtml = sweepReportHtml(await readSweepOutputs(morris), []);
    expect(morrisHtml).toContain('<th>Direction</th>');
    expect(morrisHtml).toMatch(/<code>supervision\.auditRate<\/code><\/td>(<td[^>]*>[^<]*<\/td>){3}<td[^>]*>lowers<\/td>/);
    expect(morrisHtml).toMatch(/<code>identification\.quota<\/code><\/td>(<td[^>]*>[^<]*<\/td>){3}<td[^>]*>mixed sign<\/td>/);
  });

  it('random and lhs designs draw the metric against each parameter, a dot per point (mean over its replicates)', async () => {
    // Three points, two replicates; point 2 failed once. Leakage means: 0.5, 0.3, 0.2.
    const rows = [
      [0, 0, 0, 1, 'ok', 0.1, 'pmt', 0.4, null], [1, 0, 1, 2, 'ok', 0.1, 'pmt', 0.6, null],
      [2, 1, 0, 3, 'ok', 0.5, 'community', 0.3, null], [3, 1, 1, 4, 'ok', 0.5, 'community', 0.3, null],
      [4, 2, 0, 5, 'ok', 0.9, 'pmt', 0.2, null], [5, 2, 1, 6, 'failed', 0.9, 'pmt', null, 'boom'],
    ];
    const dir = writeSweep({ kind: 'lhs', factors: [{ name: AUDIT, min: 0, max: 1 }, { name: 'identification.method', values: ['pmt', 'community'] }] }, rows, ['leakage']);
    const figures = sweepFigures(await readSweepOutputs(dir));
    expect(figures.map((f) => f.file)).toEqual(['charts/scatter-leakage-supervision.auditRate.png', 'charts/scatter-leakage-identification.method.png']);
    const [audit, method] = figures.map((f) => f.config as ScatterChartConfiguration);
    expect(audit?.data.datasets[0]?.data.map((d) => d.x)).toEqual([0.1, 0.5, 0.9]);
    expect(audit?.data.datasets[0]?.data.map((d) => Math.round(d.y * 1e12) / 1e12)).toEqual([0.5, 0.3, 0.2]);
    expect(method?.options?.scales?.['x']).toMatchObject({ type: 'category', labels: ['pmt', 'community'] });
    expect(method?.data.datasets[0]?.data.map((d) => d.x)).toEqual(['pmt', 'community', 'pmt']);
    expect(figures[0]?.caption).toContain('Each dot is one design point');
    expect(figures[0]?.caption).not.toContain('are drawn');
    const files = await writeChartsAndReport(dir);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual([...figures.map((f) => f.file), 'report.html']);
    expect(pngSize(readFileSync(join(dir, 'charts/scatter-leakage-supervision.auditRate.png')))).toEqual({ width: 900, height: 500 });
  });

  it('a big random sweep draws an even, fixed sample of its points and says so', async () => {
    const n = MAX_SCATTER_POINTS * 2 + 1;
    const rows = Array.from({ length: n }, (_, p) => [p, p, 0, p, 'ok', p / n, (p % 7) / 10, null]);
    const dir = writeSweep({ kind: 'random', factors: [{ name: AUDIT, min: 0, max: 1 }] }, rows, ['leakage']);
    const [figure] = sweepFigures(await readSweepOutputs(dir));
    const dots = (figure?.config as ScatterChartConfiguration).data.datasets[0]?.data ?? [];
    expect(dots).toHaveLength(MAX_SCATTER_POINTS);
    // Point floor(i n / cap) for i = 0, 1, 2: 0, 2, 4 (n / cap = 2.0005).
    expect(dots.slice(0, 3).map((d) => d.x)).toEqual([0, 2 / n, 4 / n]);
    expect(figure?.caption).toContain(`${MAX_SCATTER_POINTS.toLocaleString('en-US')} of the ${n.toLocaleString('en-US')} design points are drawn, spread evenly by point number`);
    expect(thinPoints([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 4)).toEqual([0, 2, 5, 7]);
    expect(thinPoints([0, 1, 2], 4)).toEqual([0, 1, 2]);
  });

  it('a random or lhs sweep whose metric has no value anywhere has no chart but still a report', async () => {
    const dir = writeSweep({ kind: 'lhs', factors: [{ name: AUDIT, min: 0, max: 1 }] }, [[0, 0, 0, 1, 'ok', 0.3, null, null]], ['leakage']);
    const files = await writeChartsAndReport(dir);
    expect(files).toEqual([join(dir, 'report.html')]);
    expect(existsSync(join(dir, 'charts'))).toBe(false);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('No chart: no design point has a value of leakage of targeted aid yet.');
  });
});
