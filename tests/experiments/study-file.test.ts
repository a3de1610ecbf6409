/**
 * Study files (src/experiments/study-file.ts): levers that an uncertainty, the study's `set` or a
 * --set would erase; thresholds on share metrics; the seeds of a study's runs.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSeed } from '../../src/experiments/seeds.js';
import { loadStudy, type StudyLoadOptions } from '../../src/experiments/study-file.js';
import { sweepRunSeed } from '../../src/experiments/sweep.js';

const BASELINE = resolve('scenarios/baseline.yaml');
const SHIPPED = 'scenarios/studies/reforms-under-uncertainty.yaml';

/** A study of baseline and a policy file that raises cadre integrity, with `extra` appended. */
function study(extra: string, uncertain = 'population.initialAwareness'): string {
  const dir = mkdtempSync(join(tmpdir(), 'povsim-study-file-'));
  writeFileSync(join(dir, 'honest.yaml'), `name: honest\nextends: ${BASELINE}\ncadres:\n  meanIntegrity: 0.95\n`);
  const file = join(dir, 'study.yaml');
  writeFileSync(file, `name: levers
policies:
  - ${BASELINE}
  - honest.yaml
  - { name: audits, scenario: ${BASELINE}, set: { supervision.auditRate: 0.5 } }
uncertainties:
  ${uncertain}: { min: 0.3, max: 0.9 }
samples: 4
objectives:
  leakage: { direction: minimize, threshold: 0.4 }
${extra}`);
  return file;
}

function refusal(file: string, options: StudyLoadOptions = {}): string {
  try {
    loadStudy(file, options);
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
}

describe('loadStudy: a lever is any parameter whose value differs between the policies', () => {
  it('refuses an uncertainty on a reform written in a policy\'s own scenario file', () => {
    expect(refusal(study('', 'cadres.meanIntegrity'))).toMatch(
      /study\.yaml: uncertainties\.cadres\.meanIntegrity: is a lever of the policy honest \(its value differs between the policies\); changing it in every run would erase the policy$/);
  });

  it('refuses a --set of a reform in a policy\'s file (the shipped study, identification.method)', () => {
    expect(refusal(SHIPPED, { overrides: ['identification.method=community'] })).toMatch(
      /^--set: identification\.method: is a lever of the policy improved-identification in .*reforms-under-uncertainty\.yaml; changing it in every run would erase the policy$/);
    expect(refusal(study(''), { overrides: ['cadres.meanIntegrity=0.5'] })).toMatch(/^--set: cadres\.meanIntegrity: is a lever of the policy honest/);
  });

  it('refuses the study\'s set on a reform in a policy\'s file, not on one only a policy\'s set: changes', () => {
    expect(refusal(study('set: { cadres.meanIntegrity: 0.5 }'))).toMatch(/study\.yaml: set\.cadres\.meanIntegrity: is a lever of the policy honest/);
    // audits keeps its own 0.5 (its set: wins over the study's set), the others take 0.1.
    const loaded = loadStudy(study('set: { supervision.auditRate: 0.1 }'));
    expect(loaded.sweep.study!.scenarios.map((s) => s.params.supervision.auditRate)).toEqual([0.1, 0.1, 0.5]);
  });

  it('takes a --set or an uncertainty on a parameter every policy shares', () => {
    const loaded = loadStudy(study(''), { overrides: ['township.households=200'] });
    expect(loaded.sweep.study!.scenarios.map((s) => s.params.township.households)).toEqual([200, 200, 200]);
    expect(loadStudy(SHIPPED, { overrides: ['township.households=200'] }).record.policies).toHaveLength(7);
  });
});

describe('loadStudy: thresholds on share metrics', () => {
  it('refuses a share threshold outside 0..1 from the library too (no option needed), as calibrate refuses an observed share', () => {
    const file = study('');
    writeFileSync(file, readText(file).replace('threshold: 0.4', 'threshold: 40'));
    expect(refusal(file)).toMatch(/study\.yaml: objectives\.leakage\.threshold: expected a share from 0 to 1 \(10% is 0\.1\), found 40$/);
  });

  it.each([
    ['governance.transparency', 'maximize', 40, /objectives\.governance\.transparency\.threshold: expected a number from 0 to 1 \(governance\.transparency is an index from 0 to 1\), found 40$/],
    ['scoreR2', 'maximize', 5, /objectives\.scoreR2\.threshold: expected a number from 0 to 1 \(scoreR2 is an R-squared from 0 to 1\), found 5$/],
    ['gini', 'minimize', -0.1, /objectives\.gini\.threshold: expected a number from 0 to 1 \(gini is a Gini coefficient from 0 to 1\), found -0\.1$/],
    ['costPerExit', 'minimize', -5, /objectives\.costPerExit\.threshold: expected a number 0 or more \(costPerExit is an amount in yuan\), found -5$/],
    ['exits', 'maximize', -1, /objectives\.exits\.threshold: expected a number 0 or more \(exits is a count\), found -1$/],
  ] as const)('refuses a %s threshold outside its documented range (%s, %s)', (metric, direction, threshold, message) => {
    const file = study('');
    writeFileSync(file, readText(file).replace('leakage: { direction: minimize, threshold: 0.4 }', `${metric}: { direction: ${direction}, threshold: ${threshold} }`));
    expect(refusal(file)).toMatch(message);
  });

  it('says an empty uncertainties or objectives mapping is empty', () => {
    const file = study('');
    writeFileSync(file, readText(file).replace('  population.initialAwareness: { min: 0.3, max: 0.9 }\n', '').replace('uncertainties:\n', 'uncertainties: {}\n'));
    expect(refusal(file)).toMatch(/study\.yaml: uncertainties: expected a mapping of parameter paths to a range \{ min, max \} \(or a list of values\), found an empty mapping$/);
    writeFileSync(file, readText(study('')).replace('  leakage: { direction: minimize, threshold: 0.4 }\n', '').replace('objectives:\n', 'objectives: {}\n'));
    expect(refusal(file)).toMatch(/study\.yaml: objectives: expected a mapping of metric names to \{ direction, threshold \}, found an empty mapping$/);
  });

  it('takes thresholds at the ends of a documented range (an index of 1, a count of 0)', () => {
    const file = study('');
    writeFileSync(file, readText(file).replace('leakage: { direction: minimize, threshold: 0.4 }', 'governance.transparency: { direction: maximize, threshold: 1 }\n  pressuredExits: { direction: minimize, threshold: 0 }'));
    expect(loadStudy(file).record.objectives.map((o) => o.threshold)).toEqual([1, 0]);
  });

  it('takes a threshold above 1 on a metric that is not a share (costPerExit in yuan)', () => {
    const file = study('');
    writeFileSync(file, readText(file).replace('leakage: { direction: minimize, threshold: 0.4 }', 'costPerExit: { direction: minimize, threshold: 60000 }'));
    expect(loadStudy(file).record.objectives).toEqual([{ metric: 'costPerExit', direction: 'minimize', threshold: 60000 }]);
  });
});

describe('loadStudy: seeds', () => {
  it('gives every policy in a condition the same seed, and each condition its own: runSeed(seed, condition, replicate)', () => {
    const file = study('replicates: 2\nseed: 7');
    const { sweep } = loadStudy(file);
    // Design point = condition x 3 policies + policy.
    for (let condition = 0; condition < 4; condition += 1) {
      for (let policy = 0; policy < 3; policy += 1) {
        for (const replicate of [0, 1]) expect(sweepRunSeed(sweep, condition * 3 + policy, replicate)).toBe(runSeed(7, condition, replicate));
      }
    }
    const firstReplicate = [0, 1, 2, 3].map((c) => sweepRunSeed(sweep, c * 3, 0));
    expect(new Set(firstReplicate).size).toBe(4);
  });
});

function readText(file: string): string {
  return readFileSync(file, 'utf8');
}
