import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSweep } from '../../src/experiments/sweep-file.js';
import { metricNames } from '../../src/experiments/metrics.js';
import { InputError } from '../../src/scenario/index.js';

const baseline = resolve('scenarios/baseline.yaml');
const dir = mkdtempSync(join(tmpdir(), 'povsim-sweepfile-'));
let count = 0;

/** Writes a sweep file (the base scenario line is added) and returns its path. */
function sweepFile(body: string, withScenario = true): string {
  count += 1;
  const file = join(dir, `s${count}.yaml`);
  writeFileSync(file, `${withScenario ? `scenario: ${baseline}\n` : ''}${body}`);
  return file;
}

function errorOf(body: string, withScenario = true): string {
  const file = sweepFile(body, withScenario);
  try {
    loadSweep(file);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message.startsWith(`${file}: `)).toBe(true);
    return message.slice(file.length + 2);
  }
  throw new Error('expected an InputError');
}

describe('loadSweep', () => {
  it('reads a grid sweep: design, replicates, seed, set and the run count', () => {
    const sweep = loadSweep(sweepFile('name: g\nseed: 9\nreplicates: 3\nparameters:\n  supervision.auditRate: [0.1, 0.2]\n  identification.pmtNoise: { min: 0.1, max: 0.5 }\nlevels: 3\nset: { township.households: 500, identification: { method: pmt } }\n'));
    expect(sweep.name).toBe('g');
    expect(sweep.seed).toBe(9);
    expect(sweep.design).toEqual({
      kind: 'grid',
      levels: 3,
      factors: [
        { name: 'supervision.auditRate', values: [0.1, 0.2] },
        { name: 'identification.pmtNoise', min: 0.1, max: 0.5, distribution: 'uniform', integer: false },
      ],
    });
    expect(sweep.points).toBe(6); // 2 values x 3 levels
    expect(sweep.runs).toBe(18); // x 3 replicates
    expect(sweep.base.params.township.households).toBe(500);
    expect(sweep.base.params.identification.method).toBe('pmt'); // nested set is flattened
    expect(sweep.outputs).toEqual(metricNames());
  });

  it('defaults: name from the file, seed from the base scenario, one replicate, integer ranges for integer parameters', () => {
    const file = sweepFile('design: lhs\nsamples: 4\nparameters:\n  township.households: { min: 100, max: 400 }\n');
    const sweep = loadSweep(file);
    expect(sweep.name).toBe(`s${count}`);
    expect(sweep.seed).toBe(42); // baseline.yaml's seed
    expect(sweep.replicates).toBe(1);
    expect(sweep.design.factors[0]).toEqual({ name: 'township.households', min: 100, max: 400, distribution: 'uniform', integer: true });
  });

  it('fingerprints the sweep file, the base scenario and the overrides', () => {
    const file = sweepFile('parameters:\n  supervision.auditRate: [0.1]\n');
    const a = loadSweep(file);
    expect(loadSweep(file).fingerprint).toBe(a.fingerprint);
    expect(loadSweep(file, { overrides: ['township.households=400'] }).fingerprint).not.toBe(a.fingerprint);
    writeFileSync(file, `scenario: ${baseline}\nparameters:\n  supervision.auditRate: [0.2]\n`);
    expect(loadSweep(file).fingerprint).not.toBe(a.fingerprint);
  });

  it('gives one-line errors naming the file and the key', () => {
    const cases: [string, string, boolean?][] = [
      ['parameters:\n  supervision.auditRat: [0.1]\n', 'parameters.supervision.auditRat: unknown parameter or group; did you mean "supervision.auditRate"? (run povsim describe for the list)'],
      ['parameters:\n  auditRate: [0.1]\n', 'parameters.auditRate: write the full dotted path: did you mean "supervision.auditRate"?'],
      ['parameters:\n  supervision: [0.1]\n', 'parameters.supervision: is a group of parameters; name one of them, e.g. "supervision.auditRate"'],
      ['parameters:\n  supervision.auditRate: [0.1, 2]\n', 'parameters.supervision.auditRate[1]: expected a number from 0 to 1 (share of registered households per year), found 2'],
      ['parameters:\n  supervision.auditRate: { min: 0, max: 3 }\n', 'parameters.supervision.auditRate.max: expected a number from 0 to 1 (share of registered households per year), found 3'],
      ['parameters:\n  supervision.auditRate: { min: 0, maxx: 1 }\n', 'parameters.supervision.auditRate.maxx: unknown key "maxx" in parameters.supervision.auditRate; did you mean "max"?'],
      ['parameters:\n  supervision.auditRate: { min: 0.5, max: 0.2 }\n', 'parameters.supervision.auditRate: min (0.5) must be less than max (0.2)'],
      ['parameters:\n  supervision.auditRate: { min: 0, max: 0.5, distribution: loguniform }\n', 'parameters.supervision.auditRate.min: loguniform needs min > 0, found 0'],
      ['parameters:\n  identification.method: { min: 0, max: 1 }\n', 'parameters.identification.method: is one of pmt, community, hybrid, verification, so give a list of values, not a range'],
      ['parameters:\n  identification.method: [pmt, comunity]\n', 'parameters.identification.method[1]: expected one of pmt, community, hybrid, verification, found "comunity"; did you mean "community"?'],
      ['parameters:\n  township.households: { min: 100, max: 200.5 }\n', 'parameters.township.households.max: expected an integer (township.households is whole households), found 200.5'],
      ['parameters:\n  supervision.auditRate: []\n', 'parameters.supervision.auditRate: the list of values is empty'],
      ['parameters: {}\n', 'parameters: expected a mapping of parameter paths to a list of values or a range { min, max }, found an empty mapping'],
      ['desing: grid\nparameters:\n  supervision.auditRate: [0.1]\n', 'desing: unknown key "desing" at top level; did you mean "design"?'],
      ['design: sobl\nparameters:\n  supervision.auditRate: [0.1]\n', 'design: expected one of grid, random, lhs, sobol, morris, found "sobl" (did you mean "sobol"?)'],
      ['design: sobol\nparameters:\n  supervision.auditRate: { min: 0, max: 1 }\n', 'baseSamples: missing: the sobol design needs baseSamples, N, the number of base samples (the design has N (k + 2) points)'],
      ['design: sobol\nbaseSamples: 4\nparameters:\n  supervision.auditRate: [0.1]\n', 'parameters.supervision.auditRate: the sobol design needs a range (min, max), not a values list'],
      ['design: lhs\nbaseSamples: 4\nparameters:\n  supervision.auditRate: [0.1]\n', 'baseSamples: is not used by the lhs design (baseSamples is for sobol; lhs takes samples)'],
      ['design: morris\ntrajectories: 4\nlevels: 3\nparameters:\n  supervision.auditRate: { min: 0, max: 1 }\n', 'levels: expected an even integer >= 2 (morris grid levels), found 3'],
      ['replicates: 0\nparameters:\n  supervision.auditRate: [0.1]\n', 'replicates: expected an integer >= 1, found 0'],
      ['seed: -1\nparameters:\n  supervision.auditRate: [0.1]\n', 'seed: expected an integer from 0 to 4294967295, found -1'],
      ['name: a/b\nparameters:\n  supervision.auditRate: [0.1]\n', 'name: expected a name of letters, digits, ".", "_" and "-" starting with a letter or digit (at most 64 characters), found "a/b"'],
      ['parameters:\n  supervision.auditRate: [0.1]\nset:\n  supervision.auditRate: 0.2\n', 'set.supervision.auditRate: is also varied under parameters; keep one'],
      ['parameters:\n  supervision.auditRate: [0.1]\nset:\n  township.househlds: 20\n', 'set.township.househlds: unknown key "househlds" in township; did you mean "households"?'],
      ['parameters:\n  supervision.auditRate: [0.1]\nset:\n  seed: 3\n', 'set.seed: runs take their seeds from the sweep seed; write seed: at the top level'],
      ['parameters:\n  supervision.auditRate: [0.1]\noutputs: [leakage]\n', 'outputs: selects the metrics analysed in sensitivity.csv, which only sobol and morris designs produce (results.csv always holds every metric)'],
      ['design: morris\ntrajectories: 3\nparameters:\n  supervision.auditRate: { min: 0, max: 1 }\noutputs: [lekage]\n', 'outputs[0]: unknown metric "lekage"; did you mean "leakage"?'],
      // Removed metrics: what to use instead, not a did-you-mean.
      ['design: morris\ntrajectories: 3\nparameters:\n  supervision.auditRate: { min: 0, max: 1 }\noutputs: [leakage, inclusionError]\n', 'outputs[1]: inclusionError was split: use inclusionErrorRegistered (non-poor share of the register) or inclusionErrorNonPoor (share of non-poor households registered)'],
      ['design: morris\ntrajectories: 3\nparameters:\n  supervision.auditRate: { min: 0, max: 1 }\noutputs: [nonPoorCoverage]\n', 'outputs[0]: nonPoorCoverage was renamed: use inclusionErrorNonPoor (share of non-poor households registered)'],
      ['parameters:\n  supervision.auditRate: [0.1]\n', 'scenario: missing: the base scenario file, relative to this file, e.g. scenario: ../baseline.yaml', false],
      ['scenario: nothere.yaml\nparameters:\n  supervision.auditRate: [0.1]\n', `scenario: expected an existing scenario file (relative to the sweep file), found "nothere.yaml" (no file "${join(dir, 'nothere.yaml')}")`, false],
      ['', 'the sweep file is empty; it needs at least scenario and parameters', false],
      // an unclosed [ is reported where the file ends (line 4: the text has three lines and a final line end)
      ['parameters:\n  x: [1\n', 'line 4: flow sequence in block collection must be sufficiently indented and end with a ]'],
    ];
    for (const [body, message, withScenario] of cases) expect(errorOf(body, withScenario ?? true)).toBe(message);
  });

  it('names --set when a command-line override conflicts with a varied parameter', () => {
    const file = sweepFile('parameters:\n  supervision.auditRate: [0.1]\n');
    expect(() => loadSweep(file, { overrides: ['supervision.auditRate=0.3'] })).toThrow(`--set: supervision.auditRate: is varied by the sweep ${file}; remove the override`);
  });

  it('loads the shipped example sweeps', () => {
    const grid = loadSweep('scenarios/sweeps/audit-by-noise.yaml');
    expect(grid.design.kind).toBe('grid');
    expect(grid.base.params.identification.method).toBe('pmt');
    const sobol = loadSweep('scenarios/sweeps/sensitivity.yaml');
    expect(sobol.design.kind).toBe('sobol');
    expect(sobol.design.factors).toHaveLength(10);
    expect(sobol.outputs).toEqual([
      'leakage', 'inclusionErrorRegistered', 'inclusionErrorNonPoor', 'exclusionError', 'cgh', 'headcount', 'povertyGap', 'diversion', 'exits', 'paperExits',
    ]);
  });
});
