/**
 * Ctrl-C once a comparison's or a sweep's results are complete (the last files being written, the
 * sensitivity summary being read): the command keeps listening, lets the writes finish, says the
 * outputs are complete, and exits 0. The signal is sent at an exact point by tests/cli/signal-at-file.mjs.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPARE_FILES } from '../../src/experiments/compare-files.js';
import { tempDir } from '../cli/helpers.js';

function povsimSignalled(args: readonly string[], at: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', resolve('tests/cli/signal-at-file.mjs'), resolve('bin/povsim.js'), ...args], {
    env: { ...process.env, CI: '1', POVSIM_TEST_SIGNAL_AT: at },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((done) => child.on('close', (code, signal) => done({ code, signal, stdout, stderr })));
}

describe('a signal after the results are complete', () => {
  it('compare: while its files are being placed, all are written and it exits 0', async () => {
    const out = join(tempDir('povsim-signal-compare-'), 'cmp');
    const result = await povsimSignalled(
      ['compare', 'scenarios/baseline.yaml', 'scenarios/improved-oversight.yaml', '--replicates', '2', '--households', '120', '--months', '3', '--no-charts', '--out', out],
      'rename:comparison.csv',
    );
    expect({ code: result.code, signal: result.signal }, result.stderr).toEqual({ code: 0, signal: null });
    for (const file of COMPARE_FILES) expect(existsSync(join(out, file)), file).toBe(true);
    expect(result.stdout).toContain(`Wrote 5 files to ${out}/`);
    // Delivered once the writes are done; the process may end first.
    if (result.stderr !== '') expect(result.stderr).toBe(`povsim: interrupted after the comparison finished; its outputs in ${out}/ are complete\n`);
  });

  it('compare with charts: a signal while its files are placed skips the charts and says how to draw them', async () => {
    const out = join(tempDir('povsim-signal-compare-'), 'cmp');
    const result = await povsimSignalled(
      ['compare', 'scenarios/baseline.yaml', 'scenarios/improved-oversight.yaml', '--replicates', '2', '--households', '120', '--months', '3', '--out', out],
      'rename:comparison.csv',
    );
    expect({ code: result.code, signal: result.signal }, result.stderr).toEqual({ code: 0, signal: null });
    for (const file of COMPARE_FILES) expect(existsSync(join(out, file)), file).toBe(true);
    expect(result.stderr).toBe(
      `povsim: interrupted while drawing the charts; the results in ${out}/ are complete, the charts and report.html are not (draw them with: povsim chart ${out})\n`,
    );
    expect(existsSync(join(out, 'report.html'))).toBe(false);
  });

  it('sweep: while the sensitivity summary is read, it prints it and exits 0', async () => {
    const root = tempDir('povsim-signal-sweep-');
    const file = join(root, 'tiny-morris.yaml');
    writeFileSync(file, [
      'name: tiny-morris',
      `scenario: ${resolve('scenarios/baseline.yaml')}`,
      'seed: 3',
      'design: morris',
      'trajectories: 2',
      'levels: 4',
      'replicates: 1',
      'parameters:',
      '  supervision.auditRate: { min: 0, max: 0.5 }',
      '  disclosure.postingShare: { min: 0, max: 1 }',
      'outputs: [leakage]',
      '',
    ].join('\n'));
    const out = join(root, 'out');
    const result = await povsimSignalled(['sweep', file, '--households', '120', '--months', '3', '--no-charts', '--out', out], 'read:sensitivity.csv');
    expect({ code: result.code, signal: result.signal }, result.stderr).toEqual({ code: 0, signal: null });
    expect(result.stdout).toContain('Most influential parameters per output (Morris mu*):');
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toMatchObject({ status: 'complete' });
    if (result.stderr.includes('interrupted')) expect(result.stderr).toContain(`povsim: interrupted after the sweep finished; its outputs in ${out}/ are complete\n`);
    expect(result.stderr).not.toContain('stopping after the runs in progress');
  });
});
