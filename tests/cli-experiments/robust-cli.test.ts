/**
 * `povsim robust` end to end on the built command line: the shipped study (small), byte-identical
 * analysis tables with 1 or 2 workers, across shards merged and after a SIGKILL and --resume, and
 * bad study files (an InputError; through the command line, every fourth in `npm test`: one line,
 * exit 2, nothing written).
 *
 * The kill is an event, not a time: kill-at.mjs (preloaded) makes the process SIGKILL itself
 * halfway through writing a given line of results.csv.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStudy } from '../../src/experiments/study-file.js';
import { metricInfo } from '../../src/output/report/metrics.js';
import { InputError } from '../../src/scenario/index.js';
import { povsim, tempDir } from '../cli/helpers.js';
import { sized } from '../long.js';

const TOWNSHIP = ['--households', '120', '--months', '6', '--no-charts'];
const SMALL = [...TOWNSHIP, '--workers', '1'];

/** A tiny study: two policies, three uncertain parameters, 8 conditions, 2 replicates: 32 runs. */
function tinyStudy(dir: string, extra = ''): string {
  const file = join(dir, 'tiny.yaml');
  writeFileSync(file, `name: tiny
policies:
  - ${resolve('scenarios/baseline.yaml')}
  - { name: audits, scenario: ${resolve('scenarios/baseline.yaml')}, set: { supervision.auditRate: 0.5 } }
uncertainties:
  cadres.meanIntegrity: { min: 0.3, max: 0.9 }
  population.initialAwareness: { min: 0.1, max: 0.7 }
  identification.stigma: { min: 0, max: 0.4 }
samples: 8
replicates: 2
objectives:
  leakage: { direction: minimize, threshold: 0.42 }
  exclusionError: { direction: minimize, threshold: 0.6 }
${extra}`);
  return file;
}

const TABLES = ['results.csv', 'robustness.csv', 'discovery.csv', 'tradeoff.csv', 'conditions.csv'];

function tables(dir: string): Record<string, string> {
  return Object.fromEntries(TABLES.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

describe('povsim robust: byte-identical tables', () => {
  const base = tempDir('povsim-robust-');
  const study = tinyStudy(base);
  const one = join(base, 'one');
  const first = povsim(['robust', study, ...SMALL, '--out', one]);

  it('runs the study and writes the analysis', () => {
    expect(first.stderr).not.toMatch(/Error|at .*\.js/);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/32 runs, 0 failed/);
    const robustness = readFileSync(join(one, 'robustness.csv'), 'utf8').trim().split('\n');
    expect(robustness[0]).toBe('policy,metric,direction,threshold,conditions,mean,p10,p90,satisficing,maxRegret,p90Regret');
    expect(robustness).toHaveLength(1 + 2 * 2);
    // The chosen box is the pruned one; the box before pruning and the dropped ends sit beside it.
    expect(readFileSync(join(one, 'discovery.csv'), 'utf8').split('\n')[0]).toBe(
      'policy,metric,direction,threshold,misses,conditions,status,coverage,density,mass,restrictions,dropped,unprunedCoverage,unprunedDensity,unprunedMass,unprunedRestrictions,sentence');
    const results = readFileSync(join(one, 'results.csv'), 'utf8').trim().split('\n');
    expect(results[0]!.startsWith('run,point,replicate,seed,status,condition,policy,')).toBe(true);
    expect(results).toHaveLength(1 + 32);
    // Common random numbers across policies: both policies have one seed per condition and
    // replicate (columns run, point, replicate, seed, status, condition, policy); each condition its own.
    const rows = results.slice(1).map((l) => l.split(','));
    const seedOf = new Map<string, string>();
    for (const row of rows) {
      const key = `${row[5]}/${row[2]}`;
      expect(row[3]).toBe(seedOf.get(key) ?? row[3]);
      seedOf.set(key, row[3]!);
    }
    expect(seedOf.size).toBe(8 * 2);
    expect(new Set(seedOf.values()).size).toBe(8 * 2);
    const manifest = JSON.parse(readFileSync(join(one, 'manifest.json'), 'utf8')) as { files: string[]; study: { policies: { name: string }[] } };
    expect(manifest.study.policies.map((p) => p.name)).toEqual(['baseline', 'audits']);
    expect(manifest.files).toEqual(expect.arrayContaining(['robustness.csv', 'discovery.csv', 'tradeoff.csv', 'conditions.csv', 'robustness.json']));
  });

  it('refuses to write into its folder again without --resume, and to resume with other inputs', () => {
    const again = povsim(['robust', study, ...SMALL, '--out', one]);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(`povsim: ${one}: already holds files; continue that study with --resume, or choose another folder with --out\n`);
    const changed = povsim(['robust', study, '--households', '120', '--months', '7', '--no-charts', '--workers', '1', '--resume', '--out', one]);
    expect(changed.code).toBe(2);
    expect(changed.stderr).toMatch(/was started from a different study or sweep \(the study file, its policies' scenario files, the overrides/);
    // Another command is told whose folder it is: robust's (a study runs as a sweep, but users typed robust).
    const run = povsim(['run', '--households', '100', '--months', '2', '--no-charts', '--out', one]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`povsim: ${one}: holds the outputs of povsim robust (see its manifest.json); choose another folder with --out\n`);
  });

  it('gives the same tables with 2 workers; --resume in a missing folder starts the study, as sweep --resume does (job scripts can always pass it)', () => {
    const two = join(base, 'two', 'not', 'yet');
    const run = povsim(['robust', study, ...TOWNSHIP, '--workers', '2', '--resume', '--out', two]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/32 runs, 0 failed, in/);
    expect(run.stderr).not.toMatch(/resuming/);
    expect(tables(two)).toEqual(tables(one));
  });

  it('gives the same tables from two shards merged', () => {
    for (const k of [1, 2]) expect(povsim(['robust', study, ...SMALL, '--shard', `${k}/2`, '--out', join(base, `s${k}`)]).code).toBe(0);
    expect(existsSync(join(base, 's1', 'robustness.csv'))).toBe(false); // a shard holds part of the runs: no analysis
    const merged = povsim(['merge', join(base, 's1'), join(base, 's2'), '--out', join(base, 'merged'), '--no-charts']);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toMatch(/Where each policy misses its thresholds/);
    expect(tables(join(base, 'merged'))).toEqual(tables(one));
  });

  it('gives the same tables after a SIGKILL halfway through a row and --resume', () => {
    const killed = join(base, 'killed');
    const run = spawnSync(process.execPath, ['--import', resolve('tests/robustness/kill-at.mjs'), resolve('bin/povsim.js'), 'robust', study, ...SMALL, '--out', killed], {
      env: { ...process.env, CI: '1', POVSIM_TEST_KILL_AT: 'torn:12' },
      encoding: 'utf8',
    });
    expect(run.signal).toBe('SIGKILL');
    expect(existsSync(join(killed, 'robustness.csv'))).toBe(false);
    // An incomplete study has no analysis: povsim chart says so in one line rather than drawing a sweep's charts.
    const chart = povsim(['chart', killed]);
    expect(chart.code).toBe(2);
    expect(chart.stderr).toMatch(/is a study whose analysis is not written yet/);
    const resumed = povsim(['robust', study, ...SMALL, '--resume', '--out', killed]);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/resuming: 10 of 32 runs already done/);
    expect(tables(killed)).toEqual(tables(one));
  });
});

describe('help of the commands that read studies and calibrations', () => {
  it('validate names targets files, chart names robust and calibrate folders', () => {
    // yargs wraps the help to the terminal's width: compare with single spaces.
    const help = (command: string): string => povsim([command, '--help']).stdout.replace(/\s+/g, ' ');
    expect(help('validate')).toMatch(/Check scenario, sweep, study and targets files/);
    expect(help('chart')).toMatch(/output folder of run, compare, sweep, robust or calibrate/);
    expect(help('chart')).toMatch(/Output folder \(holds summary\.json, comparison\.json, results\.csv, robustness\.json or posterior\.csv\)/);
    expect(help('merge')).toMatch(/--out Folder for the merged sweep, study or calibration runs \(new or empty\)/);
    expect(help('calibrate')).toMatch(/Output folder \(default: out\/<name>\/, with --shard out\/<name>-shard-K-of-N\/\)/);
  });
});

describe('povsim robust: failed runs', () => {
  it('are left out of the analysis, and the exit code is 3', () => {
    const dir = tempDir('povsim-robust-failed-');
    const out = join(dir, 'out');
    // Run id = (condition x 2 + policy) x 2 + replicate: runs 0 and 1 are both replicates of baseline
    // in condition 0, run 2 the first replicate of audits there (its second still counts).
    const run = povsim(['robust', tinyStudy(dir), ...SMALL, '--out', out], { env: { POVSIM_FAIL_RUNS: '0,1,2' } });
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/32 runs, 3 failed/);
    const rows = readFileSync(join(out, 'robustness.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const conditions = Object.fromEntries(rows.filter((r) => r[1] === 'leakage').map((r) => [r[0], Number(r[4])]));
    expect(conditions).toEqual({ baseline: 7, audits: 8 });
  });
});

describe('povsim robust: the shipped study, end to end', () => {
  it('runs scenarios/studies/reforms-under-uncertainty.yaml small, with charts and report', () => {
    const out = join(tempDir('povsim-robust-shipped-'), 'study');
    const run = povsim(['robust', 'scenarios/studies/reforms-under-uncertainty.yaml', '--households', '120', '--months', '6', '--workers', '1', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/7 policies x 60 conditions \(Latin hypercube sample of 5 uncertain parameters\) x 1 replicate = 420 runs/);
    expect(run.stdout).toMatch(/leakage \(minimize, threshold 40\.0%\) over 60 conditions/);
    expect(run.stdout).toMatch(/full-reform (meets|misses) leakage <= 0\.4/);
    const charts = readdirSync(join(out, 'charts'));
    expect(charts).toEqual(expect.arrayContaining(['satisficing.png', 'distribution-leakage.png', 'regret-leakage.png']));
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    expect(report).toContain('Where each policy fails (scenario discovery)');
    expect(report).toContain('povsim robust report');
    expect(report).toContain('Provenance');
    // povsim chart redraws from the folder's files alone.
    expect(povsim(['chart', out]).stdout).toMatch(/for the study in/);
  });
});

describe('povsim robust: bad study files', () => {
  const cases: [string, string, RegExp][] = [
    ['unknown metric', 'objectives:\n  leakag: { direction: minimize }', /objectives\.leakag: unknown metric "leakag"; did you mean "leakage"\?/],
    ['direction', 'objectives:\n  leakage: { direction: lower }', /objectives\.leakage\.direction: expected minimize or maximize, found "lower"/],
    ['contradicting direction', 'objectives:\n  leakage: { direction: maximize }', /objectives\.leakage\.direction: expected minimize \(lower leakage is better: povsim describe leakage\), found "maximize"/],
    ['range', 'uncertainties:\n  cadres.meanIntegrity: { min: 0.3, max: 1.9 }', /uncertainties\.cadres\.meanIntegrity\.max: expected a number from 0 to 1/],
    ['parameter', 'uncertainties:\n  cadres.meanIntegrty: { min: 0.3, max: 0.9 }', /uncertainties\.cadres\.meanIntegrty: .*meanIntegrity/],
    ['one policy', `policies:\n  - ${resolve('scenarios/baseline.yaml')}`, /policies: expected a list of at least two policies/],
    ['missing file', 'policies:\n  - nowhere.yaml\n  - nowhere2.yaml', /policies\[0\]: expected an existing scenario file/],
    ['uncertain lever', `policies:\n  - ${resolve('scenarios/baseline.yaml')}\n  - { name: honest, scenario: ${resolve('scenarios/baseline.yaml')}, set: { cadres.meanIntegrity: 0.9 } }`, /policies\[1\]\.set\.cadres\.meanIntegrity: is also an uncertainty of the study/],
    ['significance', 'discovery: { significance: 0 }', /discovery\.significance: expected a number above 0 and at most 1, found 0/],
    ['share threshold', 'objectives:\n  leakage: { direction: minimize, threshold: 40 }', /objectives\.leakage\.threshold: expected a share from 0 to 1 \(10% is 0\.1\), found 40/],
    ['index threshold', 'objectives:\n  governance.transparency: { direction: maximize, threshold: 40 }', /objectives\.governance\.transparency\.threshold: expected a number from 0 to 1 \(governance\.transparency is an index from 0 to 1\), found 40/],
    ['unknown key', 'polices: []', /polices: unknown key "polices" at top level; did you mean "policies"\?/],
    ['same names', `policies:\n  - ${resolve('scenarios/baseline.yaml')}\n  - ${resolve('scenarios/baseline.yaml')}`, /policies\[1\]: the name "baseline" is also policies\[0\]'s/],
  ];
  // Every file is refused by loadStudy, read as povsim robust reads it (src/cli/commands/robust-handler.ts);
  // every fourth (npm test) or every one (npm run test:long) through the command line too.
  const CLI_EVERY = sized(4, 1);
  for (const [k, [what, yaml, message]] of cases.entries()) {
    const cli = k % CLI_EVERY === 0;
    it(`refuses ${what}${cli ? ' in one line, exit 2, nothing written' : ' (InputError)'}`, () => {
      const dir = tempDir('povsim-robust-bad-');
      const file = join(dir, 'bad.yaml');
      // The tiny study with one key replaced (later keys in YAML would be duplicates: rebuild it).
      const key = yaml.split(':')[0]!;
      const text = readFileSync(tinyStudy(dir), 'utf8').split(/\n(?=\S)/).filter((block) => !block.startsWith(`${key}:`)).join('\n');
      writeFileSync(file, `${text}\n${yaml}\n`);
      const load = (): unknown => loadStudy(file, { overrides: ['township.households=120', 'simulation.months=6'], better: (metric) => metricInfo(metric).better });
      expect(load).toThrow(InputError);
      expect(load).toThrow(message);
      if (!cli) return;
      const out = join(dir, 'out');
      const run = povsim(['robust', file, ...SMALL, '--out', out]);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    });
  }

  it('refuses a --set of a policy\'s lever in one line', () => {
    const dir = tempDir('povsim-robust-lever-');
    const run = povsim(['robust', tinyStudy(dir), ...SMALL, '--set', 'supervision.auditRate=0.1', '--out', join(dir, 'out')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^povsim: --set: supervision\.auditRate: is a lever of the policy audits in .*tiny\.yaml; changing it in every run would erase the policy\n$/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('refuses a --set of a reform in a policy\'s scenario file (the shipped study\'s identification.method)', () => {
    const dir = tempDir('povsim-robust-lever-');
    const run = povsim(['robust', 'scenarios/studies/reforms-under-uncertainty.yaml', ...SMALL, '--set', 'identification.method=community', '--out', join(dir, 'out')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^povsim: --set: identification\.method: is a lever of the policy improved-identification in .*reforms-under-uncertainty\.yaml; changing it in every run would erase the policy\n$/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('validate refuses an uncertainty on a reform in a policy\'s scenario file', () => {
    const dir = tempDir('povsim-robust-lever-');
    writeFileSync(join(dir, 'honest.yaml'), `name: honest\nextends: ${resolve('scenarios/baseline.yaml')}\ncadres:\n  meanIntegrity: 0.95\n`);
    const file = join(dir, 'study.yaml');
    writeFileSync(file, readFileSync(tinyStudy(dir), 'utf8').replace(/  - \{ name: audits.*\n/, '  - honest.yaml\n'));
    const run = povsim(['validate', file]);
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toMatch(/uncertainties\.cadres\.meanIntegrity: is a lever of the policy honest \(its value differs between the policies\); changing it in every run would erase the policy/);
  });

  it('validate recognises a study file', () => {
    const run = povsim(['validate', tinyStudy(tempDir('povsim-robust-validate-'))]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/study tiny: 2 policies x 8 conditions x 2 replicates = 32 runs, 2 objectives/);
  });
});
