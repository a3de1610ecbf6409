/**
 * End to end: a small Latin-hypercube sweep through the built command line draws the metric
 * against each varied parameter (charts/scatter-<metric>-<parameter>.png) and puts the charts in
 * its report; `povsim chart --metric` redraws them for another metric.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { povsim, tempDir } from '../cli/helpers.js';
import { pngSize } from '../charts/png.js';

describe('povsim sweep with an lhs design', () => {
  it('writes one scatter chart per parameter and shows them in the report', () => {
    const root = tempDir('povsim-scatter-');
    const file = join(root, 'lhs.yaml');
    writeFileSync(file, [
      'name: tiny-lhs',
      `scenario: ${resolve('scenarios/baseline.yaml')}`,
      'seed: 5',
      'design: lhs',
      'samples: 6',
      'replicates: 1',
      'set: { township.households: 200, township.villages: 2, simulation.months: 12 }',
      'parameters:',
      '  supervision.auditRate: { min: 0, max: 0.5 }',
      '  identification.method: [pmt, community]',
      '',
    ].join('\n'));
    const out = join(root, 'out');
    const result = povsim(['sweep', file, '--out', out, '--workers', '1']);
    expect(result.stderr).not.toMatch(/povsim: /);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('charts/scatter-leakage-supervision.auditRate.png, charts/scatter-leakage-identification.method.png, report.html');
    const charts = ['scatter-leakage-supervision.auditRate.png', 'scatter-leakage-identification.method.png'];
    for (const chart of charts) expect(pngSize(readFileSync(join(out, 'charts', chart)))).toEqual({ width: 900, height: 500 });
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    expect(report).toContain('Leakage of targeted aid against supervision.auditRate');
    expect(report).toContain('Each dot is one design point of the sweep');

    const redraw = povsim(['chart', out, '--metric', 'headcount']);
    expect(redraw.stderr).not.toMatch(/povsim: /);
    expect(redraw.code).toBe(0);
    expect(existsSync(join(out, 'charts', 'scatter-headcount-supervision.auditRate.png'))).toBe(true);
  });
});
