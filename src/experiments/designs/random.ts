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
  return Array.from(randomPoints(factors, options));
}

/**
 * The points of `random(factors, options)`, one at a time: each factor's stream is advanced one
 * draw per point, so only the k generators are held in memory, whatever the number of samples.
 * Validation happens when this is called.
 *
 * @throws DesignError on invalid factors or options.
 * @example
 * [...randomPoints([{ name: 'a', min: 0, max: 1 }], { samples: 3, seed: 1 })].length; // 3
 */
export function randomPoints(factors: readonly Factor[], options: RandomOptions): Iterable<DesignPoint> {
  const n = randomSize(factors, options);
  return {
    *[Symbol.iterator]() {
      const streams = factors.map((factor) => makeRandom(`${options.seed}/random/${factor.name}`));
      for (let index = 0; index < n; index += 1) {
        const values: Record<string, FactorValue> = {};
        factors.forEach((factor, d) => {
          values[factor.name] = valueAtUnit(factor, streams[d]());
        });
        yield { index, values };
      }
    },
  };
}
