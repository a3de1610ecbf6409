import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { simulate } from '../../src/api.js';
import { mergeShards } from '../../src/experiments/merge.js';
import { metricNames, metricValues } from '../../src/experiments/metrics.js';
import { runSeed } from '../../src/experiments/seeds.js';
import { loadSweep } from '../../src/experiments/sweep-file.js';
import { readSweepManifest, runSweep } from '../../src/experiments/sweep.js';
import { OutputError } from '../../src/io/files.js';
import { applyParameterValues, InputError } from '../../src/scenario/index.js';

const baseline = resolve('scenarios/baseline.yaml');
const root = mkdtempSync(join(tmpdir(), 'povsim-sweep-'));
let count = 0;
const fresh = (label: string): string => join(root, `${label}-${(count += 1)}`);

/** A tiny sweep: 300 households, 12 months (about 20 ms a run). */
function sweepFile(body: string): string {
  const file = join(root, `sweep-${(count += 1)}.yaml`);
  writeFileSync(file, `scenario: ${baseline}\nset: { township.households: 300, township.villages: 3, simulation.months: 12 }\n${body}`);
  return file;
}

const GRID = 'name: tiny\nseed: 3\nreplicates: 2\nparameters:\n  supervision.auditRate: [0.05, 0.4]\n  identification.method: [community, pmt]\n';
const read = (dir: string, file = 'results.csv'): string => readFileSync(join(dir, file), 'utf8');

afterEach(() => {
  delete process.env['POVSIM_FAIL_RUNS'];
});

describe('runSweep', () => {
  it('writes design.csv and one results.csv row per run in run-id order, each run reproducible on its own', async () => {
    const sweep = loadSweep(sweepFile(GRID));
    const dir = fresh('grid');
    const report = await runSweep(sweep, { out: dir });
    expect(report).toMatchObject({ status: 'complete', runs: 8, done: 8, failed: 0, resumed: 0, ran: 8, sensitivity: null });
    expect(read(dir, 'design.csv')).toBe(
      'point,supervision.auditRate,identification.method\n0,0.05,community\n1,0.05,pmt\n2,0.4,community\n3,0.4,pmt\n',
    );
    const [header, ...rows] = read(dir).trim().split('\n');
    expect(header).toBe(['run', 'point', 'replicate', 'seed', 'status', 'supervision.auditRate', 'identification.method', ...metricNames(), 'error', 'check'].join(','));
    expect(rows).toHaveLength(8);
    // run id = point x replicates + replicate; seed = runSeed(sweep seed, 0, replicate) (common seeds)
    const row5 = rows[5]!.split(',');
    expect(row5.slice(0, 7)).toEqual(['5', '2', '1', String(runSeed(3, 0, 1)), 'ok', '0.4', 'community']);
    const alone = simulate(applyParameterValues(sweep.base, { 'supervision.auditRate': 0.4, 'identification.method': 'community' }, 'test'), { seed: runSeed(3, 0, 1) });
    expect(row5.slice(7, -2)).toEqual(metricValues(alone.summary.metrics).map((v) => (v === null ? '' : String(v))));
    const manifest = readSweepManifest(dir);
    expect(manifest).toMatchObject({ status: 'complete', done: 8, failed: 0, runs: 8, points: 4, replicates: 2, seed: 3, shard: null, fingerprint: sweep.fingerprint });
  });

  it('resumes an interrupted sweep, dropping a half-written last row, to a byte-identical results.csv', async () => {
    const file = sweepFile(GRID);
    const whole = fresh('whole');
    await runSweep(loadSweep(file), { out: whole });

    const dir = fresh('resumed');
    const controller = new AbortController();
    const first = await runSweep(loadSweep(file), {
      out: dir,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done >= 3) controller.abort();
      },
    });
    expect(first.status).toBe('interrupted');
    expect(first.done).toBe(3);
    expect(readSweepManifest(dir).status).toBe('interrupted');
    expect(read(whole).startsWith(read(dir))).toBe(true); // always a prefix of the final file
    appendFileSync(join(dir, 'results.csv'), '3,1,1,12345,ok,0.05,pm'); // as if killed while writing run 3

    await expect(runSweep(loadSweep(file), { out: dir })).rejects.toThrow(OutputError); // without resume: refused
    const second = await runSweep(loadSweep(file), { out: dir, resume: true });
    expect(second).toMatchObject({ status: 'complete', done: 8, resumed: 3, ran: 5 });
    expect(read(dir)).toBe(read(whole));
    expect(readSweepManifest(dir).sessions).toHaveLength(2);
  });

  it('drops a last line without its line end (a kill mid-append), but refuses a complete row that is wrong, last or not', async () => {
    const file = sweepFile(GRID);
    const whole = fresh('whole');
    await runSweep(loadSweep(file), { out: whole });
    const lines = read(whole).split('\n');

    const cut = fresh('cut');
    await runSweep(loadSweep(file), { out: cut });
    writeFileSync(join(cut, 'results.csv'), `${lines.slice(0, 4).join('\n')}\n3,1,1`); // header, runs 0-2, half a row
    await runSweep(loadSweep(file), { out: cut, resume: true });
    expect(read(cut)).toBe(read(whole));

    writeFileSync(join(cut, 'results.csv'), `${lines.slice(0, 4).join('\n')}\n3,1,1\n`); // a complete line cannot be half a row
    await expect(runSweep(loadSweep(file), { out: cut, resume: true })).rejects.toThrow(
      `${join(cut, 'results.csv')}: line 5: expected ${metricNames().length + 9} fields, found 3 (the file was changed after povsim wrote it; start a new folder with --out)`,
    );
    writeFileSync(join(cut, 'results.csv'), `${lines.slice(0, 2).join('\n')}\nbroken\n${lines.slice(3, 5).join('\n')}\n`);
    await expect(runSweep(loadSweep(file), { out: cut, resume: true })).rejects.toThrow(`${join(cut, 'results.csv')}: line 3: expected ${metricNames().length + 9} fields, found 1`);
  });

  it('refuses to resume after the sweep file or the overrides change, or with another shard', async () => {
    const file = sweepFile(GRID);
    const dir = fresh('changed');
    await runSweep(loadSweep(file), { out: dir });
    await expect(runSweep(loadSweep(file, { overrides: ['township.households=400'] }), { out: dir, resume: true })).rejects.toThrow(
      'was started from a different sweep',
    );
    await expect(runSweep(loadSweep(file), { out: dir, resume: true, shard: { index: 1, count: 2 } })).rejects.toThrow(
      'holds the whole sweep, not shard 1/2; resume with the same --shard',
    );
    writeFileSync(file, read(root, file.slice(root.length + 1)).replace('seed: 3', 'seed: 4'));
    const error = await runSweep(loadSweep(file), { out: dir, resume: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      `${dir}: was started from a different sweep (the sweep file, its base scenario, the overrides or the model's computations changed since); resume needs the same inputs and model, or start a new folder with --out`,
    );
  });

  it('records a failed run with its error and goes on; failFast stops', async () => {
    process.env['POVSIM_FAIL_RUNS'] = '1,5';
    const file = sweepFile(GRID);
    const dir = fresh('failures');
    const report = await runSweep(loadSweep(file), { out: dir });
    expect(report).toMatchObject({ status: 'complete', done: 8, failed: 2, firstFailure: { run: 1, error: 'injected failure (POVSIM_FAIL_RUNS)' } });
    const rows = read(dir).trim().split('\n').slice(1).map((r) => r.split(','));
    expect(rows.map((r) => r[4])).toEqual(['ok', 'failed', 'ok', 'ok', 'ok', 'failed', 'ok', 'ok']);
    const failed = rows[1]!;
    expect(failed.slice(0, 7)).toEqual(['1', '0', '1', String(runSeed(3, 0, 1)), 'failed', '0.05', 'community']); // point 0, replicate 1
    expect(failed.slice(7, -2).every((v) => v === '')).toBe(true); // the metrics are empty
    expect(failed.at(-2)).toBe('injected failure (POVSIM_FAIL_RUNS)');
    expect(readSweepManifest(dir)).toMatchObject({ status: 'complete', failed: 2 });

    const stopped = await runSweep(loadSweep(file), { out: fresh('failfast'), failFast: true });
    expect(stopped.status).toBe('stopped');
    expect(stopped.done).toBe(2); // one run in flight in this thread: it stops right after run 1
  });

  it('splits into shards that merge into the results.csv of the whole sweep', async () => {
    const file = sweepFile(GRID.replace('replicates: 2', 'replicates: 3')); // 12 runs: 4, 4 and 4 per shard
    const whole = fresh('whole');
    await runSweep(loadSweep(file), { out: whole });
    const shards = [1, 2, 3].map((index) => fresh(`shard-${index}`));
    for (const [k, dir] of shards.entries()) {
      const report = await runSweep(loadSweep(file), { out: dir, shard: { index: k + 1, count: 3 } });
      expect(report.runs).toBe(4);
    }
    expect(read(shards[1]!).trim().split('\n').slice(1).map((r) => r.split(',')[0])).toEqual(['1', '4', '7', '10']);

    const merged = fresh('merged');
    await expect(mergeShards([shards[0]!, shards[2]!], merged)).rejects.toThrow('shard 2 of 3 missing; name every shard folder');
    await expect(mergeShards([shards[0]!, shards[0]!, shards[2]!], merged)).rejects.toThrow(/is shard 1\/3 again/);
    await expect(mergeShards([whole], merged)).rejects.toThrow('is a whole sweep, not a shard');
    const report = await mergeShards([shards[2]!, shards[0]!, shards[1]!], merged); // any order
    expect(report).toMatchObject({ shards: 3, runs: 12, failed: 0 });
    expect(read(merged)).toBe(read(whole));
    expect(read(merged, 'design.csv')).toBe(read(whole, 'design.csv'));
    expect(readSweepManifest(merged)).toMatchObject({ status: 'complete', done: 12, shard: null });
    await expect(mergeShards(shards, merged)).rejects.toThrow('already holds files');
  });

  it('refuses to merge an incomplete shard or shards of different sweeps', async () => {
    const file = sweepFile(GRID);
    const a = fresh('a');
    const controller = new AbortController();
    await runSweep(loadSweep(file), { out: a, shard: { index: 1, count: 2 }, signal: controller.signal, onProgress: (p) => p.done >= 1 && controller.abort() });
    const b = fresh('b');
    await runSweep(loadSweep(file), { out: b, shard: { index: 2, count: 2 } });
    await expect(mergeShards([a, b], fresh('m'))).rejects.toThrow(/shard 1\/2 is not complete \(1 of 4 runs, status interrupted\)/);
    const other = fresh('other');
    await runSweep(loadSweep(file, { overrides: ['township.households=301'] }), { out: other, shard: { index: 1, count: 2 } });
    await expect(mergeShards([other, b], fresh('m'))).rejects.toThrow('belongs to another sweep');
  });

  it('leaves nothing behind when a shard turns out to be changed part-way through the merge', async () => {
    const file = sweepFile(GRID);
    const a = fresh('a');
    const b = fresh('b');
    await runSweep(loadSweep(file), { out: a, shard: { index: 1, count: 2 } });
    await runSweep(loadSweep(file), { out: b, shard: { index: 2, count: 2 } });
    // Drop shard 2's last row: the manifests still agree, the rows do not.
    const results = join(b, 'results.csv');
    const lines = readFileSync(results, 'utf8').trimEnd().split('\n');
    writeFileSync(results, `${lines.slice(0, -1).join('\n')}\n`);
    const merged = fresh('merged');
    await expect(mergeShards([a, b], merged)).rejects.toThrow(/the shard is incomplete or was changed/);
    expect(existsSync(merged)).toBe(false);
  });

  it('analyses sobol and morris sweeps into sensitivity.csv', async () => {
    const ranges = 'parameters:\n  supervision.auditRate: { min: 0, max: 0.5 }\n  cadres.meanIntegrity: { min: 0.3, max: 0.9 }\noutputs: [leakage, diversion]\n';
    const sobolDir = fresh('sobol');
    const sobol = await runSweep(loadSweep(sweepFile(`design: sobol\nbaseSamples: 4\nbootstrap: 50\n${ranges}`)), { out: sobolDir });
    expect(sobol.runs).toBe(16); // N (k + 2) = 4 x 4
    expect(sobol.sensitivity?.skipped).toEqual([]);
    const sobolRows = read(sobolDir, 'sensitivity.csv').trim().split('\n');
    expect(sobolRows[0]).toBe('output,parameter,S1,S1_ci_low,S1_ci_high,ST,ST_ci_low,ST_ci_high');
    expect(sobolRows.slice(1).map((r) => r.split(',').slice(0, 2).join(','))).toEqual([
      'leakage,supervision.auditRate',
      'leakage,cadres.meanIntegrity',
      'diversion,supervision.auditRate',
      'diversion,cadres.meanIntegrity',
    ]);
    const morrisDir = fresh('morris');
    await runSweep(loadSweep(sweepFile(`design: morris\ntrajectories: 2\n${ranges}`)), { out: morrisDir });
    const morrisRows = read(morrisDir, 'sensitivity.csv').trim().split('\n');
    expect(morrisRows[0]).toBe('output,parameter,mu_star,mu,sigma');
    expect(morrisRows).toHaveLength(5);
    for (const row of morrisRows.slice(1)) {
      const [, , muStar, mu] = row.split(',').map(Number);
      expect(muStar).toBeGreaterThanOrEqual(Math.abs(mu ?? 0) - 1e-12); // mu* = mean |EE| >= |mean EE|
    }
    expect(readSweepManifest(morrisDir).sensitivity).toMatchObject({ file: 'sensitivity.csv', outputs: ['leakage', 'diversion'] });
  });

  it('resumes a finished sweep as a no-op, and starts afresh with resume in an empty folder', async () => {
    const file = sweepFile(GRID);
    const dir = fresh('noop');
    expect(existsSync(dir)).toBe(false);
    const first = await runSweep(loadSweep(file), { out: dir, resume: true });
    expect(first.ran).toBe(8);
    const before = read(dir);
    const again = await runSweep(loadSweep(file), { out: dir, resume: true });
    expect(again).toMatchObject({ status: 'complete', ran: 0, resumed: 8 });
    expect(read(dir)).toBe(before);
  });
});
