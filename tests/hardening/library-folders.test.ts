/**
 * The library writes into output folders by the same rules as the commands (src/io/output-folder.ts):
 * writeComparison and the report writers of `povsim/report` (drawCharts, writeReport,
 * writeChartsAndReport) never overwrite a file povsim did not write, and list what they draw in
 * the folder's manifest before drawing it.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareScenarios, type CompareResult } from '../../src/experiments/compare.js';
import { writeComparison } from '../../src/experiments/compare-files.js';
import { OutputError } from '../../src/io/files.js';
import { drawCharts, writeChartsAndReport, writeReport } from '../../src/output/report/index.js';
import { loadScenario, type ResolvedScenario } from '../../src/scenario/index.js';
import { tempDir } from '../cli/helpers.js';
import { writeComparisonFixture } from '../report/fixtures.js';

const tiny = ['township.households=120', 'township.villages=3', 'simulation.months=3'];

function manifestOutputs(dir: string): string[] {
  return (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { outputs: string[] }).outputs;
}

describe('writeComparison takes the folder as `povsim compare` does', () => {
  let scenarios: ResolvedScenario[] = [];
  let result: CompareResult;
  const run = () => ({ scenarios, command: 'library', workers: 1, startedAt: 'now' });
  beforeAll(async () => {
    scenarios = ['scenarios/baseline.yaml', 'scenarios/improved-oversight.yaml'].map((f) => loadScenario(f, { overrides: tiny }));
    result = await compareScenarios(scenarios, { replicates: 2 });
  });

  it('refuses a folder holding a comparison.csv povsim did not write, and leaves it as it was', () => {
    const dir = tempDir('povsim-libcmp-');
    writeFileSync(join(dir, 'comparison.csv'), 'my own table\n');
    expect(() => writeComparison(dir, result, run())).toThrow(OutputError);
    expect(() => writeComparison(dir, result, run())).toThrow(`${dir}: holds files povsim did not write (comparison.csv); choose another folder with --out`);
    expect(readFileSync(join(dir, 'comparison.csv'), 'utf8')).toBe('my own table\n');
    expect(readdirSync(dir)).toEqual(['comparison.csv']);
  });

  it('refuses a run folder, and rewrites an earlier comparison (removing its charts, which would no longer match)', () => {
    const runDir = tempDir('povsim-librun-');
    writeFileSync(join(runDir, 'manifest.json'), JSON.stringify({ povsim: '0.1.0', scenario: 'baseline', seed: 1, outputs: ['summary.json', 'manifest.json'] }));
    writeFileSync(join(runDir, 'summary.json'), '{}');
    expect(() => writeComparison(runDir, result, run())).toThrow(`${runDir}: holds the outputs of povsim run`);

    const dir = tempDir('povsim-libcmp-');
    writeComparison(dir, result, run());
    writeFileSync(join(dir, 'report.html'), 'earlier report');
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, outputs: [...manifestOutputs(dir), 'report.html'] }));
    writeComparison(dir, result, run());
    expect(readdirSync(dir).sort()).toEqual(['comparison.csv', 'comparison.json', 'manifest.json', 'replicates.csv', 'timeseries.csv']);
  });
});

describe('the report writers of povsim/report', () => {
  const fixture = (): string => {
    const dir = join(tempDir('povsim-libreport-'), 'cmp');
    writeComparisonFixture(dir, { scenarios: ['scenarios/baseline.yaml', 'scenarios/improved-oversight.yaml'], replicates: 2, households: 120, months: 3 });
    return dir;
  };

  it('refuse a folder with a report.html or a chart povsim did not write, and touch nothing', async () => {
    const dir = fixture();
    writeFileSync(join(dir, 'report.html'), 'my report');
    const refusal = `${dir}: holds files povsim did not write (report.html) beside the outputs of povsim compare; choose another folder with --out`;
    await expect(writeChartsAndReport(dir)).rejects.toThrow(refusal);
    await expect(writeReport(dir)).rejects.toThrow(refusal);
    await expect(drawCharts(dir)).rejects.toThrow(refusal);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe('my report');
    expect(readdirSync(dir)).not.toContain('charts');

    const other = fixture();
    mkdirSync(join(other, 'charts'));
    writeFileSync(join(other, 'charts', 'differences.png'), 'my chart');
    await expect(drawCharts(other)).rejects.toThrow('holds files povsim did not write (charts/differences.png)');
    expect(readFileSync(join(other, 'charts', 'differences.png'), 'utf8')).toBe('my chart');
  });

  it('list what they draw in the manifest, so a redraw and the commands accept the folder', async () => {
    const dir = fixture();
    const before = manifestOutputs(dir);
    const planned: string[] = [];
    const files = await writeChartsAndReport(dir, { onPlanned: (f) => planned.push(...f) });
    expect(manifestOutputs(dir)).toEqual([...before, ...planned]);
    expect(files).toEqual(planned.map((f) => join(dir, f)));
    expect(planned.at(-1)).toBe('report.html');
    await writeChartsAndReport(dir); // the folder is povsim's: drawn again
    expect(manifestOutputs(dir)).toEqual([...before, ...planned]);
  });
});
