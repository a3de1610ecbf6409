/**
 * The calibration samplers end to end on toy stochastic models: properties of every generation,
 * determinism whatever the evaluation order, recovery of an analytic posterior, and ABC-SMC against
 * rejection ABC in model runs.
 *
 * The toy model: a sample mean of n = 25 draws from N(theta, 1), i.e. theta + N(0, 0.2^2). With a
 * uniform prior on [-5, 5] and the observed mean 1.1, the posterior is N(1.1, 0.2^2) (the
 * truncation at +-5 is 19 sd away): 90% interval 1.1 +- 1.6449 x 0.2 = [0.771, 1.429], width 0.658.
 */
import { describe, expect, it } from 'vitest';
import { RandomStream, streamState } from '../../../src/engine/rng.js';
import {
  abcSmc,
  historyMatching,
  rejectionAbc,
  summarizePosterior,
  type CalibrationProblem,
  type Prior,
  type ReplicateValues,
  type Simulator,
} from '../../../src/experiments/calibration/index.js';

const SD_OF_MEAN = 0.2;
const OBSERVED = 1.1;
const TRUTH = 1.0;
const ANALYTIC_WIDTH = 2 * 1.6448536269514722 * SD_OF_MEAN;

function noise(seed: number): RandomStream {
  return new RandomStream(streamState(seed, 'toy'));
}

/** theta + N(0, 0.2^2), one value per replicate seed. */
const meanModel: Simulator = (params, seeds) => seeds.map((s) => [(params['theta'] as number) + SD_OF_MEAN * noise(s).normal()]);

function meanProblem(seed: number, seeding: 'independent' | 'common' = 'independent'): CalibrationProblem {
  return {
    priors: [{ kind: 'uniform', name: 'theta', lower: -5, upper: 5 }],
    targets: [{ name: 'sample mean', observed: OBSERVED, scale: SD_OF_MEAN }],
    simulate: meanModel,
    replicates: 1,
    seed,
    seeding,
  };
}

/** Two parameters, three priors kinds, two targets, async with completions out of order. */
const twoParameterPriors: Prior[] = [
  { kind: 'log-uniform', name: 'rate', lower: 0.01, upper: 1 },
  { kind: 'normal', name: 'level', lower: 0, upper: 10, mean: 4, sd: 3 },
];

async function shuffledAsyncModel(params: Readonly<Record<string, number>>, seeds: readonly number[]): Promise<ReplicateValues> {
  const rate = params['rate'] as number;
  const level = params['level'] as number;
  // finish after a number of event-loop turns that depends on the particle: later proposals of a
  // batch often finish first
  const turns = Math.floor(level * 7) % 5;
  for (let i = 0; i < turns; i += 1) await new Promise((resolve) => setImmediate(resolve));
  return seeds.map((s) => {
    const n = noise(s);
    return [level * rate + 0.05 * n.normal(), level + 0.3 * n.normal()];
  });
}

function twoParameterProblem(seed: number): CalibrationProblem {
  return {
    priors: twoParameterPriors,
    targets: [
      { name: 'product', observed: 1.2, scale: 0.1 },
      { name: 'level', observed: 4, scale: 0.5 },
    ],
    simulate: shuffledAsyncModel,
    replicates: 3,
    seed,
    seeding: 'common',
  };
}

const smcOptions = { particles: 60, maxSimulations: 6000, maxGenerations: 5, quantile: 0.5 };

describe('ABC-SMC: properties of every generation', () => {
  it.each([1, 2, 3])('seed %i: weights sum to 1, ESS in [1, N], particles in the priors, tolerances fall', async (seed) => {
    const result = await abcSmc(twoParameterProblem(seed), { ...smcOptions, batch: 4 });
    expect(result.generations.length).toBeGreaterThan(1);
    let previousTolerance = Infinity;
    for (const g of result.generations) {
      expect(g.particles).toHaveLength(60);
      expect(g.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      const ess = summarizePosterior(twoParameterPriors, g.particles, g.weights).effectiveSampleSize;
      expect(ess).toBeGreaterThanOrEqual(1);
      expect(ess).toBeLessThanOrEqual(60 + 1e-9);
      for (const [rate, level] of g.particles as number[][]) {
        expect(rate! >= 0.01 && rate! <= 1 && level! >= 0 && level! <= 10).toBe(true);
      }
      for (const d of g.distances) expect(d).toBeLessThanOrEqual(g.tolerance);
      expect(g.tolerance).toBeLessThanOrEqual(previousTolerance);
      expect(g.acceptanceRate).toBeCloseTo(60 / g.proposals, 12);
      previousTolerance = g.tolerance;
    }
    const completed = result.generations.reduce((sum, g) => sum + g.simulations, 0);
    expect(result.simulations).toBe(completed + result.discardedSimulations);
    expect(result.simulations).toBeLessThanOrEqual(6000);
  });

  it('same seed, same bytes, whatever the batch size and completion order; another seed differs', async () => {
    const one = JSON.stringify(await abcSmc(twoParameterProblem(11), { ...smcOptions, batch: 1 }));
    const seven = JSON.stringify(await abcSmc(twoParameterProblem(11), { ...smcOptions, batch: 7 }));
    const again = JSON.stringify(await abcSmc(twoParameterProblem(11), { ...smcOptions, batch: 7 }));
    const other = JSON.stringify(await abcSmc(twoParameterProblem(12), { ...smcOptions, batch: 7 }));
    expect(seven).toBe(one);
    expect(again).toBe(one);
    expect(other).not.toBe(one);
  });

  it('stops on its budget, dropping the generation it could not pay for', async () => {
    const result = await abcSmc(meanProblem(5), { particles: 50, maxSimulations: 400, maxGenerations: 50 });
    expect(result.stopReason).toBe('budget');
    // the dropped generation's runs are counted, and the budget is spent to its last run
    expect(result.discardedSimulations).toBeGreaterThan(0);
    expect(result.simulations).toBe(400);
    expect(result.simulations).toBe(result.generations.reduce((sum, g) => sum + g.simulations, 0) + result.discardedSimulations);
  });

  it('stops when the acceptance rate falls below its floor', async () => {
    const result = await abcSmc(meanProblem(5), { particles: 50, maxSimulations: 1e6, minAcceptanceRate: 0.2, maxGenerations: 50 });
    expect(result.stopReason).toBe('acceptance-floor');
    const last = result.generations[result.generations.length - 1]!;
    expect(last.acceptanceRate).toBeLessThan(0.2);
    for (const g of result.generations.slice(0, -1)) expect(g.acceptanceRate).toBeGreaterThanOrEqual(0.2);
  });

  it('refuses a budget that cannot pay for generation 0', async () => {
    await expect(abcSmc(meanProblem(5), { particles: 50, maxSimulations: 49 })).rejects.toThrow(/cannot pay for generation 0/);
  });
});

describe('rejection ABC', () => {
  it('keeps equally weighted particles within the tolerance, same bytes for any batch size', async () => {
    const a = await rejectionAbc(twoParameterProblem(3), { draws: 300, acceptance: { fraction: 0.1 }, batch: 1 });
    const b = await rejectionAbc(twoParameterProblem(3), { draws: 300, acceptance: { fraction: 0.1 }, batch: 9 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a.particles).toHaveLength(30);
    expect(a.weights.every((w) => w === 1 / 30)).toBe(true);
    expect(Math.max(...a.distances)).toBe(a.tolerance);
    expect(a.simulations).toBe(900);
  });
});

describe('recovery of an analytic posterior, and the runs each method needs', () => {
  const tolerance = 0.25; // in standard errors: widens the posterior sd by ~1% (0.05^2 / 3 added to 0.04)

  it('ABC-SMC and rejection: 90% intervals hold the truth with the analytic width; SMC needs far fewer runs', async () => {
    const priors = meanProblem(0).priors;
    const smc = await abcSmc(meanProblem(2026), { particles: 500, quantile: 0.3, minTolerance: tolerance, maxSimulations: 200000 });
    expect(smc.stopReason).toBe('min-tolerance');
    const last = smc.generations[smc.generations.length - 1]!;
    expect(last.tolerance).toBe(tolerance);
    const smcPosterior = summarizePosterior(priors, last.particles, last.weights);
    const rejection = await rejectionAbc(meanProblem(2026), { draws: 60000, acceptance: { tolerance } });
    const rejectionPosterior = summarizePosterior(priors, rejection.particles, rejection.weights);
    // runs per effective particle, at the same final tolerance
    const smcRunsPerParticle = smc.simulations / smcPosterior.effectiveSampleSize;
    const rejectionRunsPerParticle = rejection.simulations / rejectionPosterior.effectiveSampleSize;
    const interval = (s: typeof smcPosterior): string => `[${s.parameters[0]!.lower90.toFixed(3)}, ${s.parameters[0]!.upper90.toFixed(3)}]`;
    console.log(
      `recovery (analytic 90% interval [0.771, 1.429], width ${ANALYTIC_WIDTH.toFixed(3)}): ` +
        `ABC-SMC ${smc.generations.length} generations, ${smc.simulations} runs, ESS ${smcPosterior.effectiveSampleSize.toFixed(0)}, ` +
        `${smcRunsPerParticle.toFixed(1)} runs per effective particle, interval ${interval(smcPosterior)}; ` +
        `rejection ${rejection.simulations} runs, ${rejection.particles.length} accepted, ` +
        `${rejectionRunsPerParticle.toFixed(1)} runs per particle, interval ${interval(rejectionPosterior)}`,
    );
    for (const { parameters } of [smcPosterior, rejectionPosterior]) {
      const s = parameters[0]!;
      expect(s.lower90).toBeLessThan(TRUTH);
      expect(s.upper90).toBeGreaterThan(TRUTH);
      expect(Math.abs(s.median - OBSERVED)).toBeLessThan(0.05);
      expect(Math.abs(s.upper90 - s.lower90 - ANALYTIC_WIDTH) / ANALYTIC_WIDTH).toBeLessThan(0.1);
    }
    expect(smcRunsPerParticle * 2.5).toBeLessThan(rejectionRunsPerParticle);
  });

  it('common random numbers with one replicate condition on one noise draw: the interval shrinks to the tolerance', async () => {
    // every particle sees the same noise e: accepted theta lie within 0.25 x 0.2 = 0.05 of 1.1 - e
    const result = await rejectionAbc(meanProblem(2026, 'common'), { draws: 20000, acceptance: { tolerance } });
    const s = summarizePosterior(meanProblem(0).priors, result.particles, result.weights).parameters[0]!;
    expect(s.upper90 - s.lower90).toBeLessThan(0.1);
    expect(s.upper90 - s.lower90).toBeLessThan(ANALYTIC_WIDTH / 5);
  });
});

describe('history matching', () => {
  it('narrows the non-implausible region onto the analytic one in waves', async () => {
    // replicates 4: I = |1.1 - mean| / sqrt(0.04 + var); the region I <= 3 is about 1.1 +- 0.85
    const problem = { ...meanProblem(9), replicates: 4 };
    const result = await historyMatching(problem, { pointsPerWave: 200, waves: 3, batch: 5 });
    expect(result.stopReason).toBe('waves');
    const shares = result.waves.map((w) => w.nonImplausibleShare);
    // wave 0 draws from the whole prior [-5, 5]: about 17% of it is non-implausible
    expect(shares[0]).toBeLessThan(0.3);
    expect(shares[2]).toBeGreaterThan(0.5);
    for (const w of result.waves) {
      w.points.forEach((p, i) => {
        if (w.nonImplausible[i]) expect(Math.abs((p[0] as number) - OBSERVED)).toBeLessThan(1.5);
        expect(w.implausibility[i]).toBe(Math.max(...w.targetImplausibility[i]!));
      });
    }
    const again = await historyMatching(problem, { pointsPerWave: 200, waves: 3, batch: 1 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(result));
  });

  it('stops when a wave leaves no non-implausible point', async () => {
    const impossible = { ...meanProblem(9), targets: [{ name: 'sample mean', observed: 40, scale: 0.2 }] };
    const result = await historyMatching(impossible, { pointsPerWave: 50, waves: 3 });
    expect(result.stopReason).toBe('empty');
    expect(result.waves).toHaveLength(1);
  });
});

describe('rejection ABC with a tolerance no draw meets', () => {
  it('gives an empty population with the nearest distance, and that distance as tolerance accepts exactly that draw', async () => {
    const empty = await rejectionAbc(meanProblem(11), { draws: 10, acceptance: { tolerance: 1e-9 } });
    expect(empty.particles).toEqual([]);
    expect(empty.weights).toEqual([]);
    expect(empty.acceptanceRate).toBe(0);
    expect(empty.simulations).toBe(10);
    expect(empty.nearestDistance).toBeGreaterThan(1e-9);
    const one = await rejectionAbc(meanProblem(11), { draws: 10, acceptance: { tolerance: empty.nearestDistance } });
    expect(one.distances).toEqual([empty.nearestDistance]);
  });
});
