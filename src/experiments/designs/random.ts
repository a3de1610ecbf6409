/**
 * Simple random (Monte Carlo) design: independent draws of every factor.
 */
import { makeRandom } from '../random.js';
import { requireCount, validateFactors, valueAtUnit } from './factors.js';
import type { DesignPoint, Factor, FactorValue } from './factors.js';

export interface RandomOptions {
  /** Number of design points (>= 1). */
  readonly samples: number;
  /** Seed of the design; the same (factors, samples, seed) always give the same design. */
  readonly seed: number | string;
}

/**
 * Number of points of the random design: `samples`.
 *
 * @throws DesignError on invalid factors or options.
 * @example
 * randomSize([{ name: 'a', min: 0, max: 1 }], { samples: 20, seed: 1 }); // 20
 */
export function randomSize(factors: readonly Factor[], options: Pick<RandomOptions, 'samples'>): number {
  validateFactors(factors);
  requireCount(options.samples, 'random design samples', 1);
  return options.samples;
}

/**
 * Random design: `samples` points, each factor drawn independently, range factors uniformly (or
 * log-uniformly, or uniformly over the integers min..max; see `rangeValueAtUnit`), list factors
 * uniformly over their values.
 *
 * Each factor has its own stream, `makeRandom(`${seed}/random/${factor.name}`)`, so adding or
 * removing a factor leaves the other factors' columns unchanged.
 *
 * @throws DesignError on invalid factors or options.
 * @example
 * random([{ name: 'a', min: 0, max: 10 }], { samples: 2, seed: 1 }); // two points, a in [0, 10]
 */
export function random(factors: readonly Factor[], options: RandomOptions): DesignPoint[] {
  const n = randomSize(factors, options);
  const columns: FactorValue[][] = factors.map((factor) => {
    const rng = makeRandom(`${options.seed}/random/${factor.name}`);
    return Array.from({ length: n }, () => valueAtUnit(factor, rng()));
  });
  return Array.from({ length: n }, (_, index) => {
    const values: Record<string, FactorValue> = {};
    factors.forEach((factor, d) => {
      values[factor.name] = columns[d][index];
    });
    return { index, values };
  });
}
