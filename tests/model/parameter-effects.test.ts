/**
 * Every numeric parameter must act: moved from the low to the high end of its documented range
 * (the rest at their defaults), it must move some output of a run by more than the run-to-run noise
 * of that output. A parameter that moves nothing is either a broken mechanism or dead weight that
 * misleads the analyst who sweeps it.
 *
 * How: a small township (2,000 households in 8 villages, 36 months), 3 seeds on common random
 * numbers. The outputs are every scalar metric, every event count and every ledger total of the run.
 * The noise of an output is its standard deviation over the 3 seeds at the defaults; a parameter
 * passes when, for some output, the mean over seeds of (high - low) exceeds that noise (or, for an
 * output with no noise at all, such as a budget, when it changes at all).
 *
 * Size parameters whose documented range is far beyond what a test can run are swept over a
 * smaller range (listed in SWEPT_RANGE); their effect is not in doubt, only its cost.
 */
import { describe, expect, it } from 'vitest';
import { leaves } from '../../src/model/parameter-spec.js';
import { parameterTree, type Params } from '../../src/model/parameters.js';
import { simulateParams, type SimulationResult } from '../../src/model/simulate.js';
import { flattenMetrics } from '../../src/results/summary.js';
import { params, type ParamChanges } from './helpers.js';

const BASE = params({ township: { households: 2000, villages: 8 }, simulation: { months: 36 } });
const SEEDS = [1, 2, 3];

/** Ranges used instead of the documented ones where the documented end cannot run in a test. */
const SWEPT_RANGE: Record<string, readonly [number, number]> = {
  'simulation.months': [12, 48],
  'township.households': [500, 4000],
  'township.villages': [1, 60],
  'enterprises.count': [0, 30],
  'socialOrganisations.count': [0, 30],
};

/**
 * Parameters that only act under one identification method are swept under that method (their
 * descriptions say so): the PMT's recording and survey errors under `pmt`, the hybrid's shortlist under
 * `hybrid`, the verification visits' error and cost under `verification`. The skill a trainee gains
 * is swept where the organisations have money to train with: at the baseline's 20 yuan per household
 * a year they train about one household in three hundred a year, too few for any township figure.
 */
const CONTEXT: Record<string, ParamChanges> = {
  'identification.pmtNoise': { identification: { method: 'pmt' } },
  'identification.surveyError': { identification: { method: 'pmt' } },
  'identification.shortlistFactor': { identification: { method: 'hybrid' } },
  'identification.verificationNoise': { identification: { method: 'verification' } },
  'identification.verificationCost': { identification: { method: 'verification' } },
  'socialOrganisations.trainingSkillGain': { socialOrganisations: { budgetPerHousehold: 200, trainingShare: 1 } },
};

/** Every output of a run as name -> value (nulls left out). */
function outputs(run: SimulationResult): Map<string, number> {
  const out = new Map<string, number>();
  for (const [name, value] of flattenMetrics(run.metrics)) if (value !== null) out.set(name, value);
  for (const [name, value] of Object.entries(run.counters)) if (typeof value === 'number') out.set(`events.${name}`, value);
  for (const [source, account] of Object.entries(run.ledger)) {
    for (const [part, value] of Object.entries(account)) out.set(`ledger.${source}.${part}`, value);
  }
  return out;
}

/** `base` with one dotted key set. */
function withValue(base: Params, path: string, value: number): Params {
  const [group, key] = path.split('.') as [string, string];
  const copy = structuredClone(base) as unknown as Record<string, Record<string, unknown>>;
  copy[group] = { ...copy[group], [key]: value };
  return copy as unknown as Params;
}

/** The base parameters of a parameter's sweep: BASE, with its context if it has one. */
function baseFor(path: string): Params {
  const context = CONTEXT[path];
  if (context === undefined) return BASE;
  const copy = structuredClone(BASE) as unknown as Record<string, Record<string, unknown>>;
  for (const [group, values] of Object.entries(context)) copy[group] = { ...copy[group], ...(values as Record<string, unknown>) };
  return copy as unknown as Params;
}

const runAll = (p: Params): Map<string, number>[] => SEEDS.map((seed) => outputs(simulateParams(p, { seed, observe: 'last' })));

function sd(values: readonly number[]): number {
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1));
}

/** The output the parameter moves most, measured in units of its noise (Infinity: a noiseless output changed). */
interface Effect {
  output: string;
  ratio: number;
}

function strongestEffect(low: Map<string, number>[], high: Map<string, number>[], noise: Map<string, number>): Effect {
  let best: Effect = { output: '(none)', ratio: 0 };
  for (const [name, sigma] of noise) {
    const differences: number[] = [];
    for (let k = 0; k < SEEDS.length; k += 1) {
      const a = low[k]!.get(name);
      const b = high[k]!.get(name);
      if (a !== undefined && b !== undefined) differences.push(b - a);
    }
    if (differences.length < SEEDS.length) continue;
    const effect = Math.abs(differences.reduce((x, y) => x + y, 0) / differences.length);
    const scale = Math.abs(low[0]!.get(name) ?? 0) + 1;
    const ratio = sigma > 0 ? effect / sigma : effect > 1e-9 * scale ? Infinity : 0;
    if (ratio > best.ratio) best = { output: name, ratio };
  }
  return best;
}

/** Each output's standard deviation over the seeds at `base`. */
function noiseAt(base: Params): Map<string, number> {
  const runs = runAll(base);
  const noise = new Map<string, number>();
  for (const name of runs[0]!.keys()) {
    const values = runs.map((d) => d.get(name)).filter((v): v is number => v !== undefined);
    if (values.length === SEEDS.length) noise.set(name, sd(values));
  }
  return noise;
}

describe('every numeric parameter moves some output beyond run-to-run noise', () => {
  const noiseCache = new Map<string, Map<string, number>>();
  const noiseFor = (path: string): Map<string, number> => {
    const key = CONTEXT[path] === undefined ? 'default' : path;
    if (!noiseCache.has(key)) noiseCache.set(key, noiseAt(baseFor(path)));
    return noiseCache.get(key)!;
  };
  const numeric = leaves(parameterTree).filter((leaf) => leaf.spec.kind === 'number');

  it.each(numeric.map((leaf) => leaf.path))('%s', (path) => {
    const spec = numeric.find((leaf) => leaf.path === path)!.spec;
    if (spec.kind !== 'number') throw new Error('not numeric');
    const [low, high] = SWEPT_RANGE[path] ?? [spec.min, spec.max];
    const base = baseFor(path);
    const effect = strongestEffect(runAll(withValue(base, path, low)), runAll(withValue(base, path, high)), noiseFor(path));
    expect(effect.ratio, `${path} from ${low} to ${high}: strongest effect on ${effect.output}`).toBeGreaterThan(1);
  });
});
