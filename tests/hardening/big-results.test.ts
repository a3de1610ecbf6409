/**
 * Charts of big sweeps and Ctrl-C while charts are drawn (issue 10, items 7 and 23).
 * - results.csv is read as a stream: the per-point summaries equal those of reading the whole file
 *   at once (a reference written here with csv-parse/sync), on random sweeps; and the reader never
 *   asks for the file's whole text (readFileSync, readRegularText and readRegularFile on
 *   results.csv fail in this file, as a 552 MB file did with ERR_STRING_TOO_LONG).
 * - An aborted signal stops reading and drawing (DrawingInterrupted; no report.html).
 * - Ctrl-C while a command draws its charts: one line says the results are complete and how to
 *   draw the charts, and the command goes on to exit 0 (in-process, with the signal emitted
 *   exactly while drawing; and through the built command line after a sweep).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import seedrandom from 'seedrandom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { drawChartsAndReport } from '../../src/cli/charts.js';
import { summarizeDefined } from '../../src/experiments/stats.js';
import { toCsv, toJson } from '../../src/io/files.js';
import { DrawingInterrupted, readSweepOutputs, writeChartsAndReport } from '../../src/output/report/index.js';
import { summariseResults } from '../../src/output/report/sweep.js';
import { tempDir } from '../cli/helpers.js';

/** readFileSync of a results.csv throws while `guard.on` (the old reader read it whole); so do the readers of src/io/read.ts (below). */
const guard = vi.hoisted(() => ({ on: true, asked: 0 }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const readFileSync = ((path: unknown, ...rest: unknown[]) => {
    if (guard.on && String(path).endsWith('results.csv')) {
      guard.asked += 1;
      throw Object.assign(new Error('Cannot create a string longer than 0x1fffffe8 characters'), { code: 'ERR_STRING_TOO_LONG' });
    }
    return (fs.readFileSync as (...a: unknown[]) => unknown)(path, ...rest);
  }) as typeof fs.readFileSync;
  return { ...fs, readFileSync, default: { ...fs, readFileSync } };
});

/**
 * The same for povsim's own whole-file readers (src/io/read.ts: readRegularText, readRegularFile),
 * through which every whole read of a file now goes: asked for a results.csv, they throw.
 */
vi.mock('../../src/io/read.js', async (importOriginal) => {
  const read = await importOriginal<typeof import('../../src/io/read.js')>();
  const refuse = <F extends (file: string, ...rest: never[]) => unknown>(whole: F): F =>
    ((file: string, ...rest: never[]) => {
      if (guard.on && String(file).endsWith('results.csv')) {
        guard.asked += 1;
        throw Object.assign(new Error('Cannot create a string longer than 0x1fffffe8 characters'), { code: 'ERR_STRING_TOO_LONG' });
      }
      return whole(file, ...rest);
    }) as F;
  return { ...read, readRegularText: refuse(read.readRegularText), readRegularFile: refuse(read.readRegularFile) };
});

afterEach(() => {
  guard.on = true;
});

const AUDIT = 'supervision.auditRate';
const QUOTA = 'identification.quota';
const root = tempDir('povsim-big-results-');
let folders = 0;

/**
 * A sweep folder over a grid of `levels` x `levels` points with `replicates` runs each, metrics
 * drawn from `seed`: some runs failed, some metric values empty; rows in a shuffled order when
 * `shuffle` (merged or hand-made files need not be in run order).
 */
function syntheticSweep(seed: string, levels: number, replicates: number, shuffle = false): string {
  const rng = seedrandom(seed);
  const dir = join(root, `sweep-${(folders += 1)}`);
  mkdirSync(dir);
  const audits = Array.from({ length: levels }, (_, k) => Number((0.05 + 0.01 * k).toFixed(2)));
  const quotas = Array.from({ length: levels }, (_, k) => Number((0.02 + 0.005 * k).toFixed(3)));
  const rows: (string | number | null)[][] = [];
  for (let point = 0; point < levels * levels; point += 1) {
    for (let replicate = 0; replicate < replicates; replicate += 1) {
      const failed = rng() < 0.05;
      const leakage = failed || rng() < 0.05 ? null : Math.round(rng() * 1e6) / 1e6;
      rows.push([point * replicates + replicate, point, replicate, 1000 + point, failed ? 'failed' : 'ok',
        audits[Math.floor(point / levels)] as number, quotas[point % levels] as number, failed ? null : rng(), leakage, failed ? 'injected, "quoted" failure' : null]);
    }
  }
  if (shuffle) rows.sort(() => rng() - 0.5);
  writeFileSync(join(dir, 'manifest.json'), toJson({
    povsim: '0.1.0', kind: 'sweep', command: 'povsim sweep synthetic.yaml',
    sweep: { name: 'synthetic', description: 'synthetic results', file: 'synthetic.yaml', sha256: 'a'.repeat(64) },
    scenario: { name: 'baseline', file: 'scenarios/baseline.yaml', chain: ['scenarios/baseline.yaml'], sha256: 'c'.repeat(64), overrides: [] },
    design: { kind: 'grid', factors: [{ name: AUDIT, values: audits }, { name: QUOTA, values: quotas }] },
    points: levels * levels, replicates, runs: rows.length, seed: 1, outputs: ['headcount', 'leakage'], shard: null, mergedFrom: null,
    columns: { parameters: [AUDIT, QUOTA], metrics: ['headcount', 'leakage'] }, node: 'v20.0.0', platform: 'linux-x64',
    startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:01.000Z', status: 'complete', done: rows.length, failed: 0, sensitivity: null,
  }));
  writeFileSync(join(dir, 'results.csv'), toCsv(['run', 'point', 'replicate', 'seed', 'status', AUDIT, QUOTA, 'headcount', 'leakage', 'error'], rows));
  return dir;
}

/** The per-point summary computed from the whole file in memory: the definition the stream must meet. */
function inMemorySummary(dir: string, metric: string) {
  guard.on = false;
  const records = parse(readFileSync(join(dir, 'results.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  guard.on = true;
  const byPoint = new Map<number, Record<string, string>[]>();
  for (const r of records) byPoint.set(Number(r['point']), [...(byPoint.get(Number(r['point'])) ?? []), r]);
  const points = [...byPoint.keys()].sort((a, b) => a - b).map((point) => {
    const rows = byPoint.get(point) ?? [];
    const ok = rows.filter((r) => r['status'] === 'ok');
    const s = summarizeDefined(ok.map((r) => (r[metric] === '' ? null : Number(r[metric]))));
    const first = rows[0] as Record<string, string>;
    return {
      point, values: { [AUDIT]: Number(first[AUDIT]), [QUOTA]: Number(first[QUOTA]) }, runs: ok.length,
      n: s.n, mean: s.mean, ciLow: s.ci95?.[0] ?? null, ciHigh: s.ci95?.[1] ?? null,
    };
  });
  return { points, rows: records.length, failedRows: records.filter((r) => r['status'] !== 'ok').length };
}

describe('results.csv read as a stream', () => {
  it.each([
    ['a 6 x 6 grid, 5 replicates', 'seed-a', 6, 5, false],
    ['a 12 x 12 grid, 1 replicate', 'seed-b', 12, 1, false],
    ['a 4 x 4 grid, 30 replicates, rows out of order', 'seed-c', 4, 30, true],
  ] as const)('%s: the same summaries as reading the whole file, without ever reading it whole', async (_name, seed, levels, replicates, shuffle) => {
    const dir = syntheticSweep(seed, levels, replicates, shuffle);
    guard.asked = 0;
    for (const metric of ['leakage', 'headcount']) {
      const streamed = await summariseResults(join(dir, 'results.csv'), [AUDIT, QUOTA], metric);
      expect(streamed).toEqual(inMemorySummary(dir, metric));
    }
    // The whole chart and report step, too.
    const files = await writeChartsAndReport(dir);
    expect(files).toEqual([join(dir, 'charts/heatmap-leakage.png'), join(dir, 'report.html')]);
    expect(guard.asked).toBe(0);
  });

  it('a results.csv that is missing or not a regular file (a folder, a FIFO) is one clear input error, worded as by every reader', async () => {
    const dir = syntheticSweep('seed-d', 2, 1);
    const folder = join(dir, 'not-a-file');
    mkdirSync(folder);
    await expect(summariseResults(folder, [AUDIT], 'leakage')).rejects.toThrow(`${folder}: expected the results.csv povsim sweep wrote, found a directory`);
    // A missing file: the words of every other reader (src/io/read.ts).
    const missing = join(dir, 'gone.csv');
    await expect(summariseResults(missing, [AUDIT], 'leakage')).rejects.toThrow(`${missing}: no such file`);
    // A FIFO would block a reader for ever: refused at once.
    const fifo = join(dir, 'fifo.csv');
    execFileSync('mkfifo', [fifo]);
    await expect(summariseResults(fifo, [AUDIT], 'leakage')).rejects.toThrow(`${fifo}: expected the results.csv povsim sweep wrote, found a FIFO (named pipe)`);
  });

  it('an aborted signal stops reading and drawing: DrawingInterrupted, no report.html', async () => {
    const dir = syntheticSweep('seed-e', 5, 4);
    const controller = new AbortController();
    controller.abort();
    await expect(readSweepOutputs(dir, { signal: controller.signal })).rejects.toBeInstanceOf(DrawingInterrupted);
    await expect(writeChartsAndReport(dir, { signal: controller.signal })).rejects.toBeInstanceOf(DrawingInterrupted);
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
    expect(existsSync(join(dir, 'charts'))).toBe(false);
  });
});

describe('Ctrl-C while the charts are drawn', () => {
  it('in-process: drawing stops, one line says the results are complete and how to draw the charts', async () => {
    const dir = syntheticSweep('seed-f', 5, 2);
    const before = new Set(process.listeners('SIGINT'));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const drawing = drawChartsAndReport(dir, { formats: ['png'] });
      process.emit('SIGINT'); // the listener is in place as soon as drawing starts
      expect(await drawing).toEqual([]);
      expect(stderr.mock.calls.map((c) => String(c[0]))).toEqual([
        `povsim: interrupted while drawing the charts; the results in ${dir}/ are complete, the charts and report.html are not (draw them with: povsim chart ${dir})\n`,
      ]);
    } finally {
      stderr.mockRestore();
      for (const listener of process.listeners('SIGINT')) if (!before.has(listener)) process.off('SIGINT', listener);
      for (const listener of process.listeners('SIGTERM')) if (!before.has(listener)) process.off('SIGTERM', listener);
    }
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
  });

  it('after a complete sweep (built command line): exit 0, the results complete, the charts drawn or the way to draw them said', async () => {
    const file = join(root, 'charted.yaml');
    writeFileSync(
      file,
      `name: charted\nscenario: ${resolve('scenarios/baseline.yaml')}\nseed: 2\n` +
        'set: { township.households: 100, township.villages: 2, simulation.months: 3 }\n' +
        'parameters:\n  supervision.auditRate: [0.05, 0.3]\n  identification.quota: [0.05, 0.1]\n',
    );
    const out = join(root, 'charted');
    const child = spawn(process.execPath, [resolve('bin/povsim.js'), 'sweep', file, '--workers', '1', '--out', out], { env: { ...process.env, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const drawing = new Promise<void>((ready) =>
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('drawing the charts and report.html')) ready();
      }));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('close', (code, signal) => done({ code, signal })));
    await drawing;
    child.kill('SIGINT');
    const outcome = await exited;
    expect(outcome, stderr).toEqual({ code: 0, signal: null });
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toMatchObject({ status: 'complete', done: 4 });
    expect(stdout).toMatch(/^4 runs, 0 failed, in /);
    if (stderr.includes('interrupted while drawing the charts')) {
      // Stopped in time: said so, and no report that would not match.
      expect(stderr).toContain(`the results in ${out}/ are complete, the charts and report.html are not (draw them with: povsim chart ${out})`);
      expect(existsSync(join(out, 'report.html'))).toBe(false);
    } else {
      // The signal came after the last chart: nothing was interrupted.
      expect(existsSync(join(out, 'report.html'))).toBe(true);
    }
  });
});

describe('Ctrl-C after povsim run has simulated', () => {
  it('the outputs and charts are finished, it says they are complete, and exits 0 (built command line)', async () => {
    const out = join(root, 'run-signalled');
    const child = spawn(process.execPath, [resolve('bin/povsim.js'), 'run', '--households', '300', '--months', '12', '--out', out], { env: { ...process.env, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('close', (code, signal) => done({ code, signal })));
    // summary.json is written once the simulation is done, before the charts.
    const summary = join(out, 'summary.json');
    while (!existsSync(summary)) await new Promise((next) => setTimeout(next, 5));
    const delivered = child.kill('SIGINT'); // false if it had already exited
    const outcome = await exited;
    expect(outcome, stderr).toEqual({ code: 0, signal: null });
    if (delivered && stderr !== '') expect(stderr).toBe(`povsim: interrupted after the run finished; its outputs in ${out}/ are complete\n`);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    expect(existsSync(join(out, 'charts', 'incidence.png'))).toBe(true);
  });
});
