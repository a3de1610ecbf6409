/**
 * `--format png,svg,pdf` on every command that draws charts (built command line): each chart is
 * written in each format beside its PNG, listed in a run's manifest and linked from the report;
 * two runs give identical files, and the PNGs are those of a run without --format.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunManifest } from '../../src/output/run-files.js';
import { povsim, tempDir } from '../cli/helpers.js';

/** Runs the built command line and fails with its stderr when it does not succeed. */
function cli(args: string[]): string {
  const result = povsim(args);
  if (result.code !== 0) throw new Error(`povsim ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return result.stdout;
}

/** The files of `dir/charts`, sorted. */
function charts(dir: string): string[] {
  return readdirSync(join(dir, 'charts')).sort();
}

const RUN = ['run', '--households', '300', '--months', '6'];

describe('--format (built command line)', () => {
  it('run: every chart as PNG, SVG and PDF, in the manifest and the report; same bytes twice; PNGs as without --format', () => {
    const root = tempDir('povsim-formats-');
    const [a, b, plain] = ['a', 'b', 'plain'].map((name) => join(root, name)) as [string, string, string];
    cli([...RUN, '--format', 'png,svg,pdf', '--out', a]);
    cli([...RUN, '--format', 'pdf,svg,png', '--out', b]);
    cli([...RUN, '--out', plain]);
    const names = ['poverty-over-time', 'targeting-errors', 'incidence', 'channels', 'money-by-source', 'governance'];
    expect(charts(a)).toEqual(names.flatMap((n) => [`${n}.pdf`, `${n}.png`, `${n}.svg`]).sort());
    expect(charts(plain)).toEqual(names.map((n) => `${n}.png`).sort());
    for (const file of charts(a)) {
      const bytes = readFileSync(join(a, 'charts', file));
      expect(bytes.equals(readFileSync(join(b, 'charts', file))), file).toBe(true);
      if (file.endsWith('.png')) expect(bytes.equals(readFileSync(join(plain, 'charts', file))), file).toBe(true);
      if (file.endsWith('.svg')) expect(bytes.toString('utf8')).toMatch(/^<\?xml [^>]*>\n<svg /);
      if (file.endsWith('.pdf')) expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
    const manifest = JSON.parse(readFileSync(join(a, 'manifest.json'), 'utf8')) as RunManifest;
    expect(manifest.outputs).toEqual([
      'summary.json', 'timeseries.csv', 'manifest.json',
      ...names.flatMap((n) => [`charts/${n}.png`, `charts/${n}.svg`, `charts/${n}.pdf`]), 'report.html',
    ]);
    const report = readFileSync(join(a, 'report.html'), 'utf8');
    expect(report).toContain('The same charts are saved as PNG, SVG and PDF files beside this report.');
    expect(report).toContain('<a href="charts/incidence.png">PNG: charts/incidence.png</a> <a href="charts/incidence.svg">SVG: charts/incidence.svg</a> <a href="charts/incidence.pdf">PDF: charts/incidence.pdf</a>');
    expect(readFileSync(join(plain, 'report.html'), 'utf8')).toContain('The same charts are saved as PNG files beside this report.');
  });

  it('chart --format svg --no-report, compare --format pdf, sweep --format svg: those formats alone', () => {
    const root = tempDir('povsim-formats-');
    const run = join(root, 'run');
    cli([...RUN, '--no-charts', '--out', run]);
    expect(cli(['chart', run, '--format', 'svg', '--no-report'])).toContain('charts/incidence.svg');
    expect(charts(run).every((f) => f.endsWith('.svg'))).toBe(true);
    expect(charts(run)).toHaveLength(6);

    const compare = join(root, 'compare');
    cli(['compare', 'scenarios/baseline.yaml', 'scenarios/improved-oversight.yaml', '--replicates', '2', '--households', '300',
      '--months', '6', '--workers', '1', '--format', 'pdf', '--out', compare]);
    expect(charts(compare).length).toBeGreaterThan(5);
    expect(charts(compare).every((f) => f.endsWith('.pdf'))).toBe(true);
    expect(readFileSync(join(compare, 'report.html'), 'utf8')).toContain('The same charts are saved as PDF files beside this report.');

    const sweepFile = join(root, 'grid.yaml');
    writeFileSync(sweepFile, [
      'name: grid', `scenario: ${join(process.cwd(), 'scenarios/baseline.yaml')}`, 'design: grid', 'replicates: 1', 'levels: 2',
      'parameters:', '  supervision.auditRate: { min: 0.05, max: 0.45 }', '  identification.quota: [0.05, 0.15]',
      'set: { township.households: 300, simulation.months: 3 }', '',
    ].join('\n'));
    const sweep = join(root, 'sweep');
    expect(cli(['sweep', sweepFile, '--workers', '1', '--format', 'svg', '--out', sweep])).toContain('charts/heatmap-leakage.svg');
    expect(charts(sweep)).toEqual(['heatmap-leakage.svg']);
  });

  it('a format povsim does not write is a usage error before anything runs', () => {
    const out = join(tempDir('povsim-formats-'), 'run');
    const result = povsim([...RUN, '--format', 'png,jpeg', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('povsim: --format: expected formats from png, svg, pdf, separated by commas, e.g. png,svg,pdf, found "png,jpeg"\n');
    expect(() => readdirSync(out)).toThrow();
  });
});
