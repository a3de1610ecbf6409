/**
 * Latin hypercube design (McKay, Beckman and Conover 1979).
 */
import { makeRandom, randomPermutation } from '../random.js';
import { isListFactor, requireCount, validateFactors, valueAtUnit } from './factors.js';
import type { DesignPoint, Factor, FactorValue } from './factors.js';

export interface LhsOptions {
  /** Number of design points n (>= 1); each factor's unit interval is cut into n strata. */
  readonly samples: number;
  /** Seed of the design; the same (factors, samples, seed) always give the same design. */
  readonly seed: number | string;
}

/**
 * Number of points of the Latin hypercube design: `samples`.
 *
 * @throws DesignError on invalid factors or options.
 * @example
 * lhsSize([{ name: 'a', min: 0, max: 1 }], { samples: 20, seed: 1 }); // 20
 */
export function lhsSize(factors: readonly Factor[], options: Pick<LhsOptions, 'samples'>): number {
  validateFactors(factors);
  requireCount(options.samples, 'Latin hypercube samples', 1);
  return options.samples;
}

/**
 * The unit-interval coordinates of one factor's column in a Latin hypercube of n points: point j
 * lies in stratum perm[j] of [0, 1] cut into n equal strata, at u_j = (perm[j] + v_j) / n with perm
 * a random permutation of 0..n-1 and v_j uniform on [0, 1) (jittered), or v_j = 1/2 when
 * `centred`. Draws n - 1 numbers for the permutation, then n jitters (also when centred, so the
 * stream use does not depend on the factor kind).
 *
 * @example
 * lhsUnitColumn(makeRandom(1), 4, false); // four numbers, one in each of [0,.25), [.25,.5), [.5,.75), [.75,1)
 */
export function lhsUnitColumn(rng: () => number, n: number, centred: boolean): number[] {
  const perm = randomPermutation(rng, n);
  return perm.map((stratum) => {
    const jitter = rng();
    return (stratum + (centred ? 0.5 : jitter)) / n;
  });
}

/**
 * Latin hypercube design: for each factor, the n points fall one in each of n equal-probability
 * strata, in a random order independent between factors. Range factors are jittered within the
 * stratum and mapped through the factor's distribution (`rangeValueAtUnit`), so each of the n
 * quantile intervals of the distribution holds exactly one point. A list factor with m values maps
 * stratum s to value index floor((s + 1/2) m / n) (the stratum's midpoint), so every value appears
 * floor(n/m) or ceil(n/m) times.
 *
 * Each factor has its own stream, `makeRandom(`${seed}/lhs/${factor.name}`)`, so adding or removing
 * a factor leaves the other factors' columns unchanged.
 *
 * @throws DesignError on invalid factors or options.
 * @example
 * lhs([{ name: 'a', min: 0, max: 1 }], { samples: 4, seed: 1 }); // one a in each quarter of [0, 1]
 */
export function lhs(factors: readonly Factor[], options: LhsOptions): DesignPoint[] {
  return Array.from(lhsPoints(factors, options));
}

/**
 * The points of `lhs(factors, options)`, one at a time. Each factor's stratum permutation (n
 * integers) is drawn up front, as `lhsUnitColumn` does, and the jitters are drawn point by point
 * from the same stream, so memory is k permutations of n integers (about 8 k n bytes), not the
 * points themselves. Validation happens when this is called.
 *
 * @throws DesignError on invalid factors or options.
 * @example
 * [...lhsPoints([{ name: 'a', min: 0, max: 1 }], { samples: 4, seed: 1 })].length; // 4
 */
export function lhsPoints(factors: readonly Factor[], options: LhsOptions): Iterable<DesignPoint> {
  const n = lhsSize(factors, options);
  return {
    *[Symbol.iterator]() {
      const streams = factors.map((factor) => makeRandom(`${options.seed}/lhs/${factor.name}`));
      // Same draws, in the same order, as lhsUnitColumn: the permutation first, then one jitter per point.
      const perms = streams.map((rng) => randomPermutation(rng, n));
      for (let index = 0; index < n; index += 1) {
        const values: Record<string, FactorValue> = {};
        factors.forEach((factor, d) => {
          const jitter = streams[d]();
          const u = (perms[d][index] + (isListFactor(factor) ? 0.5 : jitter)) / n;
          values[factor.name] = valueAtUnit(factor, u);
        });
        yield { index, values };
      }
    },
  };
}
