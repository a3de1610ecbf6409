/**
 * ABC-SMC, the population Monte Carlo sampler of Beaumont et al. (2009) and Toni et al. (2009).
 *
 * Generation 0 is N particles from the prior, all kept. Generation t >= 1 sets its tolerance to the
 * alpha-quantile of generation t-1's distances (adaptive, Del Moral et al. 2012), then proposes
 * particles by choosing an ancestor of generation t-1 by weight and perturbing it with a normal
 * kernel of twice the weighted covariance (a proposal outside the prior's ranges is redrawn from the
 * same proposal stream), simulates them, and keeps the first N within the tolerance in proposal
 * order. Weights: w_i proportional to prior(x_i) / sum_j w_j K(x_i | x_j). Redrawing outside the
 * ranges scales the proposal density by one constant, which normalising the weights removes.
 */
import { buildKernel, kernelLogDensity, perturb, type Kernel, type KernelKind } from './kernel.js';
import { insideSupport, jointPriorDensity, type Prior } from './priors.js';
import { checkProblem, evaluateProposals, proposalStream, type CalibrationProblem, type Evaluation } from './problem.js';
import { evaluatePriorDraws, type Population } from './rejection.js';
import type { RandomStream } from '../../engine/rng.js';
import { weightedQuantile } from './summaries.js';

export interface SmcOptions {
  /** Particles per generation (N). */
  readonly particles: number;
  /** Model runs allowed in all (proposals x replicates); a generation not full when they run out is dropped. */
  readonly maxSimulations: number;
  /** alpha: each tolerance is this quantile of the previous generation's distances (default 0.5). */
  readonly quantile?: number;
  /** Default `multivariate`. */
  readonly kernel?: KernelKind;
  /** Stop once a generation's tolerance is at or below this (default 0: never). Tolerances never go below it. */
  readonly minTolerance?: number;
  /** Stop after a generation whose acceptance rate is below this (default 0: never). */
  readonly minAcceptanceRate?: number;
  /** Generations at most, counting generation 0 (default 20). */
  readonly maxGenerations?: number;
  /** Proposals simulated at once (default 1); does not change the result. */
  readonly batch?: number;
}

export type StopReason = 'min-tolerance' | 'acceptance-floor' | 'max-generations' | 'budget';

export interface SmcResult {
  /** Every completed generation, the last one being the posterior sample. */
  readonly generations: readonly Population[];
  readonly stopReason: StopReason;
  /** Model runs counted: the completed generations' plus `discardedSimulations`. */
  readonly simulations: number;
  /** Runs of a generation dropped because the budget ended before it was full (0 otherwise). */
  readonly discardedSimulations: number;
}

/** Index i with cumulative weight w_0 + ... + w_i > u (the last index if rounding leaves none). */
export function chooseAncestor(weights: readonly number[], u: number): number {
  let cumulative = 0;
  for (let i = 0; i < weights.length; i += 1) {
    cumulative += weights[i] as number;
    if (u < cumulative) return i;
  }
  return weights.length - 1;
}

/** A proposal of generation t: an ancestor by weight, perturbed, redrawn until inside the priors' ranges. */
export function propose(priors: readonly Prior[], previous: Population, kernel: Kernel, stream: RandomStream): number[] {
  for (let attempt = 0; attempt < 10000; attempt += 1) {
    const ancestor = previous.particles[chooseAncestor(previous.weights, stream.uniform())] as readonly number[];
    const candidate = perturb(kernel, ancestor, stream);
    if (insideSupport(priors, candidate)) return candidate;
  }
  throw new Error('ABC-SMC: 10000 perturbations in a row fell outside the priors');
}

/**
 * Normalised importance weights of `particles` proposed from `previous` with `kernel`:
 * prior(x_i) / sum_j w_j K(x_i | x_j), summed in log space (log-sum-exp) against underflow.
 */
export function importanceWeights(
  priors: readonly Prior[],
  particles: readonly (readonly number[])[],
  previous: Pick<Population, 'particles' | 'weights'>,
  kernel: Kernel,
): number[] {
  const logWeights = particles.map((x) => {
    const terms = previous.particles.map((centre, j) => Math.log(previous.weights[j] as number) + kernelLogDensity(kernel, centre, x));
    const top = Math.max(...terms);
    const logMixture = top + Math.log(terms.reduce((sum, t) => sum + Math.exp(t - top), 0));
    return Math.log(jointPriorDensity(priors, x)) - logMixture;
  });
  const top = Math.max(...logWeights);
  const raw = logWeights.map((lw) => Math.exp(lw - top));
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => w / total);
}

function priorRanges(priors: readonly Prior[]): number[] {
  return priors.map((p) => p.upper - p.lower);
}

async function firstGeneration(problem: CalibrationProblem, n: number, batch: number): Promise<Population> {
  const evaluations = await evaluatePriorDraws(problem, 'smc', n, batch);
  const distances = evaluations.map((e) => e.distance);
  return {
    generation: 0,
    tolerance: Math.max(...distances),
    particles: evaluations.map((e) => e.particle),
    weights: evaluations.map(() => 1 / n),
    distances,
    simulatedMeans: evaluations.map((e) => e.simulatedMeans),
    proposals: n,
    simulations: n * problem.replicates,
    acceptanceRate: 1,
  };
}

/**
 * Generation `g` at tolerance `tolerance`, or the number of runs spent if `budget` runs end before N
 * particles are kept.
 * Proposals are simulated `batch` at a time and scanned in proposal order; those simulated after the
 * N-th acceptance are discarded and not counted here, so that the count does not depend on `batch`
 * (povsim calibrate keeps them in runs.csv and counts them in manifest.json's runsMade).
 */
async function nextGeneration(
  problem: CalibrationProblem,
  options: SmcOptions,
  previous: Population,
  g: number,
  tolerance: number,
  budget: number,
): Promise<Population | number> {
  const kernel = buildKernel(previous.particles, previous.weights, priorRanges(problem.priors), options.kernel ?? 'multivariate');
  const maxProposals = Math.floor(budget / problem.replicates);
  const kept: Evaluation[] = [];
  let scanned = 0;
  while (kept.length < options.particles) {
    const size = Math.min(options.batch ?? 1, maxProposals - scanned);
    if (size <= 0) return scanned * problem.replicates;
    const particles = Array.from({ length: size }, (_, i) =>
      propose(problem.priors, previous, kernel, proposalStream(problem.seed, 'smc', g, scanned + i)),
    );
    for (const evaluation of await evaluateProposals(problem, 'smc', g, scanned, particles)) {
      scanned += 1;
      if (evaluation.distance <= tolerance) kept.push(evaluation);
      if (kept.length === options.particles) break;
    }
  }
  const particles = kept.map((e) => e.particle);
  return {
    generation: g,
    tolerance,
    particles,
    weights: importanceWeights(problem.priors, particles, previous, kernel),
    distances: kept.map((e) => e.distance),
    simulatedMeans: kept.map((e) => e.simulatedMeans),
    proposals: scanned,
    simulations: scanned * problem.replicates,
    acceptanceRate: options.particles / scanned,
  };
}

function checkOptions(options: SmcOptions, replicates: number): void {
  if (!Number.isSafeInteger(options.particles) || options.particles < 2) {
    throw new RangeError(`ABC-SMC: particles must be an integer >= 2, found ${options.particles}`);
  }
  const alpha = options.quantile ?? 0.5;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`ABC-SMC: quantile must be in (0, 1), found ${alpha}`);
  if (!(options.maxSimulations >= options.particles * replicates)) {
    throw new RangeError(`ABC-SMC: maxSimulations ${options.maxSimulations} cannot pay for generation 0 (${options.particles * replicates} runs)`);
  }
}

function stopAfter(options: SmcOptions, generations: readonly Population[]): StopReason | null {
  const last = generations[generations.length - 1] as Population;
  if (last.tolerance <= (options.minTolerance ?? 0)) return 'min-tolerance';
  if (last.acceptanceRate < (options.minAcceptanceRate ?? 0)) return 'acceptance-floor';
  if (generations.length >= (options.maxGenerations ?? 20)) return 'max-generations';
  return null;
}

/**
 * Runs ABC-SMC until a stopping rule fires: the tolerance reaches `minTolerance`, the acceptance
 * rate falls below `minAcceptanceRate`, `maxGenerations` are done, or the `maxSimulations` runs
 * end before a generation is full (that generation is dropped, its runs counted as discarded). Same problem, seed and options, same bytes,
 * whatever `batch` and whatever order the simulator finishes in.
 *
 * @throws RangeError for a malformed problem or options.
 */
export async function abcSmc(problem: CalibrationProblem, options: SmcOptions): Promise<SmcResult> {
  checkProblem(problem);
  checkOptions(options, problem.replicates);
  const batch = options.batch ?? 1;
  const generations: Population[] = [await firstGeneration(problem, options.particles, batch)];
  let simulations = (generations[0] as Population).simulations;
  for (;;) {
    const reason = stopAfter(options, generations);
    if (reason !== null) return { generations, stopReason: reason, simulations, discardedSimulations: 0 };
    const previous = generations[generations.length - 1] as Population;
    const equal = previous.distances.map(() => 1);
    const tolerance = Math.max(options.minTolerance ?? 0, weightedQuantile(previous.distances, equal, options.quantile ?? 0.5));
    const next = await nextGeneration(problem, options, previous, generations.length, tolerance, options.maxSimulations - simulations);
    if (typeof next === 'number') return { generations, stopReason: 'budget', simulations: simulations + next, discardedSimulations: next };
    generations.push(next);
    simulations += next.simulations;
  }
}
