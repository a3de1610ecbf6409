/**
 * End to end: `povsim run` leaves the charts and the report next to its files, and `povsim chart`
 * redraws them from disk with the same bytes. Runs the built command line (`npm test` builds
 * first; during development run `npm run build` before this file).
 */
import { mkdirSync, readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { povsim, tempDir } from '../cli/helpers.js';
import { PNG_SIGNATURE, pixelStats, pngChunkTypes, pngSize } from '../charts/png.js';

const CHARTS = ['poverty-over-time', 'targeting-errors', 'incidence', 'channels', 'money-by-source', 'governance'].map(
  (name) => `charts/${name}.png`,
);
/** 900 x 500, but the channels chart has a row of 44 px for each programme that paid something (at least 500 px in all). */
function expectedSize(dir: string, file: string): { width: number; height: number } {
  if (file !== 'charts/channels.png') return { width: 900, height: 500 };
  const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { incidence: { byProgramme: Record<string, { received: number }> } };
  const paying = Object.values(summary.incidence.byProgramme).filter((p) => p.received > 0).length;
  return { width: 900, height: Math.max(500, 120 + 44 * paying) };
}

describe('povsim run with charts, then povsim chart', () => {
  let out = '';
  let firstRun = { code: null as number | null, stdout: '', stderr: '' };
  beforeAll(() => {
    out = join(tempDir(), 'run');
    firstRun = povsim(['run', '--households', '1500', '--months', '24', '--out', out]);
  });

  it('writes six chart PNGs and report.html, and lists every file in the manifest', () => {
    expect(firstRun.stderr).toBe('');
    expect(firstRun.code).toBe(0);
    expect(firstRun.stdout).toContain(`Wrote 10 files to ${out}/; open ${join(out, 'report.html')} in a browser`);
    expect(readdirSync(join(out, 'charts')).sort()).toEqual(CHARTS.map((f) => f.slice('charts/'.length)).sort());
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { outputs: string[] };
    expect(manifest.outputs).toEqual(['summary.json', 'timeseries.csv', 'manifest.json', ...CHARTS, 'report.html']);
    for (const file of manifest.outputs) expect(existsSync(join(out, file)), file).toBe(true);
  });

  it.each(CHARTS)('%s is a valid, non-blank PNG of its size', async (file) => {
    const png = readFileSync(join(out, file));
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngChunkTypes(png).at(-1)).toBe('IEND');
    expect(pngSize(png)).toEqual(expectedSize(out, file));
    const stats = await pixelStats(png);
    // A drawn chart has text, lines and fills: hundreds of colours; a blank canvas has one.
    expect(stats.distinctColours).toBeGreaterThan(100);
    expect(stats.inkShare).toBeGreaterThan(0.02);
  });

  it('povsim chart DIR redraws identical chart and report bytes from the files', () => {
    const before = new Map([...CHARTS, 'report.html'].map((f) => [f, readFileSync(join(out, f))]));
    // Overwrite every output so an unchanged file cannot pass for a redrawn one.
    for (const f of before.keys()) writeFileSync(join(out, f), 'stale');
    const result = povsim(['chart', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Drew 7 files for the run in ${out}/: ${[...CHARTS, 'report.html'].join(', ')}\n`);
    for (const [f, bytes] of before) expect(readFileSync(join(out, f)).equals(bytes), f).toBe(true);
  });

  it('the report names the scenario, inlines chart.js and one config per chart, and references nothing remote', () => {
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<h1>baseline, seed 42</h1>');
    expect(html.match(/<canvas data-chart-index=/g)).toHaveLength(CHARTS.length);
    expect(html).toContain('Chart.js v4');
    // Only the PNG links point anywhere, and only to files beside the report.
    const urls = [...html.matchAll(/\b(?:src|href)="([^"#][^"]*)"/g)].map((m) => m[1]);
    expect(urls.sort()).toEqual([...CHARTS].sort());
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)[^\s"']*\.(?:js|css)/);
  });
});

describe('povsim run --no-charts and povsim chart errors', () => {
  it('--no-charts writes no charts and no report', () => {
    const out = join(tempDir(), 'run');
    const result = povsim(['run', '--households', '600', '--months', '12', '--no-charts', '--out', out]);
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'summary.json', 'timeseries.csv']);
  });

  it('a folder that holds no povsim output is one line on stderr and exit 2', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'empty'));
    const result = povsim(['chart', join(dir, 'empty')]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `povsim: ${join(dir, 'empty')}: not a povsim output folder: expected summary.json (run), comparison.json (compare), results.csv and manifest.json (sweep) or posterior.csv and manifest.json (calibrate)\n`,
    );
    const missing = povsim(['chart', join(dir, 'nowhere')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`povsim: ${join(dir, 'nowhere')}: no such folder\n`);
  });

  it('--metric on a run folder is a usage error: only sweeps have a heatmap', () => {
    const out = join(tempDir(), 'run');
    expect(povsim(['run', '--households', '300', '--months', '2', '--no-charts', '--out', out]).code).toBe(0);
    const result = povsim(['chart', out, '--metric', 'leakage']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`povsim: --metric: only a sweep's heatmap has a metric to choose; ${out} holds a run\n`);
  });

  it('a summary.json with the old targeting metrics says so in one line, instead of naming a missing field', () => {
    const dir = join(tempDir(), 'run');
    mkdirSync(dir);
    writeFileSync(join(dir, 'summary.json'), JSON.stringify({ povsim: '0.1.0', metrics: { inclusionError: 0.4, nonPoorCoverage: 0.05 } }));
    const result = povsim(['chart', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `povsim: ${join(dir, 'summary.json')}: written by povsim 0.1.0 with the old targeting metrics (inclusionError); run the scenario again to chart it\n`,
    );
  });

  it('a damaged summary.json names the file and the field', () => {
    const dir = join(tempDir(), 'run');
    mkdirSync(dir);
    writeFileSync(join(dir, 'summary.json'), JSON.stringify({ scenario: { name: 'x', description: '' }, seed: 1 }));
    const result = povsim(['chart', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^povsim: ${join(dir, 'summary.json')}: households: expected number, found nothing`));
    expect(result.stderr.split('\n')).toHaveLength(2);
  });
});
