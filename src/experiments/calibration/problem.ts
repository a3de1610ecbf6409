/**
 * What every sampler shares: the calibration problem (priors, targets, a simulator), its seeded
 * streams, the scaled distance and the evaluation of a batch of proposals.
 *
 * Determinism: every proposal k of generation (or wave) g draws from its own stream, named by
 * (seed, method, g, k) and nothing else, and its replicate seeds are a pure function of the same
 * coordinates. A batch of proposals may therefore be simulated in any order or all at once, and the
 * sampler, which scans the results in proposal order, returns the same bytes.
 */
import seedrandom from 'seedrandom';
import { RandomStream, streamState } from '../../engine/rng.js';
import { checkPrior, type Prior } from './priors.js';

/** An observed figure to match. */
export interface Target {
  readonly name: string;
  readonly observed: number;
  /**
   * Its standard error, or the tolerance the analyst accepts (same units as `observed`, > 0): the
   * distance counts a miss in these units, so a target known to +-0.5 points weighs as much as one
   * known to +-50 households.
   */
  readonly scale: number;
}

/** Simulated values: one row per replicate seed, one value per target in the targets' order. */
export type ReplicateValues = readonly (readonly number[])[];

/**
 * Runs the model at `params` (keyed by prior name) once per replicate seed. May return a promise,
 * so that povsim's worker pool plugs in.
 */
export type Simulator = (
  params: Readonly<Record<string, number>>,
  replicateSeeds: readonly number[],
) => ReplicateValues | Promise<ReplicateValues>;

/**
 * How replicate seeds are chosen. `independent`: each proposal gets its own R seeds (the ABC
 * posterior then includes the model's run-to-run noise). `common`: replicate r has the same seed at
 * every proposal (common random numbers: proposals are compared on the same shocks, which sharpens
 * comparisons between them but conditions the result on those R realisations; see
 * docs/experiments.md).
 */
export type Seeding = 'independent' | 'common';

export interface CalibrationProblem {
  readonly priors: readonly Prior[];
  readonly targets: readonly Target[];
  readonly simulate: Simulator;
  /** Replicates per proposal (R >= 1). */
  readonly replicates: number;
  /** Non-negative integer seed of the whole calibration. */
  readonly seed: number;
  /** Default `independent`. */
  readonly seeding?: Seeding;
}

/** One evaluated proposal. */
export interface Evaluation {
  readonly particle: readonly number[];
  /** Mean over replicates, per target. */
  readonly simulatedMeans: readonly number[];
  /** The scaled distance of `simulatedMeans` to the targets. */
  readonly distance: number;
  /** All replicate values, as returned by the simulator. */
  readonly values: ReplicateValues;
}

/**
 * Checks the problem once: priors well formed and uniquely named, targets with finite observed
 * values and scale > 0, R a positive integer, seed a non-negative integer.
 *
 * @throws RangeError with one line saying what is wrong.
 */
export function checkProblem(problem: CalibrationProblem): void {
  if (problem.priors.length === 0) throw new RangeError('calibration: no parameter to fit');
  problem.priors.forEach(checkPrior);
  const names = new Set(problem.priors.map((p) => p.name));
  if (names.size !== problem.priors.length) throw new RangeError('calibration: a parameter is named twice');
  if (problem.targets.length === 0) throw new RangeError('calibration: no target');
  for (const t of problem.targets) {
    if (!Number.isFinite(t.observed)) throw new RangeError(`target ${t.name}: observed value must be a finite number, found ${t.observed}`);
    if (!(t.scale > 0) || !Number.isFinite(t.scale)) throw new RangeError(`target ${t.name}: standard error or tolerance must be > 0, found ${t.scale}`);
  }
  if (!Number.isSafeInteger(problem.replicates) || problem.replicates < 1) {
    throw new RangeError(`calibration: replicates must be a positive integer, found ${problem.replicates}`);
  }
  if (!Number.isSafeInteger(problem.seed) || problem.seed < 0) {
    throw new RangeError(`calibration: seed must be a non-negative integer, found ${problem.seed}`);
  }
}

/** The stream of proposal `index` in generation (or wave) `generation` of `method`. */
export function proposalStream(seed: number, method: string, generation: number, index: number): RandomStream {
  return new RandomStream(streamState(seed, `calibration/${method}/gen/${generation}/proposal/${index}`));
}

/**
 * Replicate seeds (uint32) of a proposal: the first 32 bits of seedrandom (ARC4) keyed by
 * `${seed}/calibration/rep/${r}` (common) or
 * `${seed}/calibration/${method}/gen/${generation}/proposal/${index}/rep/${r}` (independent).
 */
export function replicateSeedsOf(
  problem: CalibrationProblem,
  method: string,
  generation: number,
  index: number,
): number[] {
  const seeds: number[] = [];
  for (let r = 0; r < problem.replicates; r += 1) {
    const key =
      problem.seeding === 'common'
        ? `${problem.seed}/calibration/rep/${r}`
        : `${problem.seed}/calibration/${method}/gen/${generation}/proposal/${index}/rep/${r}`;
    seeds.push(seedrandom(key).int32() >>> 0);
  }
  return seeds;
}

/**
 * Scaled Euclidean distance between simulated and observed targets:
 * sqrt(sum over targets of ((simulated - observed) / scale)^2). A distance of 1 is a miss of one
 * standard error (or tolerance) on one target, or of 1/sqrt(2) of one on each of two.
 *
 * @example
 * // misses of 3 (scale 1) and 2 (scale 0.5): sqrt(3^2 + 4^2) = 5
 * scaledDistance([13, 7], [{ name: 'a', observed: 10, scale: 1 }, { name: 'b', observed: 5, scale: 0.5 }]); // 5
 */
export function scaledDistance(simulated: readonly number[], targets: readonly Target[]): number {
  let sum = 0;
  targets.forEach((target, j) => {
    const z = ((simulated[j] as number) - target.observed) / target.scale;
    sum += z * z;
  });
  return Math.sqrt(sum);
}

/** Mean over replicates of each target's value. */
export function replicateMeans(values: ReplicateValues, targetCount: number): number[] {
  const means = new Array<number>(targetCount).fill(0);
  for (const row of values) for (let j = 0; j < targetCount; j += 1) means[j] = (means[j] as number) + (row[j] as number) / values.length;
  return means;
}

function paramsOf(priors: readonly Prior[], particle: readonly number[]): Record<string, number> {
  const params: Record<string, number> = {};
  priors.forEach((prior, k) => {
    params[prior.name] = particle[k] as number;
  });
  return params;
}

function checkValues(values: ReplicateValues, problem: CalibrationProblem): void {
  const ok =
    Array.isArray(values) &&
    values.length === problem.replicates &&
    values.every((row) => Array.isArray(row) && row.length === problem.targets.length && row.every(Number.isFinite));
  if (!ok) {
    throw new Error(
      `calibration: the simulator must return ${problem.replicates} rows of ${problem.targets.length} finite numbers`,
    );
  }
}

/**
 * Simulates the proposals `particles[i]` (generation `generation`, proposal numbers
 * `firstIndex + i`), `concurrency` at a time, and returns their evaluations in proposal order.
 */
export async function evaluateProposals(
  problem: CalibrationProblem,
  method: string,
  generation: number,
  firstIndex: number,
  particles: readonly (readonly number[])[],
): Promise<Evaluation[]> {
  return Promise.all(
    particles.map(async (particle, i) => {
      const seeds = replicateSeedsOf(problem, method, generation, firstIndex + i);
      const values = await problem.simulate(paramsOf(problem.priors, particle), seeds);
      checkValues(values, problem);
      const simulatedMeans = replicateMeans(values, problem.targets.length);
      return { particle, simulatedMeans, distance: scaledDistance(simulatedMeans, problem.targets), values };
    }),
  );
}
