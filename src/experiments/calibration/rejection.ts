/**
 * Rejection ABC (Pritchard et al. 1999): draw particles from the prior, simulate each, keep those
 * whose scaled distance to the targets is below a tolerance, or the best fraction of them.
 */
import { sampleJointPrior } from './priors.js';
import { checkProblem, evaluateProposals, proposalStream, type CalibrationProblem, type Evaluation } from './problem.js';

/** One generation of accepted particles, as plain data. */
export interface Population {
  /** 0 for rejection ABC and the first SMC generation. */
  readonly generation: number;
  /** The tolerance particles had to meet (distance <= tolerance). */
  readonly tolerance: number;
  readonly particles: readonly (readonly number[])[];
  /** Normalised importance weights (sum 1). */
  readonly weights: readonly number[];
  readonly distances: readonly number[];
  /** Replicate means per target of each particle. */
  readonly simulatedMeans: readonly (readonly number[])[];
  /** Proposals simulated to fill this generation. */
  readonly proposals: number;
  /** Model runs: proposals x replicates. */
  readonly simulations: number;
  /** Accepted particles / proposals. */
  readonly acceptanceRate: number;
}

/** Rejection ABC's result: the accepted draws (none when no draw meets the tolerance). */
export interface RejectionPopulation extends Population {
  /** The smallest distance of any draw: a tolerance at least this large accepts one. */
  readonly nearestDistance: number;
}

export type Acceptance = { readonly tolerance: number } | { readonly fraction: number };

export interface RejectionOptions {
  /** Particles drawn from the prior. */
  readonly draws: number;
  /** Keep distance <= tolerance, or the best `fraction` of the draws (at least one). */
  readonly acceptance: Acceptance;
  /** Proposals simulated at once (default 1); does not change the result. */
  readonly batch?: number;
}

/** Draws and simulates `count` prior particles of generation 0, `batch` at a time. */
export async function evaluatePriorDraws(
  problem: CalibrationProblem,
  method: string,
  count: number,
  batch: number,
): Promise<Evaluation[]> {
  const out: Evaluation[] = [];
  for (let first = 0; first < count; first += batch) {
    const particles: number[][] = [];
    for (let i = first; i < Math.min(count, first + batch); i += 1) {
      particles.push(sampleJointPrior(problem.priors, proposalStream(problem.seed, method, 0, i)));
    }
    out.push(...(await evaluateProposals(problem, method, 0, first, particles)));
  }
  return out;
}

/** Indices of the evaluations accepted: distance <= tolerance, or the ceil(fraction * n) nearest (ties by index). */
export function acceptedIndices(distances: readonly number[], acceptance: Acceptance): number[] {
  const byDistance = distances.map((_, i) => i).sort((a, b) => (distances[a] as number) - (distances[b] as number) || a - b);
  if ('tolerance' in acceptance) return byDistance.filter((i) => (distances[i] as number) <= acceptance.tolerance);
  if (!(acceptance.fraction > 0 && acceptance.fraction <= 1)) {
    throw new RangeError(`rejection ABC: fraction must be in (0, 1], found ${acceptance.fraction}`);
  }
  return byDistance.slice(0, Math.max(1, Math.ceil(acceptance.fraction * distances.length)));
}

/**
 * Rejection ABC. The accepted particles are equally weighted and listed nearest first; the
 * returned tolerance is the one given, or with a fraction the largest accepted distance. With a
 * tolerance no draw meets, no particle is accepted (an empty posterior, like history matching's).
 *
 * @throws RangeError for a malformed problem or options.
 */
export async function rejectionAbc(problem: CalibrationProblem, options: RejectionOptions): Promise<RejectionPopulation> {
  checkProblem(problem);
  if (!Number.isSafeInteger(options.draws) || options.draws < 1) {
    throw new RangeError(`rejection ABC: draws must be a positive integer, found ${options.draws}`);
  }
  const evaluations = await evaluatePriorDraws(problem, 'rejection', options.draws, options.batch ?? 1);
  const distances = evaluations.map((e) => e.distance);
  const kept = acceptedIndices(distances, options.acceptance);
  const tolerance = 'tolerance' in options.acceptance ? options.acceptance.tolerance : (distances[kept[kept.length - 1] as number] as number);
  return {
    generation: 0,
    tolerance,
    particles: kept.map((i) => (evaluations[i] as Evaluation).particle),
    weights: kept.map(() => 1 / kept.length),
    distances: kept.map((i) => distances[i] as number),
    simulatedMeans: kept.map((i) => (evaluations[i] as Evaluation).simulatedMeans),
    proposals: options.draws,
    simulations: options.draws * problem.replicates,
    acceptanceRate: kept.length / options.draws,
    nearestDistance: Math.min(...distances),
  };
}
