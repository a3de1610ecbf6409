/**
 * A sweep that stops on an error of its own (issue 10, item 4): on a full disk its manifest.json
 * must not say `running` but `failed`, with the error. A real full disk: a small tmpfs, mounted
 * here when the test runs as root and may mount; in CI (CI set) a tmpfs that cannot be mounted is
 * a failure, elsewhere the test is skipped and says why. Also: the size limit in the library
 * (`maxRuns`), before anything is written.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSweep } from '../../src/experiments/sweep-file.js';
import { runSweep } from '../../src/experiments/sweep.js';
import { InputError } from '../../src/scenario/errors.js';
import { povsim, tempDir } from '../cli/helpers.js';
import { mountTmpfsOrSkip, remountTmpfs, unmountTmpfs } from '../tmpfs.js';

const root = tempDir('povsim-sweep-failure-');
const sweepFile = join(root, 'sweep.yaml');
writeFileSync(
  sweepFile,
  `name: tiny\nscenario: ${resolve('scenarios/baseline.yaml')}\nseed: 2\nreplicates: 10\nset: { township.households: 100, township.villages: 2, simulation.months: 12 }\n` +
    'parameters:\n  supervision.auditRate: [0.05, 0.3]\n  identification.method: [community, pmt]\n',
);

afterAll(unmountTmpfs);

describe('a sweep on a full disk', () => {
  it('stops with exit 1 and its manifest says failed and why, not running; resume completes once there is room', (context) => {
    const disk = join(root, 'disk');
    mountTmpfsOrSkip(context, disk, 'size=32k'); // room for the folder's lock, design.csv, the manifest and its reserve, and a few rows
    const out = join(disk, 'out');
    const full = povsim(['sweep', sweepFile, '--workers', '1', '--no-charts', '--out', out]);
    expect(full.code, full.stderr).toBe(1);
    const error = `${join(out, 'results.csv')}: the disk is full; resume with --resume once there is room`;
    expect(full.stderr).toContain(`povsim: ${error}\n`);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ status: 'failed', error });
    const rows = readFileSync(join(out, 'results.csv'), 'utf8').split('\n').length - 2;
    expect(manifest.done).toBe(rows);
    // The room kept for the manifest was given back; no other file is left.
    expect(readdirSync(out).sort()).toEqual(['design.csv', 'manifest.json', 'results.csv']);

    remountTmpfs(disk, 'size=1m');
    const resumed = povsim(['sweep', sweepFile, '--workers', '1', '--no-charts', '--out', out, '--resume']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const done = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(done).toMatchObject({ status: 'complete', done: 40 });
    expect(done.error).toBeUndefined();
    expect(readdirSync(out).sort()).toEqual(['design.csv', 'manifest.json', 'results.csv']);
  });
});

describe('the size limit in the library', () => {
  it('runSweep refuses a sweep above maxRuns with an InputError before anything is written', async () => {
    const out = join(root, 'limited');
    const sweep = loadSweep(sweepFile); // 4 points x 10 replicates = 40 runs
    await expect(runSweep(sweep, { out, maxRuns: 39 })).rejects.toThrow(InputError);
    await expect(runSweep(sweep, { out, maxRuns: 39 })).rejects.toThrow(
      `${sweepFile}: replicates: the sweep has 40 runs (4 points x 10 replicates; results.csv about 26 kB), more than the limit of 39 runs; check the design, or pass --max-runs 40 to run it anyway`,
    );
    expect(existsSync(out)).toBe(false);
    await expect(runSweep(sweep, { out, maxRuns: 0 })).rejects.toThrow(RangeError);
  });
});
