/**
 * Output folders that hold files povsim did not write, folders two processes share, tampered
 * results and a full disk (issue 10, items 8 to 11), through the built command line.
 * - povsim deletes or overwrites only the files a folder's manifest lists: foreign files make the
 *   command refuse (one line, exit 2) and are left as they were; a sweep folder is not a run's.
 * - system folders (/, /etc/..., the home folder) are refused, also through a symbolic link.
 * - one povsim at a time per folder: the second exits 2 naming the holder; a lock left by SIGKILL
 *   does not stop a resume.
 * - `--resume` refuses a results.csv changed by hand (each kind of change), naming file, line,
 *   what was expected and what was found.
 * - merge on a full disk writes everything or nothing; a run over an earlier run leaves nothing of
 *   the earlier run beside its files, and its manifest lists exactly the files there.
 * Processes are awaited by their exit events and the lock file's appearance, never by a clock.
 *
 * `npm test` sends every kind of refusal through the command line, and every command into at least
 * one of them; `npm run test:long` (tests/long.ts) sends every command into every refusal, tries
 * every system folder and more full-disk sizes. Sweeps that only make a folder for a test to read
 * (references, shards) run through the library: the command line is what refuses, resumes or merges.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statfsSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSweep } from '../../src/experiments/sweep-file.js';
import { runSweep } from '../../src/experiments/sweep.js';
import { lockOutputFolder } from '../../src/io/folder-lock.js';
import { InputError } from '../../src/scenario/index.js';
import { povsim, tempDir, type CliResult } from '../cli/helpers.js';
import { mountTmpfsOrSkip, remountTmpfs, unmountTmpfs } from '../tmpfs.js';
import { sized } from '../long.js';

const root = tempDir('povsim-folders-');
const baseline = resolve('scenarios/baseline.yaml');
const LOCK = '.povsim-lock';

/** A grid sweep of `replicates` x 4 tiny runs. */
function sweepFile(name: string, replicates: number): string {
  const file = join(root, `${name}.yaml`);
  writeFileSync(
    file,
    `name: ${name}\nscenario: ${baseline}\nseed: 2\nreplicates: ${replicates}\nset: { township.households: 100, township.villages: 2, simulation.months: 6 }\n` +
      'parameters:\n  supervision.auditRate: [0.05, 0.3]\n  identification.method: [community, pmt]\n',
  );
  return file;
}
const SWEEP = sweepFile('tiny', 3);

const RUN = (out: string, ...more: string[]): string[] => ['run', '--households', '200', '--months', '6', '--no-charts', '--out', out, ...more];
const COMPARE = (out: string): string[] => ['compare', 'scenarios/baseline.yaml', 'scenarios/improved-oversight.yaml', '--households', '100', '--months', '6', '--replicates', '2', '--workers', '1', '--no-charts', '--out', out];
const SWEEP_CMD = (out: string, ...more: string[]): string[] => ['sweep', SWEEP, '--workers', '1', '--no-charts', '--out', out, ...more];
const CHART = (dir: string): string[] => ['chart', dir];
const MERGE_INTO = (out: string): string[] => ['merge', join(root, 'nowhere'), '--out', out];

/** The sweep in `file` written into `out` by the library (a folder for the command line to work on). */
async function sweepWithLibrary(file: string, out: string, shard: { index: number; count: number } | null = null): Promise<void> {
  const report = await runSweep(loadSweep(file), { out, shard });
  expect(report.status).toBe('complete');
}

/** Every file below `dir` (relative paths, sorted), with its bytes. */
function snapshot(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile()).sort();
  return Object.fromEntries(files.map((f) => [f, readFileSync(join(dir, f), 'latin1')]));
}

/** Exit code 2 and one line on stderr matching `pattern` (a sweep may print its heading first). */
function expectRefused(result: CliResult, pattern: RegExp | string, code = 2): void {
  expect(result.code, result.stderr).toBe(code);
  const lines = result.stderr.trim().split('\n').filter((line) => !line.startsWith('povsim sweep '));
  expect(lines, result.stderr).toHaveLength(1);
  if (typeof pattern === 'string') expect(lines[0]).toBe(`povsim: ${pattern}`);
  else expect(lines[0]).toMatch(pattern);
}

/** Starts the built povsim in the background. */
function start(args: readonly string[]): { child: ChildProcess; exit: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, ['bin/povsim.js', ...args], { env: { ...process.env, CI: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; stderr: string }>((done) => child.on('close', (code) => done({ code, stderr })));
  return { child, exit };
}

/** Resolves once `file` exists (true), or once the process has exited first (false). */
async function appears(file: string, exit: Promise<unknown>): Promise<boolean> {
  let exited = false;
  void exit.then(() => (exited = true));
  while (!existsSync(file)) {
    if (exited) return existsSync(file);
    await new Promise((r) => setTimeout(r, 5)); // a poll for the file, not a limit: no time is asserted
  }
  return true;
}

describe('files povsim did not write are kept, and the command refused', () => {
  it('run --out a folder with a report.html and charts of the user\'s own: refused, nothing touched', () => {
    const dir = join(root, 'foreign-run');
    mkdirSync(join(dir, 'charts'), { recursive: true });
    writeFileSync(join(dir, 'report.html'), 'my own report');
    writeFileSync(join(dir, 'charts', 'incidence.png'), 'my own chart');
    const before = snapshot(dir);
    expectRefused(povsim(RUN(dir)), `${dir}: holds files povsim did not write (charts/incidence.png, report.html); choose another folder with --out`);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a file of the user\'s beside an earlier run\'s files: every command refuses, naming it', () => {
    const dir = join(root, 'run-plus-notes');
    expect(povsim(RUN(dir)).code).toBe(0);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const before = snapshot(dir);
    // npm test: compare and chart (run is refused such a folder above, sweep a run's folder below)
    for (const command of sized([COMPARE, CHART], [RUN, COMPARE, SWEEP_CMD, CHART])) {
      expectRefused(povsim(command(dir)), `${dir}: holds files povsim did not write (notes.txt) beside the outputs of povsim run; choose another folder with --out`);
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it('a manifest.json that is not povsim\'s is not taken as proof', () => {
    const dir = join(root, 'fake-manifest');
    mkdirSync(dir);
    writeFileSync(join(dir, 'manifest.json'), '{"name": "my package"}');
    expectRefused(povsim(RUN(dir)), `${dir}: holds a manifest.json povsim did not write; choose another folder with --out`);
    expect(readFileSync(join(dir, 'manifest.json'), 'utf8')).toBe('{"name": "my package"}');
  });

  it('a manifest edited to list a file outside its folder proves nothing: that file is kept', () => {
    const dir = join(root, 'escape', 'run');
    expect(povsim(['run', '--households', '200', '--months', '6', '--out', dir]).code).toBe(0);
    const victim = join(root, 'escape', 'victim.txt');
    writeFileSync(victim, 'keep me');
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, outputs: [...manifest.outputs, '../victim.txt', `${victim}`] }));
    expect(povsim(RUN(dir)).code).toBe(0); // --no-charts: the earlier charts and report are removed, nothing else
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(Object.keys(snapshot(dir))).toEqual(['manifest.json', 'summary.json', 'timeseries.csv']);
  });

  it('a sweep folder is protected from run and compare: it can still resume and merge', async () => {
    const dir = join(root, 'sweep-protected');
    const shard = join(root, 'sweep-protected-merged');
    await sweepWithLibrary(SWEEP, dir, { index: 1, count: 1 });
    const before = snapshot(dir);
    expectRefused(povsim(RUN(dir)), `${dir}: holds the outputs of povsim sweep (see its manifest.json); choose another folder with --out`);
    expectRefused(povsim(COMPARE(dir)), `${dir}: holds the outputs of povsim sweep (see its manifest.json); choose another folder with --out`);
    expect(snapshot(dir)).toEqual(before);
    // Still a sweep folder: it resumes (nothing to do) and merges.
    expect(povsim(SWEEP_CMD(dir, '--shard', '1/1', '--resume')).code).toBe(0);
    const merged = povsim(['merge', dir, '--out', shard]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(readFileSync(join(shard, 'results.csv'), 'utf8')).toBe(readFileSync(join(dir, 'results.csv'), 'utf8'));
    // and a run folder is protected from a sweep and a merge
    const run = join(root, 'run-protected');
    expect(povsim(RUN(run)).code).toBe(0);
    expectRefused(povsim(SWEEP_CMD(run, '--resume')), `${run}: holds the outputs of povsim run (see its manifest.json); choose another folder with --out`);
    expectRefused(povsim(['merge', dir, '--out', run]), `${run}: already holds files (the outputs of povsim run); merge into a new or empty folder`);
  });
});

describe('system folders are refused', () => {
  const home = join(root, 'home');
  mkdirSync(home);
  const link = join(root, 'link-to-root');
  symlinkSync('/', link);

  it('/: run, compare, sweep and merge refuse it, writing nothing', () => {
    const line = '/: is the root folder; povsim writes its outputs only into a folder of their own: choose another folder with --out';
    // npm test: sweep and merge (run through a link to / below, compare elsewhere in this file)
    for (const command of sized([SWEEP_CMD, MERGE_INTO], [RUN, COMPARE, SWEEP_CMD, MERGE_INTO])) expectRefused(povsim(command('/')), line);
    expect(existsSync(join('/', LOCK))).toBe(false);
  });

  // npm test: one system folder, the root through a link and the home folder; test:long every one.
  const systemFolders: [string, string][] = [
    ['/etc/povsim-out', 'is a system folder (/etc)'],
    ...sized<[string, string][]>([], [['/usr/local/povsim-out', 'is a system folder (/usr)'], ['/tmp', 'is a system folder (/tmp)']]),
    [link, 'is the root folder'],
    [home, 'is your home folder'],
  ];
  it.each(systemFolders)('%s: refused, nothing written', (dir, what) => {
    const env = { HOME: home };
    expectRefused(povsim(RUN(dir), { env }), `${dir}: ${what}; povsim writes its outputs only into a folder of their own: choose another folder with --out`);
    expect(existsSync('/etc/povsim-out')).toBe(false);
    expect(existsSync('/usr/local/povsim-out')).toBe(false);
    expect(readdirSync(home)).toEqual([]);
    expect(existsSync(join('/', LOCK))).toBe(false);
  });

  it('a folder inside the home folder is fine', () => {
    const dir = join(home, 'runs', 'a');
    expect(povsim(RUN(dir), { env: { HOME: home } }).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'summary.json', 'timeseries.csv']);
  });
});

describe('one povsim at a time in a folder', () => {
  it('two runs started at once into one folder: never a mix of two seeds; a loser exits 2 naming the holder', async () => {
    const dir = join(root, 'race');
    const args = (seed: string): string[] => ['run', '--households', '1000', '--months', '12', '--no-charts', '--seed', seed, '--out', dir];
    const a = start(args('1'));
    const b = start(args('2'));
    const results = await Promise.all([a.exit, b.exit]);
    for (const [k, r] of results.entries()) {
      if (r.code === 0) continue;
      const other = k === 0 ? b.child.pid : a.child.pid;
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^povsim: ${dir}: in use by another povsim \\(pid ${other}, "povsim run .*--seed ${2 - k}.*", since \\d{4}-\\d\\d-\\d\\dT[^)]*\\); wait for it to finish, or choose another folder with --out\\n$`));
    }
    expect(results.some((r) => r.code === 0)).toBe(true);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.seed).toBe(summary.seed);
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'summary.json', 'timeseries.csv']);
  });

  it('a folder locked by a live process: run, compare, sweep, merge and chart exit 2 naming it', () => {
    const dir = join(root, 'held');
    expect(povsim(RUN(dir)).code).toBe(0);
    const before = snapshot(dir);
    const lock = lockOutputFolder(dir, 'the test holding the lock');
    try {
      const line = new RegExp(`^povsim: ${dir}: in use by another povsim \\(pid ${process.pid}, "the test holding the lock", since [^)]+\\); wait for it to finish, or choose another folder with --out$`);
      // npm test: run (which takes the lock with the folder's other checks) and chart (which takes it alone)
      for (const command of sized([RUN, CHART], [RUN, COMPARE, SWEEP_CMD, MERGE_INTO, CHART])) {
        expectRefused(povsim(command(dir)), line);
      }
    } finally {
      lock.release();
    }
    expect(existsSync(join(dir, LOCK))).toBe(false);
    expect(snapshot(dir)).toEqual(before);
  });

  // The two sweeps below: 160 runs, long enough to be stopped while it holds the lock; one reference.
  const long = sweepFile('long', 40);
  const reference = join(root, 'long-reference');
  beforeAll(() => sweepWithLibrary(long, reference));

  it('two sweep --resume on one folder: the second exits 2 naming the first, which finishes with the uninterrupted results', async () => {
    const file = long;
    const dir = join(root, 'resume-race');
    const first = start(['sweep', file, '--workers', '1', '--no-charts', '--out', dir, '--resume']);
    expect(await appears(join(dir, LOCK), first.exit)).toBe(true);
    first.child.kill('SIGSTOP'); // holds the lock for as long as the second takes
    try {
      const second = povsim(['sweep', file, '--workers', '1', '--no-charts', '--out', dir, '--resume']);
      expectRefused(second, new RegExp(`^povsim: ${dir}: in use by another povsim \\(pid ${first.child.pid}, "povsim sweep .* --resume", since [^)]+\\); wait`));
    } finally {
      first.child.kill('SIGCONT');
    }
    const done = await first.exit;
    expect(done.code, done.stderr).toBe(0);
    expect(readFileSync(join(dir, 'results.csv'), 'utf8')).toBe(readFileSync(join(reference, 'results.csv'), 'utf8'));
    expect(readdirSync(dir).sort()).toEqual(['design.csv', 'manifest.json', 'results.csv']);
  });

  it('a lock left by SIGKILL is stale: the resume takes it over at once and completes', async () => {
    const file = long;
    const dir = join(root, 'killed');
    const victim = start(['sweep', file, '--workers', '1', '--no-charts', '--out', dir]);
    expect(await appears(join(dir, 'results.csv'), victim.exit)).toBe(true);
    victim.child.kill('SIGKILL');
    await victim.exit;
    expect(JSON.parse(readFileSync(join(dir, LOCK), 'utf8'))).toMatchObject({ pid: victim.child.pid });
    const resumed = povsim(['sweep', file, '--workers', '1', '--no-charts', '--out', dir, '--resume']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(readFileSync(join(dir, 'results.csv'), 'utf8')).toBe(readFileSync(join(reference, 'results.csv'), 'utf8'));
    expect(readdirSync(dir).sort()).toEqual(['design.csv', 'manifest.json', 'results.csv']);
  });
});

describe('--resume refuses a results.csv changed by hand', () => {
  const complete = join(root, 'tamper-reference');
  let lines: string[] = [];
  beforeAll(async () => {
    await sweepWithLibrary(SWEEP, complete);
    lines = readFileSync(join(complete, 'results.csv'), 'utf8').trimEnd().split('\n');
  });
  const header = (): string[] => lines[0]!.split(',');

  /** A copy of the complete sweep with results.csv rewritten by `edit` (lines without line ends). */
  function tampered(name: string, edit: (rows: string[]) => string[]): string {
    const dir = join(root, `tamper-${name}`);
    execFileSync('cp', ['-r', complete, dir]);
    writeFileSync(join(dir, 'results.csv'), `${edit([...lines]).join('\n')}\n`);
    return dir;
  }
  /** Line `n` (1-based, the header is line 1) with column `column` set to `value`. */
  const setField = (rows: string[], n: number, column: string, value: string): string[] => {
    const fields = rows[n - 1]!.split(',');
    fields[header().indexOf(column)] = value;
    rows[n - 1] = fields.join(',');
    return rows;
  };

  it.each<[string, (rows: string[]) => string[], string]>([
    ['a changed metric', (rows) => setField(rows, 4, 'leakage', '0.5'), 'line 4: run 2: check: expected [0-9a-f]{16} \\(from the row\'s values\\), found "[0-9a-f]{16}"'],
    ['a non-number', (rows) => setField(rows, 6, 'headcount', 'n/a'), 'line 6: run 4: headcount: expected a number or nothing, found "n/a"'],
    ['NaN', (rows) => setField(rows, 6, 'gini', 'NaN'), 'line 6: run 4: gini: expected a number or nothing, found "NaN"'],
    ['a changed parameter', (rows) => setField(rows, 3, 'supervision.auditRate', '0.3'), 'line 3: run 1: supervision.auditRate: expected "0.05", found "0.3"'],
    ['a changed seed', (rows) => setField(rows, 3, 'seed', '7'), 'line 3: run 1: seed: expected "\\d+", found "7"'],
    ['a changed status', (rows) => setField(rows, 3, 'status', 'fine'), 'line 3: run 1: status: expected ok or failed, found "fine"'],
    ['a duplicated row in the middle', (rows) => [...rows.slice(0, 5), rows[4]!, ...rows.slice(5)], 'line 6: expected the row of run 4, found run "3"'],
    ['a duplicated last row', (rows) => [...rows, rows.at(-1)!], 'line 14: expected no more rows \\(the sweep has 12 runs here\\), found a row of run 11'],
    ['a row numbered past the design', (rows) => [...rows, rows.at(-1)!.replace(/^11,/, '12,')], 'line 14: expected no more rows \\(the sweep has 12 runs here\\), found a row of run 12'],
    ['a missing row', (rows) => [...rows.slice(0, 3), ...rows.slice(4)], 'line 4: expected the row of run 2, found run "3"'],
    ['a complete row with too few fields', (rows) => [...rows.slice(0, 4), '3,0,1'], `line 5: expected \\d+ fields, found 3`],
  ])('%s: one line naming file, line, what was expected and found; the file left as it was', async (name, edit, message) => {
    const dir = tampered(name.replace(/\W+/g, '-'), edit);
    const before = readFileSync(join(dir, 'results.csv'), 'utf8');
    const error = await runSweep(loadSweep(SWEEP), { out: dir, resume: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    const file = join(dir, 'results.csv').replace(/[.]/g, '\\.');
    expect((error as Error).message).toMatch(new RegExp(`^${file}: ${message} \\(the file was changed after povsim wrote it; start a new folder with --out\\)$`));
    expect(readFileSync(join(dir, 'results.csv'), 'utf8')).toBe(before);
  });

  it('through the command line: one line, exit 2, the file left as it was', () => {
    const dir = tampered('cli', (rows) => setField(rows, 5, 'leakage', '0.25'));
    const before = readFileSync(join(dir, 'results.csv'), 'utf8');
    const file = join(dir, 'results.csv').replace(/[.]/g, '\\.');
    expectRefused(
      povsim(SWEEP_CMD(dir, '--resume')),
      new RegExp(`^povsim: ${file}: line 5: run 3: check: expected [0-9a-f]{16} \\(from the row's values\\), found "[0-9a-f]{16}" \\(the file was changed after povsim wrote it; start a new folder with --out\\)$`),
    );
    expect(readFileSync(join(dir, 'results.csv'), 'utf8')).toBe(before);
  });

  it('a last line without its line end (a kill mid-append) is still cut off and run again', () => {
    const dir = tampered('half-row', (rows) => rows.slice(0, 6));
    writeFileSync(join(dir, 'results.csv'), `${readFileSync(join(dir, 'results.csv'), 'utf8')}${lines[6]!.slice(0, 40)}`);
    const result = povsim(SWEEP_CMD(dir, '--resume'));
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(dir, 'results.csv'), 'utf8')).toBe(`${lines.join('\n')}\n`);
  });

  it('merge refuses a shard whose row was changed', async () => {
    const shards = [1, 2].map((k) => join(root, `tamper-shard-${k}`));
    for (const [k, dir] of shards.entries()) await sweepWithLibrary(SWEEP, dir, { index: k + 1, count: 2 });
    const file = join(shards[1]!, 'results.csv');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^(3,1,0,\d+,ok,[^,]*,[^,]*,)[^,]*/m, '$10.999'));
    const out = join(root, 'tamper-merged');
    expectRefused(povsim(['merge', ...shards, '--out', out]), `${file}: the row of run 3: check: does not match its values; a value was changed after povsim wrote it`);
    expect(existsSync(out)).toBe(false);
  });
});

describe('a run over an earlier run', () => {
  it('leaves none of the earlier run\'s files beside its own; the manifest lists exactly the files there', () => {
    const dir = join(root, 'rerun');
    expect(povsim(['run', '--households', '200', '--months', '6', '--seed', '1', '--out', dir]).code).toBe(0);
    expect(existsSync(join(dir, 'report.html'))).toBe(true);
    expect(povsim(RUN(dir, '--seed', '2')).code).toBe(0);
    expect(Object.keys(snapshot(dir))).toEqual(['manifest.json', 'summary.json', 'timeseries.csv']);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect([...manifest.outputs].sort()).toEqual(['manifest.json', 'summary.json', 'timeseries.csv']);
    expect(manifest.seed).toBe(2);
    // and with charts again: every file listed, every listed file there
    expect(povsim(['run', '--households', '200', '--months', '6', '--seed', '3', '--out', dir]).code).toBe(0);
    const again = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect([...again.outputs].sort()).toEqual(Object.keys(snapshot(dir)));
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('seed 3');
  });
});

afterAll(unmountTmpfs);

describe('a full disk (a small tmpfs)', () => {
  it('merge writes every file or nothing, at every disk size', async (context) => {
    const disk = join(root, 'full-merge');
    mountTmpfsOrSkip(context, disk, 'size=4k');
    const file = sweepFile('merge-disk', 10); // 40 runs, results.csv about 27 KB
    const reference = join(root, 'full-merge-reference');
    await sweepWithLibrary(file, reference);
    const shards = [1, 2].map((k) => join(root, `full-merge-shard-${k}`));
    for (const [k, dir] of shards.entries()) await sweepWithLibrary(file, dir, { index: k + 1, count: 2 });
    const outcomes: string[] = [];
    // npm test: the largest size too small and one with room; npm run test:long: more.
    for (const size of sized([40, 256], [8, 16, 28, 40, 256])) {
      rmSync(join(disk, 'out'), { recursive: true, force: true });
      remountTmpfs(disk, `size=${size}k`);
      const out = join(disk, 'out');
      const result = povsim(['merge', ...shards, '--no-charts', '--out', out]);
      if (result.code === 0) {
        expect(Object.keys(snapshot(out))).toEqual(['design.csv', 'manifest.json', 'results.csv']);
        expect(readFileSync(join(out, 'results.csv'), 'utf8')).toBe(readFileSync(join(reference, 'results.csv'), 'utf8'));
        expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).files.sort()).toEqual(['design.csv', 'manifest.json', 'results.csv']);
        outcomes.push(`${size}k: complete`);
      } else {
        expectRefused(result, `${out}: the disk is full; nothing was written`, 1);
        expect(readdirSync(disk), `at ${size}k`).toEqual([]);
        outcomes.push(`${size}k: nothing`);
      }
    }
    expect(outcomes.some((o) => o.endsWith('nothing')), outcomes.join(', ')).toBe(true);
    expect(outcomes.some((o) => o.endsWith('complete')), outcomes.join(', ')).toBe(true);
  });

  /** Leaves about `bytes` free on the tmpfs at `disk` (a filler file beside the output folder). */
  function leaveFree(disk: string, bytes: number): void {
    const filler = join(disk, 'filler');
    rmSync(filler, { force: true });
    const { bavail, bsize } = statfsSync(disk);
    writeFileSync(filler, Buffer.alloc(Math.max(0, bavail * bsize - bytes)));
  }

  it('a run over an earlier run that does not fit: the earlier run\'s data stay whole, and its manifest lists only the files there', (context) => {
    const disk = join(root, 'full-rerun');
    mountTmpfsOrSkip(context, disk, 'size=4m');
    const dir = join(disk, 'out');
    expect(povsim(['run', '--households', '200', '--months', '6', '--seed', '1', '--out', dir]).code).toBe(0);
    expect(existsSync(join(dir, 'report.html'))).toBe(true);
    leaveFree(disk, 48 * 1024); // the new run's data (600 months: 2 MB) need more than that and the earlier charts' room
    const result = povsim(['run', '--households', '200', '--months', '600', '--seed', '2', '--no-charts', '--out', dir]);
    expectRefused(result, `${dir}: the disk is full; nothing was written`, 1);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.seed).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).seed).toBe(1);
    // the earlier charts and report are gone (they described seed 1's files being replaced), and unlisted
    expect([...manifest.outputs].sort()).toEqual(Object.keys(snapshot(dir)));
    expect(Object.keys(snapshot(dir))).toEqual(['manifest.json', 'summary.json', 'timeseries.csv']);
  });

  it('a run whose charts do not fit: its data complete, the charts drawn removed again, the manifest lists exactly the files there', (context) => {
    const disk = join(root, 'full-charts');
    mountTmpfsOrSkip(context, disk, 'size=4m');
    const dir = join(disk, 'out');
    expect(povsim(RUN(dir, '--seed', '1')).code).toBe(0);
    leaveFree(disk, 160 * 1024); // the data fit (about 40 KB); the charts and report (about 640 KB) do not
    const result = povsim(['run', '--households', '200', '--months', '6', '--seed', '2', '--out', dir]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/^povsim: .*: the disk is full; this file was not written\n$/);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.seed).toBe(2);
    expect(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).seed).toBe(2);
    // the charts drawn before the disk filled are removed again: no half set of charts
    expect(Object.keys(snapshot(dir))).toEqual(['manifest.json', 'summary.json', 'timeseries.csv']);
    expect([...manifest.outputs].sort()).toEqual(['manifest.json', 'summary.json', 'timeseries.csv']);
  });
});
