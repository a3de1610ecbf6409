/**
 * End to end through the built command line (`npm test` builds first; during development run
 * `npm run build`): worker threads only run compiled code, so multi-worker behaviour, a SIGKILL
 * part-way (`npm run test:long`; `npm test` kills sweeps in tests/robustness/interruption.test.ts)
 * and exit codes are tested here. Refusals (resume after a change, merge of missing
 * shards, unknown metrics) are tested through the library in tests/experiments, where they are
 * fast.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { povsim, tempDir } from '../cli/helpers.js';
import { LONG, sized } from '../long.js';

const root = tempDir('povsim-cli-experiments-');
const baseline = resolve('scenarios/baseline.yaml');
const tiny = 'set: { township.households: 300, township.villages: 3, simulation.months: 12 }\n';

/** A grid sweep of `points` x `replicates` tiny runs. */
function sweepFile(name: string, replicates: number, extra = ''): string {
  const file = join(root, `${name}.yaml`);
  writeFileSync(
    file,
    `name: ${name}\nscenario: ${baseline}\nseed: 11\nreplicates: ${replicates}\n${tiny}` +
      'parameters:\n  supervision.auditRate: [0.05, 0.2, 0.4]\n  identification.pmtNoise: [0.1, 0.5]\n' +
      `${extra}`,
  );
  return file;
}
const results = (dir: string): string => readFileSync(join(dir, 'results.csv'), 'utf8');

describe('povsim compare', () => {
  it('prints the paired effect of oversight on leakage with its interval, the same with 1 and 2 workers', () => {
    const args = ['compare', 'scenarios/baseline.yaml', 'scenarios/improved-oversight.yaml', '--households', '300', '--months', '12', '--replicates', '4'];
    // 200 columns: the table with the scenarios side by side (at 80, the default without a terminal, one block per metric).
    const two = povsim([...args, '--workers', '2', '--out', join(root, 'cmp2')], { env: { COLUMNS: '200' } });
    expect(two.stderr).toBe('');
    expect(two.code).toBe(0);
    expect(two.stdout).toMatch(/improved-oversight vs baseline: leakage \d+\.\d% -> \d+\.\d% \(difference [-+]\d+\.\d points, 95% CI -?\d+\.\d to -?\d+\.\d/);
    expect(two.stdout).toMatch(/^leakage \(%; pts\) +\d+\.\d \[/m); // the unit in the metric's name, not in every cell
    // The key metrics, in order: both inclusion errors and the CGH index among them.
    const table = two.stdout.split('\n').filter((line) => /^[a-zA-Z]+(?: \((?:%; pts|yuan)\))? {2,}(\d|n\/a)/.test(line)).map((line) => line.split(' ')[0]);
    expect(table).toEqual([
      'leakage', 'inclusionErrorRegistered', 'inclusionErrorNonPoor', 'exclusionError', 'cgh', 'headcount', 'povertyGap', 'diversion',
      'exits', 'paperExits', 'costPerExit',
    ]);
    const one = povsim([...args, '--workers', '1', '--out', join(root, 'cmp1')]);
    expect(one.code).toBe(0);
    for (const file of ['replicates.csv', 'comparison.csv', 'timeseries.csv', 'comparison.json']) {
      expect(readFileSync(join(root, 'cmp1', file), 'utf8')).toBe(readFileSync(join(root, 'cmp2', file), 'utf8'));
    }
  });

  it('refuses a removed metric in --precision with one line naming its replacements, before any run', () => {
    const out = join(root, 'never');
    const result = povsim(['compare', 'scenarios/baseline.yaml', 'scenarios/improved-oversight.yaml', '--precision', 'nonPoorCoverage=0.01', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('povsim: --precision: nonPoorCoverage was renamed: use inclusionErrorNonPoor (share of non-poor households registered)\n');
    expect(existsSync(out)).toBe(false);
  });
});

describe('povsim sweep and merge', () => {
  const file = sweepFile('cli-grid', 3); // 6 points x 3 replicates = 18 runs
  const reference = join(root, 'grid-1');

  it('writes identical results.csv with 1 and 2 workers', () => {
    const one = povsim(['sweep', file, '--workers', '1', '--out', reference]);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('18 runs, 0 failed');
    const two = povsim(['sweep', file, '--workers', '2', '--no-charts', '--out', join(root, 'grid-2')]); // charts: drawn by the 1-worker run
    expect(two.code).toBe(0);
    expect(results(join(root, 'grid-2'))).toBe(results(reference));
    expect(results(reference).trim().split('\n')).toHaveLength(19);
  });

  // npm test: 2 shards; npm run test:long: 3.
  const shards = sized(2, 3);
  it(`runs ${shards} shards that merge into the results.csv of 1 machine`, () => {
    const dirs = Array.from({ length: shards }, (_, k) => join(root, `cli-grid-shard-${k + 1}`));
    for (const [k, dir] of dirs.entries()) {
      const r = povsim(['sweep', file, '--shard', `${k + 1}/${shards}`, '--workers', '1', '--out', dir]);
      expect(r.code).toBe(0);
    }
    const merged = join(root, 'grid-merged');
    const m = povsim(['merge', ...dirs, '--out', merged]);
    expect(m.stderr).toBe('');
    expect(m.code).toBe(0);
    expect(m.stdout).toContain(`Merged ${shards} shards: 18 runs, 0 failed`);
    expect(results(merged)).toBe(results(reference));
  });

  // Under npm run test:long only: npm test kills sweeps from outside, and at the moments inside
  // that matter, in tests/robustness/interruption.test.ts.
  it.runIf(LONG)('survives SIGKILL part-way: --resume finishes with the results.csv of an uninterrupted sweep', async () => {
    const big = sweepFile('cli-kill', 12); // 6 x 12 = 72 tiny runs
    const whole = join(root, 'kill-whole');
    expect(povsim(['sweep', big, '--workers', '1', '--out', whole]).code).toBe(0); // 1 and 2 workers agree (above)

    const dir = join(root, 'kill-resumed');
    const child = spawn(process.execPath, ['bin/povsim.js', 'sweep', big, '--workers', '2', '--out', dir], { env: { ...process.env, CI: '1' }, stdio: 'ignore' });
    let running = true;
    const exited = new Promise<void>((done) => child.on('exit', () => ((running = false), done())));
    const rows = (): number => (existsSync(join(dir, 'results.csv')) ? results(dir).split('\n').length - 2 : 0);
    // Waits for an event (5 rows written, or the sweep ending), looking every 10 ms; no time limit.
    while (running && rows() < 5) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    await exited;
    const killedRows = rows();
    expect(killedRows).toBeGreaterThanOrEqual(5);
    expect(killedRows).toBeLessThan(72); // it really was cut short
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).status).toBe('running');

    const resumed = povsim(['sweep', big, '--workers', '2', '--out', dir, '--resume']);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/resuming: \d+ of 72 runs already done/);
    expect(results(dir)).toBe(results(whole));
  });

  it('records failed runs in worker threads, goes on, says where to look and exits with 3', () => {
    const dir = join(root, 'failing');
    const r = povsim(['sweep', file, '--workers', '2', '--out', dir], { env: { POVSIM_FAIL_RUNS: '3,7' } });
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('18 runs, 2 failed');
    expect(r.stdout).toContain(`See ${join(dir, 'results.csv')} rows with status=failed (first this time: run 3: injected failure (POVSIM_FAIL_RUNS))`);
    const rows = results(dir).trim().split('\n').slice(1);
    expect(rows.filter((row) => row.split(',')[4] === 'failed').map((row) => row.split(',')[0])).toEqual(['3', '7']);
    // every other row is exactly the row of the sweep without failures
    const clean = results(reference).trim().split('\n').slice(1);
    rows.forEach((row, i) => {
      if (i !== 3 && i !== 7) expect(row).toBe(clean[i]);
    });
  });

  it('gives a one-line error and exit code 2 for a bad sweep file', () => {
    const bad = join(root, 'bad.yaml');
    writeFileSync(bad, `scenario: ${baseline}\nparameters:\n  supervision.auditRat: [0.1]\n`);
    const r = povsim(['sweep', bad, '--out', join(root, 'bad')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`povsim: ${bad}: parameters.supervision.auditRat: unknown parameter or group; did you mean "supervision.auditRate"? (run povsim describe for the list)\n`);
    expect(existsSync(join(root, 'bad'))).toBe(false);
  });
});
