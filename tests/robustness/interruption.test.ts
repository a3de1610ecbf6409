/**
 * Interrupted sweeps (issue 6), through the built command line (`npm test` builds first):
 * - SIGKILL at random moments, KILLS times (4 in `npm test`, one of each kind below; 20 in `npm run test:long`): a small
 *   sweep is killed and resumed again and again until it completes, in fresh folders until enough
 *   kills have landed; after every kill the folder holds a prefix of the final results.csv, and
 *   every completed folder holds exactly the results.csv of an uninterrupted sweep.
 * - SIGINT and SIGTERM (and a second SIGINT, which quits at once), sent by the sweep to itself
 *   just after a row is written (kill-at.mjs): exit code 130, a line saying how to resume,
 *   results.csv ending with a complete row, and the resumed sweep identical.
 * Only processes this file spawns are signalled, by their own pid.
 *
 * Every moment is an event, never a time (the machine may be busy). Kills cycle through four kinds
 * of moment, each at a random place drawn from KILL_SEED: after the N-th line written to results.csv,
 * halfway through writing the N-th line, just before the N-th rename of a new manifest.json or
 * design.csv into place (these three by the process itself, at that exact point: kill-at.mjs,
 * preloaded), and from outside once the sweep prints its first line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { loadSweep } from '../../src/experiments/sweep-file.js';
import { runSweep } from '../../src/experiments/sweep.js';
import { povsim, tempDir } from '../cli/helpers.js';
import { LONG, sized } from '../long.js';

const KILLS = Number(process.env['KILLS'] ?? sized(4, 20));
/** Replicates of the killed sweep's 4 points: 40 runs in npm test, 160 in test:long. */
const KILLED_REPLICATES = sized(10, 40);
const KILLED_RUNS = 4 * KILLED_REPLICATES;
const KILL_SEED = process.env['KILL_SEED'] ?? 'povsim-kill';

const root = tempDir('povsim-interrupt-');
const baseline = resolve('scenarios/baseline.yaml');

/** A grid of 4 points x `replicates` runs of 100 households over 12 months (a few ms a run). */
function sweepFile(name: string, replicates: number): string {
  const file = join(root, `${name}.yaml`);
  writeFileSync(
    file,
    `name: ${name}\nscenario: ${baseline}\nseed: 9\nreplicates: ${replicates}\n` +
      'set: { township.households: 100, township.villages: 2, simulation.months: 12 }\n' +
      'parameters:\n  supervision.auditRate: [0.05, 0.3]\n  identification.method: [community, pmt]\n',
  );
  return file;
}

const resultsOf = (dir: string): string => (existsSync(join(dir, 'results.csv')) ? readFileSync(join(dir, 'results.csv'), 'utf8') : '');

/** The uninterrupted sweep in `file`, written into `out` by the library: the results the command line must reach. */
async function referenceSweep(file: string, out: string): Promise<string> {
  const report = await runSweep(loadSweep(file), { out });
  expect(report.status).toBe('complete');
  return resultsOf(out);
}

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface Started {
  readonly child: ChildProcess;
  readonly exited: Promise<Outcome>;
  /** Resolves at the first output the sweep prints (its heading). */
  readonly spoke: Promise<void>;
}

/** Starts `povsim sweep` in the background (plain periodic progress: CI=1). */
function start(args: readonly string[], killAt?: string): Started {
  const hook = killAt === undefined ? [] : ['--import', resolve('tests/robustness/kill-at.mjs')];
  const env = { ...process.env, CI: '1', ...(killAt === undefined ? {} : { POVSIM_TEST_KILL_AT: killAt }) };
  const child = spawn(process.execPath, [...hook, resolve('bin/povsim.js'), 'sweep', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let spoke: () => void = () => undefined;
  const firstOutput = new Promise<void>((done) => (spoke = done));
  child.stdout!.on('data', (d: Buffer) => ((stdout += d.toString()), spoke()));
  child.stderr!.on('data', (d: Buffer) => ((stderr += d.toString()), spoke()));
  const exited = new Promise<Outcome>((done) =>
    child.on('close', (code, signal) => {
      spoke();
      done({ code, signal, stdout, stderr });
    }));
  return { child, exited, spoke: firstOutput };
}

const rowsIn = (dir: string): number => Math.max(0, resultsOf(dir).split('\n').length - 2);

/**
 * The moment of the `k`-th kill (the kinds take turns), for a process that has `lines` lines of
 * results.csv still to write (the header included in a fresh folder): a POVSIM_TEST_KILL_AT value
 * for kill-at.mjs, or "first line" for a kill from outside once the sweep prints its first line.
 * Where a process has no line left to write, a rename.
 */
function killMoment(k: number, rng: () => number, lines: number): string {
  const kind = ['line', 'torn', 'rename', 'first line'][k % 4]!;
  const line = 1 + Math.floor(rng() * lines);
  if (kind === 'first line') return kind;
  // design.csv is renamed into place in a fresh folder (a resumed sweep may keep it); manifest.json
  // at least twice by every sweep (at the start and at the end).
  const fresh = lines === KILLED_RUNS + 1;
  if (kind === 'rename' || lines === 0) return fresh && rng() < 0.5 ? 'rename:design.csv:1' : `rename:manifest.json:${1 + Math.floor(rng() * 2)}`;
  return `${kind}:${line}`;
}

/** The text up to and including its last line end: the complete rows. */
const completeRows = (text: string): string => text.slice(0, text.lastIndexOf('\n') + 1);

describe('a sweep killed with SIGKILL at random moments', () => {
  it(`resumes to the results.csv of an uninterrupted sweep, whatever the moment (${KILLS} kills, seed ${KILL_SEED})`, async () => {
    const file = sweepFile('killed', KILLED_REPLICATES);
    const expected = await referenceSweep(file, join(root, 'killed-reference'));
    expect(expected.split('\n')).toHaveLength(KILLED_RUNS + 2); // header, the rows, final line end

    const rng = seedrandom(KILL_SEED);
    let kills = 0;
    let folders = 0;
    const landed: string[] = [];
    const kinds = new Set<string>();
    while (kills < KILLS) {
      folders += 1;
      const dir = join(root, `killed-${folders}`);
      // At most 3 kills a folder, so that fresh folders see the early moments too.
      for (let here = 0; ; here += 1) {
        const before = rowsIn(dir);
        const moment = kills < KILLS && here < 3 ? killMoment(kills, rng, existsSync(join(dir, 'results.csv')) ? KILLED_RUNS - before : KILLED_RUNS + 1) : null;
        const attempt = start([file, '--workers', '2', '--resume', '--no-charts', '--out', dir], moment?.startsWith('first line') ? undefined : (moment ?? undefined));
        if (moment?.startsWith('first line')) {
          await attempt.spoke;
          attempt.child.kill('SIGKILL');
        }
        const outcome = await attempt.exited;
        if (outcome.signal === 'SIGKILL') {
          kills += 1;
          kinds.add(moment!.split(':')[0]!);
          // Whatever the moment, the complete rows are a prefix of the final file.
          const rows = completeRows(resultsOf(dir));
          expect(expected.startsWith(rows), `after a kill ${moment}: ${rows.slice(-200)}`).toBe(true);
          landed.push(rows === '' ? 'before results.csv' : `${rows.split('\n').length - 2} rows`);
          continue;
        }
        // A kill was due at a moment this attempt reached: it must have landed.
        expect(moment === null || moment.startsWith('first line'), `the kill at ${moment} never came: has the way povsim writes results.csv changed? (kill-at.mjs)`).toBe(true);
        expect(outcome.code, outcome.stderr).toBe(0);
        break;
      }
      expect(resultsOf(dir)).toBe(expected);
      // Leftovers of writes cut short are cleared on resume: only the sweep's own files remain.
      expect(readdirSync(dir).sort()).toEqual(['design.csv', 'manifest.json', 'results.csv']);
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      expect(manifest).toMatchObject({ status: 'complete', done: KILLED_RUNS, failed: 0 });
    }
    expect(kills).toBe(KILLS);
    // Every kind of moment was tried (the kinds take turns).
    expect(kinds.size, landed.join(', ')).toBe(Math.min(KILLS, 4));
  });
});

describe('SIGINT and SIGTERM during a sweep', () => {
  const replicates = sized(15, 60);
  const runs = 4 * replicates;
  const file = sweepFile('signalled', replicates);
  const reference = join(root, 'signalled-reference');

  // npm test: SIGINT and a second SIGINT; test:long adds SIGTERM (the same path in the sweep). The
  // sweep signals itself just after its fifth line (header and 4 rows): an event, not a time.
  it.each([
    ['SIGINT', 'SIGINT'],
    ...(LONG ? ([['SIGTERM', 'SIGTERM']] as const) : []),
    ['SIGINT twice (quits at once)', 'SIGINT2'],
  ] as const)('%s: exit 130, how to resume, no truncated row; --resume completes identically', async (_name, signals) => {
    if (!existsSync(reference)) await referenceSweep(file, reference);
    const dir = join(root, `signalled-${signals}`);
    const outcome = await start([file, '--workers', '2', '--no-charts', '--out', dir], `${signals}:5`).exited;
    expect(outcome.code, outcome.stderr).toBe(130);
    expect(outcome.stderr).not.toMatch(/\n\s+at /);
    const rows = resultsOf(dir);
    expect(rows.endsWith('\n')).toBe(true);
    expect(resultsOf(reference).startsWith(rows)).toBe(true);
    const done = rows.split('\n').length - 2;
    expect(done).toBeGreaterThanOrEqual(4);
    expect(done).toBeLessThan(runs); // it really stopped early
    if (signals !== 'SIGINT2') {
      // Stopped cleanly: the runs in flight were written, the manifest says so, the way on is shown.
      expect(outcome.stderr).toContain('stopping after the runs in progress');
      expect(outcome.stdout).toContain(`Interrupted: ${done} of ${runs} runs done`);
      expect(outcome.stdout).toContain(`Continue with: povsim sweep ${file} --resume --out ${dir}`);
      expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))).toMatchObject({ status: 'interrupted', done });
    }
    const resumed = povsim(['sweep', file, '--workers', '2', '--resume', '--no-charts', '--out', dir]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`resuming: ${done} of ${runs} runs already done`);
    expect(resultsOf(reference)).toBe(resultsOf(dir));
  });
});
