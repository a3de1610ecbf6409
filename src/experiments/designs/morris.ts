/**
 * Morris elementary-effects screening: one-at-a-time trajectories (Morris 1991, "Factorial sampling
 * plans for preliminary computational experiments", Technometrics 33(2), 161-174) and the mu*
 * measure of Campolongo, Cariboni and Saltelli (2007), "An effective screening design for
 * sensitivity analysis of large models", Environmental Modelling & Software 22(10), 1509-1518.
 *
 * Scaling: elementary effects are computed in unit-hypercube coordinates,
 *   EE_i = (f(x + delta e_i) - f(x)) / delta,   delta = p / (2 (p - 1)),
 * where x + delta e_i moves factor i by delta of its unit interval (delta (max - min) on a uniform
 * range). So for f = c * x_i on a uniform range [min, max], EE_i = c (max - min): effects of
 * factors with different units and ranges are comparable, each measured over its full range.
 */
import { makeRandom, randomIndex, randomPermutation } from '../random.js';
import { summarize } from '../stats.js';
import { DesignError, rangeValueAtUnit, requireCount, requireRangeFactors } from './factors.js';
import type { DesignPoint, Factor, FactorValue, RangeFactor } from './factors.js';

export interface MorrisOptions {
  /** Number of trajectories r (>= 2, so that sigma is defined). The design has r (k + 1) points. */
  readonly trajectories: number;
  /** Number of grid levels p per factor: an even integer >= 2; default 4. */
  readonly levels?: number;
  /** Seed of the design; the same (factors, options, seed) always give the same design. */
  readonly seed: number | string;
}

/** One move of a trajectory: factor `factorIndex` goes up (+1) or down (-1) by delta. */
export interface MorrisStep {
  readonly factorIndex: number;
  readonly direction: 1 | -1;
}

/**
 * A Morris design and what `morrisIndices` needs to analyse it. Layout: trajectory t occupies
 * points t (k + 1) .. t (k + 1) + k; step m (1..k) of trajectory t, `steps[t][m - 1]`, leads from
 * point t (k + 1) + m - 1 to point t (k + 1) + m.
 */
export interface MorrisDesign {
  readonly kind: 'morris';
  readonly factors: readonly RangeFactor[];
  /** r. */
  readonly trajectories: number;
  /** p. */
  readonly levels: number;
  /** Step in unit coordinates, p / (2 (p - 1)). */
  readonly delta: number;
  readonly points: DesignPoint[];
  /** Unit-hypercube coordinates of each point (on the grid {0, 1/(p-1), ..., 1}), same order as `points`. */
  readonly unitPoints: readonly (readonly number[])[];
  /** steps[t] lists the k moves of trajectory t in order; each factor moves exactly once. */
  readonly steps: readonly (readonly MorrisStep[])[];
}

/** Morris measures of one factor, over the r elementary effects EE_i (unit-cube scaling). */
export interface MorrisFactorIndices {
  readonly name: string;
  /** mean |EE_i| (Campolongo et al. 2007): overall importance, not cancelled by sign changes. */
  readonly muStar: number;
  /** mean EE_i (Morris 1991): overall effect with its sign. */
  readonly mu: number;
  /** Sample standard deviation of EE_i (divisor r - 1): nonlinearity and interactions. */
  readonly sigma: number;
}

/** Default number of Morris grid levels p. */
export const DEFAULT_MORRIS_LEVELS = 4;

function checkOptions(
  factors: readonly Factor[],
  options: Pick<MorrisOptions, 'trajectories' | 'levels'>,
): { ranges: readonly RangeFactor[]; levels: number } {
  const ranges = requireRangeFactors(factors, 'morris');
  requireCount(options.trajectories, 'morris trajectories', 2);
  const levels = options.levels ?? DEFAULT_MORRIS_LEVELS;
  requireCount(levels, 'morris levels', 2);
  if (levels % 2 !== 0) {
    throw new DesignError(`morris levels must be even (so that delta = p/(2(p-1)) lies on the grid), got ${levels}`);
  }
  return { ranges, levels };
}

/**
 * Number of points of the Morris design: r (k + 1) for r trajectories and k factors.
 *
 * @throws DesignError on invalid factors (list factors included) or options.
 * @example
 * morrisSize([{ name: 'a', min: 0, max: 1 }, { name: 'b', min: 0, max: 1 }], { trajectories: 10 }); // 30
 */
export function morrisSize(factors: readonly Factor[], options: Pick<MorrisOptions, 'trajectories' | 'levels'>): number {
  const { ranges } = checkOptions(factors, options);
  return options.trajectories * (ranges.length + 1);
}

/**
 * Morris (1991) trajectory design on the p-level grid {0, 1/(p-1), ..., 1}^k with step
 * delta = p / (2 (p - 1)). Each trajectory: a base point x* with every coordinate drawn uniformly
 * from the levels 0 .. 1 - delta, a random direction per factor (up from x*_i, or down from
 * x*_i + delta), and a random order of the factors; starting point, then k moves of one factor
 * each by +-delta (the matrix B* = (J x* + (delta/2)((2B - J) D* + J)) P* of Morris 1991).
 * Unit coordinates are mapped to factor values with `rangeValueAtUnit`. Only range factors.
 *
 * One stream for the whole design, `makeRandom(`${seed}/morris`)`; per trajectory it draws k base
 * levels, k directions, then the k - 1 draws of the factor permutation.
 *
 * @throws DesignError on invalid factors (list factors included) or options.
 * @example
 * morris([{ name: 'a', min: 0, max: 1 }], { trajectories: 2, seed: 1 }).points.length; // 4
 */
export function morris(factors: readonly Factor[], options: MorrisOptions): MorrisDesign {
  const { ranges, levels: p } = checkOptions(factors, options);
  const points: DesignPoint[] = [];
  const unitPoints: number[][] = [];
  const steps: MorrisStep[][] = [];
  for (const trajectory of morrisTrajectories(ranges, options.trajectories, p, options.seed)) {
    points.push(...trajectory.points);
    unitPoints.push(...trajectory.unitPoints);
    steps.push(trajectory.steps);
  }
  const half = p / 2;
  return { kind: 'morris', factors: ranges, trajectories: options.trajectories, levels: p, delta: half / (p - 1), points, unitPoints, steps };
}

/**
 * The points of `morris(factors, options).points`, one at a time, in the same order: one
 * trajectory (k + 1 points) is generated at a time, so memory does not grow with r. Validation
 * happens when this is called.
 *
 * @throws DesignError on invalid factors (list factors included) or options.
 * @example
 * [...morrisPoints([{ name: 'a', min: 0, max: 1 }], { trajectories: 2, seed: 1 })].length; // 4
 */
export function morrisPoints(factors: readonly Factor[], options: MorrisOptions): Iterable<DesignPoint> {
  const { ranges, levels: p } = checkOptions(factors, options);
  return {
    *[Symbol.iterator]() {
      for (const trajectory of morrisTrajectories(ranges, options.trajectories, p, options.seed)) yield* trajectory.points;
    },
  };
}

/**
 * What `morrisIndices` needs of a design: its factors, r, delta and the steps (r k small records),
 * without the points. Same result as taking these fields of `morris(factors, options)`.
 *
 * @throws DesignError on invalid factors (list factors included) or options.
 */
export function morrisLayout(factors: readonly Factor[], options: MorrisOptions): MorrisLayout {
  const { ranges, levels: p } = checkOptions(factors, options);
  const steps: MorrisStep[][] = [];
  for (const trajectory of morrisTrajectories(ranges, options.trajectories, p, options.seed)) steps.push(trajectory.steps);
  return { factors: ranges, trajectories: options.trajectories, delta: p / 2 / (p - 1), steps };
}

/** What `morrisIndices` reads of a design. */
export type MorrisLayout = Pick<MorrisDesign, 'factors' | 'trajectories' | 'delta' | 'steps'>;

interface Trajectory {
  readonly points: DesignPoint[];
  readonly unitPoints: number[][];
  readonly steps: MorrisStep[];
}

/** The trajectories of the design one by one (the draws are described at `morris`). */
function* morrisTrajectories(ranges: readonly RangeFactor[], r: number, p: number, seed: number | string): Generator<Trajectory> {
  const k = ranges.length;
  const half = p / 2; // delta in grid steps: delta = (p/2) / (p - 1)
  const rng = makeRandom(`${seed}/morris`);
  let index = 0;
  const toPoint = (unit: number[]): DesignPoint => {
    const values: Record<string, FactorValue> = {};
    ranges.forEach((factor, d) => {
      values[factor.name] = rangeValueAtUnit(factor, unit[d]);
    });
    return { index: index++, values };
  };
  for (let t = 0; t < r; t += 1) {
    const baseLevel = Array.from({ length: k }, () => randomIndex(rng, half));
    const direction = Array.from({ length: k }, (): 1 | -1 => (rng() < 0.5 ? 1 : -1));
    const order = randomPermutation(rng, k);
    // Work in integer grid levels so that every coordinate is exactly level / (p - 1).
    const level = baseLevel.map((b, i) => (direction[i] === 1 ? b : b + half));
    const unitPoints: number[][] = [level.map((l) => l / (p - 1))];
    const steps: MorrisStep[] = [];
    for (const i of order) {
      level[i] += direction[i] * half;
      unitPoints.push(level.map((l) => l / (p - 1)));
      steps.push({ factorIndex: i, direction: direction[i] });
    }
    yield { points: unitPoints.map(toPoint), unitPoints, steps };
  }
}

/**
 * Morris measures from the outputs of a `morris` design (`outputs[i]` is the model output at
 * `design.points[i]`): for each factor the r elementary effects, one per trajectory,
 * EE_i = direction * (f(after) - f(before)) / delta in unit-cube coordinates (see the file
 * comment), summarized as mu* = mean |EE_i| (Campolongo et al. 2007), mu = mean EE_i and
 * sigma = sample SD of EE_i (Morris 1991).
 *
 * @throws RangeError if the outputs do not match the design or are not finite.
 * @example
 * // f = 10 x1 + 5 x2 on [0,1]^2 (linear): mu* = mu = [10, 5], sigma = [0, 0] (up to rounding)
 * morrisIndices(design, design.unitPoints.map(([x1, x2]) => 10 * x1 + 5 * x2));
 */
export function morrisIndices(design: MorrisLayout, outputs: readonly number[]): MorrisFactorIndices[] {
  const k = design.factors.length;
  const r = design.trajectories;
  if (outputs.length !== r * (k + 1)) {
    throw new RangeError(`morrisIndices: expected ${r * (k + 1)} outputs (one per design point), got ${outputs.length}`);
  }
  outputs.forEach((y, i) => {
    if (!Number.isFinite(y)) throw new RangeError(`morrisIndices: output of point ${i} is ${String(y)}, not a finite number`);
  });
  const effects: number[][] = Array.from({ length: k }, () => []);
  for (let t = 0; t < r; t += 1) {
    const start = t * (k + 1);
    design.steps[t].forEach((step, m) => {
      const change = outputs[start + m + 1] - outputs[start + m];
      effects[step.factorIndex].push((step.direction * change) / design.delta);
    });
  }
  return design.factors.map((factor, i) => {
    const ee = effects[i];
    const { mean, sd } = summarize(ee); // r >= 2 (checked when the design was made), so neither is null
    const muStar = ee.reduce((s, e) => s + Math.abs(e), 0) / ee.length;
    return { name: factor.name, muStar, mu: mean ?? Number.NaN, sigma: sd ?? Number.NaN };
  });
}
