/**
 * Targets files, target values, runs.csv and calibrated.yaml, worked by hand (the command end to
 * end is tested in tests/cli-experiments/calibrate.test.ts).
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kindOfData } from '../../../src/cli/file-kinds.js';
import { calibratedYaml, loadTargets, targetValue, type TargetSpec } from '../../../src/experiments/calibration/index.js';
import { JournalWriter, journalHeader, readJournal, runKey } from '../../../src/experiments/calibration/journal.js';
import type { RunOutput } from '../../../src/experiments/run-params.js';
import { InputError, loadScenario } from '../../../src/scenario/index.js';
import { parse, stringify } from 'yaml';
import { tempDir } from '../../cli/helpers.js';

const root = tempDir('povsim-targets-');

describe('targets files', () => {
  it('reads recover.yaml with the documented defaults', () => {
    const spec = loadTargets('scenarios/calibration/recover.yaml');
    expect(spec.name).toBe('recover');
    expect(spec.seeding).toBe('independent');
    expect(spec.priors.map((p) => [p.name, p.kind, p.lower, p.upper])).toEqual([
      ['identification.communityNoise', 'uniform', 0, 5],
      ['cadres.meanIntegrity', 'uniform', 0, 1],
      ['population.initialAwareness', 'uniform', 0, 1],
    ]);
    expect(spec.targets.map((t) => t.name)).toEqual(['scoreR2', 'governance.integrity', 'governance.transparency']);
    expect(spec.base.params.township.households).toBe(400);
    expect(spec.method).toMatchObject({ kind: 'smc', particles: 100, maxRuns: 4000 });
  });

  it('names targets after their source and takes the defaults of a method', () => {
    const file = join(root, 'names.yaml');
    writeFileSync(file, [
      `scenario: ${join(process.cwd(), 'scenarios/baseline.yaml')}`,
      'parameters: { supervision.auditRate: { min: 0.01, max: 0.5, prior: log-uniform } }',
      'targets:',
      '  - { metric: registeredShare, month: 3, observed: 0.1, tolerance: 0.01 }',
      '  - { events: roundCorrections, per: roundRegisteredBefore, observed: 0.1, se: 0.02 }',
      '  - { events: entries, observed: 900, se: 30 }',
      'method: rejection',
      '',
    ].join('\n'));
    const spec = loadTargets(file);
    expect(spec.targets.map((t) => t.name)).toEqual(['registeredShare.month3', 'events.roundCorrections.per.roundRegisteredBefore', 'events.entries']);
    expect(spec.method).toEqual({ kind: 'rejection', draws: 1000, accept: { fraction: 0.05 } });
    expect(spec.priors[0]).toEqual({ kind: 'log-uniform', name: 'supervision.auditRate', lower: 0.01, upper: 0.5 });
  });

  it('are told apart from sweep files and scenarios by povsim validate', () => {
    expect(kindOfData({ scenario: 'b.yaml', parameters: {}, targets: [] }).kind).toBe('targets');
    expect(kindOfData({ scenario: 'b.yaml', parameters: {} }).kind).toBe('sweep');
    expect(kindOfData({ scenario: 'b.yaml', parameters: {}, design: 'grid', samples: 3 }).kind).toBe('sweep');
  });
});

describe('targets refused before any run (issue 11 review)', () => {
  const targetsFile = (name: string, lines: readonly string[]): string => {
    const file = join(root, `${name}.yaml`);
    writeFileSync(file, [`scenario: ${join(process.cwd(), 'scenarios/baseline.yaml')}`, 'parameters: { cadres.meanIntegrity: { min: 0, max: 1 } }', ...lines, ''].join('\n'));
    return file;
  };
  const refusal = (file: string): string => {
    try {
      loadTargets(file);
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      return (error as Error).message;
    }
    return 'loaded';
  };

  it('pmtR2 under community identification (no formula), but not under pmt', () => {
    const target = 'targets: [{ metric: pmtR2, observed: 0.6, se: 0.05 }]';
    expect(refusal(targetsFile('pmt-community', [target]))).toMatch(/targets\[0\]\.metric: pmtR2 is the proxy-means formula's fit, which identification\.method community does not use \(it needs pmt or hybrid\)/);
    expect(refusal(targetsFile('pmt-pmt', ['set: { identification.method: pmt }', target]))).toBe('loaded');
  });

  it('a round* count in a run shorter than 12 months (no annual adjustment), but not in one of 12', () => {
    const target = 'targets: [{ events: roundCorrections, per: roundRegisteredBefore, observed: 0.1, se: 0.02 }]';
    expect(refusal(targetsFile('round-3', ['set: { simulation.months: 3 }', target]))).toMatch(/targets\[0\]\.events: roundCorrections counts the last annual register adjustment .* a run of 3 months does not reach; set simulation\.months to 12 or more/);
    expect(refusal(targetsFile('round-3-per', ['set: { simulation.months: 3 }', 'targets: [{ events: entries, per: roundRegisteredBefore, observed: 0.1, se: 0.02 }]']))).toMatch(/targets\[0\]\.per: roundRegisteredBefore counts/);
    expect(refusal(targetsFile('round-12', ['set: { simulation.months: 12 }', target]))).toBe('loaded');
  });

  it('a negative observed ratio of counts', () => {
    expect(refusal(targetsFile('ratio', ['targets: [{ events: roundCorrections, per: roundRegisteredBefore, observed: -0.5, se: 0.02 }]']))).toMatch(/targets\[0\]\.observed: expected a ratio of two counts, a number >= 0, found -0\.5/);
  });

  it.each([
    ['governance.transparency', 47, /targets\[0\]\.observed: expected a number from 0 to 1 \(governance\.transparency is an index from 0 to 1\), found 47$/],
    ['scoreR2', 7, /targets\[0\]\.observed: expected a number from 0 to 1 \(scoreR2 is an R-squared from 0 to 1\), found 7$/],
    ['costPerExit', -100, /targets\[0\]\.observed: expected a number 0 or more \(costPerExit is an amount in yuan\), found -100$/],
    ['exits', -2, /targets\[0\]\.observed: expected a number 0 or more \(exits is a count\), found -2$/],
  ] as const)('an observed %s outside its documented range (%s)', (metric, observed, message) => {
    expect(refusal(targetsFile(`range-${metric}`, [`targets: [{ metric: ${metric}, observed: ${observed}, se: 0.05 }]`]))).toMatch(message);
  });

  it('an observed index or R-squared inside 0..1 loads', () => {
    expect(refusal(targetsFile('range-ok', ['targets: [{ metric: governance.transparency, observed: 0.47, se: 0.05 }, { metric: scoreR2, observed: 1, se: 0.05 }]']))).toBe('loaded');
  });

  it('an empty parameters mapping, said to be empty', () => {
    const file = targetsFile('empty-parameters', ['targets: [{ metric: leakage, observed: 0.4, se: 0.05 }]']);
    writeFileSync(file, readFileSync(file, 'utf8').replace('parameters: { cadres.meanIntegrity: { min: 0, max: 1 } }', 'parameters: {}'));
    expect(refusal(file)).toMatch(/parameters: expected a mapping of parameter paths to priors \{ min, max \[, prior\] \}, found an empty mapping$/);
  });

  it('a share given in percent, from the library too (no option needed)', () => {
    expect(refusal(targetsFile('share', ['targets: [{ metric: leakage, observed: 40, se: 5 }]']))).toMatch(/targets\[0\]\.observed: expected a share from 0 to 1 \(10% is 0\.1\), found 40/);
  });
});

describe('target values', () => {
  const output: RunOutput = { metrics: [0.25], ledger: null, series: null, events: { roundCorrections: 12, roundRegisteredBefore: 120, entries: 0 } };
  const target = (source: TargetSpec['source']): TargetSpec => ({ name: 't', observed: 0, scale: 1, uncertainty: 'se', source });

  it('an events count, and its ratio to another (12 / 120 = 0.1)', () => {
    expect(targetValue(target({ kind: 'events', event: 'roundCorrections', per: null }), output)).toBe(12);
    expect(targetValue(target({ kind: 'events', event: 'roundCorrections', per: 'roundRegisteredBefore' }), output)).toBe(0.1);
  });

  it('null for a ratio over 0 (the command stops with one line)', () => {
    expect(targetValue(target({ kind: 'events', event: 'roundCorrections', per: 'entries' }), output)).toBeNull();
  });

  it('the first metric, and a month of the series', () => {
    expect(targetValue(target({ kind: 'metric', metric: 'headcount' }), output)).toBe(0.25);
    const withSeries: RunOutput = { ...output, series: [[0.5], [0.4]] };
    expect(targetValue(target({ kind: 'month', metric: 'headcount', month: 1 }), withSeries)).toBe(0.4);
  });
});

describe('runs.csv', () => {
  const header = journalHeader(['a'], ['t']);

  it('gives back the runs written, cuts a half-written last row, and refuses a changed one', () => {
    const file = join(root, 'runs.csv');
    const writer = new JournalWriter(file, 'fp', header);
    writer.append(7, [0.5], [0.25]);
    writer.append(8, [0.1], [1e-7]);
    writer.close();
    appendFileSync(file, '9,0.3,0.');
    const runs = readJournal(file, header, 'fp', 1);
    expect([...runs.entries()]).toEqual([[runKey(7, [0.5]), [0.25]], [runKey(8, [0.1]), [1e-7]]]);
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true); // the torn row is gone
    expect(() => readJournal(file, header, 'another', 1)).toThrow(/line 2: is not a row this calibration wrote/);
    writeFileSync(file, readFileSync(file, 'utf8').replace('0.25', '0.26'));
    expect(() => readJournal(file, header, 'fp', 1)).toThrow(/line 2: is not a row this calibration wrote/);
  });
});

describe('calibrated.yaml', () => {
  it('extends the starting scenario with the fixed changes and the medians, and loads as a scenario', () => {
    const spec = loadTargets('scenarios/calibration/recover.yaml');
    const out = join(root, 'out', 'recover');
    const file = join(out, 'calibrated.yaml');
    mkdirSync(out, { recursive: true });
    writeFileSync(file, calibratedYaml(spec, [1.5, 0.25, 0.75], out));
    const scenario = loadScenario(file);
    expect(scenario.chain[0]).toMatch(/scenarios\/baseline\.yaml$/);
    expect(scenario.params.identification.communityNoise).toBe(1.5);
    expect(scenario.params.cadres.meanIntegrity).toBe(0.25);
    expect(scenario.params.population.initialAwareness).toBe(0.75);
    expect(scenario.params.township.households).toBe(400);
    expect(scenario.params.simulation.months).toBe(12);
  });
});

describe('targets files changed at random', () => {
  // Every leaf of recover.yaml and china-lookback.yaml replaced, one at a time, by a value of
  // another kind: the file loads, or fails with one InputError line naming it; never another error.
  const junk: unknown[] = [null, -1, 0, 1e308, 'text', '', true, [], [1, 2], {}, { min: 1 }, 0.5, 12];
  const leaves = (value: unknown, path: (string | number)[] = []): (string | number)[][] =>
    value !== null && typeof value === 'object'
      ? Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, Array.isArray(value) ? Number(k) : k]))
      : [path];
  const setAt = (value: unknown, path: readonly (string | number)[], leaf: unknown): unknown => {
    if (path.length === 0) return leaf;
    const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
    copy[path[0]!] = setAt(copy[path[0]!], path.slice(1), leaf);
    return copy;
  };

  it.each(['recover', 'china-lookback'])('%s.yaml', (name) => {
    const original = parse(readFileSync(`scenarios/calibration/${name}.yaml`, 'utf8')) as Record<string, unknown>;
    original['scenario'] = join(process.cwd(), 'scenarios/baseline.yaml');
    let refused = 0;
    let cases = 0;
    for (const path of leaves(original)) {
      for (const leaf of junk) {
        const file = join(root, `mutant-${name}.yaml`);
        writeFileSync(file, stringify(setAt(original, path, leaf)));
        cases += 1;
        try {
          loadTargets(file);
        } catch (error) {
          expect(error, `${path.join('.')} = ${JSON.stringify(leaf)}`).toBeInstanceOf(InputError);
          expect((error as Error).message.split('\n')).toHaveLength(1);
          refused += 1;
        }
      }
    }
    expect(cases).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(cases / 2);
  });
});
