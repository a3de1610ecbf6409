/**
 * Huge designs and worker counts (issue 10, items 4, 5 and 20), through the built command line:
 * - a sweep of 10^15 runs (random, `samples: 1e15`) or a 10^12-point grid is refused before
 *   anything is written: one line naming the file, the key, the run count and --max-runs; exit 2;
 * - with --max-runs it starts: the run count is printed before anything is written, design.csv is
 *   written in chunks that let signals through, and SIGINT (then SIGTERM on --resume) stops it
 *   with exit 130, leaving a folder that --resume accepts;
 * - --dry-run prints the run count and the design (the rows design.csv gets), writing nothing;
 * - --workers above the processor count is capped, with one line saying so.
 * Every wait is for an event (a line printed, a file appearing, a process exiting), never a clock.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workersOption } from '../../src/cli/workers.js';
import { InputError } from '../../src/scenario/errors.js';
import { povsim, tempDir } from '../cli/helpers.js';

const root = tempDir('povsim-huge-');
const baseline = resolve('scenarios/baseline.yaml');
const SMALL = 'set: { township.households: 100, township.villages: 2, simulation.months: 3 }\n';
const processors = Math.max(1, availableParallelism());

function sweepFile(name: string, body: string): string {
  const file = join(root, `${name}.yaml`);
  writeFileSync(file, `name: ${name}\nscenario: ${baseline}\nseed: 4\n${SMALL}${body}`);
  return file;
}

/** 10^15 random points over two ranges. */
const huge = sweepFile('huge', 'design: random\nsamples: 1e15\nparameters:\n  supervision.auditRate: { min: 0.05, max: 0.5 }\n  identification.pmtNoise: { min: 0.1, max: 1 }\n');
/** A grid of six ranges at 100 levels each: 10^12 points. */
const grid = sweepFile(
  'huge-grid',
  'design: grid\nlevels: 100\nparameters:\n' +
    ['population.elderlyShare', 'population.labourShare', 'population.migrantShare', 'population.chronicIllnessShare', 'population.disabilityShare', 'population.connectedShare']
      .map((p) => `  ${p}: { min: 0.1, max: 0.2 }\n`)
      .join(''),
);
/** 4 points x 1 replicate of tiny runs. */
const tiny = sweepFile('tiny', 'parameters:\n  supervision.auditRate: [0.05, 0.3]\n  identification.method: [community, pmt]\n');

/** Starts `povsim ...` in the background; `lines` resolves when stderr holds a line matching `pattern`. */
function start(args: readonly string[]) {
  const child = spawn(process.execPath, [resolve('bin/povsim.js'), ...args], { env: { ...process.env, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiting: { pattern: RegExp; done: () => void }[] = [];
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    for (const w of waiting.filter((x) => x.pattern.test(stderr))) {
      waiting.splice(waiting.indexOf(w), 1);
      w.done();
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((done) =>
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr })));
  const printed = (pattern: RegExp): Promise<void> =>
    pattern.test(stderr) ? Promise.resolve() : new Promise((done) => waiting.push({ pattern, done }));
  return { child, exited, printed };
}

/** Resolves once `file` exists (checked on every turn of the event loop; no deadline but the test's). */
async function appears(file: string): Promise<void> {
  while (!existsSync(file)) await new Promise((next) => setTimeout(next, 5));
}

describe('a huge design', () => {
  it('10^15 runs: refused with one line and exit 2 before anything is written', () => {
    const out = join(root, 'refused');
    const r = povsim(['sweep', huge, '--workers', '1', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `povsim: ${huge}: samples: the sweep has 1,000,000,000,000,000 runs (1,000,000,000,000,000 points x 1 replicate; results.csv about 650,000 TB), ` +
        'more than the limit of 1,000,000 runs; check the design, or pass --max-runs 1000000000000000 to run it anyway\n',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('a 10^12-point grid: refused the same way, naming its parameters', () => {
    const out = join(root, 'refused-grid');
    const r = povsim(['sweep', grid, '--workers', '1', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^povsim: .*huge-grid\.yaml: parameters: the sweep has 1,000,000,000,000 runs .*--max-runs 1000000000000 to run it anyway\n$/);
    expect(existsSync(out)).toBe(false);
  });

  it('a bad --max-runs is a usage error', () => {
    const r = povsim(['sweep', tiny, '--max-runs', '0', '--out', join(root, 'bad-max')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('povsim: --max-runs: expected a whole number of runs >= 1, e.g. --max-runs 5000000, found 0\n');
  });

  it('with --max-runs: the run count first, then SIGINT while design.csv is written stops it (exit 130), and --resume takes the folder up again', async () => {
    const out = join(root, 'allowed');
    const args = ['sweep', huge, '--workers', '1', '--no-charts', '--max-runs', '1e16', '--out', out];
    const first = start(args);
    await first.printed(/^povsim sweep huge: random design, 1,000,000,000,000,000 points .* = 1,000,000,000,000,000 runs; 1 worker; folder /m);
    await appears(join(out, 'design.csv.partial')); // inside the design loop, which would run for days
    first.child.kill('SIGINT');
    const stopped = await first.exited;
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stdout).toContain(`Interrupted: 0 of 1,000,000,000,000,000 runs done, 0 failed`);
    expect(stopped.stdout).toContain(`Continue with: povsim sweep ${huge} --resume --out ${out}`);
    expect(stopped.stderr).not.toMatch(/internal error|\n\s+at /);
    // No half design.csv and no other leftovers; the manifest says what happened.
    expect(readdirSync(out)).toEqual(['manifest.json']);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toMatchObject({ status: 'interrupted', done: 0, runs: 1e15 });

    const again = start([...args, '--resume']);
    await appears(join(out, 'design.csv.partial')); // the folder was accepted: the design is being written again
    again.child.kill('SIGTERM');
    const resumed = await again.exited;
    expect(resumed.code, resumed.stderr).toBe(130);
    expect(resumed.stdout).toContain('Interrupted: 0 of 1,000,000,000,000,000 runs done');
    expect(readdirSync(out)).toEqual(['manifest.json']);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.status).toBe('interrupted');
    expect(manifest.sessions).toHaveLength(2);
  });
});

describe('sweep --dry-run', () => {
  it('prints the run count and the rows design.csv gets, and writes nothing', () => {
    const out = join(root, 'dry');
    const dry = povsim(['sweep', tiny, '--workers', '1', '--dry-run', '--out', out]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toBe('');
    expect(existsSync(out)).toBe(false);
    const [heading, note, blank, ...design] = dry.stdout.trimEnd().split('\n');
    expect(heading).toBe(`povsim sweep tiny: grid design, 4 points x 1 replicate = 4 runs; 1 worker; folder ${out}/`);
    expect(note).toBe('Dry run: nothing was run and nothing was written.');
    expect(blank).toBe('');
    // The same rows as the design.csv of the real sweep.
    const real = join(root, 'dry-real');
    expect(povsim(['sweep', tiny, '--workers', '1', '--no-charts', '--out', real]).code).toBe(0);
    expect(`${design.join('\n')}\n`).toBe(readFileSync(join(real, 'design.csv'), 'utf8'));
  });

  it('a huge design: the count, the limit, and only its first rows', () => {
    const out = join(root, 'dry-huge');
    const dry = povsim(['sweep', huge, '--workers', '1', '--dry-run', '--out', out]);
    expect(dry.code, dry.stderr).toBe(0);
    const lines = dry.stdout.trimEnd().split('\n');
    expect(lines[0]).toContain('= 1,000,000,000,000,000 runs');
    expect(lines[2]).toBe('Over the limit of 1,000,000 runs: povsim sweep refuses it unless --max-runs 1000000000000000 is given (see docs/experiments.md).');
    expect(lines[4]).toBe('point,supervision.auditRate,identification.pmtNoise');
    expect(lines.slice(5, 25).map((l) => l.split(',')[0])).toEqual(Array.from({ length: 20 }, (_, k) => String(k)));
    expect(lines[25]).toBe('(the first 20 of 1,000,000,000,000,000 design points; povsim sweep writes them all to design.csv)');
    expect(lines).toHaveLength(26);
    expect(existsSync(out)).toBe(false);
  });
});

describe('--workers above the number of processors', () => {
  const capped = `povsim: --workers 1000 is more than the ${processors} processor${processors === 1 ? '' : 's'} here; using ${processors}\n`;

  it('compare: capped, with one line saying so; the manifest records the workers used', () => {
    const out = join(root, 'compare-capped');
    const r = povsim(['compare', 'scenarios/baseline.yaml', 'scenarios/improved-oversight.yaml', '--households', '100', '--months', '3', '--replicates', '2', '--workers', '1000', '--no-charts', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(capped);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).workers).toBe(processors);
  });

  it('sweep: capped, with one line saying so', () => {
    const r = povsim(['sweep', tiny, '--workers', '1000', '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(capped);
    expect(r.stdout).toContain(`= 4 runs; ${processors} worker${processors === 1 ? '' : 's'}; folder`);
  });

  it('workersOption: the default is the processor count; a count up to it is kept; not a whole number >= 1 is refused', () => {
    const warnings: string[] = [];
    const warn = (line: string): void => void warnings.push(line);
    expect(workersOption(undefined, warn)).toBe(processors);
    expect(workersOption(1, warn)).toBe(1);
    expect(workersOption(processors, warn)).toBe(processors);
    expect(warnings).toEqual([]);
    expect(workersOption(processors + 1, warn)).toBe(processors);
    expect(warnings).toHaveLength(1);
    for (const bad of [0, -1, 2.5, Number.NaN]) expect(() => workersOption(bad, warn)).toThrow(InputError);
  });
});
