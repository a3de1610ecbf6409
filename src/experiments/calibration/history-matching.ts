/**
 * History matching (Craig et al. 1997; Andrianakis et al. 2015 for stochastic models) run on the
 * simulator itself, without an emulator: rule out the parameter values at which the model cannot
 * plausibly give the observed figures, in waves.
 *
 * Implausibility of target j at a point: I_j = |observed_j - E[sim_j]| / sqrt(var_obs_j + var_sim_j),
 * with E[sim_j] the mean of the R replicates, var_obs_j = scale_j^2 and var_sim_j the replicates'
 * sample variance (n - 1; 0 with one replicate): the observed figure is one realisation of the
 * world, so it is compared with the spread of single runs. A point's implausibility is the largest
 * I_j; it is non-implausible if that is at most the cut-off (3 by default, Pukelsheim's three-sigma
 * rule). Wave 0 draws its points from the prior; each later wave draws from the non-implausible
 * points of the previous wave, each perturbed by a normal of those points' standard deviation per
 * parameter and redrawn until inside the priors' ranges; it stops early if no point survives.
 */
import type { RandomStream } from '../../engine/rng.js';
import { insideSupport, sampleJointPrior, type Prior } from './priors.js';
import { checkProblem, evaluateProposals, proposalStream, type CalibrationProblem, type Target } from './problem.js';

/**
 * Implausibility of one target: |observed - mean(values)| / sqrt(scale^2 + sampleVariance(values)).
 *
 * @example
 * // mean 12, sample variance ((10-12)^2 + (14-12)^2) / 1 = 8; |6 - 12| / sqrt(1 + 8) = 2
 * implausibility({ name: 'a', observed: 6, scale: 1 }, [10, 14]); // 2
 */
export function implausibility(target: Target, values: readonly number[]): number {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1) : 0;
  return Math.abs(target.observed - mean) / Math.sqrt(target.scale ** 2 + variance);
}

export interface HistoryMatchingOptions {
  /** Points simulated in each wave. */
  readonly pointsPerWave: number;
  /** Waves at most. */
  readonly waves: number;
  /** Largest implausibility still non-implausible (default 3). */
  readonly cutoff?: number;
  /** Points simulated at once (default 1); does not change the result. */
  readonly batch?: number;
}

export interface Wave {
  readonly wave: number;
  readonly points: readonly (readonly number[])[];
  /** Per point, the implausibility of each target. */
  readonly targetImplausibility: readonly (readonly number[])[];
  /** Per point, the largest of its targets' implausibilities. */
  readonly implausibility: readonly number[];
  readonly nonImplausible: readonly boolean[];
  /** Share of the wave's points that are non-implausible. */
  readonly nonImplausibleShare: number;
  readonly simulations: number;
}

export interface HistoryMatchingResult {
  readonly waves: readonly Wave[];
  /** `waves` when all ran, `empty` when a wave left no non-implausible point. */
  readonly stopReason: 'waves' | 'empty';
  readonly simulations: number;
}

function standardDeviations(points: readonly (readonly number[])[], priors: readonly Prior[]): number[] {
  return priors.map((prior, k) => {
    const values = points.map((p) => p[k] as number);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length);
    // one surviving point, or all on one value: search a twentieth of the range around it
    return sd > 0 ? sd : (prior.upper - prior.lower) / 20;
  });
}

function pointNearSurvivors(priors: readonly Prior[], survivors: readonly (readonly number[])[], sds: readonly number[], stream: RandomStream): number[] {
  for (let attempt = 0; attempt < 10000; attempt += 1) {
    const centre = survivors[stream.integer(survivors.length)] as readonly number[];
    const point = centre.map((c, k) => c + (sds[k] as number) * stream.normal());
    if (insideSupport(priors, point)) return point;
  }
  throw new Error('history matching: 10000 draws in a row fell outside the priors');
}

async function runWave(problem: CalibrationProblem, options: HistoryMatchingOptions, wave: number, previous: Wave | null): Promise<Wave> {
  const survivors = previous ? previous.points.filter((_, i) => previous.nonImplausible[i]) : [];
  const sds = previous ? standardDeviations(survivors, problem.priors) : [];
  const batch = options.batch ?? 1;
  const cutoff = options.cutoff ?? 3;
  const points: number[][] = [];
  const targetImplausibility: number[][] = [];
  for (let first = 0; first < options.pointsPerWave; first += batch) {
    const proposals: number[][] = [];
    for (let i = first; i < Math.min(options.pointsPerWave, first + batch); i += 1) {
      const stream = proposalStream(problem.seed, 'history', wave, i);
      proposals.push(previous ? pointNearSurvivors(problem.priors, survivors, sds, stream) : sampleJointPrior(problem.priors, stream));
    }
    for (const evaluation of await evaluateProposals(problem, 'history', wave, first, proposals)) {
      points.push([...evaluation.particle]);
      targetImplausibility.push(problem.targets.map((t, j) => implausibility(t, evaluation.values.map((row) => row[j] as number))));
    }
  }
  const worst = targetImplausibility.map((row) => Math.max(...row));
  const nonImplausible = worst.map((v) => v <= cutoff);
  return {
    wave,
    points,
    targetImplausibility,
    implausibility: worst,
    nonImplausible,
    nonImplausibleShare: nonImplausible.filter(Boolean).length / points.length,
    simulations: points.length * problem.replicates,
  };
}

/**
 * Runs up to `waves` waves of history matching.
 *
 * @throws RangeError for a malformed problem or options.
 */
export async function historyMatching(problem: CalibrationProblem, options: HistoryMatchingOptions): Promise<HistoryMatchingResult> {
  checkProblem(problem);
  if (!Number.isSafeInteger(options.pointsPerWave) || options.pointsPerWave < 1) {
    throw new RangeError(`history matching: pointsPerWave must be a positive integer, found ${options.pointsPerWave}`);
  }
  if (!Number.isSafeInteger(options.waves) || options.waves < 1) {
    throw new RangeError(`history matching: waves must be a positive integer, found ${options.waves}`);
  }
  const waves: Wave[] = [];
  let simulations = 0;
  for (let w = 0; w < options.waves; w += 1) {
    const wave = await runWave(problem, options, w, waves[w - 1] ?? null);
    waves.push(wave);
    simulations += wave.simulations;
    if (!wave.nonImplausible.some(Boolean)) return { waves, stopReason: 'empty', simulations };
  }
  return { waves, stopReason: 'waves', simulations };
}
