/**
 * `povsim calibrate` end to end, through the built command line (`npm test` builds first):
 * - recovery: scenarios/calibration/recover.yaml (targets made at known values of three
 *   parameters, calibrated over their whole documented ranges) gives 90% intervals containing the
 *   true values and predictive medians within the targets' standard errors; its calibrated.yaml
 *   runs with `povsim run`; the file's observed values are those the model gives now (the
 *   calibration itself, about 10 s, runs under `npm run test:long` only; the file check always);
 * - posterior.csv (and predictive.csv, summary.json) byte-identical with 1 or 2 workers, after a
 *   SIGKILL (just after a row of runs.csv, or halfway through one) and `--resume`, and after
 *   Ctrl-C (exit 130) and `--resume`; kills are events (kill-at.mjs), never times;
 * - bad targets files: an InputError naming the file and key; through the command line (every
 *   fourth in `npm test`) one line, exit 2, nothing written.
 * `npm run test:long` (tests/long.ts) also kills it halfway through a row and 12 more times, splits
 * a rejection ABC run in 3 shards (2 in `npm test`), and checks a resume after a change of budget
 * and the final line's counts with 2 workers; `npm test` keeps one kill and resume, Ctrl-C and
 * resume, and a resume after a change of settings (the rejection ABC tolerance), so a broken resume
 * still fails it.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { povsim, tempDir } from '../cli/helpers.js';
import { LONG, sized } from '../long.js';
import { RECOVER_FILE, RECOVER_TRUTH, recoverBlock } from '../../scripts/calibration-examples.js';
import { loadTargets } from '../../src/experiments/calibration/index.js';
import { InputError } from '../../src/scenario/index.js';

const root = tempDir('povsim-calibrate-');
const baseline = resolve('scenarios/baseline.yaml');
const killAt = resolve('tests/robustness/kill-at.mjs');

interface Summary {
  parameters: { name: string; median: number; lower90: number; upper90: number }[];
  predictive: { target: string; medianWithinScale: boolean }[];
  runs: { sampler: number; predictive: number; total: number };
}

const read = (dir: string, file: string): string => readFileSync(join(dir, file), 'utf8');

describe('povsim calibrate: recovery (scenarios/calibration/recover.yaml)', () => {
  it('recover.yaml holds the figures the model gives at the true values (else: npx tsx scripts/calibration-examples.ts --write-recover ...)', () => {
    const text = readFileSync(RECOVER_FILE, 'utf8');
    const block = text.slice(text.indexOf('# recover:start') + '# recover:start'.length + 1, text.indexOf('  # recover:end'));
    expect(block).toBe(recoverBlock());
  });

  // About 10 s: under npm run test:long only (CI runs both), which keeps npm test under 5 minutes.
  it.runIf(LONG)('gives 90% intervals containing the true values and predictive medians within the standard errors', () => {
    const out = join(root, 'recover');
    const result = povsim(['calibrate', 'scenarios/calibration/recover.yaml', '--workers', '1', '--no-charts', '--out', out]);
    expect(result.stderr).not.toMatch(/Error|at .*\.js/);
    expect(result.code).toBe(0);
    const summary = JSON.parse(read(out, 'summary.json')) as Summary;
    for (const p of summary.parameters) {
      const truth = RECOVER_TRUTH[p.name]!;
      expect(p.lower90, p.name).toBeLessThanOrEqual(truth);
      expect(p.upper90, p.name).toBeGreaterThanOrEqual(truth);
    }
    expect(summary.predictive.map((c) => c.medianWithinScale)).toEqual([true, true, true]);
    expect(summary.runs.total).toBe(summary.runs.sampler + summary.runs.predictive);
    // runs.csv holds every run made: the sampler's and the predictive draws'
    expect(read(out, 'runs.csv').trim().split('\n').length - 1).toBe(summary.runs.total);
    expect(result.stdout).toMatch(/identification\.communityNoise\s+\d/);

    // calibrated.yaml: the starting scenario with the medians, ready for povsim run
    const calibrated = parse(read(out, 'calibrated.yaml')) as { cadres: { meanIntegrity: number }; township: { households: number } };
    expect(calibrated.cadres.meanIntegrity).toBe(summary.parameters.find((p) => p.name === 'cadres.meanIntegrity')!.median);
    expect(calibrated.township.households).toBe(400);
    const run = povsim(['run', join(out, 'calibrated.yaml'), '--no-charts', '--out', join(root, 'calibrated-run')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});

/** A small calibration (about 300 runs of 100 households over 12 months) for the identity tests. */
function smallTargets(name: string, method = 'method: smc\nsettings: { particles: 12, maxRuns: 240, minAcceptanceRate: 0.05 }\n'): string {
  const file = join(root, `${name}.yaml`);
  writeFileSync(
    file,
    `name: ${name}\nscenario: ${baseline}\nseed: 5\nreplicates: 2\n` +
      'set: { township.households: 100, township.villages: 2, simulation.months: 12 }\n' +
      'parameters:\n  population.initialAwareness: { min: 0, max: 1 }\n  cadres.meanIntegrity: { min: 0, max: 1 }\n' +
      'targets:\n  - { metric: governance.transparency, observed: 0.45, se: 0.01 }\n  - { metric: registeredShare, month: 0, observed: 0.1, tolerance: 0.02 }\n' +
      `${method}predictive: 6\n`,
  );
  return file;
}

const OUTPUTS = ['posterior.csv', 'predictive.csv', 'summary.json', 'calibrated.yaml'];

/** A file of a calibration folder, with the folder's path (named in calibrated.yaml's comment) as OUT. */
const output = (dir: string, file: string): string => read(dir, file).replaceAll(dir, 'OUT');

describe('povsim calibrate: the same bytes whatever the workers, kills and resumes', () => {
  const file = smallTargets('identity');
  const reference = join(root, 'identity-1');
  const first = povsim(['calibrate', file, '--workers', '1', '--no-charts', '--out', reference]);
  // The same calibration with 2 workers, and with its charts and report (the files compared leave them out).
  const charts = join(root, 'identity-2');
  const second = povsim(['calibrate', file, '--workers', '2', '--out', charts]);

  it('with 1 or 2 workers', () => {
    expect(first.code).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    for (const f of OUTPUTS) expect(output(charts, f), f).toBe(output(reference, f));
  });

  it('draws its charts and report.html, and povsim chart draws them again from the folder', () => {
    expect(second.code, second.stderr).toBe(0);
    const files = readdirSync(join(charts, 'charts')).sort();
    expect(files).toEqual([
      'pair-population-initialAwareness--cadres-meanIntegrity.png',
      'posterior-cadres-meanIntegrity.png',
      'posterior-population-initialAwareness.png',
      'predictive-check.png',
    ]);
    const report = read(charts, 'report.html');
    expect(report).toContain('Posterior-predictive check');
    expect(report).toContain('<code>population.initialAwareness</code>');
    const again = povsim(['chart', charts]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/Drew 5 files for the calibration/);
  });

  const runs = read(reference, 'runs.csv').trim().split('\n').length;
  // npm test: one kill (runs.csv is read back by scanAppendedCsv, as a sweep's results.csv, whose
  // torn rows tests/robustness/interruption.test.ts kills in npm test); npm run test:long: a torn
  // row too, and 12 more kills spread over the whole calibration.
  const kills: [string, string, number][] = [
    ['SIGKILL just after a row of runs.csv', `line:${Math.floor(runs / 3)}`, 2],
    ...sized<[string, string, number][]>([], [['SIGKILL halfway through a row of runs.csv', `torn:${Math.floor((2 * runs) / 3)}`, 1]]),
    ...sized<[string, string, number][]>([], Array.from({ length: 12 }, (_, k) => [
      `SIGKILL ${k % 2 === 0 ? 'after' : 'halfway through'} row ${Math.max(2, Math.floor(((k + 1) * runs) / 13))}`,
      `${k % 2 === 0 ? 'line' : 'torn'}:${Math.max(2, Math.floor(((k + 1) * runs) / 13))}`,
      1 + (k % 2),
    ])),
  ];
  it.each(kills)('after %s and --resume', (_, at, workers) => {
    const out = join(root, `killed-${at.replace(':', '-')}`);
    const args = ['calibrate', file, '--workers', String(workers), '--no-charts', '--out', out];
    const killed = povsim(args, { env: { NODE_OPTIONS: `--import=${killAt}`, POVSIM_TEST_KILL_AT: at, POVSIM_TEST_KILL_FILE: 'runs.csv' } });
    expect(killed.code).toBeNull(); // killed by SIGKILL
    expect(existsSync(join(out, 'posterior.csv'))).toBe(false);
    expect(povsim(args).code).toBe(2); // the folder holds a calibration: --resume or another folder
    const resumed = povsim([...args, '--resume']);
    expect(resumed.stderr).not.toMatch(/Error/);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/from runs\.csv/);
    for (const f of OUTPUTS) expect(output(out, f), f).toBe(output(reference, f));
  });

  it('after Ctrl-C (exit 130, a line saying how to resume) and --resume', () => {
    const out = join(root, 'interrupted');
    const args = ['calibrate', file, '--workers', '1', '--no-charts', '--out', out];
    const stopped = povsim(args, { env: { NODE_OPTIONS: `--import=${killAt}`, POVSIM_TEST_KILL_AT: `SIGINT:${Math.floor(runs / 2)}`, POVSIM_TEST_KILL_FILE: 'runs.csv' } });
    expect(stopped.code).toBe(130);
    expect(stopped.stdout).toContain(`Continue with: povsim calibrate ${file} --resume --out ${out}`);
    expect(JSON.parse(read(out, 'manifest.json')).status).toBe('interrupted');
    const chart = povsim(['chart', out]);
    expect(chart.code).toBe(2);
    expect(chart.stderr).toMatch(/is a calibration whose posterior is not written yet \(status interrupted\): continue it with povsim calibrate TARGETS\.yaml --resume/);
    expect(povsim([...args, '--resume']).code).toBe(0);
    for (const f of OUTPUTS) expect(output(out, f), f).toBe(output(reference, f));
  });

  // About 9 s: under npm run test:long only (the rejection ABC test below resumes after a change of settings in npm test).
  it.runIf(LONG)('--resume reuses runs.csv after a change of budget or observed values, and refuses a change of what is measured', () => {
    // A larger budget (as docs/calibration.md advises after stopReason: budget) goes on from the
    // runs made: the same files as a fresh run with that budget, none of the earlier runs redone.
    const out = join(root, 'changed');
    const changedFile = smallTargets('identity-changed');
    writeFileSync(changedFile, readFileSync(changedFile, 'utf8').replace('maxRuns: 240', 'maxRuns: 360'));
    const fresh = join(root, 'changed-fresh');
    expect(povsim(['calibrate', changedFile, '--no-charts', '--workers', '1', '--out', fresh]).code).toBe(0);
    mkdirSync(out);
    for (const f of readdirSync(reference)) writeFileSync(join(out, f), read(reference, f).replaceAll(reference, out));
    const larger = povsim(['calibrate', changedFile, '--no-charts', '--workers', '2', '--out', out, '--resume']);
    expect(larger.code, larger.stderr).toBe(0);
    const sampler = (JSON.parse(read(reference, 'summary.json')) as Summary).runs.sampler;
    expect(larger.stdout).toMatch(new RegExp(`\\(\\d+ made now, ${sampler} from runs\\.csv\\)`));
    for (const f of OUTPUTS) expect(output(out, f), f).toBe(output(fresh, f));
    // another observed value: the same runs apply
    writeFileSync(changedFile, readFileSync(changedFile, 'utf8').replace('observed: 0.45', 'observed: 0.5'));
    const observed = povsim(['calibrate', changedFile, '--no-charts', '--workers', '1', '--out', out, '--resume']);
    expect(observed.code, observed.stderr).toBe(0);
    expect(observed.stdout).toMatch(/ from runs\.csv\)/);
    // another metric: the runs measured something else
    writeFileSync(changedFile, readFileSync(changedFile, 'utf8').replace('metric: governance.transparency', 'metric: governance.integrity'));
    const again = povsim(['calibrate', changedFile, '--no-charts', '--workers', '1', '--out', out, '--resume']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/was started from a different calibration .*what the targets measure/);
  });

  // Under npm run test:long only: a calibration of its own (the 2-worker run above checks the same files as with 1).
  it.runIf(LONG)('the final line adds up: with 2 workers ABC-SMC also runs the rest of a batch, and the header\'s bound holds', () => {
    const single = smallTargets('single-replicate');
    writeFileSync(single, readFileSync(single, 'utf8').replace('replicates: 2', 'replicates: 1'));
    const result = povsim(['calibrate', single, '--no-charts', '--workers', '2', '--out', join(root, 'single-replicate')]);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(read(join(root, 'single-replicate'), 'summary.json')) as Summary;
    const line = /; (\d+) model runs \((\d+) made now, (\d+) from runs\.csv\)(?:, of which the method used (\d+) \(the other (\d+) ran alongside)?/.exec(result.stdout);
    expect(line, result.stdout).not.toBeNull();
    const [ran, made, reused] = [1, 2, 3].map((k) => Number(line![k]));
    expect(ran).toBe(made! + reused!);
    expect(Number(line![4] ?? ran)).toBe(summary.runs.total);
    expect(Number(line![5] ?? 0)).toBe(ran! - summary.runs.total);
    expect(ran).toBeLessThanOrEqual(Number(/at most (\d+) runs/.exec(result.stderr)![1]));
    expect(read(join(root, 'single-replicate'), 'runs.csv').trim().split('\n').length - 1).toBe(ran);
  });

  it('rejection ABC with a tolerance no draw meets: an empty posterior saying what to change, and a new tolerance reuses the runs', () => {
    const strict = smallTargets('strict', 'method: rejection\nsettings: { draws: 20, tolerance: 0.001 }\n');
    const out = join(root, 'strict');
    const empty = povsim(['calibrate', strict, '--workers', '1', '--no-charts', '--out', out]);
    expect(empty.stderr).not.toMatch(/internal error|bug/);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toMatch(/No draw is within the tolerance 0\.001 \(the nearest is at distance [\d.]+; no calibrated\.yaml\): raise settings\.tolerance/);
    const summary = JSON.parse(read(out, 'summary.json')) as Summary & { particles: number; stopReason: string };
    expect([summary.particles, summary.stopReason]).toEqual([0, 'none-accepted']);
    expect(existsSync(join(out, 'calibrated.yaml'))).toBe(false);
    // the tolerance the line names accepts the nearest draw, and --resume makes no sampler run again
    const nearest = /the nearest is at distance ([^;]+);/.exec(empty.stdout)![1]!;
    writeFileSync(strict, readFileSync(strict, 'utf8').replace('tolerance: 0.001', `tolerance: ${nearest}`));
    const wider = povsim(['calibrate', strict, '--workers', '1', '--no-charts', '--out', out, '--resume']);
    expect(wider.code, wider.stderr).toBe(0);
    expect(wider.stdout).toMatch(/^1 particles .*\(6 made now, 40 from runs\.csv\)/);
    expect(existsSync(join(out, 'calibrated.yaml'))).toBe(true);
  });

  it('rejection ABC split in shards, merged and finished with --resume: the same files as on one machine', () => {
    const rejection = smallTargets('sharded', 'method: rejection\nsettings: { draws: 30, acceptFraction: 0.2 }\n');
    const whole = join(root, 'sharded-whole');
    expect(povsim(['calibrate', rejection, '--workers', '1', '--no-charts', '--out', whole]).code).toBe(0);
    expect(read(whole, 'posterior.csv').split('\n')[0]).toMatch(/^generation,particle,population\.initialAwareness/);
    // npm test: 2 shards; npm run test:long: 3.
    const count = sized(2, 3);
    const shards = Array.from({ length: count }, (_, k) => join(root, `sharded-${k + 1}`));
    shards.forEach((dir, k) => {
      const made = povsim(['calibrate', rejection, '--workers', String(1 + (k % 2)), '--shard', `${k + 1}/${count}`, '--out', dir]);
      expect(made.code, made.stderr).toBe(0);
      expect(existsSync(join(dir, 'posterior.csv'))).toBe(false);
    });
    const merged = join(root, 'sharded-merged');
    expect(povsim(['merge', ...shards.filter((_, k) => k !== 1), '--out', merged]).stderr).toMatch(new RegExp(`shard 2 of ${count} missing`));
    const merge = povsim(['merge', ...shards, '--out', merged]);
    expect(merge.code, merge.stderr).toBe(0);
    expect(merge.stdout).toContain(`Finish the calibration with: povsim calibrate ${rejection} --resume --out ${merged}`);
    const finished = povsim(['calibrate', rejection, '--workers', '1', '--no-charts', '--resume', '--out', merged]);
    expect(finished.code, finished.stderr).toBe(0);
    for (const f of OUTPUTS) expect(output(merged, f), f).toBe(output(whole, f));
    // ABC-SMC's generations depend on each other: no shards
    const smc = povsim(['calibrate', file, '--shard', '1/2', '--out', join(root, 'smc-shard')]);
    expect(smc.code).toBe(2);
    expect(smc.stderr).toMatch(/--shard: splits the draws of a rejection ABC run/);
  });

  it('a shard says what to do next with the flags it was given, and povsim chart on it says how to finish it', () => {
    const rejection = smallTargets('sharded-flags', 'method: rejection\nsettings: { draws: 12, acceptFraction: 0.25 }\n');
    const dir = join(root, 'sharded-flags-1');
    const made = povsim(['calibrate', rejection, '--workers', '1', '--shard', '1/2', '--households', '120', '--set', 'simulation.months=12', '--out', dir]);
    expect(made.code, made.stderr).toBe(0);
    // The command that finishes the merged calibration carries the shard's changes to the scenario (else it is refused as another calibration).
    expect(made.stdout).toContain(`povsim merge <the 2 shard folders> --out out/sharded-flags, then povsim calibrate ${rejection} --resume --households 120 --set simulation.months=12`);
    const chart = povsim(['chart', dir]);
    expect(chart.code).toBe(2);
    expect(chart.stderr).toContain(`it is shard 1/2 of a calibration, which has no posterior of its own: finish it with povsim calibrate TARGETS.yaml --resume --shard 1/2 --out ${dir} if it was interrupted`);
    // Resuming a shard folder without its --shard names the flag to give.
    const wrong = povsim(['calibrate', rejection, '--resume', '--households', '120', '--set', 'simulation.months=12', '--out', dir]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/holds shard 1\/2, not the whole calibration; resume it with --shard 1\/2/);
  });

  it('a calibration folder is its own: run refuses it, and calibrate refuses a folder of files povsim did not write', () => {
    const run = povsim(['run', '--households', '100', '--months', '2', '--no-charts', '--out', reference]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/holds the outputs of povsim calibrate/);
    const foreign = join(root, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'mine.txt'), 'mine');
    const refused = povsim(['calibrate', file, '--out', foreign]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/holds files povsim did not write \(mine\.txt\)/);
    expect(readdirSync(foreign)).toEqual(['mine.txt']);
  });

  it('seeds: common runs every particle on the same replicate seeds (the predictive draws keep their own)', () => {
    const common = join(root, 'common');
    const targets = smallTargets('common-seeds');
    writeFileSync(targets, readFileSync(targets, 'utf8').replace('replicates: 2\n', 'replicates: 2\nseeds: common\n'));
    expect(povsim(['calibrate', targets, '--workers', '1', '--no-charts', '--out', common]).code).toBe(0);
    const seedsOf = (dir: string): string[] => read(dir, 'runs.csv').trim().split('\n').slice(1).map((line) => line.split(',')[0]!);
    const predictive = new Set(read(common, 'predictive.csv').trim().split('\n').slice(1).map((line) => line.split(',')[1]!));
    const sampler = new Set(seedsOf(common).filter((seed) => !predictive.has(seed)));
    expect(sampler.size).toBe(2);
    expect(new Set(seedsOf(reference)).size).toBeGreaterThan(100); // independent: every particle its own
  });

  it('history matching writes its posterior.csv too (rejection ABC\'s: the test of shards above)', () => {
    const out = join(root, 'method-history');
    const result = povsim(['calibrate', smallTargets('m-history', 'method: history-matching\nsettings: { pointsPerWave: 20, waves: 2 }\n'), '--workers', '1', '--no-charts', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(read(out, 'posterior.csv').split('\n')[0]).toMatch(/^wave,point,population\.initialAwareness.*non_implausible/);
  });
});

describe('povsim calibrate: bad targets files', () => {
  const good = readFileSync(smallTargets('bad-base'), 'utf8');
  const CLI_EVERY = sized(4, 1);
  const cases: [string, [string, string], RegExp][] = [
    ['an unknown metric', ['metric: governance.transparency', 'metric: governance.transparncy'], /targets\[0\]\.metric: unknown metric "governance\.transparncy"; did you mean "governance\.transparency"\?/],
    ['a prior outside the parameter\'s range', ['population.initialAwareness: { min: 0, max: 1 }', 'population.initialAwareness: { min: 0, max: 1.5 }'], /parameters\.population\.initialAwareness\.max: expected a number from 0 to 1 .*found 1\.5/],
    ['an observed value of the wrong type', ['observed: 0.45', 'observed: "45%"'], /targets\[0\]\.observed: expected a number from 0 to 1 \(governance\.transparency is an index from 0 to 1\), found "45%"/],
    ['an index given in percent', ['observed: 0.45', 'observed: 47'], /targets\[0\]\.observed: expected a number from 0 to 1 \(governance\.transparency is an index from 0 to 1\), found 47/],
    ['a share given in percent', ['observed: 0.1', 'observed: 10'], /targets\[1\]\.observed: expected a share from 0 to 1 \(10% is 0\.1\), found 10/],
    ['an unknown event count', ['metric: governance.transparency,', 'events: entrys,'], /targets\[0\]\.events: unknown event count "entrys"; did you mean "entries"\?/],
    ['a month after the run', ['month: 0', 'month: 12'], /targets\[1\]\.month: expected an integer from 0 to 11, found 12/],
    ['no uncertainty', ['observed: 0.45, se: 0.01', 'observed: 0.45'], /targets\[0\]: give its uncertainty as se:/],
    ['a whole-number parameter', ['cadres.meanIntegrity: { min: 0, max: 1 }', 'township.villages: { min: 1, max: 3 }'], /township\.villages takes whole numbers; calibrate continuous numeric parameters only/],
    ['a setting of another method', ['maxRuns: 240', 'draws: 240'], /settings\.draws: is a setting of rejection, not of smc/],
    ['an unknown method', ['method: smc', 'method: mcmc'], /method: expected smc, rejection or history-matching, found "mcmc"/],
    ['a budget below the first generation', ['maxRuns: 240', 'maxRuns: 10'], /settings\.maxRuns: 10 runs cannot pay for the first generation/],
  ];
  it.each(cases.map(([what, change, message], k): [string, [string, string], RegExp, number] => [what, change, message, k]))('%s', (_, [from, to], message, k) => {
    const file = join(root, `bad-${readdirSync(root).length}.yaml`);
    writeFileSync(file, good.replace(from!, to!));
    // Every file is refused by loadTargets, which povsim calibrate reads it with; every fourth
    // (npm test) or every one (npm run test:long) through the command line too.
    expect(() => loadTargets(file)).toThrow(InputError);
    expect(() => loadTargets(file)).toThrow(message);
    if (k % CLI_EVERY !== 0) return;
    const out = join(root, `bad-out-${readdirSync(root).length}`);
    const result = povsim(['calibrate', file, '--no-charts', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });

  it('a target no run defines (pmtR2 under community identification) is refused before any run', () => {
    const file = join(root, 'undefined-target.yaml');
    writeFileSync(file, good.replace('metric: governance.transparency, observed: 0.45, se: 0.01', 'metric: pmtR2, observed: 0.6, se: 0.05'));
    const out = join(root, 'undefined-out');
    const result = povsim(['calibrate', file, '--no-charts', '--workers', '1', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/targets\[0\]\.metric: pmtR2 is the proxy-means formula's fit, which identification\.method community does not use/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });

  it('a target the model leaves undefined in a run: one line, and the failed folder is replaced by the next run of the fixed file', () => {
    const file = join(root, 'undefined-ratio.yaml');
    writeFileSync(file, good.replace('metric: governance.transparency, observed: 0.45, se: 0.01', 'events: entries, per: sanctions, observed: 1, se: 0.5'));
    const out = join(root, 'undefined-ratio-out');
    const result = povsim(['calibrate', file, '--no-charts', '--workers', '1', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/targets: events\.entries\.per\.sanctions: the model gives no value \(null\) at .*this failed calibration's folder is replaced/);
    expect(result.stderr.trim().split('\n').filter((l) => !l.startsWith('povsim calibrate'))).toHaveLength(1);
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'runs.csv']);
    expect(JSON.parse(read(out, 'manifest.json')).status).toBe('failed');
    const chart = povsim(['chart', out]);
    expect(chart.code).toBe(2);
    expect(chart.stderr).toMatch(/is a calibration whose posterior is not written yet \(status failed\): fix the targets file and run povsim calibrate again/);
    // the fixed file, with or without --resume: a fresh calibration in the same folder
    writeFileSync(file, good);
    const fixed = povsim(['calibrate', file, '--no-charts', '--workers', '1', '--out', out]);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stdout).toMatch(/\(\d+ made now, 0 from runs\.csv\)/);
    expect(JSON.parse(read(out, 'manifest.json')).status).toBe('complete');
    expect(existsSync(join(out, 'posterior.csv'))).toBe(true);
  });
});
