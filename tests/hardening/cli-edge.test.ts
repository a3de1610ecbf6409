/**
 * Issue 10, the command line's and the library's edges: repeated and empty flags (item 13), the
 * library's checks of what a program passes in (15), Ctrl-C while compare starts and the size of a
 * comparison (16, 6), and compare's table width, digits and sentences (22).
 * CLI cases run the built dist/ (`npx tsc -p tsconfig.json` first).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import fc from 'fast-check';
import yargs, { type Argv, type CommandModule } from 'yargs';
import { describe, expect, it } from 'vitest';
import { chartCommand } from '../../src/cli/commands/chart.js';
import { compareCommand } from '../../src/cli/commands/compare.js';
import { describeCommand } from '../../src/cli/commands/describe.js';
import { mergeCommand } from '../../src/cli/commands/merge.js';
import { runCommand } from '../../src/cli/commands/run.js';
import { sweepCommand } from '../../src/cli/commands/sweep.js';
import { validateCommand } from '../../src/cli/commands/validate.js';
import { comparisonTable, differenceCell, MIN_TABLE_WIDTH, reformSentence } from '../../src/cli/compare-text.js';
import { flagProblem, type FlagTable } from '../../src/cli/flags.js';
import { compareMetrics, compareScenarios, MAX_REPLICATES, type Comparison } from '../../src/experiments/compare.js';
import { defaultParams, InputError, loadScenario, simulate, simulateAsync, simulateParams } from '../../src/index.js';
import { differenceSentence } from '../../src/output/report/comparison-report.js';
import type { MetricEstimate } from '../../src/output/report/comparison.js';
import { differenceDecimals, distinctLevels, formatDifference } from '../../src/output/report/metrics.js';
import { STARTUP_INTERRUPTED } from '../../src/cli/startup.js';
import { povsim, tempDir } from '../cli/helpers.js';
import { LONG } from '../long.js';

/** One line on stderr, nothing on stdout, the exit code. */
function expectUsageLine(result: { code: number | null; stdout: string; stderr: string }, line: RegExp): void {
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n'), result.stderr).toHaveLength(1);
  expect(result.stderr).toMatch(line);
  expect(result.code).toBe(2);
}

describe('repeated and empty flags are usage errors (exit 2, one line), for every command', () => {
  const COMMANDS: readonly CommandModule<object, never>[] = [runCommand, compareCommand, sweepCommand, mergeCommand, chartCommand, validateCommand, describeCommand] as never;

  /** yargs's option table of a command, as the check in main.ts receives it. */
  function optionTable(command: CommandModule<object, never>): FlagTable {
    const y = yargs([]);
    (command.builder as (y: Argv) => Argv)(y);
    // getOptions() is yargs's (main.ts's check receives the same table); its types leave it out.
    return (y as unknown as { getOptions(): FlagTable }).getOptions();
  }

  it('every declared flag, repeated, is refused unless it is a list; every non-boolean flag, empty, is refused', () => {
    let checked = 0;
    for (const command of COMMANDS) {
      const table = optionTable(command);
      const [name, ...positionals] = String(command.command).split(' ');
      const flags = Object.keys(table.key).filter((key) => key !== 'help' && key !== 'version' && !positionals.some((p) => p.slice(1).startsWith(key)));
      for (const flag of flags) {
        const boolean = table.boolean.includes(flag);
        const use = boolean ? [`--${flag}`] : [`--${flag}`, '7'];
        const twice = flagProblem([name!, ...use, ...use], {}, table);
        if (table.array.includes(flag)) expect(twice, flag).toBeNull();
        else expect(twice, `${name} --${flag}`).toBe(`--${flag}: expected once, found 2 times (${use.join(' ')}, ${use.join(' ')})`);
        if (!boolean) {
          for (const empty of [[`--${flag}`, ''], [`--${flag}=`], [`--${flag}`]]) {
            expect(flagProblem([name!, ...empty], {}, table), `${name} ${empty.join(' ')}`).toBe(`--${flag}: expected a value, found nothing`);
          }
        }
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('a boolean and its --no- form, and a flag in both spellings, count as the same flag', () => {
    const table = optionTable(compareCommand as never);
    expect(flagProblem(['compare', '--charts', '--no-charts'], {}, table)).toBe('--charts: expected once, found 2 times (--charts, --no-charts)');
    expect(flagProblem(['compare', '--max-replicates', '3', '--maxReplicates=4'], {}, table)).toBe(
      '--max-replicates: expected once, found 2 times (--max-replicates 3, --maxReplicates=4)',
    );
    // A value that starts with a dash is a value; words after `--` are not flags.
    expect(flagProblem(['compare', '--seed', '-1'], {}, table)).toBeNull();
    expect(flagProblem(['compare', '--', '--out', '--out'], {}, table)).toBeNull();
  });

  it('through the command line: run, compare, sweep, merge and chart', () => {
    const dir = tempDir();
    const [a, b] = [join(dir, 'A'), join(dir, 'B')];
    expectUsageLine(povsim(['run', '--out', a, '--out', b]), /^povsim: --out: expected once, found 2 times \(--out .*A, --out .*B\) \(see povsim --help\)\n$/);
    expectUsageLine(povsim(['run', '--out', '']), /^povsim: --out: expected a value, found nothing/);
    expectUsageLine(povsim(['run', '--out=']), /^povsim: --out: expected a value, found nothing/);
    expectUsageLine(povsim(['run', '--charts', '--no-charts']), /^povsim: --charts: expected once, found 2 times \(--charts, --no-charts\)/);
    expectUsageLine(povsim(['run', '--set', '']), /^povsim: --set: expected a value, found nothing/);
    expectUsageLine(povsim(['run', '']), /^povsim: scenario: expected a value, found an empty argument/);
    const pair = ['scenarios/baseline.yaml', 'scenarios/improved-oversight.yaml'];
    expectUsageLine(povsim(['compare', ...pair, '--metric', 'a', '--metric', 'b']), /^povsim: Unknown argument: metric/);
    expectUsageLine(povsim(['compare', ...pair, '--replicates', '3', '--replicates', '4']), /^povsim: --replicates: expected once, found 2 times/);
    // yargs alone would read an empty number as 0 and a number with nothing after it as its default.
    expectUsageLine(povsim(['compare', ...pair, '--replicates', '']), /^povsim: --replicates: expected a value, found nothing/);
    expectUsageLine(povsim(['compare', ...pair, '--replicates']), /^povsim: --replicates: expected a value, found nothing/);
    expectUsageLine(povsim(['compare', ...pair, '--out', a, '--out', b]), /^povsim: --out: expected once/);
    expectUsageLine(povsim(['sweep', 'scenarios/sweeps/audit-by-noise.yaml', '--workers', '1', '--workers', '2']), /^povsim: --workers: expected once/);
    expectUsageLine(povsim(['sweep', 'scenarios/sweeps/audit-by-noise.yaml', '--workers', '']), /^povsim: --workers: expected a value, found nothing/);
    expectUsageLine(povsim(['merge', a, b, '--out', a, '--out', b]), /^povsim: --out: expected once/);
    expectUsageLine(povsim(['merge', a, b, '--out']), /^povsim: --out: expected a value, found nothing/);
    expectUsageLine(povsim(['chart', a, '--metric', 'leakage', '--metric', 'cgh']), /^povsim: --metric: expected once, found 2 times \(--metric leakage, --metric cgh\)/);
    expect(existsSync(a) || existsSync(b)).toBe(false);
  });

  it('--set stays repeatable', () => {
    const out = join(tempDir(), 'two-sets');
    const result = povsim(['run', '--households', '60', '--months', '1', '--set', 'supervision.auditRate=0.3', '--set', 'identification.method=pmt', '--no-charts', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { scenario: { overrides: string[] } };
    expect(manifest.scenario.overrides).toEqual(expect.arrayContaining(['supervision.auditRate=0.3', 'identification.method=pmt']));
  });
});

describe('the library checks what a program passes in, as the command line checks a file', () => {
  const scenario = loadScenario('scenarios/baseline.yaml', { overrides: ['township.households=60', 'simulation.months=1'] });
  const withParam = (group: 'supervision' | 'township', key: string, value: unknown): typeof scenario =>
    ({ ...scenario, params: { ...scenario.params, [group]: { ...scenario.params[group], [key]: value } } }) as typeof scenario;

  function thrown(run: () => unknown): InputError {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      return error as InputError;
    }
    throw new Error('expected an InputError');
  }

  it.each([
    ['NaN', Number.NaN, '.nan'],
    ['-1', -1, '-1'],
    ["'abc'", 'abc', '"abc"'],
    ['2^32', 2 ** 32, '4294967296'],
    ['1.5', 1.5, '1.5'],
  ])('seed %s: InputError naming the seed, what it expects and what it found', (_, seed, found) => {
    const error = thrown(() => simulate(scenario, { seed: seed as number }));
    expect(error.key).toBe('seed');
    expect(error.expected).toBe('an integer from 0 to 4294967295');
    expect(error.found).toBe(found);
    expect(error.message).toBe(`simulate: options: seed: expected an integer from 0 to 4294967295, found ${found}`);
  });

  it('auditRate 5 and households 0 in a scenario changed by hand, or in parameters', () => {
    const audit = thrown(() => simulate(withParam('supervision', 'auditRate', 5)));
    expect([audit.file, audit.key, audit.found]).toEqual(['simulate: scenario.params', 'supervision.auditRate', '5']);
    expect(audit.expected).toMatch(/^a number from 0 to 1/);
    const households = thrown(() => simulate(withParam('township', 'households', 0)));
    expect([households.key, households.found]).toEqual(['township.households', '0']);
    expect(households.message).toMatch(/^simulate: scenario\.params: township\.households: expected an integer from 1 to /);
    const params = thrown(() => simulateParams({ ...defaultParams, supervision: { ...defaultParams.supervision, auditRate: 5 } }, { seed: 1 }));
    expect([params.file, params.key]).toEqual(['simulateParams: params', 'supervision.auditRate']);
    const seed = thrown(() => simulateParams(defaultParams, { seed: Number.NaN }));
    expect(seed.message).toBe('simulateParams: options: seed: expected an integer from 0 to 4294967295, found .nan');
    // A parameter left out is refused too (a scenario file may leave it out, a set of parameters may not).
    const { auditRate: _omitted, ...withoutAudit } = defaultParams.supervision;
    const missing = thrown(() => simulateParams({ ...defaultParams, supervision: withoutAudit } as typeof defaultParams, { seed: 1 }));
    expect([missing.key, missing.found]).toEqual(['supervision.auditRate', 'nothing']);
  });

  it('simulateAsync and compareScenarios check the same way, before any run', async () => {
    await expect(simulateAsync(scenario, { seed: -1 })).rejects.toThrow('simulateAsync: options: seed: expected an integer from 0 to 4294967295, found -1');
    await expect(compareScenarios([scenario, withParam('township', 'households', 0)], { replicates: 2 })).rejects.toThrow(
      /^compareScenarios: scenarios\[1\]\.params: township\.households: expected an integer/,
    );
    await expect(compareScenarios([scenario, scenario], { replicates: 2, seed: Number.NaN })).rejects.toBeInstanceOf(InputError);
  });

  it('valid input still runs, the same as before', () => {
    const run = simulate(scenario, { seed: 7 });
    expect(run.seed).toBe(7);
    expect(JSON.stringify(simulateParams(scenario.params, { seed: 7 }).metrics)).toBe(JSON.stringify(run.result.metrics));
  });
});

describe('compare: its size, and Ctrl-C while it starts', () => {
  it(`refuses more than ${MAX_REPLICATES} replicates with one line saying why, before any run`, async () => {
    const out = join(tempDir(), 'never');
    const pair = ['scenarios/baseline.yaml', 'scenarios/improved-oversight.yaml'];
    expectUsageLine(povsim(['compare', ...pair, '--replicates', '1e8', '--out', out]), /^povsim: --replicates: expected an integer from 2 .* to 10,000 \(every replicate's results are kept in memory; for more runs use a sweep.*\), found 100000000\n$/);
    expectUsageLine(povsim(['compare', ...pair, '--precision', 'leakage=0.001', '--max-replicates', '20000', '--out', out]), /^povsim: --max-replicates: expected an integer from --replicates \(20\) to 10,000/);
    expect(existsSync(out)).toBe(false);
    const s = loadScenario('scenarios/baseline.yaml');
    await expect(compareScenarios([s, s], { replicates: 1e8 })).rejects.toBeInstanceOf(InputError);
  });

  /** Spawns povsim; sends SIGINT when stderr first matches `when`; resolves with the exit. */
  function interruptWhen(args: readonly string[], when: RegExp, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; signal: string | null; stderr: string }> {
    const child = spawn(process.execPath, ['bin/povsim.js', ...args], { env: { ...process.env, CI: '1', ...env } });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!sent && when.test(stderr)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    return new Promise((done) => child.on('close', (code, signal) => done({ code, signal, stderr })));
  }

  it('a huge comparison says how many runs before the first, and Ctrl-C then ends it: exit 130, nothing written', async () => {
    const out = join(tempDir(), 'huge');
    const { code, stderr } = await interruptWhen(
      ['compare', 'scenarios/baseline.yaml', 'scenarios/improved-oversight.yaml', '--replicates', '10000', '--households', '60', '--months', '1', '--no-charts', '--out', out],
      /runs \(/,
    );
    expect(stderr).toMatch(/^povsim compare: 20,000 runs \(2 scenarios x 10,000 replicates\); Ctrl-C stops it\n/);
    expect(stderr).toMatch(/povsim: interrupted after \d+ of 20000 runs; nothing was written/);
    expect(code).toBe(130);
    expect(existsSync(out)).toBe(false);
  });

  it('Ctrl-C as soon as povsim listens (before compare has loaded): one line, exit 130, not death by signal', async () => {
    const out = join(tempDir(), 'startup');
    const result = await interruptWhen(
      ['compare', 'scenarios/baseline.yaml', 'scenarios/improved-oversight.yaml', '--replicates', '10000', '--no-charts', '--out', out],
      /listening for Ctrl-C\n/,
      { POVSIM_ANNOUNCE_SIGNALS: '1' },
    );
    expect(result.signal).toBeNull();
    expect(result.code).toBe(130);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('povsim: listening for Ctrl-C');
    // The start-up line; or, if compare was already listening itself when the signal came, its
    // size and its own line (the signal is sent on an event, so either may happen).
    const rest = lines.slice(1).join('\n');
    expect(rest === STARTUP_INTERRUPTED || /^(povsim compare: 20,000 runs .*\n)?povsim: interrupted after \d+ of 20000 runs; nothing was written/.test(rest), rest).toBe(true);
    expect(existsSync(out)).toBe(false);
  });

  it('importing the package, and starting a command, loads neither mathjs nor the chart modules (static imports of dist/)', () => {
    const heavy = /^(mathjs|chart\.js|chartjs-node-canvas|canvas)(\/|$)/;
    for (const entry of ['dist/src/index.js', 'dist/src/cli/main.js', 'dist/src/cli/commands/compare-handler.js', 'dist/src/cli/commands/run-handler.js', 'dist/src/cli/commands/sweep-handler.js']) {
      const packages = staticPackages(resolve(entry));
      expect(packages.length, entry).toBeGreaterThan(0);
      expect(packages.filter((p) => heavy.test(p)), entry).toEqual([]);
    }
  });
});

/** Packages reached through static `import`/`export ... from` of compiled files (dynamic import() not followed). */
function staticPackages(entry: string): string[] {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/^\s*(?:import|export)\s+(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
      const spec = match[1]!;
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
      else if (!spec.startsWith('node:')) packages.add(spec);
    }
  };
  visit(entry);
  return [...packages];
}

describe('compare: the table fits the terminal, small differences show, sentences do not contradict themselves', () => {
  const NAMES = ['baseline', 'improved-oversight', 'improved-identification', 'government-only', 'incentives', 'platforms', 'full-reform'];
  const KEY = ['leakage', 'inclusionErrorRegistered', 'inclusionErrorNonPoor', 'exclusionError', 'cgh', 'headcount', 'povertyGap', 'diversion', 'exits', 'paperExits', 'costPerExit'];

  /** A comparison of made-up replicates: scenario s shifts every metric by s * step. */
  function comparison(names: readonly string[], replicates: readonly (readonly number[])[], step: number): Comparison {
    const values = names.map((_, s) => replicates.map((row) => row.map((v) => v + s * step)));
    const table = compareMetrics(KEY, values);
    return {
      povsim: 'test', reference: names[0]!, replicates: replicates.length, baseSeed: 1, seeds: [], metrics: KEY, precision: null,
      scenarios: names.map((name, s) => ({ name, metrics: table[s]! })) as unknown as Comparison['scenarios'],
    };
  }
  const replicates = [0.46, 0.5, 0.43, 0.48].map((x, r) => KEY.map((_, m) => x * (m + 1) + r * 0.001));

  it('7 scenarios at 80 columns: no line wider than 80, every scenario and metric shown', () => {
    const c = comparison(NAMES, replicates, 0.01);
    const wide = comparisonTable(c, KEY, 10_000);
    expect(Math.max(...wide.split('\n').map((l) => l.length))).toBeGreaterThan(300); // the old layout, one table (424 wide in the issue)
    for (const width of [80, 120, 200]) {
      const text = comparisonTable(c, KEY, width);
      for (const line of text.split('\n')) expect(line.length, `${width}: ${line}`).toBeLessThanOrEqual(width);
      for (const name of NAMES) expect(text).toContain(name);
      for (const metric of KEY) expect(text).toMatch(new RegExp(`^${metric}\\b`, 'm'));
    }
    // At 200 columns: blocks of scenarios beside the reference, each block a full table.
    expect(comparisonTable(c, KEY, 200).match(/^Metric /gm)!.length).toBeGreaterThan(1);
  });

  // 21 runs of the default township (about 9 s): under npm run test:long only. npm test checks the
  // layout on the made-up replicates above, and a real comparison at 400 columns below.
  it.runIf(LONG)('the issue\'s own comparison (7 scenarios, default township, 3 replicates) at 80 columns, and its results at 60 to 200', () => {
    // The made-up replicates above give cells of a few characters; a real comparison's costPerExit
    // cell is "214,198 [170,646, 257,750]" beside "-163,568 [-206,482, -120,655]": one column width
    // for every metric, set by it, made the narrow layout 84 characters wide at 80 columns.
    const files = NAMES.map((n) => `scenarios/${n}.yaml`);
    const out = join(tempDir(), 'seven');
    const result = povsim(['compare', ...files, '--replicates', '3', '--no-charts', '--out', out], { env: { COLUMNS: '80' } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const printed = result.stdout.split('\n\n')[1]!;
    for (const line of printed.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(printed).toMatch(/^costPerExit \(yuan\)$/m);
    const c = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')) as Comparison;
    const costs = c.scenarios.map((s) => s.metrics['costPerExit']!);
    expect(Math.max(...costs.map((m) => m.mean!))).toBeGreaterThan(10_000); // cells as wide as the issue's
    expect(comparisonTable(c, KEY, 80)).toBe(printed);
    for (const width of [MIN_TABLE_WIDTH, 70, 80, 100, 120, 160, 200]) {
      const text = comparisonTable(c, KEY, width);
      for (const line of text.split('\n')) expect(line.length, `${width}: ${line}`).toBeLessThanOrEqual(width);
      for (const name of NAMES) expect(text).toContain(name);
    }
  });

  it('a real comparison of 3 scenarios at 400 columns: one table', () => {
    const files = NAMES.slice(0, 3).map((n) => `scenarios/${n}.yaml`);
    const out = join(tempDir(), 'three');
    const wider = povsim(['compare', ...files, '--households', '60', '--months', '1', '--replicates', '2', '--workers', '1', '--no-charts', '--out', out], { env: { COLUMNS: '400' } });
    expect(wider.code, wider.stderr).toBe(0);
    expect(wider.stdout.split('\n').filter((l) => l.startsWith('Metric '))).toHaveLength(1);
  });

  /** Two scenarios with the given metrics' means, intervals and paired differences. */
  function twoScenarios(values: Record<string, [[number, number, number], [number, number, number], [number, number, number]]>): Comparison {
    const c = comparison(['baseline', 'platforms'], replicates, 0);
    for (const [metric, [ref, own, d]] of Object.entries(values)) {
      const stats = ([mean, ciLow, ciHigh]: number[]): object => ({ n: 3, mean, sd: 0, ciLow, ciHigh });
      (c.scenarios[0]!.metrics as Record<string, unknown>)[metric] = { ...stats(ref), difference: null };
      (c.scenarios[1]!.metrics as Record<string, unknown>)[metric] = { ...stats(own), difference: stats(d) };
    }
    return c;
  }
  const FIGURES = twoScenarios({
    leakage: [[0.427, 0.392, 0.461], [0.438, 0.41, 0.466], [0.011, 0.002, 0.02]],
    headcount: [[0.068, 0.059, 0.076], [0.061, 0.052, 0.07], [-0.007, -0.014, -0.00036]],
    exits: [[0, 0, 0], [2.3, -1.2, 5.8], [2.3, -3.4, 8]],
    costPerExit: [[214198, 170646, 257750], [194864, 138182, 251545], [-19334, -32464, -6205]],
  });

  it('each metric\'s columns sized on their own, the unit in its heading; a difference too wide goes on its own line', () => {
    const metrics = ['headcount', 'exits', 'costPerExit'];
    const lines = [
      'mean [95% CI]  difference from baseline [95% CI]',
      'headcount (%; differences in points)',
      '  baseline   6.8 [5.9, 7.6]',
      '  platforms  6.1 [5.2, 7.0]  -0.70 [-1.40, -0.04]',
      'exits',
      '  baseline    0.0 [0.0, 0.0]',
      '  platforms  2.3 [-1.2, 5.8]  +2.3 [-3.4, +8.0]',
      'costPerExit (yuan)',
      '  baseline   214,198 [170,646, 257,750]',
    ];
    // costPerExit on one line: 2 + 9 + 2 + 26 + 2 + 25 = 66 characters.
    expect(comparisonTable(FIGURES, metrics, 66)).toBe([...lines, '  platforms  194,864 [138,182, 251,545]  -19,334 [-32,464, -6,205]'].join('\n'));
    expect(comparisonTable(FIGURES, metrics, 60)).toBe(
      [...lines, '  platforms  194,864 [138,182, 251,545]', '      difference -19,334 [-32,464, -6,205]'].join('\n'),
    );
    // A name too long for "name  mean [CI]" within the width: the mean on a line of its own too.
    const name = 'p'.repeat(33); // 2 + 33 + 2 + 26 = 63 > 60
    const long = { ...FIGURES, scenarios: [FIGURES.scenarios[0]!, { ...FIGURES.scenarios[1]!, name }] } as Comparison;
    expect(comparisonTable(long, ['costPerExit'], 60)).toBe([
      'mean [95% CI]  difference from baseline [95% CI]',
      'costPerExit (yuan)',
      '  baseline',
      '    214,198 [170,646, 257,750]',
      `  ${name}`,
      '    194,864 [138,182, 251,545]',
      '      difference -19,334 [-32,464, -6,205]',
    ].join('\n'));
  });

  it('a reference name too long for the heading: the heading says "the first scenario"', () => {
    const name = 'b'.repeat(20); // "mean [95% CI]  difference from " + 20 + " [95% CI]" = 60 > 59
    const c = { ...FIGURES, scenarios: [{ ...FIGURES.scenarios[0]!, name }, FIGURES.scenarios[1]!] } as Comparison;
    expect(comparisonTable(c, ['exits'], 60).split('\n')[0]).toBe(`mean [95% CI]  difference from ${name} [95% CI]`);
    expect(comparisonTable(c, ['exits'], 59).split('\n')[0]).toBe('mean [95% CI]  difference from the first scenario [95% CI]');
  });

  it('an interval end that is not zero never reads 0; count differences keep the levels\' decimal', () => {
    // headcount ciHigh -0.00036 = -0.036 points: at 1 decimal "0.0", at 2 "-0.04".
    expect(differenceDecimals('headcount', { mean: -0.007, ciLow: -0.014, ciHigh: -0.00036 })).toBe(2);
    // -1e-8 = -0.000001 points still rounds to zero at the most decimals (1 + 3): it keeps its sign.
    expect(differenceDecimals('headcount', { mean: -0.007, ciLow: -0.014, ciHigh: -1e-8 })).toBe(4);
    expect(formatDifference('headcount', -1e-8, { unit: false, decimals: 4, keepSign: true })).toBe('-0.0000');
    expect(formatDifference('headcount', 1e-8, { unit: false, decimals: 4, plusSign: false, keepSign: true })).toBe('+0.0000');
    expect(formatDifference('headcount', 0, { unit: false, decimals: 4, keepSign: true })).toBe('0.0000');
    expect(formatDifference('headcount', -1e-8, { unit: false, decimals: 4 })).toBe('0.0000'); // a mean: no sign
    // A count's difference: 0 decimals by differenceDecimals (the report's levels have none), 1 in the terminal (its levels have one).
    expect(differenceDecimals('exits', { mean: 2.3, ciLow: -3.4, ciHigh: 8 })).toBe(0);
    expect(differenceCell('exits', { n: 3, mean: 2.3, sd: 0, ciLow: -3.4, ciHigh: 8 })).toBe('+2.3 [-3.4, +8.0]');
    expect(differenceCell('headcount', { n: 3, mean: -0.007, sd: 0, ciLow: -0.014, ciHigh: -1e-8 })).toBe('-0.7000 [-1.4000, -0.0000]');
    expect(reformSentence(FIGURES, 'platforms', [])).toBe(
      'platforms vs baseline: leakage 42.7% -> 43.8% (difference +1.1 points, 95% CI 0.2 to 2.0); headcount 6.8% -> 6.1% (difference -0.70 points, 95% CI -1.40 to -0.04).',
    );
    const estimate = (s: number): MetricEstimate => FIGURES.scenarios[s]!.metrics['headcount'] as unknown as MetricEstimate;
    expect(differenceSentence('platforms', 'headcount', estimate(0), estimate(1))).toBe(
      'platforms cuts poverty headcount from 6.8% to 6.1% (95% CI of the difference: -1.40 to -0.04 points).',
    );
  });

  it('a povertyGap difference of +0.02 points shows as +0.02 [-0.01, +0.04], in the terminal and in the report alike', () => {
    // povertyGap differences 0.0001, 0.0002, 0.0003, 0.0002 (shares): mean 0.0002, sd 0.0000816, t(3) half-width 0.00013
    const gaps = [0.0301, 0.0302, 0.0303, 0.0302];
    const m = KEY.indexOf('povertyGap');
    const values = [[0.03, 0.03, 0.03, 0.03], gaps].map((col) => col.map((v) => KEY.map((_, k) => (k === m ? v : 0.5))));
    const table = compareMetrics(KEY, values);
    const d = table[1]!['povertyGap']!.difference!;
    expect(d.mean).toBeCloseTo(0.0002, 12);
    const c = { ...comparison(NAMES.slice(0, 2), replicates, 0), scenarios: [{ name: 'a', metrics: table[0]! }, { name: 'b', metrics: table[1]! }] } as unknown as Comparison;
    const row = comparisonTable(c, ['povertyGap'], 200).split('\n')[1]!;
    expect(row).toContain('+0.02 [+0.01, +0.03]');
    const estimate = (i: number): MetricEstimate => table[i]!['povertyGap']! as unknown as MetricEstimate;
    expect(differenceSentence('b', 'povertyGap', estimate(0), estimate(1))).toBe(
      'b raises poverty gap from 3.00% to 3.02% (95% CI of the difference: 0.01 to 0.03 points).',
    );
    // The figures: +0.02 [-0.01, 0.04] (was "0.0 pts [0.0, 0.0]" in the terminal).
    expect(differenceDecimals('povertyGap', { mean: 0.0002, ciLow: -0.0001, ciHigh: 0.0004 })).toBe(2);
    expect(differenceDecimals('headcount', { mean: 0.0002, ciLow: -0.0001, ciHigh: 0.0004 })).toBe(2);
    expect(formatDifference('headcount', 0.0002, { decimals: 2 })).toBe('+0.02 points');
    // The same difference in every replicate: a half-width of rounding noise adds no decimals.
    expect(differenceDecimals('leakage', { mean: 0.03, ciLow: 0.03 - 1e-17, ciHigh: 0.03 + 1e-17 })).toBe(1);
  });

  it('for any difference with an interval, its half-width shows at least one digit (or the extra decimals run out)', () => {
    fc.assert(
      fc.property(fc.double({ min: -0.5, max: 0.5, noNaN: true }), fc.double({ min: 1e-9, max: 0.5, noNaN: true }), (mean, half) => {
        const d = { mean, ciLow: mean - half, ciHigh: mean + half };
        const decimals = differenceDecimals('leakage', d);
        expect(decimals).toBeGreaterThanOrEqual(1);
        expect(decimals).toBeLessThanOrEqual(4);
        const shown = (v: number): number => Number(formatDifference('leakage', v, { unit: false, decimals }).replace(/,/g, ''));
        if (decimals < 4) expect(shown(d.ciHigh) - shown(d.ciLow), JSON.stringify(d)).toBeGreaterThan(0);
      }),
    );
  });

  it('never "from 6.0% to 6.0%": more decimals, or "no clear change" when the interval includes zero', () => {
    const est = (mean: number, diff?: [number, number, number]): MetricEstimate => ({
      n: 20, mean, sd: null, ciLow: null, ciHigh: null,
      difference: diff === undefined ? null : { n: 20, mean: diff[0], sd: null, ciLow: diff[1], ciHigh: diff[2] },
    });
    expect(differenceSentence('x', 'headcount', est(0.0604), est(0.0598, [-0.0006, -0.0009, -0.0003]))).toBe(
      'x cuts poverty headcount from 6.04% to 5.98% (95% CI of the difference: -0.09 to -0.03 points).',
    );
    expect(differenceSentence('x', 'headcount', est(0.0601), est(0.0599, [-0.0006, -0.002, 0.0008]))).toBe(
      'x makes no clear change to poverty headcount, 6.0% in both (95% CI of the difference: -0.2 to 0.1 points).',
    );
    expect(distinctLevels('headcount', 0.0604, 0.0598)).toEqual(['6.04%', '5.98%']);
    // Any pair of levels and interval: a sentence that cuts or raises names two different levels.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: -500, max: 500 }), fc.integer({ min: 1, max: 2000 }), (a, delta, half) => {
        const from = a / 1e6 + 0.05;
        const diff = delta / 1e6;
        const sentence = differenceSentence('x', 'headcount', est(from), est(from + diff, [diff, diff - half / 1e6, diff + half / 1e6]))!;
        const moved = /(?:cuts|raises) poverty headcount from ([\d.]+%) to ([\d.]+%)/.exec(sentence);
        if (moved !== null) expect(moved[1], sentence).not.toBe(moved[2]);
      }),
    );
  });

  it('the terminal sentence too', () => {
    // headcount 8.3% in both, difference +0.1 points with an interval across zero; leakage cut for real.
    const c = comparison(['baseline', 'reform'], replicates, 0);
    const at = (s: number, metric: string, mean: number, d: [number, number, number] | null): void => {
      (c.scenarios[s]!.metrics as Record<string, unknown>)[metric] = {
        n: 4, mean, sd: 0, ciLow: mean, ciHigh: mean, difference: d === null ? null : { n: 4, mean: d[0], sd: 0, ciLow: d[1], ciHigh: d[2] },
      };
    };
    at(0, 'headcount', 0.0827, null);
    at(1, 'headcount', 0.0834, [0.0007, -0.002, 0.004]);
    at(0, 'leakage', 0.4604, null);
    at(1, 'leakage', 0.4598, [-0.0006, -0.0008, -0.0004]);
    expect(reformSentence(c, 'reform', [])).toBe(
      'reform vs baseline: leakage 46.04% -> 45.98% (difference -0.06 points, 95% CI -0.08 to -0.04); headcount: no clear change, 8.3% in both (difference +0.1 points, 95% CI -0.2 to 0.4, which includes zero).',
    );
  });
});
