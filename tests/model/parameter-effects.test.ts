/**
 * Every numeric parameter must act: moved from the low to the high end of its documented range
 * (the rest at their defaults), it must move some output of a run by more than the run-to-run noise
 * of that output. A parameter that moves nothing is either a broken mechanism or dead weight that
 * misleads the analyst who sweeps it.
 *
 * How: a small township (2,000 households in 8 villages, 36 months), 4 seeds on common random
 * numbers. The outputs are the run's substantive figures: the scalar metrics but the per-channel
 * and per-tenth ones, the event counts, the ledger's totals and the yuan each programme paid. The noise of an output is
 * its standard deviation over the seeds at the sweep's base, and at least a millionth of its size
 * (so that rounding residue in a sum is not read as an effect). A parameter passes when, for some
 * output, the mean over seeds of (high - low) exceeds that noise and every seed moves it the same way.
 *
 * Some parameters act only in a setting the defaults do not have (CONTEXT), and size parameters whose
 * documented range is far beyond what a test can run are swept over a smaller range (SWEPT_RANGE).
 *
 * `npm test` checks every third parameter (a fixed third, so that a failure reproduces);
 * `npm run test:long` checks them all.
 */
import { describe, expect, it } from 'vitest';
import { leaves } from '../../src/model/parameter-spec.js';
import { parameterTree, type Params } from '../../src/model/parameters.js';
import { simulateParams, type SimulationResult } from '../../src/model/simulate.js';
import { flattenMetrics } from '../../src/results/summary.js';
import { params, type ParamChanges } from './helpers.js';
import { LONG } from '../long.js';

const BASE = params({ township: { households: 2000, villages: 8 }, simulation: { months: 36 } });
const SEEDS = [1, 2, 3, 4];

/** Ranges used instead of the documented ones where the documented end cannot run in a test. */
const SWEPT_RANGE: Record<string, readonly [number, number]> = {
  'simulation.months': [12, 48],
  'township.households': [500, 4000],
  'township.villages': [1, 60],
  'enterprises.count': [0, 30],
  'socialOrganisations.count': [0, 30],
};

/** Audits strong enough for cadres to be caught and sanctioned now and then. */
const STRONG_AUDITS: ParamChanges = { supervision: { auditRate: 0.5, villageAuditRate: 1 } };
/** Every village posts its list, so villagers can challenge it. */
const EVERY_VILLAGE_POSTS: ParamChanges = { disclosure: { postingShare: 1 } };
/** Social organisations with money to spend (ten times the baseline's). */
const FUNDED_ORGANISATIONS: ParamChanges = { socialOrganisations: { budgetPerHousehold: 200 } };

/**
 * The setting a parameter is swept in, where the defaults do not exercise it (each parameter's
 * description says when it acts):
 * - the PMT's recording and survey errors under `pmt`, the hybrid's shortlist under `hybrid`, the
 *   verification visits' error and cost under `verification`;
 * - the organisations' programmes (the skill a trainee gains, mutual aid and its platform, the
 *   training platform, the accuracy of their own platform) where they have money to spend: at the
 *   baseline's 20 yuan per household a year they train about one household in three hundred a year
 *   and their mutual aid is a rounding error of the township's aid; the skill gain and the training
 *   platform (which only decides who gets the places) where the money all goes to training (with
 *   30% of 200 yuan on training the platform's strongest effect was near the noise: it passed
 *   before issue 14 changed the normal draws and fell to 0.92 of the noise, on cghPoorest20,
 *   after); their own platform's accuracy where they target by it;
 * - public challenges and their correction where every village posts its list (the baseline: three
 *   in ten; in the test's 8 villages that leaves two or three, where challenges remove 0 to 3
 *   households in three years);
 * - the spread of cadre integrity across villages where there are 60 villages: its effect on the
 *   township is through the villages at the clipped ends (a wider spread lowers mean integrity,
 *   0.6 -> about 0.54 at SD 1), which 8 villages' draws swamp;
 * - dependency where unconditional cash is a sizeable share of recipients' income (at the default
 *   budget it is under a tenth);
 * - deterrence, sanctions and recovery where audits are strong enough to find things (at the
 *   baseline's 5% of households and 10% of villages a year they rarely do).
 */
const CONTEXT: Record<string, ParamChanges> = {
  'identification.pmtNoise': { identification: { method: 'pmt' } },
  'identification.surveyError': { identification: { method: 'pmt' } },
  'identification.shortlistFactor': { identification: { method: 'hybrid' } },
  'identification.verificationNoise': { identification: { method: 'verification' } },
  'identification.verificationCost': { identification: { method: 'verification' } },
  'socialOrganisations.trainingSkillGain': { socialOrganisations: { budgetPerHousehold: 200, trainingShare: 1 } },
  'socialOrganisations.mutualAidShare': FUNDED_ORGANISATIONS,
  'socialOrganisations.mutualAidCoverage': FUNDED_ORGANISATIONS,
  'platforms.mutualAid': FUNDED_ORGANISATIONS,
  'platforms.training': { socialOrganisations: { budgetPerHousehold: 200, trainingShare: 1 } },
  'socialOrganisations.ownNoise': { socialOrganisations: { budgetPerHousehold: 200, targeting: 'ownPlatform' } },
  'disclosure.challengeProbability': EVERY_VILLAGE_POSTS,
  'disclosure.correctionProbability': EVERY_VILLAGE_POSTS,
  'cadres.integritySd': { township: { villages: 60 } },
  'economy.dependency': { government: { budgetPerHousehold: 3000 } },
  'supervision.deterrence': STRONG_AUDITS,
  'supervision.sanctionIntegrityGain': STRONG_AUDITS,
  'supervision.sanctionHalfLife': STRONG_AUDITS,
  'supervision.recoveryRate': STRONG_AUDITS,
};

/** Event counts that are outputs (the rest of the counters are the last round's or bookkeeping). */
const EVENTS = [
  'exits', 'correctedAtReview', 'paperExitsDeclared', 'paperExitsReversed', 'pressuredExits', 'returnsToPoverty',
  'wrongEntries', 'entries', 'eliteAdditions', 'removedByAudit', 'removedByChallenge', 'sanctions', 'scored',
  'recovered', 'divertedByCadres', 'loanCapture', 'verificationCostUnpaid',
] as const;

/** The run's substantive outputs as name -> value (nulls left out). */
function outputs(run: SimulationResult): Map<string, number> {
  const out = new Map<string, number>();
  for (const [name, value] of flattenMetrics(run.metrics)) {
    if (value === null || /^(cghBySource|cghByProgramme|incidenceByDecile)\./.test(name)) continue;
    out.set(name, value);
  }
  for (const name of EVENTS) out.set(`events.${name}`, run.counters[name]);
  const total = { budget: 0, toPoor: 0, toNonPoor: 0, diverted: 0, administration: 0, unspent: 0 };
  for (const account of Object.values(run.ledger)) {
    for (const part of Object.keys(total) as (keyof typeof total)[]) total[part] += account[part];
  }
  for (const [part, value] of Object.entries(total)) out.set(`ledger.total.${part}`, value);
  for (const [programme, yuan] of Object.entries(run.programmes)) out.set(`programmes.${programme}`, yuan);
  return out;
}

/** `base` with the dotted keys of `changes` set. */
function withChanges(base: Params, changes: ParamChanges): Params {
  const copy = structuredClone(base) as unknown as Record<string, Record<string, unknown>>;
  for (const [group, values] of Object.entries(changes)) copy[group] = { ...copy[group], ...(values as Record<string, unknown>) };
  return copy as unknown as Params;
}

function withValue(base: Params, path: string, value: number): Params {
  const [group, key] = path.split('.') as [string, string];
  return withChanges(base, { [group]: { [key]: value } } as ParamChanges);
}

const baseFor = (path: string): Params => (CONTEXT[path] === undefined ? BASE : withChanges(BASE, CONTEXT[path]!));

const runAll = (p: Params): Map<string, number>[] => SEEDS.map((seed) => outputs(simulateParams(p, { seed, observe: 'last' })));

function sd(values: readonly number[]): number {
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1));
}

/** Each output's noise at `base`: its standard deviation over the seeds, at least a millionth of its size. */
function noiseAt(base: Params): Map<string, number> {
  const runs = runAll(base);
  const noise = new Map<string, number>();
  for (const name of runs[0]!.keys()) {
    const values = runs.map((d) => d.get(name)).filter((v): v is number => v !== undefined);
    if (values.length < SEEDS.length) continue;
    const size = Math.max(...values.map(Math.abs));
    noise.set(name, Math.max(sd(values), 1e-6 * size, 1e-12));
  }
  return noise;
}

/** The output the parameter moves most consistently, in units of its noise. */
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
    const sameWay = differences.every((d) => d > 0) || differences.every((d) => d < 0);
    if (!sameWay) continue;
    const ratio = Math.abs(differences.reduce((x, y) => x + y, 0) / differences.length) / sigma;
    if (ratio > best.ratio) best = { output: name, ratio };
  }
  return best;
}

describe('every numeric parameter moves some output beyond run-to-run noise', () => {
  const noiseCache = new Map<string, Map<string, number>>();
  const noiseFor = (path: string): Map<string, number> => {
    const key = CONTEXT[path] === undefined ? 'default' : JSON.stringify(CONTEXT[path]);
    if (!noiseCache.has(key)) noiseCache.set(key, noiseAt(baseFor(path)));
    return noiseCache.get(key)!;
  };
  const numeric = leaves(parameterTree).filter((leaf) => leaf.spec.kind === 'number');
  const checked = LONG ? numeric : numeric.filter((_, k) => k % 3 === 0);

  it.each(checked.map((leaf) => leaf.path))('%s', (path) => {
    const spec = numeric.find((leaf) => leaf.path === path)!.spec;
    if (spec.kind !== 'number') throw new Error('not numeric');
    const [low, high] = SWEPT_RANGE[path] ?? [spec.min, spec.max];
    const base = baseFor(path);
    const effect = strongestEffect(runAll(withValue(base, path, low)), runAll(withValue(base, path, high)), noiseFor(path));
    expect(effect.ratio, `${path} from ${low} to ${high}: strongest consistent effect on ${effect.output}`).toBeGreaterThan(1);
  });
});
